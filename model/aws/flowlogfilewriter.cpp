#include "flowlogfilewriter.h"

#include <QFile>
#include <zlib.h>

namespace flowlens {

struct FlowLogFileWriter::Impl {
    QFile plain;
    gzFile gz = nullptr;
    bool failed = false;

    bool put(const QByteArray& bytes)
    {
        if (gz) {
            const int n = gzwrite(gz, bytes.constData(), static_cast<unsigned>(bytes.size()));
            failed = failed || n != bytes.size();
        } else {
            failed = failed || plain.write(bytes) != bytes.size();
        }
        return !failed;
    }
};

FlowLogFileWriter::FlowLogFileWriter()
    : m_impl(std::make_unique<Impl>())
{
}

FlowLogFileWriter::~FlowLogFileWriter()
{
    QString ignored;
    close(ignored);
}

bool FlowLogFileWriter::open(const QString& path, QString& error)
{
    m_path = path;
    if (path.endsWith(QLatin1String(".gz"), Qt::CaseInsensitive)) {
        m_impl->gz = gzopen(QFile::encodeName(path).constData(), "wb6");
        if (!m_impl->gz) {
            error = path + QStringLiteral(": cannot be created");
            return false;
        }
        return true;
    }
    m_impl->plain.setFileName(path);
    if (!m_impl->plain.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        error = path + QStringLiteral(": ") + m_impl->plain.errorString();
        return false;
    }
    return true;
}

bool FlowLogFileWriter::write(const RecordFormat& format, const QByteArray& message)
{
    if (!m_headerWritten) {
        m_headerWritten = true;
        m_impl->put(QByteArray::fromStdString(format.text()) + '\n');
    }
    QByteArray line = message;
    line.replace('\n', ' ');
    ++m_records;
    return m_impl->put(line + '\n');
}

bool FlowLogFileWriter::close(QString& error)
{
    bool ok = !m_impl->failed;
    if (m_impl->gz) {
        ok = gzclose(m_impl->gz) == Z_OK && ok;
        m_impl->gz = nullptr;
    } else if (m_impl->plain.isOpen()) {
        m_impl->plain.close();
        ok = ok && m_impl->plain.error() == QFileDevice::NoError;
    } else {
        return true;
    }
    if (!ok) {
        error = m_path + QStringLiteral(": could not be written completely");
    }
    return ok;
}

} // namespace flowlens
