#include "rowsorter.h"

#include <algorithm>
#include <array>
#include <limits>
#include <numeric>
#include <thread>

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

// Rows with their sort keys, radix sorted. Keys are unsigned, less the smallest, so that most
// sorts need 32-bit keys and few 11-bit passes; a pass whose digit is the same for every row is
// skipped. Each pass is a stable counting sort, split over the workers by ranges of the input.
constexpr int kDigitBits = 11;
constexpr std::size_t kBuckets = std::size_t { 1 } << kDigitBits;

template <class Key> struct Keyed {
    Key key;
    std::uint32_t row;
};

std::size_t workerCount(std::size_t n)
{
    const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
    return std::max<std::size_t>(1, std::min(cores, n / 32768));
}

template <class F> void runWorkers(std::size_t workers, F&& f)
{
    std::vector<std::thread> threads;
    for (std::size_t w = 1; w < workers; ++w) {
        threads.emplace_back(f, w);
    }
    f(std::size_t { 0 });
    for (auto& t : threads) {
        t.join();
    }
}

template <class Key>
bool radixSort(std::vector<Keyed<Key>>& items, const std::vector<int>& passes, const std::atomic<bool>* cancel)
{
    const std::size_t n = items.size();
    const std::size_t workers = workerCount(n);
    std::vector<Keyed<Key>> other(n);
    using Counts = std::array<std::size_t, kBuckets>;
    std::vector<Counts> counts(workers);
    auto range = [&](std::size_t w) { return std::pair { n * w / workers, n * (w + 1) / workers }; };
    for (int pass : passes) {
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
            return false;
        }
        // pass < 0: a digit of the row id (to order rows not given in row order), else of the key.
        auto digit = [pass](const Keyed<Key>& item) -> std::size_t {
            return pass < 0 ? (item.row >> (kDigitBits * (-pass - 1))) & (kBuckets - 1)
                            : (item.key >> (kDigitBits * pass)) & (kBuckets - 1);
        };
        runWorkers(workers, [&](std::size_t w) {
            counts[w].fill(0);
            const auto [begin, end] = range(w);
            for (std::size_t i = begin; i < end; ++i) {
                ++counts[w][digit(items[i])];
            }
        });
        std::size_t offset = 0;
        for (std::size_t b = 0; b < kBuckets; ++b) {
            for (std::size_t w = 0; w < workers; ++w) {
                const std::size_t c = counts[w][b];
                counts[w][b] = offset;
                offset += c;
            }
        }
        runWorkers(workers, [&](std::size_t w) {
            Counts& next = counts[w];
            const auto [begin, end] = range(w);
            for (std::size_t i = begin; i < end; ++i) {
                other[next[digit(items[i])]++] = items[i];
            }
        });
        items.swap(other);
    }
    return true;
}

// The digit passes that can change anything: none above the span's highest bit.
template <class Key> std::vector<int> keyPasses(std::uint64_t span)
{
    std::vector<int> passes;
    for (int b = 0; kDigitBits * b < 8 * static_cast<int>(sizeof(Key)) && (span >> (kDigitBits * b)) != 0; ++b) {
        passes.push_back(b);
    }
    return passes;
}

// keys: the signed keys with their sign bit flipped, so 0 is null; low and high: the smallest and
// largest of the others. Sorted as small unsigned numbers: null 0 and the others from 1 up when
// ascending; the largest 0 and null last when descending.
template <class Key>
std::optional<std::vector<RowId>> sortKeyed(std::vector<std::uint64_t> keys, std::vector<RowId> rows, std::uint64_t low,
    std::uint64_t high, bool descending, bool inRowOrder, const std::atomic<bool>* cancel)
{
    const std::uint64_t span = high - low + 1;
    std::vector<Keyed<Key>> items(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const std::uint64_t k = keys[i];
        const std::uint64_t sortKey = k == 0 ? (descending ? span : 0) : (descending ? high - k : k - low + 1);
        items[i] = { static_cast<Key>(sortKey), rows[i].value };
    }
    keys = {};
    std::vector<int> passes;
    if (!inRowOrder) {
        passes = { -1, -2, -3 }; // 33 bits
    }
    for (int b : keyPasses<Key>(span)) {
        passes.push_back(b);
    }
    if (!radixSort(items, passes, cancel)) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        rows[i] = RowId(items[i].row);
    }
    return rows;
}

} // namespace

