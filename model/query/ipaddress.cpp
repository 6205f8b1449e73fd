#include "ipaddress.h"

#include <QList>

namespace flowlens::query {

namespace {

constexpr int kV4MappedOffset = 12;

std::optional<std::uint32_t> parseV4(QStringView text)
{
    std::uint32_t value = 0;
    int parts = 0;
    qsizetype i = 0;
    while (i <= text.size()) {
        qsizetype start = i;
        std::uint32_t octet = 0;
        while (i < text.size() && text[i].isDigit() && text[i].unicode() < 128) {
            octet = octet * 10 + static_cast<std::uint32_t>(text[i].unicode() - u'0');
            if (octet > 255) {
                return std::nullopt;
            }
            ++i;
        }
        const qsizetype digits = i - start;
        // "010" would be octal to some parsers and decimal to others: refuse rather than guess.
        if (digits == 0 || (digits > 1 && text[start] == u'0')) {
            return std::nullopt;
        }
        value = (value << 8) | octet;
        ++parts;
        if (i == text.size()) {
            break;
        }
        if (text[i] != u'.' || parts == 4) {
            return std::nullopt;
        }
        ++i;
    }
    if (parts != 4) {
        return std::nullopt;
    }
    return value;
}

int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9') {
        return u - u'0';
    }
    if (u >= u'a' && u <= u'f') {
        return u - u'a' + 10;
    }
    if (u >= u'A' && u <= u'F') {
        return u - u'A' + 10;
    }
    return -1;
}

// Parses colon-separated hex groups (and an optional trailing dotted quad) into 16-bit words.
bool parseGroups(QStringView text, QList<std::uint16_t>& words, bool allowV4Tail)
{
    if (text.isEmpty()) {
        return true;
    }
    const QList<QStringView> groups = text.split(u':');
    for (qsizetype g = 0; g < groups.size(); ++g) {
        const QStringView group = groups[g];
        if (allowV4Tail && g == groups.size() - 1 && group.contains(u'.')) {
            const auto v4 = parseV4(group);
            if (!v4) {
                return false;
            }
            words.append(static_cast<std::uint16_t>(*v4 >> 16));
            words.append(static_cast<std::uint16_t>(*v4 & 0xffff));
            continue;
        }
        if (group.isEmpty() || group.size() > 4) {
            return false;
        }
        std::uint16_t word = 0;
        for (QChar c : group) {
            const int h = hexValue(c);
            if (h < 0) {
                return false;
            }
            word = static_cast<std::uint16_t>((word << 4) | h);
        }
        words.append(word);
    }
    return true;
}

std::optional<IpAddress> parseV6(QStringView text)
{
    const qsizetype gap = text.indexOf(u"::");
    QList<std::uint16_t> head;
    QList<std::uint16_t> tail;
    if (gap < 0) {
        if (!parseGroups(text, head, true) || head.size() != 8) {
            return std::nullopt;
        }
    } else {
        const QStringView before = text.first(gap);
        const QStringView after = text.sliced(gap + 2);
        if (after.contains(u"::") || !parseGroups(before, head, false) || !parseGroups(after, tail, true)
            || head.size() + tail.size() > 7) {
            return std::nullopt;
        }
    }
    std::array<std::uint8_t, 16> bytes {};
    for (qsizetype w = 0; w < head.size(); ++w) {
        bytes[2 * w] = static_cast<std::uint8_t>(head[w] >> 8);
        bytes[2 * w + 1] = static_cast<std::uint8_t>(head[w] & 0xff);
    }
    const qsizetype tailStart = 8 - tail.size();
    for (qsizetype w = 0; w < tail.size(); ++w) {
        bytes[2 * (tailStart + w)] = static_cast<std::uint8_t>(tail[w] >> 8);
        bytes[2 * (tailStart + w) + 1] = static_cast<std::uint8_t>(tail[w] & 0xff);
    }
    return IpAddress::fromBytes(bytes);
}

} // namespace

IpAddress IpAddress::fromBytes(const std::array<std::uint8_t, 16>& networkOrder)
{
    IpAddress address;
    address.m_bytes = networkOrder;
    return address;
}

