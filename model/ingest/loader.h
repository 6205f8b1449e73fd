#pragma once

#include "bytestream.h"
#include "schema/recordformat.h"
#include "store/flowstore.h"

#include <QString>
#include <QStringList>
#include <bitset>
#include <functional>
#include <memory>

namespace flowlens {

struct LoadOptions {
    // The format of sources without a header line (CloudWatch events always); v2 default if null.
    std::shared_ptr<const RecordFormat> format;
    int parserThreads = 0; // 0: one per core
    int readerThreads = 2; // sources read at the same time
    std::size_t blockBytes = 2 * 1024 * 1024;
    InflateBackend backend = InflateBackend::Best;
    // The fields that get columns in the store (a query that reads a few fields loads only those);
    // every field is still checked, so the same lines count as malformed.
    std::bitset<FieldCount> fields = std::bitset<FieldCount>().set();
};

struct LoadProgress {
    std::uint64_t bytesRead = 0; // of the files (compressed bytes for gzip)
    std::uint64_t bytesTotal = 0;
    std::uint64_t records = 0;
    std::uint64_t errors = 0;
    std::size_t sourcesDone = 0;
    std::size_t sourcesTotal = 0;
    double seconds = 0;
};

struct LoadReport {
    std::vector<SourceId> sources; // in the store; details in FlowStore::source()
    QStringList problems; // paths that could not be opened at all (also in the sources' errors)
    std::uint64_t records = 0;
    std::uint64_t errors = 0;
    std::uint64_t bytes = 0;
    double seconds = 0;
    bool cancelled = false;
};

// Loads files and folders into a FlowStore: readers cut sources into line blocks, parser threads
// turn blocks into chunks and publish them to the store as they fill, so readers of the store see
// rows while the load runs. A cancelled or failed load keeps everything read so far.
class Loader {
public:
    // Called about ten times a second from the loading thread; return false to cancel.
    using ProgressCallback = std::function<bool(const LoadProgress&)>;

    static LoadReport load(FlowStore& store, const QStringList& paths, const LoadOptions& options = {},
        const ProgressCallback& progress = {});
};

} // namespace flowlens
