#include "pulledeventwriter.h"

#include <algorithm>

namespace flowlens {

namespace {
constexpr std::size_t kWriteBytes = std::size_t { 1 } << 20;
} // namespace

bool PulledEventWriter::flush()
{
    const bool ok = m_buffer.empty() || m_file.write(m_buffer);
    m_buffer.clear();
    return ok;
}

bool PulledEventWriter::open(const QString& path, QString& error)
{
    m_path = path;
    const int gzipLevel = path.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive) ? 6 : 0;
    if (!m_file.open(path, gzipLevel)) {
        error = m_file.error();
        return false;
    }
    m_open = true;
    return true;
}

bool PulledEventWriter::write(const RecordFormat& format, const QByteArray& message)
{
    if (!m_headerWritten) {
        m_headerWritten = true;
        m_buffer += format.text();
        m_buffer += '\n';
    }
    const std::size_t start = m_buffer.size();
    m_buffer.append(message.constData(), static_cast<std::size_t>(message.size()));
    std::replace(m_buffer.begin() + static_cast<std::ptrdiff_t>(start), m_buffer.end(), '\n', ' ');
    m_buffer += '\n';
    ++m_records;
    return m_buffer.size() < kWriteBytes || flush();
}

bool PulledEventWriter::close(QString& error)
{
    if (!m_open) {
        return true;
    }
    m_open = false;
    const bool flushed = flush();
    if (!m_file.finish() || !flushed) {
        error
            = m_file.error().isEmpty() ? m_path + QStringLiteral(": could not be written completely") : m_file.error();
        return false;
    }
    return true;
}

} // namespace flowlens
