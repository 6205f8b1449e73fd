#include "ingest/filebytestream.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>
#include <limits>

namespace flowlens {

std::string displayPath(const QString& path)
{
    return QDir::toNativeSeparators(path).toStdString();
}

FileByteStream::FileByteStream(const QString& path, std::uint64_t offset, std::uint64_t total, bool isRange)
    : m_file(path)
    , m_displayName(displayPath(path))
    , m_offset(offset)
    , m_total(total)
    , m_isRange(isRange)
{
}

std::unique_ptr<FileByteStream> FileByteStream::open(const QString& path, std::string& error)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        error = displayPath(path) + " is a folder, not a file";
        return nullptr;
    }
    std::unique_ptr<FileByteStream> stream(new FileByteStream(path, 0, 0, false));
    if (!stream->m_file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
        error = "cannot open " + stream->m_displayName + ": " + stream->m_file.errorString().toStdString();
        return nullptr;
    }
    stream->m_total = static_cast<std::uint64_t>(std::max<qint64>(stream->m_file.size(), 0));
    return stream;
}

std::unique_ptr<FileByteStream> FileByteStream::openRange(
    const QString& path, std::uint64_t offset, std::uint64_t length, std::string& error)
{
    std::unique_ptr<FileByteStream> stream = open(path, error);
    if (!stream) {
        return nullptr;
    }
    const std::uint64_t size = stream->m_total;
    if (offset > size || length > size - offset) {
        error = "cannot read bytes " + std::to_string(offset) + " to " + std::to_string(offset + length) + " of "
            + stream->m_displayName + ": the file has only " + std::to_string(size) + " bytes";
        return nullptr;
    }
    if (offset > static_cast<std::uint64_t>(std::numeric_limits<qint64>::max())
        || !stream->m_file.seek(static_cast<qint64>(offset))) {
        error = "cannot seek to byte " + std::to_string(offset) + " of " + stream->m_displayName + ": "
            + stream->m_file.errorString().toStdString();
        return nullptr;
    }
    stream->m_offset = offset;
    stream->m_total = length;
    stream->m_isRange = true;
    return stream;
}

ReadResult FileByteStream::read(char* buffer, std::size_t capacity)
{
    ReadResult result;
    if (!m_error.empty() || m_atEnd) {
        result.atEnd = true;
        result.error = m_error;
        return result;
    }
    while (result.size < capacity) {
        std::uint64_t want = capacity - result.size;
        if (m_isRange) {
            want = std::min<std::uint64_t>(want, m_total - m_read);
            if (want == 0) {
                m_atEnd = true;
                break;
            }
        }
        want = std::min<std::uint64_t>(want, std::uint64_t { 1 } << 30);
        const qint64 got = m_file.read(buffer + result.size, static_cast<qint64>(want));
        if (got < 0) {
            m_error = "cannot read " + m_displayName + " at byte " + std::to_string(position()) + ": "
                + m_file.errorString().toStdString();
            break;
        }
        if (got == 0) {
            if (m_isRange) {
                // The range was inside the file when it was opened: the file shrank since.
                m_error = m_displayName + " ends at byte " + std::to_string(position()) + ", before byte "
                    + std::to_string(m_offset + m_total) + " that was to be read: the file changed while it was read";
            }
            m_atEnd = true;
            break;
        }
        result.size += static_cast<std::size_t>(got);
        m_read += static_cast<std::uint64_t>(got);
    }
    if (m_isRange && m_read == m_total) {
        m_atEnd = true;
    }
    result.atEnd = m_atEnd || !m_error.empty();
    result.error = m_error;
    return result;
}

} // namespace flowlens
