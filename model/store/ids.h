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
using AddressId = Id<struct AddressTag>;
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

} // namespace flowlens

template <class Tag> struct std::hash<flowlens::Id<Tag>> {
    std::size_t operator()(flowlens::Id<Tag> id) const noexcept { return std::hash<std::uint32_t>()(id.value); }
};
