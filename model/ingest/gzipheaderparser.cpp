#include "ingest/gzipheaderparser.h"

#include <zlib.h>

namespace flowlens {

namespace {
constexpr std::uint8_t FlagHeaderCrc = 0x02;
constexpr std::uint8_t FlagExtra = 0x04;
constexpr std::uint8_t FlagName = 0x08;
constexpr std::uint8_t FlagComment = 0x10;
constexpr std::uint8_t FlagsReserved = 0xe0;
constexpr std::size_t FixedSize = 10;
} // namespace

void GzipHeaderParser::reset()
{
    *this = GzipHeaderParser();
    m_crc = static_cast<std::uint32_t>(crc32(0, nullptr, 0));
}

GzipHeaderParser::Status GzipHeaderParser::feed(const unsigned char* input, std::size_t size, std::size_t& consumed)
{
    consumed = 0;
    while (m_field != Field::Done) {
        if (consumed == size) {
            return Status::NeedMore;
        }
        const unsigned char byte = input[consumed++];
        if (m_field != Field::HeaderCrc) {
            m_crc = static_cast<std::uint32_t>(crc32(m_crc, &byte, 1));
        }
        if (!takeByte(byte)) {
            return Status::Bad;
        }
    }
    return Status::Done;
}

bool GzipHeaderParser::takeByte(unsigned char byte)
{
    switch (m_field) {
    case Field::Fixed:
        if ((m_count == 0 && byte != 0x1f) || (m_count == 1 && byte != 0x8b)) {
            m_reason = "incorrect header check";
            return false;
        }
        if (m_count == 2 && byte != Z_DEFLATED) {
            m_reason = "unknown compression method";
            return false;
        }
        if (m_count == 3) {
            if ((byte & FlagsReserved) != 0) {
                m_reason = "unknown header flags set";
                return false;
            }
            m_flags = byte;
        }
        if (++m_count == FixedSize) {
            nextField();
        }
        return true;
    case Field::ExtraLength:
        m_extraLength |= std::uint32_t { byte } << (8 * m_count);
        if (++m_count == 2) {
            nextField();
        }
        return true;
    case Field::Extra:
        if (++m_count >= m_extraLength) {
            nextField();
        }
        return true;
    case Field::Name:
    case Field::Comment:
        if (byte == 0) {
            nextField();
        }
        return true;
    case Field::HeaderCrc:
        m_storedCrc = static_cast<std::uint16_t>(m_storedCrc | (byte << (8 * m_count)));
        if (++m_count == 2) {
            if (m_storedCrc != (m_crc & 0xffff)) {
                m_reason = "header crc mismatch";
                return false;
            }
            nextField();
        }
        return true;
    case Field::Done:
        break;
    }
    return true;
}

bool GzipHeaderParser::isPresent(Field field) const
{
    switch (field) {
    case Field::ExtraLength:
        return (m_flags & FlagExtra) != 0;
    case Field::Extra:
        return (m_flags & FlagExtra) != 0 && m_extraLength > 0;
    case Field::Name:
        return (m_flags & FlagName) != 0;
    case Field::Comment:
        return (m_flags & FlagComment) != 0;
    case Field::HeaderCrc:
        return (m_flags & FlagHeaderCrc) != 0;
    case Field::Fixed:
    case Field::Done:
        break;
    }
    return true;
}

// Moves to the next field the flags call for (the fields come in enum order).
void GzipHeaderParser::nextField()
{
    m_count = 0;
    do {
        m_field = static_cast<Field>(static_cast<int>(m_field) + 1);
    } while (!isPresent(m_field));
}

} // namespace flowlens
