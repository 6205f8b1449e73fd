#pragma once

#include <QString>
#include <QStringView>
#include <array>
#include <compare>
#include <cstdint>
#include <optional>

namespace flowlens::query {

// An IPv4 or IPv6 address as 16 bytes in network order; IPv4 is stored v4-mapped (::ffff:a.b.c.d)
// so one comparison orders both families. Query-local on purpose: the store's interned address
// type can replace it later without touching the parser.
class IpAddress {
public:
    IpAddress() = default;

    static std::optional<IpAddress> parse(QStringView text);
    static IpAddress fromV4(std::uint32_t hostOrder);
    static IpAddress fromBytes(const std::array<std::uint8_t, 16>& networkOrder);

    bool isV4() const;
    const std::array<std::uint8_t, 16>& bytes() const { return m_bytes; }
    // Dotted quad for IPv4, RFC 5952 text (lower case, longest zero run as "::") for IPv6.
    QString toString() const;

    auto operator<=>(const IpAddress&) const = default;

private:
    std::array<std::uint8_t, 16> m_bytes {};
};

// A network in CIDR notation. The prefix length counts in the address's own family
// (0–32 for IPv4, 0–128 for IPv6).
class Cidr {
public:
    Cidr() = default;

    enum class ParseError { None, Syntax, BadAddress, BadPrefix, HostBitsSet };
    // Parses "a.b.c.d/n" or "x:y::/n". A network whose host bits are set ("10.0.0.1/8") is refused
    // with HostBitsSet; `networkIfHostBits` then receives the network the user probably meant.
    static std::optional<Cidr> parse(QStringView text, ParseError* error = nullptr, Cidr* networkIfHostBits = nullptr);

    const IpAddress& network() const { return m_network; }
    int prefixLength() const { return m_prefix; }
    bool isV4() const { return m_network.isV4(); }
    bool contains(const IpAddress& address) const;
    QString toString() const;

    auto operator<=>(const Cidr&) const = default;

private:
    IpAddress m_network;
    int m_prefix = 0;
};

} // namespace flowlens::query
