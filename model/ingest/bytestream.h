#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

class QString;

namespace flowlens {

// One read from a ByteStream. `error` is empty unless the stream broke; bytes returned before an
// error are good and must be used.
// A read fills a non-empty buffer unless the stream ends or breaks, so `size` is 0 only with
// `atEnd`. `atEnd` may come with the last bytes. Once broken, a stream is at its end and every later
// read repeats the error with no bytes.
struct ReadResult {
    std::size_t size = 0; // bytes written into the buffer
    bool atEnd = false; // no more bytes will come
    std::string error; // why the stream broke, with the offset where it broke; empty when fine
};

// A pull stream of a source's bytes: a plain file, or a gzip file inflated on the fly.
// Reading is single-threaded; one stream per producer.
class ByteStream {
public:
    virtual ~ByteStream() = default;
    virtual ReadResult read(char* buffer, std::size_t capacity) = 0;
    // Bytes consumed from the underlying file so far (compressed bytes for gzip): for progress.
    virtual std::uint64_t sourceBytesRead() const = 0;
    // Size of the underlying file, 0 when unknown: for progress.
    virtual std::uint64_t sourceBytesTotal() const = 0;
};

enum class InflateBackend {
    Zlib,
    Isal, // ISA-L's igzip; only when FLOWLENS_HAVE_ISAL, identical output
    Best, // Isal when available, else Zlib
};

// Opens `path`: a gzip file (by its magic bytes, not its name) is inflated, multi-member aware;
// anything else is passed through. On failure returns nullptr and sets `error` to one sentence
// that names the file and the reason (also when InflateBackend::Isal is asked of a build without it).
// Gzip read errors: "<file> ends early: the gzip stream is cut off after N compressed bytes" and
// "<file> is corrupt at compressed byte N: <reason>" (N counts from 0), after the good bytes before them.
std::unique_ptr<ByteStream> openByteStream(
    const QString& path, std::string& error, InflateBackend backend = InflateBackend::Best);

// Opens [offset, offset + length) of a plain (uncompressed) file, for splitting large files.
std::unique_ptr<ByteStream> openFileRange(
    const QString& path, std::uint64_t offset, std::uint64_t length, std::string& error);

bool isalAvailable();

} // namespace flowlens
