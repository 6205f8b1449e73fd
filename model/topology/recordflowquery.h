#pragma once

#include "reachabilityanalyzer.h"
#include "store/flowstore.h"

#include <QString>
#include <optional>

namespace flowlens {

// The flow a record shows, as a question for ReachabilityAnalyzer: its source and destination
// addresses, protocol, destination port (TCP/UDP) and source port. nullopt, with the reason in
// *error, when the record lacks one of them ('-' in a NODATA or SKIPDATA record).
std::optional<FlowQuery> flowQueryOfRecord(const FlowStore& store, RowId row, QString* error = nullptr);

} // namespace flowlens
