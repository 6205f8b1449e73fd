#include "address.h"

#include <arpa/inet.h>
#include <cstring>

namespace flowlens {

namespace {
constexpr std::array<std::uint8_t, 12> kV4MappedPrefix { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
}

std::optional<std::uint32_t> parseIpv4(std::string_view text)
{
    std::uint32_t result = 0;
    int octets = 0;
    std::size_t i = 0;
    while (octets < 4) {
        if (i >= text.size() || text[i] < '0' || text[i] > '9') {
            return std::nullopt;
        }
        std::uint32_t octet = 0;
        std::size_t digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            octet = octet * 10 + static_cast<std::uint32_t>(text[i] - '0');
            ++i;
            if (++digits > 3) {
                return std::nullopt;
            }
        }
        if (octet > 255) {
            return std::nullopt;
        }
        result = (result << 8) | octet;
        if (++octets < 4) {
            if (i >= text.size() || text[i] != '.') {
                return std::nullopt;
            }
            ++i;
        }
    }
    return i == text.size() ? std::optional(result) : std::nullopt;
}

Address Address::fromIpv4(std::uint32_t hostOrder)
{
    Address a;
    std::memcpy(a.bytes.data(), kV4MappedPrefix.data(), kV4MappedPrefix.size());
    a.bytes[12] = static_cast<std::uint8_t>(hostOrder >> 24);
    a.bytes[13] = static_cast<std::uint8_t>(hostOrder >> 16);
    a.bytes[14] = static_cast<std::uint8_t>(hostOrder >> 8);
    a.bytes[15] = static_cast<std::uint8_t>(hostOrder);
    return a;
}

std::optional<Address> Address::parse(std::string_view text)
{
    if (auto v4 = parseIpv4(text)) {
        return fromIpv4(*v4);
    }
    if (text.empty() || text.size() > 45 || text.find(':') == std::string_view::npos) {
        return std::nullopt;
    }
    char buffer[46];
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    Address a;
    if (inet_pton(AF_INET6, buffer, a.bytes.data()) != 1) {
        return std::nullopt;
    }
    return a;
}

bool Address::isIpv4() const
{
    return std::memcmp(bytes.data(), kV4MappedPrefix.data(), kV4MappedPrefix.size()) == 0;
}

std::uint32_t Address::ipv4() const
{
    return (std::uint32_t(bytes[12]) << 24) | (std::uint32_t(bytes[13]) << 16) | (std::uint32_t(bytes[14]) << 8)
        | std::uint32_t(bytes[15]);
}

std::string Address::toString() const
{
    char buffer[INET6_ADDRSTRLEN];
    if (isIpv4()) {
        inet_ntop(AF_INET, bytes.data() + 12, buffer, sizeof buffer);
    } else {
        inet_ntop(AF_INET6, bytes.data(), buffer, sizeof buffer);
    }
    return buffer;
}

bool Address::isPrivate() const
{
    if (isIpv4()) {
        const std::uint32_t v = ipv4();
        const auto in = [v](std::uint32_t net, int len) { return (v >> (32 - len)) == (net >> (32 - len)); };
        return in(0x0A000000, 8) || in(0xAC100000, 12) || in(0xC0A80000, 16) || in(0x7F000000, 8) || in(0xA9FE0000, 16)
            || in(0x64400000, 10);
    }
    return (bytes[0] & 0xfe) == 0xfc || (bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80)
        || *this == *Address::parse("::1");
}

std::optional<Cidr> Cidr::parse(std::string_view text)
{
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        return std::nullopt;
    }
    auto address = Address::parse(text.substr(0, slash));
    const std::string_view lengthText = text.substr(slash + 1);
    if (!address || lengthText.empty() || lengthText.size() > 3) {
        return std::nullopt;
    }
    int length = 0;
    for (char c : lengthText) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        length = length * 10 + (c - '0');
    }
    const int maxLength = address->isIpv4() ? 32 : 128;
    if (length > maxLength) {
        return std::nullopt;
    }
    Cidr cidr { *address, length };
    const int bits = (address->isIpv4() ? 96 : 0) + length;
    for (int bit = bits; bit < 128; ++bit) {
        cidr.network.bytes[bit / 8] &= static_cast<std::uint8_t>(~(0x80U >> (bit % 8)));
    }
    return cidr;
}

bool Cidr::contains(const Address& a) const
{
    if (a.isIpv4() != network.isIpv4()) {
        return false;
    }
    const int bits = (network.isIpv4() ? 96 : 0) + prefixLength;
    const int whole = bits / 8;
    if (std::memcmp(a.bytes.data(), network.bytes.data(), static_cast<std::size_t>(whole)) != 0) {
        return false;
    }
    if (bits % 8 == 0) {
        return true;
    }
    const auto mask = static_cast<std::uint8_t>(0xFF00U >> (bits % 8));
    return (a.bytes[whole] & mask) == network.bytes[whole];
}

std::string Cidr::toString() const
{
    return network.toString() + '/' + std::to_string(prefixLength);
}

} // namespace flowlens
