#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace flowlens {

// An IPv4 or IPv6 address. IPv4 is kept as the IPv4-mapped IPv6 form (::ffff:a.b.c.d) so both
// families share one table and one ordering.
struct Address {
    std::array<std::uint8_t, 16> bytes {};

    static Address fromIpv4(std::uint32_t hostOrder);
    static std::optional<Address> parse(std::string_view text);

    bool isIpv4() const;
    std::uint32_t ipv4() const; // host order; only meaningful when isIpv4()
    std::string toString() const; // dotted quad, or RFC 5952 compressed IPv6
    // RFC 1918, loopback, link-local, CGNAT and IPv6 unique-local/link-local: not "the Internet".
    bool isPrivate() const;

    auto operator<=>(const Address&) const = default;
    bool operator==(const Address& other) const
    {
        std::uint64_t a[2];
        std::uint64_t b[2];
        std::memcpy(a, bytes.data(), 16);
        std::memcpy(b, other.bytes.data(), 16);
        return a[0] == b[0] && a[1] == b[1];
    }
};

// Parses "a.b.c.d/len" or "v6/len". The address is masked to the prefix.
struct Cidr {
    Address network;
    int prefixLength = 0; // in the address's own family: 0–32 for IPv4, 0–128 for IPv6
    static std::optional<Cidr> parse(std::string_view text);
    bool contains(const Address& a) const;
    std::string toString() const;
};

// Fast IPv4 dotted-quad parser for the ingest hot path.
std::optional<std::uint32_t> parseIpv4(std::string_view text);

} // namespace flowlens
