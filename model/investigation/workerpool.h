#pragma once

class QThreadPool;

namespace flowlens {

// The threads of the investigation's background jobs: computing the panes, findings, sorting the
// table, queries and exports. Not Qt's global pool: on Qt 6.4 the raster paint engine hands parts
// of a drawing to global-pool threads and waits for them, so a long job there stalls painting.
// The jobs spread their own work over the cores; the pool only needs a thread per job that may run
// at once (a computation, its findings, a sort and a query or export), so none waits behind another.
QThreadPool* investigationPool();

} // namespace flowlens
