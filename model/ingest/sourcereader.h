#pragma once

#include "bytestream.h"
#include "containers.h"
#include "textblock.h"

#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace flowlens {

// Reads one source (file) to its end and cuts it into TextBlocks: detects the container, follows
// S3 header lines (also ones repeated in the middle of joined files), numbers lines, unwraps
// CloudWatch JSON, JSON lines and export lines. Runs on a loader thread.
class SourceReader {
public:
    using Emit = std::function<void(TextBlock&&)>;

    struct Options {
        std::shared_ptr<const RecordFormat> format; // when there is no header; v2 default if null
        std::size_t blockBytes = 2 * 1024 * 1024;
        InflateBackend backend = InflateBackend::Best;
        std::shared_ptr<BufferPool> pool; // made per reader when null
    };

    struct Result {
        ContainerKind container = ContainerKind::Unknown;
        bool gzip = false; // the bytes were inflated from gzip
        std::vector<std::string> formats; // every format the source used, in order
        std::string error; // why reading stopped early; empty when read to the end
        std::uint64_t lines = 0;
        bool sawHeader = false;
    };

    SourceReader(SourceId source, QString path, Options options);

    // Reads everything, calling emit for each block; stops early when cancel becomes true.
    // bytesRead is advanced as the file is consumed (compressed bytes for gzip).
    Result read(const Emit& emit, const std::atomic<bool>& cancel, std::atomic<std::uint64_t>& bytesRead);

    static std::uint64_t fileSize(const QString& path);

private:
    void readText(ByteStream& stream, ContainerKind kind, std::shared_ptr<BlockBuffer> buffer, const Emit& emit,
        const std::atomic<bool>& cancel, std::atomic<std::uint64_t>& bytesRead);
    void readCloudWatchJson(ByteStream& stream, std::shared_ptr<BlockBuffer> document, const Emit& emit,
        const std::atomic<bool>& cancel, std::atomic<std::uint64_t>& bytesRead);
    // Emits lines [begin, end) of buffer for a plain-text source, cutting at header lines.
    void emitPlainLines(
        const std::shared_ptr<BlockBuffer>& buffer, std::size_t begin, std::size_t end, const Emit& emit);
    // Unwraps JSON-lines or export lines into record text plus per-line metadata.
    void emitWrappedLines(
        ContainerKind kind, const BlockBuffer& buffer, std::size_t begin, std::size_t end, const Emit& emit);
    void useFormat(std::shared_ptr<const RecordFormat> format);

    SourceId m_source;
    QString m_path;
    Options m_options;
    Result m_result;
    std::shared_ptr<const RecordFormat> m_format;
    std::uint64_t m_nextLine = 1;
};

} // namespace flowlens
