#include "ingest/isalgzipbytestream.h"

#ifdef FLOWLENS_HAVE_ISAL

#include <algorithm>
#include <cstdint>
#include <isa-l/igzip_lib.h>

namespace flowlens {

namespace {

constexpr std::size_t MaxSlice = std::size_t { 1 } << 30;

std::uint32_t littleEndian32(const unsigned char* p)
{
    return std::uint32_t { p[0] } | std::uint32_t { p[1] } << 8 | std::uint32_t { p[2] } << 16
        | std::uint32_t { p[3] } << 24;
}

// ISA-L reports classes, not sentences; these follow zlib's wording where the meaning is the same.
const char* isalReason(int rc)
{
    switch (rc) {
    case ISAL_INVALID_BLOCK:
        return "invalid deflate block";
    case ISAL_INVALID_SYMBOL:
        return "invalid literal/length or distance code";
    case ISAL_INVALID_LOOKBACK:
        return "invalid distance too far back";
    case ISAL_INCORRECT_CHECKSUM:
        return "incorrect data check";
    case ISAL_NEED_DICT:
        return "a preset dictionary is needed";
    default:
        return "igzip error";
    }
}

} // namespace

IsalGzipByteStream::IsalGzipByteStream(std::unique_ptr<FileByteStream> source, std::size_t inputBufferSize)
    : InflatingByteStream(std::move(source), inputBufferSize)
    , m_state(std::make_unique<inflate_state>())
{
    isal_inflate_init(m_state.get());
}

IsalGzipByteStream::~IsalGzipByteStream() = default;

void IsalGzipByteStream::beginMember()
{
    isal_inflate_reset(m_state.get());
    m_state->crc_flag = ISAL_GZIP_NO_HDR_VER; // raw deflate, then the gzip trailer's CRC-32 and length checked
    m_state->hist_bits = 0;
    m_header.reset();
    m_inHeader = true;
}

InflatingByteStream::Step IsalGzipByteStream::inflate(
    const unsigned char* input, std::size_t inputSize, unsigned char* output, std::size_t outputSize)
{
    if (!m_inHeader) {
        return inflateDeflateData(input, inputSize, output, outputSize);
    }
    std::size_t headerBytes = 0;
    const GzipHeaderParser::Status status = m_header.feed(input, inputSize, headerBytes);
    Step step;
    step.consumed = headerBytes;
    if (status == GzipHeaderParser::Status::Bad) {
        step.status = StepStatus::Corrupt;
        step.message = m_header.reason();
    } else if (status == GzipHeaderParser::Status::Done) {
        m_inHeader = false;
        step = inflateDeflateData(input + headerBytes, inputSize - headerBytes, output, outputSize);
        step.consumed += headerBytes;
    }
    return step;
}

InflatingByteStream::Step IsalGzipByteStream::inflateDeflateData(
    const unsigned char* input, std::size_t inputSize, unsigned char* output, std::size_t outputSize)
{
    inflate_state& st = *m_state;
    st.next_in = const_cast<std::uint8_t*>(input); // ISA-L never writes its input
    st.avail_in = static_cast<std::uint32_t>(std::min(inputSize, MaxSlice));
    st.next_out = output;
    st.avail_out = static_cast<std::uint32_t>(std::min(outputSize, MaxSlice));
    const int rc = isal_inflate(&st);

    Step step;
    step.consumed = static_cast<std::size_t>(st.next_in - input);
    step.produced = static_cast<std::size_t>(st.next_out - output);
    step.heldBack = st.read_in_length > 0 ? static_cast<std::size_t>(st.read_in_length) / 8 : 0;
    if (rc == ISAL_DECOMP_OK) {
        if (st.block_state == ISAL_BLOCK_FINISH) {
            step.status = StepStatus::MemberEnd;
        }
        return step;
    }
    step.status = StepStatus::Corrupt;
    step.message = isalReason(rc);
    if (rc == ISAL_INCORRECT_CHECKSUM && st.block_state == ISAL_BLOCK_FINISH) {
        // The whole 8-byte trailer was read: tell a CRC-32 from a length mismatch, as zlib does.
        const unsigned char* trailer = input + step.consumed - step.heldBack - 8;
        if (littleEndian32(trailer) != st.crc) {
            step.message = "incorrect data check";
            step.offsetAdjust = -7;
        } else {
            step.message = "incorrect length check";
            step.offsetAdjust = -3;
        }
    }
    return step;
}

} // namespace flowlens

#endif // FLOWLENS_HAVE_ISAL