std::optional<std::vector<RowId>> sortRows(const FlowStore& store, const FlowStore::Snapshot& snapshot,
    std::vector<RowId> rows, FieldId field, bool descending, const std::atomic<bool>* cancel)
{
    const FieldKind kind = fieldInfo(field).kind;
    const std::vector<std::int64_t> rank
        = kind == FieldKind::String ? stringRanks(store, field) : std::vector<std::int64_t> {};
    const AddressKeys addressKeys = kind == FieldKind::Address ? AddressKeys(store) : AddressKeys();
    // Every key as an unsigned number: the signed key with its sign bit flipped, so null (the
    // smallest) is 0. Ties keep row order whatever the direction, so a descending sort is not an
    // ascending one reversed.
    const std::size_t n = rows.size();
    std::vector<std::uint64_t> keys(n);
    const std::size_t workers = workerCount(n);
    std::vector<std::uint64_t> lows(workers, ~std::uint64_t { 0 });
    std::vector<std::uint64_t> highs(workers, 0);
    std::vector<char> ordered(workers, 1);
    std::atomic<bool> cancelled { false };
    runWorkers(workers, [&](std::size_t w) {
        const std::size_t begin = n * w / workers;
        const std::size_t end = n * (w + 1) / workers;
        std::vector<std::int64_t> column; // the field of the chunk being read, when decoded whole
        std::uint32_t decoded = std::numeric_limits<std::uint32_t>::max();
        for (std::size_t i = begin; i < end; ++i) {
            if ((i & 0xFFFF) == 0 && cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
                cancelled = true;
                return;
            }
            const RowId id = rows[i];
            if (i > begin && rows[i - 1].value >= id.value) {
                ordered[w] = 0;
            }
            const std::uint32_t c = chunkOf(id);
            std::int64_t v = 0;
            if (c == decoded) {
                v = column[rowOf(id)];
            } else {
                // Decode the whole column when many of the next rows are in this chunk.
                const Chunk& chunk = *snapshot.chunks[c];
                std::size_t run = i + 1;
                while (run < end && run - i < chunk.rowCount() / 8 && chunkOf(rows[run]) == c) {
                    ++run;
                }
                if (run - i >= chunk.rowCount() / 8) {
                    column.resize(chunk.rowCount());
                    chunk.decode(field, 0, chunk.rowCount(), column.data());
                    decoded = c;
                    v = column[rowOf(id)];
                } else {
                    v = chunk.value(field, rowOf(id));
                }
            }
            if (v != kNull && kind == FieldKind::String) {
                v = static_cast<std::size_t>(v) < rank.size() ? rank[static_cast<std::size_t>(v)] : v;
            } else if (v != kNull && kind == FieldKind::Address) {
                v = addressKeys.key(AddressId(v));
            }
            const std::uint64_t key = static_cast<std::uint64_t>(v) ^ (std::uint64_t { 1 } << 63);
            keys[i] = key;
            if (key != 0) {
                lows[w] = std::min(lows[w], key);
                highs[w] = std::max(highs[w], key);
            }
        }
    });
    if (cancelled || (cancel != nullptr && cancel->load(std::memory_order_relaxed))) {
        return std::nullopt;
    }
    if (n == 0) {
        return rows;
    }
    std::uint64_t low = *std::min_element(lows.begin(), lows.end());
    std::uint64_t high = *std::max_element(highs.begin(), highs.end());
    if (low > high) { // every key null
        low = high = 1;
    }
    // Rows given in row order stay so among equal keys (the sort is stable); otherwise the row id's
    // bytes are sorted first. The ranges' borders matter too.
    bool inRowOrder = std::all_of(ordered.begin(), ordered.end(), [](char o) { return o != 0; });
    for (std::size_t w = 1; w < workers && inRowOrder; ++w) {
        const std::size_t border = n * w / workers;
        inRowOrder = border == 0 || rows[border - 1].value < rows[border].value;
    }
    if (high - low < std::numeric_limits<std::uint32_t>::max()) {
        return sortKeyed<std::uint32_t>(std::move(keys), std::move(rows), low, high, descending, inRowOrder, cancel);
    }
    return sortKeyed<std::uint64_t>(std::move(keys), std::move(rows), low, high, descending, inRowOrder, cancel);
}

} // namespace flowlens
