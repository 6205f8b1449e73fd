#pragma once

#include "ingest/gzipheaderparser.h"
#include "ingest/inflatingbytestream.h"

#include <memory>

struct inflate_state;

namespace flowlens {

// A gzip file inflated with ISA-L's igzip: same output and error classes as GzipByteStream, faster.
// Only built with FLOWLENS_HAVE_ISAL; openByteStream() picks it.
class IsalGzipByteStream final : public InflatingByteStream {
public:
    explicit IsalGzipByteStream(
        std::unique_ptr<FileByteStream> source, std::size_t inputBufferSize = DefaultInputBufferSize);
    ~IsalGzipByteStream() override;
    IsalGzipByteStream(const IsalGzipByteStream&) = delete;
    IsalGzipByteStream& operator=(const IsalGzipByteStream&) = delete;

protected:
    void beginMember() override;
    Step inflate(
        const unsigned char* input, std::size_t inputSize, unsigned char* output, std::size_t outputSize) override;

private:
    Step inflateDeflateData(
        const unsigned char* input, std::size_t inputSize, unsigned char* output, std::size_t outputSize);

    std::unique_ptr<inflate_state> m_state; // large (~40 KiB): on the heap
    GzipHeaderParser m_header; // the member's header, read before ISA-L sees the deflate data
    bool m_inHeader = true;
};

} // namespace flowlens
