#include "sourcereader.h"

#include "inflatingbytestream.h"

#include <QFileInfo>
#include <algorithm>
#include <cstring>

namespace flowlens {

namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr std::size_t kMaxLineBytes = 64 * 1024 * 1024;
constexpr std::size_t kEventsPerBlock = 16 * 1024;

// Cheap test before the full header check: the first word is a field name AWS defines.
bool mayBeHeader(const char* line, std::size_t size)
{
    if (size == 0 || line[0] < 'a' || line[0] > 'z') {
        return false;
    }
    std::size_t i = 0;
    while (i < size && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
        const char c = line[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
            return false;
        }
        ++i;
    }
    return fieldByAwsName(std::string_view(line, i)).has_value();
}

// Reads until `buffer` holds `target` bytes or the stream ends or breaks.
ReadResult fill(ByteStream& stream, BlockBuffer& buffer, std::size_t target, std::atomic<std::uint64_t>& bytesRead,
    std::uint64_t& lastReported)
{
    buffer.reserve(target);
    ReadResult last;
    while (buffer.size() < target) {
        ReadResult r = stream.read(buffer.data() + buffer.size(), target - buffer.size());
        buffer.setSize(buffer.size() + r.size);
        const std::uint64_t now = stream.sourceBytesRead();
        bytesRead.fetch_add(now - lastReported, std::memory_order_relaxed);
        lastReported = now;
        if (!r.error.empty() || r.atEnd) {
            last.atEnd = true;
            last.error = std::move(r.error);
            return last;
        }
    }
    return last;
}

std::shared_ptr<const BlockBuffer> toBuffer(const std::string& text)
{
    auto buffer = std::make_shared<BlockBuffer>(std::max<std::size_t>(text.size(), 1));
    std::memcpy(buffer->data(), text.data(), text.size());
    buffer->setSize(text.size());
    return buffer;
}

} // namespace

SourceReader::SourceReader(SourceId source, QString path, Options options)
    : m_source(source)
    , m_path(std::move(path))
    , m_options(std::move(options))
{
    m_format = m_options.format ? m_options.format : std::make_shared<const RecordFormat>(RecordFormat::defaultV2());
    if (!m_options.pool) {
        m_options.pool = std::make_shared<BufferPool>(m_options.blockBytes);
    }
}

std::uint64_t SourceReader::fileSize(const QString& path)
{
    return static_cast<std::uint64_t>(QFileInfo(path).size());
}

void SourceReader::useFormat(std::shared_ptr<const RecordFormat> format)
{
    m_format = std::move(format);
}

SourceReader::Result SourceReader::read(
    const Emit& emit, const std::atomic<bool>& cancel, std::atomic<std::uint64_t>& bytesRead)
{
    std::string error;
    std::unique_ptr<ByteStream> stream = openByteStream(m_path, error, m_options.backend);
    if (!stream) {
        m_result.error = error;
        return m_result;
    }
    std::shared_ptr<BlockBuffer> head = m_options.pool->acquire();
    std::uint64_t reported = 0;
    ReadResult first = fill(*stream, *head, kSniffBytes, bytesRead, reported);
    const ContainerKind kind = sniffContainer(std::string_view(head->data(), head->size()));
    m_result.container = kind;
    m_result.gzip = dynamic_cast<const InflatingByteStream*>(stream.get()) != nullptr;
    if (head->size() == 0 && !first.error.empty()) {
        m_result.error = first.error;
        return m_result;
    }
    if (head->size() == 0) {
        m_result.error = "is empty";
        return m_result;
    }
    switch (kind) {
    case ContainerKind::Parquet:
        m_result.error = "is a Parquet file; FlowLens reads flow logs delivered as text (plain or .gz) — "
                         "deliver the flow log as text, or convert the file";
        return m_result;
    case ContainerKind::Unknown:
        m_result.error = "is not a VPC flow log: it holds binary data, not text";
        return m_result;
    case ContainerKind::CloudWatchJson:
        readCloudWatchJson(*stream, std::move(head), emit, cancel, bytesRead);
        break;
    default:
        readText(*stream, kind, std::move(head), emit, cancel, bytesRead);
        break;
    }
    // The sniffing read may already have hit the end or the damage.
    if (m_result.error.empty() && !first.error.empty()) {
        m_result.error = first.error;
    }
    m_result.lines = m_nextLine - 1;
    return m_result;
}

