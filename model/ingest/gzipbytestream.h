#pragma once

#include "ingest/inflatingbytestream.h"

#include <memory>

struct z_stream_s;

namespace flowlens {

// A gzip file inflated with zlib (multi-member, zero padding allowed).
class GzipByteStream final : public InflatingByteStream {
public:
    explicit GzipByteStream(
        std::unique_ptr<FileByteStream> source, std::size_t inputBufferSize = DefaultInputBufferSize);
    ~GzipByteStream() override;
    GzipByteStream(const GzipByteStream&) = delete;
    GzipByteStream& operator=(const GzipByteStream&) = delete;

protected:
    void beginMember() override;
    Step inflate(
        const unsigned char* input, std::size_t inputSize, unsigned char* output, std::size_t outputSize) override;

private:
    std::unique_ptr<z_stream_s> m_zstream;
    bool m_initialised = false;
};

} // namespace flowlens
