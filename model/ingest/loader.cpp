#include "loader.h"

#include "containers.h"
#include "recordparser.h"
#include "sourcereader.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>

namespace flowlens {

namespace {

constexpr std::size_t kQueueBlocks = 4;
constexpr std::size_t kErrorSamplesPerThread = FlowStore::kMaxErrorSamples;

// Blocks waiting for a parser thread. Bounded, so a fast reader cannot run ahead of the parsers
// and hold the file in memory twice.
class BlockQueue {
public:
    void push(TextBlock&& block)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [this] { return m_blocks.size() < kQueueBlocks || m_closed; });
        m_blocks.push_back(std::move(block));
        m_notEmpty.notify_one();
    }
    bool pop(TextBlock& block)
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [this] { return !m_blocks.empty() || m_closed; });
        if (m_blocks.empty()) {
            return false;
        }
        block = std::move(m_blocks.front());
        m_blocks.pop_front();
        m_notFull.notify_one();
        return true;
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }
    void discard()
    {
        std::lock_guard lock(m_mutex);
        m_blocks.clear();
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notEmpty;
    std::condition_variable m_notFull;
    std::deque<TextBlock> m_blocks;
    bool m_closed = false;
};

struct SourceCounts {
    std::uint64_t records = 0;
    std::uint64_t errors = 0;
    std::uint64_t firstErrorLine = 0;
    std::string firstError;
};

struct ParserResult {
    std::vector<SourceCounts> counts; // indexed by position in the load's source list
    std::vector<LineError> samples;
};

bool isBlank(std::string_view line)
{
    return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

void parseBlocks(BlockQueue& queue, FlowStore& store, const std::bitset<FieldCount>& fields, std::uint32_t firstSource,
    std::size_t sourceCount, const std::atomic<bool>& cancel, std::atomic<std::uint64_t>& records,
    std::atomic<std::uint64_t>& errors, ParserResult& result)
{
    result.counts.assign(sourceCount, {});
    ChunkBuilder builder([&store](RawChunk& raw) { store.append(raw); });
    builder.internIntoStore(store.ipv6Addresses());
    RecordParser parser(builder);
    parser.setStoredFields(fields);
    bool timestamps = false;
    bool streams = false;
    std::string error;
    TextBlock block;
    while (queue.pop(block)) {
        if (cancel.load(std::memory_order_relaxed)) {
            continue; // drain without parsing
        }
        if (parser.format() != block.format.get()) {
            parser.setFormat(block.format);
            builder.setFormatId(store.internFormat(*block.format));
        }
        if (timestamps != !block.timestamps.empty() || streams != !block.streams.empty()) {
            timestamps = !block.timestamps.empty();
            streams = !block.streams.empty();
            parser.setEventFields(timestamps, streams);
        }
        SourceCounts& counts = result.counts[block.source.value - firstSource];
        const char* data = block.buffer->data();
        std::size_t pos = block.begin;
        std::uint64_t lineNumber = block.firstLine;
        std::uint32_t index = 0;
        std::size_t nextLineError = 0;
        std::uint64_t added = 0;
        std::uint64_t failed = 0;
        EventMeta meta;
        // Plain text: the common line is parsed straight from the block, its end found with its
        // tokens; any other line, and the last ones of a block, take the loop below.
        const bool plain = !timestamps && !streams && block.lineErrors.empty();
        while (pos < block.end) {
            if (plain && block.end - pos >= RecordParser::kParseAtBytes) {
                if (const std::size_t taken = parser.parseAt(data + pos, block.source, lineNumber)) {
                    ++added;
                    ++lineNumber;
                    ++index;
                    pos += taken;
                    continue;
                }
            }
            const auto* newline = static_cast<const char*>(std::memchr(data + pos, '\n', block.end - pos));
            const std::size_t lineEnd = newline ? static_cast<std::size_t>(newline - data) : block.end;
            const std::string_view line(data + pos, lineEnd - pos);
            bool containerError = false;
            if (nextLineError < block.lineErrors.size() && block.lineErrors[nextLineError].first == index) {
                error = block.lineErrors[nextLineError++].second;
                containerError = true;
            }
            if (containerError || !isBlank(line)) {
                const EventMeta* lineMeta = nullptr;
                if (timestamps || streams) {
                    meta.timestampMs = timestamps && block.timestamps[index] != kNull
                        ? std::optional(block.timestamps[index])
                        : std::nullopt;
                    meta.logStream = streams && block.streamIndex[index] >= 0
                        ? std::string_view(block.streams[static_cast<std::size_t>(block.streamIndex[index])])
                        : std::string_view();
                    lineMeta = &meta;
                }
                if (!containerError && parser.parse(line, block.source, lineNumber, error, lineMeta)) {
                    ++added;
                } else {
                    ++failed;
                    if (counts.firstError.empty() || lineNumber < counts.firstErrorLine) {
                        counts.firstError = error;
                        counts.firstErrorLine = lineNumber;
                    }
                    if (result.samples.size() < kErrorSamplesPerThread) {
                        result.samples.push_back({ block.source, lineNumber, error });
                    }
                }
            }
            ++lineNumber;
            ++index;
            pos = lineEnd + 1;
        }
        counts.records += added;
        counts.errors += failed;
        records.fetch_add(added, std::memory_order_relaxed);
        errors.fetch_add(failed, std::memory_order_relaxed);
    }
    builder.flush();
}

QString containerLabel(const SourceReader::Result& read)
{
    const QString kind = QString::fromLatin1(containerKindName(read.container));
    return read.gzip ? QStringLiteral("gzip, ") + kind : kind;
}

// Stream errors name their file; the report puts the path in front of every error itself.
QString withoutPathPrefix(const QString& error, const QString& path)
{
    const QString native = QDir::toNativeSeparators(path) + QLatin1Char(' ');
    return error.startsWith(native) ? error.mid(native.size()) : error;
}

} // namespace