void SourceReader::readText(ByteStream& stream, ContainerKind kind, std::shared_ptr<BlockBuffer> buffer,
    const Emit& emit, const std::atomic<bool>& cancel, std::atomic<std::uint64_t>& bytesRead)
{
    std::uint64_t reported = stream.sourceBytesRead();
    std::size_t target = std::max(m_options.blockBytes, buffer->size());
    bool atEnd = false;
    bool damaged = false;
    while (true) {
        if (!atEnd) {
            ReadResult r = fill(stream, *buffer, target, bytesRead, reported);
            atEnd = r.atEnd;
            if (!r.error.empty()) {
                damaged = true;
                m_result.error = std::move(r.error);
            }
        }
        const std::size_t size = buffer->size();
        std::size_t complete = 0;
        if (atEnd && !damaged) {
            complete = size;
        } else {
            const void* lastNewline = memrchr(buffer->data(), '\n', size);
            complete = lastNewline
                ? static_cast<std::size_t>(static_cast<const char*>(lastNewline) - buffer->data()) + 1
                : 0;
        }
        if (complete == 0 && !atEnd) {
            if (size >= kMaxLineBytes) {
                m_result.error = "line " + std::to_string(m_nextLine) + " is longer than 64 MiB; stopped reading";
                return;
            }
            target *= 2; // one line fills the block: read more before cutting
            continue;
        }
        if (kind == ContainerKind::PlainText) {
            emitPlainLines(buffer, 0, complete, emit);
        } else {
            emitWrappedLines(kind, *buffer, 0, complete, emit);
        }
        if (atEnd || cancel.load(std::memory_order_relaxed)) {
            return; // after damage, the partial line before it is dropped: the error says where
        }
        std::shared_ptr<BlockBuffer> next = m_options.pool->acquire();
        next->reserve(size - complete + 1);
        std::memcpy(next->data(), buffer->data() + complete, size - complete);
        next->setSize(size - complete);
        buffer = std::move(next);
        target = std::max(m_options.blockBytes, buffer->size() + 1);
    }
}

void SourceReader::emitPlainLines(
    const std::shared_ptr<BlockBuffer>& buffer, std::size_t begin, std::size_t end, const Emit& emit)
{
    const char* data = buffer->data();
    std::size_t blockStart = begin;
    std::uint64_t blockFirstLine = m_nextLine;
    auto flush = [&](std::size_t blockEnd) {
        if (blockEnd > blockStart) {
            if (m_result.formats.empty() || m_result.formats.back() != m_format->text()) {
                m_result.formats.push_back(m_format->text());
            }
            TextBlock block;
            block.source = m_source;
            block.format = m_format;
            block.buffer = buffer;
            block.begin = blockStart;
            block.end = blockEnd;
            block.firstLine = blockFirstLine;
            emit(std::move(block));
        }
    };
    std::size_t pos = begin;
    while (pos < end) {
        const auto* newline = static_cast<const char*>(std::memchr(data + pos, '\n', end - pos));
        const std::size_t lineEnd = newline ? static_cast<std::size_t>(newline - data) : end;
        if (mayBeHeader(data + pos, lineEnd - pos)) {
            if (auto header = RecordFormat::fromHeaderLine(std::string_view(data + pos, lineEnd - pos))) {
                flush(pos);
                m_result.sawHeader = true;
                if (!(*header == *m_format)) {
                    useFormat(std::make_shared<const RecordFormat>(std::move(*header)));
                }
                blockStart = std::min(lineEnd + 1, end);
                blockFirstLine = m_nextLine + 1;
            }
        }
        ++m_nextLine;
        pos = lineEnd + 1;
    }
    flush(std::min(end, pos));
}

