#include "rowsorter.h"

#include "store/columnarena.h"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <numeric>
#include <sys/mman.h>
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

// A row's value as an unsigned number in the field's order: the signed key with its sign bit
// flipped, so null (the smallest) is 0.
class KeyReader {
public:
    KeyReader(const FlowStore& store, FieldId field)
        : m_field(field)
        , m_kind(fieldInfo(field).kind)
    {
        if (m_kind == FieldKind::String) {
            m_rank = stringRanks(store, field);
        } else if (m_kind == FieldKind::Address) {
            m_addresses = AddressKeys(store);
        }
    }

    std::uint64_t key(std::int64_t v) const
    {
        if (v != kNull && m_kind == FieldKind::String) {
            v = static_cast<std::size_t>(v) < m_rank.size() ? m_rank[static_cast<std::size_t>(v)] : v;
        } else if (v != kNull && m_kind == FieldKind::Address) {
            v = m_addresses.key(AddressId(v));
        }
        return static_cast<std::uint64_t>(v) ^ (std::uint64_t { 1 } << 63);
    }

    // Calls f(i, key) for rows[begin, end) in order. A run of many rows of one chunk is decoded
    // whole into `column` (the worker's); scattered rows are read one by one. Returns false when
    // `cancel` became true.
    template <class F>
    bool read(const FlowStore::Snapshot& snapshot, const std::vector<RowId>& rows, std::size_t begin, std::size_t end,
        std::vector<std::int64_t>& column, const std::atomic<bool>* cancel, F&& f) const
    {
        std::size_t i = begin;
        while (i < end) {
            if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
                return false;
            }
            const std::uint32_t c = chunkOf(rows[i]);
            const Chunk& chunk = *snapshot.chunks[c];
            std::size_t run = i + 1;
            while (run < end && chunkOf(rows[run]) == c) {
                ++run;
            }
            if (run - i >= chunk.rowCount() / 8) {
                column.resize(chunk.rowCount());
                chunk.decode(m_field, 0, chunk.rowCount(), column.data());
                for (; i < run; ++i) {
                    f(i, key(column[rowOf(rows[i])]));
                }
            } else {
                for (; i < run; ++i) {
                    f(i, key(chunk.value(m_field, rowOf(rows[i]))));
                }
            }
        }
        return true;
    }

private:
    FieldId m_field;
    FieldKind m_kind;
    std::vector<std::int64_t> m_rank;
    AddressKeys m_addresses;
};

// Sizes `out` to n rows, asking the kernel for transparent huge pages before the memory is first
// touched: tens of thousands of 4 KiB page faults cost more than the sort's own passes.
void resizeOnHugePages(std::vector<RowId>& out, std::size_t n)
{
    out.reserve(n);
#ifdef MADV_HUGEPAGE
    constexpr std::uintptr_t kHugePage = std::uintptr_t { 2 } << 20;
    const auto begin = (reinterpret_cast<std::uintptr_t>(out.data()) + kHugePage - 1) & ~(kHugePage - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(out.data() + n)) & ~(kHugePage - 1);
    if (end > begin) {
        ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE); // advice only
    }
#endif
    out.resize(n);
}

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

// A row with its sort key, in 8 bytes (key << 32 | row) when the keys' span fits 32 bits, else 16.
struct PackedItem {
    static std::uint64_t make(std::uint64_t key, std::uint32_t row) { return key << 32 | row; }
    static std::uint32_t row(std::uint64_t item) { return static_cast<std::uint32_t>(item); }
    // A digit: `shift` counts from the row's lowest bit; the key's bits start at 32.
    static std::uint32_t bits(std::uint64_t item, int shift, std::uint32_t mask)
    {
        return static_cast<std::uint32_t>(item >> shift) & mask;
    }
    using Type = std::uint64_t;
};

struct WideItem {
    struct Type {
        std::uint64_t key;
        std::uint32_t row;
    };
    static Type make(std::uint64_t key, std::uint32_t row) { return { key, row }; }
    static std::uint32_t row(const Type& item) { return item.row; }
    static std::uint32_t bits(const Type& item, int shift, std::uint32_t mask)
    {
        return static_cast<std::uint32_t>(shift < 32 ? item.row >> shift : item.key >> (shift - 32)) & mask;
    }
};

// One counting-sort pass: the digit of `width` bits at `shift` (as PackedItem numbers them).
struct Digit {
    int shift;
    int width;
    std::uint32_t mask() const { return (std::uint32_t { 1 } << width) - 1; }
};