IpAddress IpAddress::fromV4(std::uint32_t hostOrder)
{
    IpAddress address;
    address.m_bytes[10] = 0xff;
    address.m_bytes[11] = 0xff;
    for (int i = 0; i < 4; ++i) {
        address.m_bytes[kV4MappedOffset + i] = static_cast<std::uint8_t>(hostOrder >> (24 - 8 * i));
    }
    return address;
}

std::optional<IpAddress> IpAddress::parse(QStringView text)
{
    if (text.contains(u':')) {
        return parseV6(text);
    }
    if (const auto v4 = parseV4(text)) {
        return fromV4(*v4);
    }
    return std::nullopt;
}

bool IpAddress::isV4() const
{
    for (int i = 0; i < 10; ++i) {
        if (m_bytes[i] != 0) {
            return false;
        }
    }
    return m_bytes[10] == 0xff && m_bytes[11] == 0xff;
}

QString IpAddress::toString() const
{
    if (isV4()) {
        return QString::number(m_bytes[12]) + u'.' + QString::number(m_bytes[13]) + u'.' + QString::number(m_bytes[14])
            + u'.' + QString::number(m_bytes[15]);
    }
    std::array<int, 8> words {};
    for (int w = 0; w < 8; ++w) {
        words[w] = (m_bytes[2 * w] << 8) | m_bytes[2 * w + 1];
    }
    // RFC 5952: compress the longest run of two or more zero words, the first one on a tie.
    int bestStart = -1;
    int bestLength = 1;
    for (int w = 0; w < 8;) {
        if (words[w] != 0) {
            ++w;
            continue;
        }
        int end = w;
        while (end < 8 && words[end] == 0) {
            ++end;
        }
        if (end - w > bestLength) {
            bestStart = w;
            bestLength = end - w;
        }
        w = end;
    }
    QString out;
    for (int w = 0; w < 8; ++w) {
        if (w == bestStart) {
            out += QStringLiteral("::");
            w += bestLength - 1;
            continue;
        }
        if (!out.isEmpty() && !out.endsWith(u':')) {
            out += u':';
        }
        out += QString::number(words[w], 16);
    }
    return out;
}

std::optional<Cidr> Cidr::parse(QStringView text, ParseError* error, Cidr* networkIfHostBits)
{
    auto fail = [error](ParseError e) {
        if (error) {
            *error = e;
        }
        return std::nullopt;
    };
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0) {
        return fail(ParseError::Syntax);
    }
    const auto address = IpAddress::parse(text.first(slash));
    if (!address) {
        return fail(ParseError::BadAddress);
    }
    const QStringView prefixText = text.sliced(slash + 1);
    bool ok = false;
    const int prefix = prefixText.toInt(&ok);
    const int maxPrefix = address->isV4() ? 32 : 128;
    if (!ok || prefixText.isEmpty() || !prefixText.front().isDigit() || prefix < 0 || prefix > maxPrefix) {
        return fail(ParseError::BadPrefix);
    }
    Cidr cidr;
    cidr.m_prefix = prefix;
    const int mappedPrefix = address->isV4() ? prefix + 96 : prefix;
    std::array<std::uint8_t, 16> masked = address->bytes();
    for (int bit = mappedPrefix; bit < 128; ++bit) {
        masked[bit / 8] = static_cast<std::uint8_t>(masked[bit / 8] & ~(0x80 >> (bit % 8)));
    }
    cidr.m_network = IpAddress::fromBytes(masked);
    if (masked != address->bytes()) {
        if (networkIfHostBits) {
            *networkIfHostBits = cidr;
        }
        return fail(ParseError::HostBitsSet);
    }
    if (error) {
        *error = ParseError::None;
    }
    return cidr;
}

bool Cidr::contains(const IpAddress& address) const
{
    if (address.isV4() != isV4()) {
        return false;
    }
    const int mappedPrefix = isV4() ? m_prefix + 96 : m_prefix;
    const auto& a = address.bytes();
    const auto& n = m_network.bytes();
    for (int bit = 0; bit < mappedPrefix; ++bit) {
        const int mask = 0x80 >> (bit % 8);
        if ((a[bit / 8] & mask) != (n[bit / 8] & mask)) {
            return false;
        }
    }
    return true;
}

QString Cidr::toString() const
{
    return m_network.toString() + u'/' + QString::number(m_prefix);
}

} // namespace flowlens::query