void SourceReader::emitWrappedLines(
    ContainerKind kind, const BlockBuffer& buffer, std::size_t begin, std::size_t end, const Emit& emit)
{
    std::string text;
    text.reserve(end - begin);
    TextBlock block;
    block.source = m_source;
    block.format = m_format;
    block.firstLine = m_nextLine;
    std::string error;
    std::uint32_t index = 0;
    std::size_t pos = begin;
    while (pos < end) {
        const auto* newline = static_cast<const char*>(std::memchr(buffer.data() + pos, '\n', end - pos));
        const std::size_t lineEnd = newline ? static_cast<std::size_t>(newline - buffer.data()) : end;
        const std::string_view line(buffer.data() + pos, lineEnd - pos);
        std::int64_t timestamp = kNull;
        std::int32_t stream = -1;
        if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
            error.clear();
            auto event = kind == ContainerKind::JsonLines ? parseJsonLine(line, error) : parseExportLine(line, error);
            if (event) {
                std::replace(event->message.begin(), event->message.end(), '\n', ' ');
                text += event->message;
                timestamp = event->timestampMs.value_or(kNull);
                if (!event->logStream.empty()) {
                    auto it = std::find(block.streams.begin(), block.streams.end(), event->logStream);
                    stream = static_cast<std::int32_t>(it - block.streams.begin());
                    if (it == block.streams.end()) {
                        block.streams.push_back(event->logStream);
                    }
                }
            } else {
                block.lineErrors.emplace_back(index, error);
            }
        }
        text += '\n';
        block.timestamps.push_back(timestamp);
        block.streamIndex.push_back(stream);
        ++index;
        ++m_nextLine;
        pos = lineEnd + 1;
    }
    if (m_result.formats.empty()) {
        m_result.formats.push_back(m_format->text());
    }
    block.buffer = toBuffer(text);
    block.end = text.size();
    emit(std::move(block));
}

void SourceReader::readCloudWatchJson(ByteStream& stream, std::shared_ptr<BlockBuffer> document, const Emit& emit,
    const std::atomic<bool>& cancel, std::atomic<std::uint64_t>& bytesRead)
{
    std::uint64_t reported = stream.sourceBytesRead();
    while (!cancel.load(std::memory_order_relaxed)) {
        ReadResult r
            = fill(stream, *document, std::max(document->capacity(), document->size() * 2), bytesRead, reported);
        if (!r.error.empty()) {
            m_result.error = r.error;
            return; // a JSON document cut short cannot be parsed reliably
        }
        if (r.atEnd) {
            break;
        }
    }
    EventExtraction extraction = extractCloudWatchEvents(std::string_view(document->data(), document->size()));
    document.reset();
    if (!extraction.error.empty()) {
        m_result.error = extraction.error;
    }
    m_result.formats.push_back(m_format->text());
    for (std::size_t first = 0; first < extraction.events.size(); first += kEventsPerBlock) {
        const std::size_t last = std::min(extraction.events.size(), first + kEventsPerBlock);
        std::string text;
        TextBlock block;
        block.source = m_source;
        block.format = m_format;
        block.firstLine = first + 1; // for JSON, the "line" is the event's position in the file
        for (std::size_t i = first; i < last; ++i) {
            LogEvent& event = extraction.events[i];
            std::replace(event.message.begin(), event.message.end(), '\n', ' ');
            text += event.message;
            text += '\n';
            block.timestamps.push_back(event.timestampMs.value_or(kNull));
            std::int32_t streamIndex = -1;
            if (!event.logStream.empty()) {
                auto it = std::find(block.streams.begin(), block.streams.end(), event.logStream);
                streamIndex = static_cast<std::int32_t>(it - block.streams.begin());
                if (it == block.streams.end()) {
                    block.streams.push_back(event.logStream);
                }
            }
            block.streamIndex.push_back(streamIndex);
        }
        block.buffer = toBuffer(text);
        block.end = text.size();
        emit(std::move(block));
    }
    m_nextLine = extraction.events.size() + 1;
}

} // namespace flowlens
