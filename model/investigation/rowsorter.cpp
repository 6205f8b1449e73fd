#include "rowsorter.h"

#include <algorithm>
#include <numeric>

namespace flowlens {

namespace {

// Rank of every id of a string field in reading order, so rows compare as integers.
std::vector<std::int64_t> stringRanks(const FlowStore& store, FieldId field)
{
    const StringDictionary& dict = store.dictionary(field);
    const std::uint32_t size = dict.size();
    std::vector<std::uint32_t> ids(size);
    std::iota(ids.begin(), ids.end(), 0U);
    std::sort(ids.begin(), ids.end(),
        [&](std::uint32_t a, std::uint32_t b) { return dict.text(StringId(a)) < dict.text(StringId(b)); });
    std::vector<std::int64_t> rank(size);
    for (std::uint32_t i = 0; i < size; ++i) {
        rank[ids[i]] = i;
    }
    return rank;
}

// Keys that order address ids as the addresses order: an IPv4 id is its own key (IPv4-mapped
// addresses order by their 32-bit value); an IPv6 address ranks among the store's IPv6 addresses,
// below every IPv4 key when it is below ::ffff:0.0.0.0, above them all otherwise.
class AddressKeys {
public:
    AddressKeys() = default;
    explicit AddressKeys(const FlowStore& store)
    {
        const AddressTable& table = store.ipv6Addresses();
        std::vector<std::uint32_t> order(table.size());
        std::iota(order.begin(), order.end(), 0U);
        std::sort(order.begin(), order.end(),
            [&](std::uint32_t a, std::uint32_t b) { return table.address(a) < table.address(b); });
        const Address firstIpv4 = Address::fromIpv4(0);
        m_ipv6.resize(order.size());
        for (std::size_t rank = 0; rank < order.size(); ++rank) {
            const bool below = table.address(order[rank]) < firstIpv4;
            m_ipv6[order[rank]]
                = (below ? -(std::int64_t { 1 } << 40) : (std::int64_t { 1 } << 33)) + std::int64_t(rank);
        }
    }
    std::int64_t key(AddressId id) const { return id.isIpv4() ? id.value : m_ipv6[id.ipv6Index()]; }

private:
    std::vector<std::int64_t> m_ipv6; // by index in the store's IPv6 table
};

} // namespace

std::optional<std::vector<RowId>> sortRows(const FlowStore& store, const FlowStore::Snapshot& snapshot,
    std::vector<RowId> rows, FieldId field, bool descending, const std::atomic<bool>* cancel)
{
    const FieldKind kind = fieldInfo(field).kind;
    const std::vector<std::int64_t> rank
        = kind == FieldKind::String ? stringRanks(store, field) : std::vector<std::int64_t> {};
    const AddressKeys addressKeys = kind == FieldKind::Address ? AddressKeys(store) : AddressKeys();
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
        if (v != kNull && kind == FieldKind::String) {
            v = static_cast<std::size_t>(v) < rank.size() ? rank[static_cast<std::size_t>(v)] : v;
        } else if (v != kNull && kind == FieldKind::Address) {
            v = addressKeys.key(AddressId(v));
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
