#pragma once

#include "schema/recordformat.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace flowlens {

// Writes pulled CloudWatch events as an S3-style flow-log file: the format's header line, then one
// record per line; gzip-compressed when the name ends in ".gz". The loader reads it back as it
// reads AWS's own files.
class FlowLogFileWriter {
public:
    FlowLogFileWriter();
    ~FlowLogFileWriter();
    FlowLogFileWriter(const FlowLogFileWriter&) = delete;
    FlowLogFileWriter& operator=(const FlowLogFileWriter&) = delete;

    bool open(const QString& path, QString& error);
    // Writes the header line before the first record (the format is known by then).
    bool write(const RecordFormat& format, const QByteArray& message);
    bool close(QString& error);
    std::uint64_t records() const { return m_records; }

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    QString m_path;
    bool m_headerWritten = false;
    std::uint64_t m_records = 0;
};

} // namespace flowlens