LoadReport Loader::load(
    FlowStore& store, const QStringList& paths, const LoadOptions& options, const ProgressCallback& progress)
{
    QElapsedTimer timer;
    timer.start();
    LoadReport report;

    QStringList expansionErrors;
    const QStringList files = expandSources(paths, expansionErrors);
    report.problems = expansionErrors;

    std::vector<SourceId> ids;
    std::uint64_t bytesTotal = 0;
    for (const QString& file : files) {
        SourceInfo info;
        info.path = file;
        ids.push_back(store.addSource(info));
        bytesTotal += SourceReader::fileSize(file);
    }
    report.sources = ids;
    if (ids.empty()) {
        report.seconds = timer.elapsed() / 1000.0;
        return report;
    }
    const std::uint32_t firstSource = ids.front().value;

    std::atomic<bool> cancel { false };
    std::atomic<std::uint64_t> bytesRead { 0 };
    std::atomic<std::uint64_t> records { 0 };
    std::atomic<std::uint64_t> errors { 0 };
    std::atomic<std::size_t> nextSource { 0 };
    std::atomic<std::size_t> sourcesDone { 0 };
    std::vector<SourceReader::Result> readResults(ids.size());
    BlockQueue queue;
    auto pool = std::make_shared<BufferPool>(options.blockBytes);

    const int cores = static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
    const int parserCount = options.parserThreads > 0 ? options.parserThreads : cores;
    const int readerCount = std::clamp(options.readerThreads, 1, static_cast<int>(ids.size()));

    std::vector<ParserResult> parserResults(static_cast<std::size_t>(parserCount));
    std::vector<std::thread> parsers;
    for (int i = 0; i < parserCount; ++i) {
        parsers.emplace_back([&, i] {
            parseBlocks(queue, store, options.fields, firstSource, ids.size(), cancel, records, errors,
                parserResults[static_cast<std::size_t>(i)]);
        });
    }
    std::vector<std::thread> readers;
    for (int i = 0; i < readerCount; ++i) {
        readers.emplace_back([&] {
            for (std::size_t s = nextSource++; s < ids.size() && !cancel.load(); s = nextSource++) {
                SourceReader::Options readerOptions;
                readerOptions.format = options.format;
                readerOptions.blockBytes = options.blockBytes;
                readerOptions.backend = options.backend;
                readerOptions.pool = pool;
                SourceReader reader(ids[s], files[static_cast<qsizetype>(s)], readerOptions);
                readResults[s]
                    = reader.read([&queue](TextBlock&& block) { queue.push(std::move(block)); }, cancel, bytesRead);
                ++sourcesDone;
            }
        });
    }

    auto snapshotProgress = [&] {
        LoadProgress p;
        p.bytesRead = bytesRead.load();
        p.bytesTotal = bytesTotal;
        p.records = records.load();
        p.errors = errors.load();
        p.sourcesDone = sourcesDone.load();
        p.sourcesTotal = ids.size();
        p.seconds = timer.elapsed() / 1000.0;
        return p;
    };
    // Wait for the readers, reporting progress; then let the parsers finish the queue.
    std::thread readersDone([&] {
        for (auto& t : readers) {
            t.join();
        }
        queue.close();
    });
    if (progress) {
        while (sourcesDone.load() < ids.size() && !cancel.load()) {
            if (!progress(snapshotProgress())) {
                cancel = true;
                queue.discard();
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
    }
    readersDone.join();
    for (auto& t : parsers) {
        t.join();
    }

    // Per-source results: counts from every parser thread, reader errors, and "not a flow log".
    std::vector<LineError> samples;
    for (std::size_t s = 0; s < ids.size(); ++s) {
        SourceInfo info = store.source(ids[s]);
        SourceCounts total;
        for (const ParserResult& r : parserResults) {
            const SourceCounts& c = r.counts[s];
            total.records += c.records;
            total.errors += c.errors;
            if (!c.firstError.empty() && (total.firstError.empty() || c.firstErrorLine < total.firstErrorLine)) {
                total.firstError = c.firstError;
                total.firstErrorLine = c.firstErrorLine;
            }
        }
        const SourceReader::Result& read = readResults[s];
        info.records = total.records;
        info.errors = total.errors;
        info.container = containerLabel(read);
        QStringList formats;
        for (const std::string& f : read.formats) {
            formats.append(QString::fromStdString(f));
        }
        info.format = formats.join(QStringLiteral(" | "));
        QString error = withoutPathPrefix(QString::fromStdString(read.error), info.path);
        if (total.records == 0 && total.errors > 0 && error.isEmpty()) {
            error = QStringLiteral("is not a VPC flow log: no line reads as a record (line %1: %2)")
                        .arg(total.firstErrorLine)
                        .arg(QString::fromStdString(total.firstError));
            if (!read.sawHeader) {
                error += QStringLiteral(", and no header line names the fields");
            }
        }
        info.error = error;
        store.updateSource(ids[s], info);
    }
    for (const ParserResult& r : parserResults) {
        samples.insert(samples.end(), r.samples.begin(), r.samples.end());
    }
    store.addErrors(samples);

    report.records = records.load();
    report.errors = errors.load();
    report.bytes = bytesRead.load();
    report.cancelled = cancel.load();
    report.seconds = timer.elapsed() / 1000.0;
    if (progress && !report.cancelled) {
        progress(snapshotProgress());
    }
    return report;
}

} // namespace flowlens
