#pragma once

#include "ast.h"
#include "store/address.h"
#include "store/ids.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace flowlens::query {

// Where values of a static type live in a Values batch.
enum class Storage : std::uint8_t { Ints, Floats, Strings, Addresses };
constexpr Storage storageOf(ValueType type)
{
    switch (type) {
    case ValueType::Float:
        return Storage::Floats;
    case ValueType::String:
        return Storage::Strings;
    case ValueType::Address:
        return Storage::Addresses;
    default:
        return Storage::Ints;
    }
}

// A batch of values of one static type, column-wise, nulls inline: kNull in `ints` (Integer,
// Timestamp in milliseconds, Boolean as 0 or 1), NaN in `floats`, a null data pointer in `strings`,
// nullopt in `addresses`. Strings point into the store's dictionaries or into a ValueArena; a Values
// never owns text. Addresses are held by value.
struct Values {
    ValueType type = ValueType::Boolean;
    std::vector<std::int64_t> ints;
    std::vector<double> floats;
    std::vector<std::string_view> strings;
    std::vector<std::optional<Address>> addresses;

    // Makes it hold n values of type t; the contents are unspecified until written.
    void reset(ValueType t, std::size_t n);
    // Makes room for n values of its type.
    void reserve(std::size_t n);
    std::size_t size() const;
    bool isNull(std::size_t i) const
    {
        switch (storageOf(type)) {
        case Storage::Ints:
            return ints[i] == kNull;
        case Storage::Floats:
            return floats[i] != floats[i]; // NaN
        case Storage::Strings:
            return strings[i].data() == nullptr;
        case Storage::Addresses:
            return !addresses[i].has_value();
        }
        return true;
    }
    // Appends value i of `other` (of the same type).
    void append(const Values& other, std::size_t i);
    void appendAll(const Values& other);
};

inline constexpr std::string_view kEmptyText { "", 0 }; // an empty, non-null string

// Keeps the text computed during an evaluation. clear() recycles its blocks, so a
// batch loop allocates only while the largest batch grows.
class ValueArena {
public:
    ValueArena() = default;
    ValueArena(const ValueArena&) = delete;
    ValueArena& operator=(const ValueArena&) = delete;
    ValueArena(ValueArena&&) = default;
    ValueArena& operator=(ValueArena&&) = default;

    std::string_view keep(std::string_view text);
    void clear();

private:
    char* allocate(std::size_t bytes);

    struct Block {
        std::unique_ptr<char[]> data;
        std::size_t size = 0;
    };
    std::vector<Block> m_blocks;
    std::size_t m_current = 0;
    std::size_t m_used = 0;
};

// Three-way comparison of two non-null values of one storage (Ints and Floats may be mixed when
// `a` and `b` are numeric): negative, zero or positive.
int compareValues(const Values& a, std::size_t i, const Values& b, std::size_t j);
// The rank of each value in sorted order (equal values share a rank), nulls last in either
// direction.
std::vector<std::uint32_t> valueRanks(const Values& v, bool descending);
// The row order of a stable sort by rank columns (each as valueRanks() gives them) of n rows.
std::vector<std::uint32_t> orderByRanks(const std::vector<std::vector<std::uint32_t>>& ranks, std::size_t n);
// The row order of a stable sort by several key columns, each with its direction, nulls last.
std::vector<std::uint32_t> sortedOrder(const std::vector<Values>& keys, const std::vector<bool>& descending);

// The rows of `v` that can be among the first `limit` after sorting by it: every non-null value
// at least as good as the limit-th best (ties included). nullopt when that is every row or the
// values are not numbers (nothing to prune).
std::optional<std::vector<std::uint32_t>> bestValueRows(const Values& v, bool descending, std::size_t limit);

} // namespace flowlens::query
