#include "ingest/gzipbytestream.h"

#include <algorithm>
#include <cstring>
#include <zlib.h>

namespace flowlens {

namespace {
// zlib counts in 32-bit unsigned ints; larger buffers are taken in slices.
constexpr std::size_t MaxSlice = std::size_t { 1 } << 30;
} // namespace

GzipByteStream::GzipByteStream(std::unique_ptr<FileByteStream> source, std::size_t inputBufferSize)
    : InflatingByteStream(std::move(source), inputBufferSize)
    , m_zstream(std::make_unique<z_stream_s>())
{
}

GzipByteStream::~GzipByteStream()
{
    if (m_initialised) {
        inflateEnd(m_zstream.get());
    }
}

void GzipByteStream::beginMember()
{
    if (m_initialised) {
        inflateReset(m_zstream.get());
        return;
    }
    std::memset(m_zstream.get(), 0, sizeof(z_stream));
    // 16 + MAX_WBITS: gzip wrapper only, with its CRC-32 and length checked.
    m_initialised = inflateInit2(m_zstream.get(), 16 + MAX_WBITS) == Z_OK;
}

InflatingByteStream::Step GzipByteStream::inflate(
    const unsigned char* input, std::size_t inputSize, unsigned char* output, std::size_t outputSize)
{
    Step step;
    if (!m_initialised) {
        step.status = StepStatus::Corrupt;
        step.message = "zlib could not be initialised (out of memory)";
        return step;
    }
    z_stream& zs = *m_zstream;
    zs.next_in = const_cast<Bytef*>(input); // zlib's API is not const-correct; it never writes input
    zs.avail_in = static_cast<uInt>(std::min(inputSize, MaxSlice));
    zs.next_out = output;
    zs.avail_out = static_cast<uInt>(std::min(outputSize, MaxSlice));
    const int rc = ::inflate(&zs, Z_NO_FLUSH);
    step.consumed = static_cast<std::size_t>(zs.next_in - input);
    step.produced = static_cast<std::size_t>(zs.next_out - output);
    switch (rc) {
    case Z_OK:
    case Z_BUF_ERROR: // no progress possible with this input: the caller decides
        break;
    case Z_STREAM_END:
        step.status = StepStatus::MemberEnd;
        break;
    default: {
        step.status = StepStatus::Corrupt;
        step.message = zs.msg != nullptr ? zs.msg : (rc == Z_MEM_ERROR ? "out of memory" : "zlib error");
        // zlib fails a trailer check after reading the 4-byte field: point at its first byte.
        if (step.message == "incorrect data check" || step.message == "incorrect length check") {
            step.offsetAdjust = -3;
        }
        break;
    }
    }
    return step;
}

} // namespace flowlens
