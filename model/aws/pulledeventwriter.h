#pragma once

#include "schema/recordformat.h"
#include "synth/flowlogfilewriter.h"

#include <QByteArray>
#include <QString>
#include <cstdint>

namespace flowlens {

// Writes pulled CloudWatch events as an S3-style flow-log file (a header line naming the format,
// then one message a line), plain or gzip by the file name, so `summary` and the GUI read it back.
class PulledEventWriter {
public:
    bool open(const QString& path, QString& error);
    // Writes the header line before the first record (the format is known by then).
    bool write(const RecordFormat& format, const QByteArray& message);
    bool close(QString& error);
    std::uint64_t records() const { return m_records; }

private:
    bool flush();

    FlowLogFileWriter m_file; // deflates each write on its own: lines are gathered into large writes
    std::string m_buffer;
    QString m_path;
    bool m_open = false;
    bool m_headerWritten = false;
    std::uint64_t m_records = 0;
};

} // namespace flowlens
