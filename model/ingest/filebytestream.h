#pragma once

#include "ingest/bytestream.h"

#include <QFile>
#include <QString>
#include <cstdint>
#include <memory>
#include <string>

namespace flowlens {

// The bytes of a file, or of a byte range of it, read straight into the caller's buffer
// (unbuffered QFile: no copy, no mmap, so resident memory stays at the caller's buffer).
class FileByteStream final : public ByteStream {
public:
    // Opens the whole file. Returns nullptr and sets `error` when it cannot be opened.
    static std::unique_ptr<FileByteStream> open(const QString& path, std::string& error);
    // Opens [offset, offset + length); the range must lie inside the file.
    static std::unique_ptr<FileByteStream> openRange(
        const QString& path, std::uint64_t offset, std::uint64_t length, std::string& error);

    ReadResult read(char* buffer, std::size_t capacity) override;
    std::uint64_t sourceBytesRead() const override { return m_read; }
    std::uint64_t sourceBytesTotal() const override { return m_total; }

    // The file's name as error messages show it.
    const std::string& displayName() const { return m_displayName; }
    // Absolute position in the file of the next byte to read.
    std::uint64_t position() const { return m_offset + m_read; }

private:
    FileByteStream(const QString& path, std::uint64_t offset, std::uint64_t total, bool isRange);

    QFile m_file;
    std::string m_displayName;
    std::uint64_t m_offset = 0; // where the stream starts in the file
    std::uint64_t m_total = 0; // file size, or the range's length
    std::uint64_t m_read = 0;
    bool m_isRange = false;
    bool m_atEnd = false;
    std::string m_error; // sticky once set
};

// How messages name a file: its path with native separators, as UTF-8.
std::string displayPath(const QString& path);

} // namespace flowlens
