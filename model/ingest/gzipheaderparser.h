#pragma once

#include <cstddef>
#include <cstdint>

namespace flowlens {

// Reads a gzip member header (RFC 1952) byte by byte, however it is split across buffers, and
// checks it the way zlib does (magic, method, reserved flags, optional header CRC). ISA-L 2.30
// miscomputes the header CRC when a header arrives in pieces, so its backend reads headers with this.
class GzipHeaderParser {
public:
    enum class Status {
        NeedMore, // all input taken, the header goes on
        Done, // the header ended; the deflate data starts after `consumed`
        Bad, // `reason()` says why; `consumed` includes the offending byte
    };

    void reset();
    Status feed(const unsigned char* input, std::size_t size, std::size_t& consumed);
    const char* reason() const { return m_reason; }

private:
    enum class Field { Fixed, ExtraLength, Extra, Name, Comment, HeaderCrc, Done };

    bool takeByte(unsigned char byte); // false when the header is bad
    bool isPresent(Field field) const;
    void nextField();

    Field m_field = Field::Fixed;
    std::uint8_t m_flags = 0;
    std::size_t m_count = 0; // bytes read of the current field
    std::uint32_t m_extraLength = 0;
    std::uint32_t m_crc = 0; // CRC-32 of the header bytes before the header CRC
    std::uint16_t m_storedCrc = 0;
    const char* m_reason = "";
};

} // namespace flowlens
