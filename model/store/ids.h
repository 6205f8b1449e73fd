#pragma once

#ifndef Q_MOC_RUN // moc cannot parse <concepts>, which <compare> pulls in
#include <compare>
#endif
#include <cstdint>
#include <functional>
#include <limits>

namespace flowlens {

// Strongly typed 32-bit ids, so a row id can never be passed where a string id is expected.
template <class Tag> struct Id {
    static constexpr std::uint32_t invalidValue = std::numeric_limits<std::uint32_t>::max();
    std::uint32_t value = invalidValue;

    constexpr Id() = default;
    constexpr explicit Id(std::uint32_t v)
        : value(v)
    {
    }
    constexpr bool isValid() const { return value != invalidValue; }
    constexpr auto operator<=>(const Id&) const = default;
};

using RowId = Id<struct RowTag>; // chunk index << 16 | row within the chunk
using StringId = Id<struct StringTag>;
using SourceId = Id<struct SourceTag>;

inline constexpr std::uint32_t kChunkRowBits = 16;
inline constexpr std::uint32_t kChunkRows = 1U << kChunkRowBits; // rows per chunk at most

constexpr RowId makeRowId(std::uint32_t chunk, std::uint32_t row)
{
    return RowId((chunk << kChunkRowBits) | row);
}
constexpr std::uint32_t chunkOf(RowId id)
{
    return id.value >> kChunkRowBits;
}
constexpr std::uint32_t rowOf(RowId id)
{
    return id.value & (kChunkRows - 1);
}

// A decoded column value that is null ('-' in the record).
inline constexpr std::int64_t kNull = std::numeric_limits<std::int64_t>::min();

// An address as an address column holds it. An IPv4 address is its own 32-bit value (host order),
// so loading never looks one up; an IPv6 address is -(its index in the store's IPv6 table + 1).
// Ids are equal exactly when the addresses are; their order is not the addresses' order.
// FlowStore::address() turns one into an Address.
struct AddressId {
    std::int64_t value = kNull;

    constexpr AddressId() = default;
    constexpr explicit AddressId(std::int64_t v)
        : value(v)
    {
    }
    static constexpr AddressId ipv4(std::uint32_t hostOrder) { return AddressId(hostOrder); }
    static constexpr AddressId ipv6(std::uint32_t index) { return AddressId(-std::int64_t(index) - 1); }

    constexpr bool isValid() const { return value != kNull; }
    constexpr bool isIpv4() const { return value >= 0; }
    constexpr std::uint32_t ipv4Value() const { return static_cast<std::uint32_t>(value); }
    constexpr std::uint32_t ipv6Index() const { return static_cast<std::uint32_t>(-(value + 1)); }
    constexpr auto operator<=>(const AddressId&) const = default;
};

} // namespace flowlens

template <class Tag> struct std::hash<flowlens::Id<Tag>> {
    std::size_t operator()(flowlens::Id<Tag> id) const noexcept { return std::hash<std::uint32_t>()(id.value); }
};

template <> struct std::hash<flowlens::AddressId> {
    std::size_t operator()(flowlens::AddressId id) const noexcept { return std::hash<std::int64_t>()(id.value); }
};