// Splits `bits` bits from `first` up into as few passes of at most 11 bits as can hold them, of
// equal width: 28 bits are 3 passes of 10 bits rather than 11 + 11 + 6.
void addDigits(std::vector<Digit>& digits, int first, int bits)
{
    constexpr int kMaxDigitBits = 11;
    if (bits <= 0) {
        return;
    }
    const int passes = (bits + kMaxDigitBits - 1) / kMaxDigitBits;
    const int width = (bits + passes - 1) / passes;
    for (int done = 0; done < bits; done += width) {
        digits.push_back({ first + done, std::min(width, bits - done) });
    }
}

// Stable LSD radix sort of rows by their keys. Workers read equal ranges of the input; every
// pass is one read and one scattered write, the counts of the next pass's digit being taken
// while writing (for the worker that will read each position), and the last pass writing the row
// ids themselves. Buffers are huge-page mappings, not zeroed.
template <class Traits> class RadixSorter {
public:
    using Item = typename Traits::Type;

    RadixSorter(std::size_t n, std::vector<Digit> digits)
        : m_n(n)
        , m_workers(workerCount(n))
        , m_digits(std::move(digits))
    {
        ColumnArena arena;
        for (auto& buffer : m_buffers) {
            buffer = arena.allocate(std::max<std::size_t>(1, n) * sizeof(Item));
        }
        m_counts.assign(m_workers * m_workers, Counts {});
    }

    std::size_t workers() const { return m_workers; }
    std::pair<std::size_t, std::size_t> range(std::size_t w) const
    {
        return { m_n * w / m_workers, m_n * (w + 1) / m_workers };
    }
    Item* items() const { return reinterpret_cast<Item*>(m_buffers[0].data); }

    // Before sort(), each worker fills items()[range(w)] by calling put().
    void put(std::size_t w, std::size_t i, std::uint64_t key, std::uint32_t row)
    {
        const Item item = Traits::make(key, row);
        items()[i] = item;
        if (!m_digits.empty()) {
            ++m_counts[w * m_workers + w][Traits::bits(item, m_digits[0].shift, m_digits[0].mask())];
        }
    }

    bool sort(std::vector<RowId>& out, const std::atomic<bool>* cancel)
    {
        resizeOnHugePages(out, m_n);
        Item* from = items();
        Item* to = reinterpret_cast<Item*>(m_buffers[1].data);
        if (m_digits.empty()) {
            runWorkers(m_workers, [&](std::size_t w) {
                const auto [begin, end] = range(w);
                for (std::size_t i = begin; i < end; ++i) {
                    out[i] = RowId(Traits::row(from[i]));
                }
            });
            return true;
        }
        std::vector<std::uint32_t> borders(m_workers); // the first position each worker reads
        for (std::size_t w = 0; w < m_workers; ++w) {
            borders[w] = static_cast<std::uint32_t>(range(w).first);
        }
        std::vector<Counts> offsets(m_workers);
        for (std::size_t p = 0; p < m_digits.size(); ++p) {
            if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
                return false;
            }
            // Worker r reads range(r); its count of a digit is what every writer counted for it.
            std::size_t offset = 0;
            for (std::size_t b = 0; b < kBuckets; ++b) {
                for (std::size_t r = 0; r < m_workers; ++r) {
                    std::size_t count = 0;
                    for (std::size_t w = 0; w < m_workers; ++w) {
                        count += m_counts[w * m_workers + r][b];
                    }
                    offsets[r][b] = static_cast<std::uint32_t>(offset);
                    offset += count;
                }
            }
            std::fill(m_counts.begin(), m_counts.end(), Counts {});
            const Digit digit = m_digits[p];
            const bool last = p + 1 == m_digits.size();
            const Digit next = last ? digit : m_digits[p + 1];
            runWorkers(m_workers, [&](std::size_t r) {
                const auto [begin, end] = range(r);
                Counts& position = offsets[r];
                const std::uint32_t mask = digit.mask();
                if (last) {
                    for (std::size_t i = begin; i < end; ++i) {
                        out[position[Traits::bits(from[i], digit.shift, mask)]++] = RowId(Traits::row(from[i]));
                    }
                    return;
                }
                const std::uint32_t nextMask = next.mask();
                Counts* counts = &m_counts[r * m_workers];
                if (m_workers == 1) {
                    for (std::size_t i = begin; i < end; ++i) {
                        const Item item = from[i];
                        to[position[Traits::bits(item, digit.shift, mask)]++] = item;
                        ++counts[0][Traits::bits(item, next.shift, nextMask)];
                    }
                    return;
                }
                for (std::size_t i = begin; i < end; ++i) {
                    const Item item = from[i];
                    const std::uint32_t at = position[Traits::bits(item, digit.shift, mask)]++;
                    to[at] = item;
                    std::size_t reader = 0;
                    while (reader + 1 < m_workers && at >= borders[reader + 1]) {
                        ++reader;
                    }
                    ++counts[reader][Traits::bits(item, next.shift, nextMask)];
                }
            });
            std::swap(from, to);
        }
        return true;
    }

