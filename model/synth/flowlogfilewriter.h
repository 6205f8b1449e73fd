#pragma once

#include <QFile>
#include <QFuture>
#include <QString>
#include <QThreadPool>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace flowlens {

// Writes one output file of the generator, plain or gzip, in large writes.
//
// gzip is written the way pigz does it, so that both cores compress a benchmark file: each chunk
// passed to write() is deflated on its own thread, primed with the previous chunk's last 32 KiB
// and ended on a byte boundary, and the pieces are joined in order into a single gzip member with
// the CRCs combined. The bytes depend only on the text and the chunking, not on the thread count,
// and the header is fixed (no name, time 0, OS Unix), so the same text compresses alike everywhere.
class FlowLogFileWriter {
public:
    FlowLogFileWriter();
    ~FlowLogFileWriter();
    FlowLogFileWriter(const FlowLogFileWriter&) = delete;
    FlowLogFileWriter& operator=(const FlowLogFileWriter&) = delete;

    // Creates the file (and its parent folders). `gzipLevel` 0 writes plain text.
    bool open(const QString& path, int gzipLevel);
    bool write(std::string_view data);
    // Ends the gzip stream and closes the file.
    bool finish();

    const QString& error() const { return m_error; }
    std::uint64_t bytesWritten() const { return m_bytesWritten; }

    struct DeflatedChunk {
        std::vector<char> bytes;
        std::uint32_t crc = 0;
        std::uint64_t size = 0; // uncompressed
        bool ok = false;
    };

private:
    bool writeToFile(const char* data, std::size_t size);
    bool writeOldestChunk();
    bool fail(const QString& reason);

    QFile m_file;
    int m_gzipLevel = 0;
    QThreadPool m_pool;
    std::deque<QFuture<DeflatedChunk>> m_inFlight;
    std::string m_dictionary; // the last 32 KiB of text handed to the compressor
    std::uint32_t m_crc = 0;
    std::uint64_t m_textSize = 0;
    std::uint64_t m_bytesWritten = 0;
    QString m_error;
};

} // namespace flowlens
