#include "rowsorter.h"

#include <algorithm>
#include <numeric>

namespace flowlens {

namespace {

// Rank of every id of a string or address field in reading order, so rows compare as integers.
std::vector<std::int64_t> ranks(const FlowStore& store, const FlowStore::Snapshot& snapshot, FieldId field)
{
    const FieldKind kind = fieldInfo(field).kind;
    const std::uint32_t size = kind == FieldKind::Address ? snapshot.addressCount : store.dictionary(field).size();
    std::vector<std::uint32_t> ids(size);
    std::iota(ids.begin(), ids.end(), 0U);
    if (kind == FieldKind::Address) {
        const AddressTable& table = store.addresses();
        std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) {
            return table.address(AddressId(a)) < table.address(AddressId(b));
        });
    } else {
        const StringDictionary& dict = store.dictionary(field);
        std::sort(ids.begin(), ids.end(),
            [&](std::uint32_t a, std::uint32_t b) { return dict.text(StringId(a)) < dict.text(StringId(b)); });
    }
    std::vector<std::int64_t> rank(size);
    for (std::uint32_t i = 0; i < size; ++i) {
        rank[ids[i]] = i;
    }
    return rank;
}

} // namespace

std::optional<std::vector<RowId>> sortRows(const FlowStore& store, const FlowStore::Snapshot& snapshot,
    std::vector<RowId> rows, FieldId field, bool descending, const std::atomic<bool>* cancel)
{
    const bool integer = fieldInfo(field).kind == FieldKind::Integer;
    const std::vector<std::int64_t> rank = integer ? std::vector<std::int64_t> {} : ranks(store, snapshot, field);
    struct Keyed {
        std::int64_t key;
        RowId row;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (cancel != nullptr && (i & 0xFFFFF) == 0 && cancel->load(std::memory_order_relaxed)) {
            return std::nullopt;
        }
        const RowId id = rows[i];
        std::int64_t v = snapshot.chunk(id).value(field, rowOf(id));
        if (!integer && v != kNull) {
            v = static_cast<std::size_t>(v) < rank.size() ? rank[static_cast<std::size_t>(v)] : v;
        }
        keyed.push_back({ v, id });
    }
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
        return std::nullopt;
    }
    // Ties in row order whatever the direction, so a descending sort is not an ascending one reversed.
    if (descending) {
        std::sort(keyed.begin(), keyed.end(),
            [](const Keyed& a, const Keyed& b) { return a.key != b.key ? a.key > b.key : a.row < b.row; });
    } else {
        std::sort(keyed.begin(), keyed.end(),
            [](const Keyed& a, const Keyed& b) { return a.key != b.key ? a.key < b.key : a.row < b.row; });
    }
    for (std::size_t i = 0; i < keyed.size(); ++i) {
        rows[i] = keyed[i].row;
    }
    return rows;
}

} // namespace flowlens