private:
    static constexpr std::size_t kBuckets = std::size_t { 1 } << 11;
    using Counts = std::array<std::uint32_t, kBuckets>;

    std::size_t m_n;
    std::size_t m_workers;
    std::vector<Digit> m_digits;
    std::array<ColumnArena::Allocation, 2> m_buffers;
    std::vector<Counts> m_counts; // [writer * workers + reader][digit of the next pass]
};

// keys are read twice: first for their range and whether the rows come in row order, then packed
// with the rows as small unsigned numbers: null 0 and the others from 1 up when ascending; the
// largest 0 and null last when descending. Rows in row order stay so among equal keys (the sort is
// stable); otherwise the row id's bits are sorted first.
template <class Traits>
std::optional<std::vector<RowId>> sortPacked(const FlowStore::Snapshot& snapshot, const std::vector<RowId>& rows,
    const KeyReader& reader, std::uint64_t low, std::uint64_t high, bool descending, bool inRowOrder,
    const std::atomic<bool>* cancel)
{
    const std::uint64_t span = high - low + 1;
    std::vector<Digit> digits;
    if (!inRowOrder) {
        addDigits(digits, 0, 32);
    }
    addDigits(digits, 32, std::bit_width(span));
    RadixSorter<Traits> sorter(rows.size(), std::move(digits));
    std::atomic<bool> cancelled { false };
    runWorkers(sorter.workers(), [&](std::size_t w) {
        const auto [begin, end] = sorter.range(w);
        std::vector<std::int64_t> column;
        const bool read = reader.read(snapshot, rows, begin, end, column, cancel, [&](std::size_t i, std::uint64_t k) {
            const std::uint64_t key = k == 0 ? (descending ? span : 0) : (descending ? high - k : k - low + 1);
            sorter.put(w, i, key, rows[i].value);
        });
        if (!read) {
            cancelled = true;
        }
    });
    std::vector<RowId> out;
    if (cancelled || !sorter.sort(out, cancel)) {
        return std::nullopt;
    }
    return out;
}

} // namespace

std::optional<std::vector<RowId>> sortRows(const FlowStore& store, const FlowStore::Snapshot& snapshot,
    const std::vector<RowId>& rows, FieldId field, bool descending, const std::atomic<bool>* cancel)
{
    const KeyReader reader(store, field);
    const std::size_t n = rows.size();
    if (n == 0) {
        return std::vector<RowId> {};
    }
    const std::size_t workers = workerCount(n);
    std::vector<std::uint64_t> lows(workers, ~std::uint64_t { 0 });
    std::vector<std::uint64_t> highs(workers, 0);
    std::vector<char> ordered(workers, 1);
    std::atomic<bool> cancelled { false };
    runWorkers(workers, [&](std::size_t w) {
        const std::size_t begin = n * w / workers;
        const std::size_t end = n * (w + 1) / workers;
        std::vector<std::int64_t> column; // the field of the chunk being read, when decoded whole
        std::uint64_t low = ~std::uint64_t { 0 };
        std::uint64_t high = 0;
        const bool read = reader.read(snapshot, rows, begin, end, column, cancel, [&](std::size_t, std::uint64_t key) {
            if (key != 0) {
                low = std::min(low, key);
                high = std::max(high, key);
            }
        });
        for (std::size_t i = begin + 1; i < end; ++i) {
            if (rows[i - 1].value >= rows[i].value) {
                ordered[w] = 0;
                break;
            }
        }
        lows[w] = low;
        highs[w] = high;
        if (!read) {
            cancelled = true;
        }
    });
    if (cancelled) {
        return std::nullopt;
    }
    std::uint64_t low = *std::min_element(lows.begin(), lows.end());
    std::uint64_t high = *std::max_element(highs.begin(), highs.end());
    if (low > high) { // every key null
        low = high = 1;
    }
    bool inRowOrder = std::all_of(ordered.begin(), ordered.end(), [](char o) { return o != 0; });
    for (std::size_t w = 1; w < workers && inRowOrder; ++w) {
        const std::size_t border = n * w / workers;
        inRowOrder = border == 0 || rows[border - 1].value < rows[border].value;
    }
    // Keys from 0 to span (null included) in 32 bits: packed with the row in 8 bytes.
    if (high - low < std::numeric_limits<std::uint32_t>::max()) {
        return sortPacked<PackedItem>(snapshot, rows, reader, low, high, descending, inRowOrder, cancel);
    }
    return sortPacked<WideItem>(snapshot, rows, reader, low, high, descending, inRowOrder, cancel);
}

} // namespace flowlens
