#include "ingest/bytestream.h"

#include "ingest/filebytestream.h"
#include "ingest/gzipbytestream.h"
#include "ingest/isalgzipbytestream.h"

#include <QString>
#include <array>

namespace flowlens {

namespace {

// gzip is recognised by its magic bytes, whatever the file is called.
bool startsWithGzipMagic(FileByteStream& file, std::string& error)
{
    std::array<char, 2> magic {};
    std::size_t got = 0;
    while (got < magic.size()) {
        const ReadResult r = file.read(magic.data() + got, magic.size() - got);
        got += r.size;
        if (!r.error.empty()) {
            error = r.error;
            return false;
        }
        if (r.atEnd) {
            break;
        }
    }
    return got == 2 && static_cast<unsigned char>(magic[0]) == 0x1f && static_cast<unsigned char>(magic[1]) == 0x8b;
}

} // namespace

bool isalAvailable()
{
#ifdef FLOWLENS_HAVE_ISAL
    return true;
#else
    return false;
#endif
}

std::unique_ptr<ByteStream> openByteStream(const QString& path, std::string& error, InflateBackend backend)
{
    std::unique_ptr<FileByteStream> probe = FileByteStream::open(path, error);
    if (!probe) {
        return nullptr;
    }
    const bool gzip = startsWithGzipMagic(*probe, error);
    if (!error.empty()) {
        return nullptr;
    }
    // Reopen rather than seek back: the stream's byte counters then start at zero.
    std::unique_ptr<FileByteStream> file = FileByteStream::open(path, error);
    if (!file) {
        return nullptr;
    }
    if (!gzip) {
        return file;
    }
    if (backend == InflateBackend::Isal && !isalAvailable()) {
        error = "cannot inflate " + file->displayName() + " with ISA-L: this build has no ISA-L";
        return nullptr;
    }
#ifdef FLOWLENS_HAVE_ISAL
    if (backend != InflateBackend::Zlib) {
        return std::make_unique<IsalGzipByteStream>(std::move(file));
    }
#endif
    return std::make_unique<GzipByteStream>(std::move(file));
}

std::unique_ptr<ByteStream> openFileRange(
    const QString& path, std::uint64_t offset, std::uint64_t length, std::string& error)
{
    return FileByteStream::openRange(path, offset, length, error);
}

} // namespace flowlens
