#include "pairaggregation.h"

#include "analysis/chunkparallel.h"
#include "batching.h"
#include "codepairtable.h"
#include "exprcompiler.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <numeric>
#include <type_traits>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace flowlens::query {

namespace {

// A worker's own table stays this small (keys, slots and states well inside the cache); past it,
// the worker partitions.
constexpr std::size_t kDirectGroups = std::size_t { 1 } << 12;
constexpr int kPartitionBits = 8;
constexpr std::size_t kPartitions = std::size_t { 1 } << kPartitionBits;
constexpr std::uint32_t kPartitionRows = kBatchRows / 4;
constexpr std::uint32_t kPrefetchRows = 16;

std::size_t partitionOf(std::uint64_t hash)
{
    return static_cast<std::size_t>(hash >> (64 - kPartitionBits));
}

// Partition blocks outlive a run: the next query with many groups reuses them instead of asking
// the kernel for (and zeroing) hundreds of megabytes again. Blocks are cut from 2 MiB slabs that
// may be huge pages (one page fault instead of 512). At most kKeptSlabs stay between runs; slabs
// made beyond them are freed when their last block comes back.
constexpr std::size_t kBlockWords = std::size_t { 1 } << 13; // 64 KiB
constexpr std::size_t kSlabBytes = std::size_t { 2 } << 20;
constexpr std::size_t kBlocksPerSlab = kSlabBytes / (kBlockWords * sizeof(std::int64_t));
constexpr std::size_t kKeptSlabs = 128; // 256 MiB

class BlockPool {
public:
    static BlockPool& instance()
    {
        static BlockPool pool;
        return pool;
    }
    BlockPool() = default;
    BlockPool(const BlockPool&) = delete;
    BlockPool& operator=(const BlockPool&) = delete;
    ~BlockPool()
    {
        for (void* slab : m_kept) {
            std::free(slab);
        }
    }

    std::int64_t* take()
    {
        std::lock_guard lock(m_mutex);
        if (m_free.empty()) {
            void* slab = std::aligned_alloc(kSlabBytes, kSlabBytes);
            if (!slab) {
                throw std::bad_alloc();
            }
#if defined(MADV_HUGEPAGE)
            madvise(slab, kSlabBytes, MADV_HUGEPAGE);
#endif
            if (m_kept.size() < kKeptSlabs) {
                m_kept.push_back(slab);
            } else {
                m_extra.push_back({ static_cast<char*>(slab), kBlocksPerSlab });
            }
            for (std::size_t i = 0; i < kBlocksPerSlab; ++i) {
                m_free.push_back(static_cast<std::int64_t*>(slab) + i * kBlockWords);
            }
        }
        std::int64_t* block = m_free.back();
        m_free.pop_back();
        if (Extra* extra = extraOf(block)) {
            --extra->free;
        }
        return block;
    }
    void give(std::vector<std::int64_t*>& blocks)
    {
        std::lock_guard lock(m_mutex);
        for (std::int64_t* block : blocks) {
            Extra* extra = extraOf(block);
            if (!extra) {
                m_free.push_back(block);
            } else if (++extra->free == kBlocksPerSlab) { // the slab's blocks are all back: free it
                char* base = extra->base;
                std::erase_if(m_free, [&](std::int64_t* b) { return extraOf(b) == extra; });
                std::free(base);
                std::erase_if(m_extra, [&](const Extra& e) { return e.base == base; });
            } else {
                m_free.push_back(block);
            }
        }
        blocks.clear();
    }

private:
    struct Extra {
        char* base;
        std::size_t free; // blocks of the slab not in use
    };
    Extra* extraOf(const std::int64_t* block)
    {
        const auto* byte = reinterpret_cast<const char*>(block);
        for (Extra& e : m_extra) {
            if (byte >= e.base && byte < e.base + kSlabBytes) {
                return &e;
            }
        }
        return nullptr;
    }

    std::mutex m_mutex;
    std::vector<std::int64_t*> m_free;
    std::vector<void*> m_kept;
    std::vector<Extra> m_extra;
};

// Rows of one partition, in pooled blocks of kBlockWords that never move.
class RowBuffer {
public:
    RowBuffer() = default;
    RowBuffer(RowBuffer&&) = default;
    RowBuffer& operator=(RowBuffer&&) = delete; // would drop the blocks it holds
    ~RowBuffer() { BlockPool::instance().give(m_blocks); }
    RowBuffer(const RowBuffer&) = delete;
    RowBuffer& operator=(const RowBuffer&) = delete;

    std::int64_t* append(std::size_t words)
    {
        if (m_next + words > m_end) [[unlikely]] {
            nextBlock(words);
        }
        std::int64_t* out = m_next;
        m_next += words;
        return out;
    }
    std::size_t blockCount() const { return m_blocks.size(); }
    const std::int64_t* block(std::size_t i) const { return m_blocks[i]; }
    std::size_t blockWords(std::size_t i) const
    {
        return i + 1 == m_blocks.size() ? static_cast<std::size_t>(m_next - m_blocks[i]) : m_used[i];
    }

private:
    [[gnu::noinline]] void nextBlock(std::size_t words)
    {
        if (!m_blocks.empty()) {
            m_used.back() = static_cast<std::size_t>(m_next - m_blocks.back());
        }
        m_blocks.push_back(BlockPool::instance().take());
        m_used.push_back(0);
        m_next = m_blocks.back();
        m_end = m_next + kBlockWords / words * words;
    }

    std::vector<std::int64_t*> m_blocks; // from BlockPool
    std::vector<std::size_t> m_used;
    std::int64_t* m_next = nullptr;
    std::int64_t* m_end = nullptr;
};

// Narrow keys: a pair both of whose codes lie in (kNarrowLow, kNarrowLow + 2^32) or are null packs
// into one word, 32 bits a code (IPv4 address ids are the address, IPv6 ids small negatives, ports,
// dictionary ids and seconds all fit; an address in 255.0.0.0/8 or a huge number does not). The
// word is mixed by a bijection, so the partition is the mixed key's top bits, the partition's table
// uses it as its own hash and the codes come back by undoing the mix. Whether a pair is narrow
// depends only on its codes, so a group's rows are all narrow or all wide.
constexpr std::int64_t kNarrowLow = -(std::int64_t { 1 } << 24);
constexpr auto kNarrowNull = static_cast<std::uint32_t>(kNarrowLow); // null's 32 bits

bool isNarrow(std::int64_t code)
{
    return code == kNull
        || static_cast<std::uint64_t>(code) - static_cast<std::uint64_t>(kNarrowLow + 1) < 0xFFFFFFFFULL;
}
std::uint32_t narrowOf(std::int64_t code)
{
    return code == kNull ? kNarrowNull : static_cast<std::uint32_t>(code);
}
std::int64_t codeOf(std::uint32_t narrow)
{
    return narrow == kNarrowNull ? kNull : kNarrowLow + static_cast<std::int64_t>(narrow - kNarrowNull);
}

// MurmurHash3's finaliser: its xor-shifts by 33 undo themselves and its factors are odd, so it is a
// bijection of 64-bit words with an inverse.
constexpr std::uint64_t kMix1 = 0xFF51AFD7ED558CCDULL;
constexpr std::uint64_t kMix2 = 0xC4CEB9FE1A85EC53ULL;
constexpr std::uint64_t inverseOf(std::uint64_t odd)
{
    std::uint64_t x = odd; // right to 3 bits; Newton's step doubles them
    for (int i = 0; i < 5; ++i) {
        x *= 2 - odd * x;
    }
    return x;
}
constexpr std::uint64_t kUnmix1 = inverseOf(kMix1);
constexpr std::uint64_t kUnmix2 = inverseOf(kMix2);
static_assert(kMix1 * kUnmix1 == 1 && kMix2 * kUnmix2 == 1);

std::uint64_t mix(std::uint64_t x)
{
    x ^= x >> 33;
    x *= kMix1;
    x ^= x >> 33;
    x *= kMix2;
    return x ^ (x >> 33);
}
std::uint64_t unmix(std::uint64_t x)
{
    x ^= x >> 33;
    x *= kUnmix2;
    x ^= x >> 33;
    x *= kUnmix1;
    return x ^ (x >> 33);
}
// The mixed key of a narrow pair.
std::uint64_t narrowKey(std::int64_t a, std::int64_t b)
{
    return mix(narrowOf(a) | static_cast<std::uint64_t>(narrowOf(b)) << 32);
}

// Numbers distinct mixed keys 0, 1, 2 … (a key is its own hash). Each slot carries the epoch it was
// filled in, so clearing the table for the next partition touches no slot.
class MixedKeyTable {
public:
    // Forgets every key, with room for about `groups` without growing.
    void clear(std::size_t groups)
    {
        m_keys.clear();
        std::size_t slots = kMinSlots;
        while (slots < groups + groups / 2) {
            slots *= 2;
        }
        if (slots > m_slots.size()) {
            m_slots.assign(slots, Slot {});
            m_epoch = 1;
        } else if (++m_epoch == 0) {
            std::fill(m_slots.begin(), m_slots.end(), Slot {});
            m_epoch = 1;
        }
        m_mask = m_slots.size() - 1;
    }
    std::uint32_t find(std::uint64_t key)
    {
        for (std::size_t i = key & m_mask;; i = (i + 1) & m_mask) {
            Slot& slot = m_slots[i];
            if (slot.epoch != m_epoch) {
                return insert(slot, key);
            }
            if (slot.key == key) {
                return slot.group;
            }
        }
    }
    // Brings the slot of `key` towards the cache for a find() a few rows later.
    void prefetch(std::uint64_t key) const { __builtin_prefetch(&m_slots[key & m_mask]); }
    std::size_t size() const { return m_keys.size(); }
    std::uint64_t key(std::uint32_t group) const { return m_keys[group]; }

private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t group = 0;
        std::uint32_t epoch = 0; // the slot is empty unless this is the table's
    };
    static constexpr std::size_t kMinSlots = 256;

    std::uint32_t insert(Slot& slot, std::uint64_t key)
    {
        const auto group = static_cast<std::uint32_t>(m_keys.size());
        slot = { key, group, m_epoch };
        m_keys.push_back(key);
        if (m_keys.size() * 4 > m_slots.size() * 3) { // linear probing stays short below 3/4 full
            std::vector<Slot> old(m_slots.size() * 2);
            old.swap(m_slots);
            m_mask = m_slots.size() - 1;
            for (const Slot& s : old) {
                if (s.epoch == m_epoch) {
                    std::size_t i = s.key & m_mask;
                    while (m_slots[i].epoch == m_epoch) {
                        i = (i + 1) & m_mask;
                    }
                    m_slots[i] = s;
                }
            }
        }
        return group;
    }

    std::vector<Slot> m_slots;
    std::size_t m_mask = 0;
    std::uint32_t m_epoch = 0;
    std::vector<std::uint64_t> m_keys; // by group
};

struct Worker {
    std::vector<NodePtr> keyNodes; // null where the key is a stored field's codes
    std::vector<NodePtr> argNodes; // null for count(*)
    CodePairTable table;
    std::vector<AggregateState> states;
    bool partitioned = false;
    // Per partition, rows one after the other: the key, then one word per argument (an integer, or
    // a float's bits). A `narrow` row's key is one word, the pair's mixed key; a `wide` row has
    // both codes (one for one group key).
    std::vector<RowBuffer> narrow;
    std::vector<RowBuffer> wide;

    std::vector<std::vector<std::int64_t>> keyCodes;
    std::vector<Values> keyValues;
    std::vector<Values> argValues;
    std::vector<const std::int64_t*> argWords; // per argument, its values as words
    std::vector<std::uint32_t> groupOf;
    std::vector<std::uint32_t> rows;
    std::vector<std::int64_t> scratch;
    std::unique_ptr<ValueArena> arena = std::make_unique<ValueArena>();
};

// The groups a query with `sort … | limit N` keeps: the best N values seen so far (one per group,
// best first), shared by the partition workers.
class BestSoFar {
public:
    BestSoFar(bool descending, std::size_t limit)
        : m_descending(descending)
        , m_limit(limit)
    {
    }
    // The groups of a partition (values[g] is group g's) that can be among the first `limit` of
    // all partitions: every group at least as good as the limit-th best of the groups seen so far,
    // ties included; every group, nulls too, while fewer than `limit` numbers have been seen.
    void keep(const Values& values, std::vector<std::uint32_t>& kept)
    {
        if (storageOf(values.type) == Storage::Floats) {
            keep(values.floats, m_floats, kept);
        } else {
            keep(values.ints, m_ints, kept);
        }
    }

private:
    template <class T> static bool present(T x)
    {
        if constexpr (std::is_integral_v<T>) {
            return x != kNull;
        } else {
            return x == x; // not NaN
        }
    }
    template <class T> void keep(const std::vector<T>& values, std::vector<T>& best, std::vector<std::uint32_t>& kept)
    {
        auto better = [&](T x, T y) { return m_descending ? x > y : x < y; };
        std::optional<T> bound;
        {
            std::lock_guard lock(m_mutex);
            if (best.size() == m_limit) {
                bound = best.back();
            }
        }
        kept.clear();
        for (std::uint32_t g = 0; g < values.size(); ++g) {
            const T x = values[g];
            if (present(x) && !(bound && better(*bound, x))) {
                kept.push_back(g);
            }
        }
        std::vector<T> mine; // at most `limit` of the partition's, the best
        mine.reserve(kept.size());
        for (const std::uint32_t g : kept) {
            mine.push_back(values[g]);
        }
        if (mine.size() > m_limit) {
            std::nth_element(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(m_limit - 1), mine.end(), better);
            mine.resize(m_limit);
        }
        {
            std::lock_guard lock(m_mutex);
            best.insert(best.end(), mine.begin(), mine.end());
            std::sort(best.begin(), best.end(), better);
            best.resize(std::min(best.size(), m_limit));
            bound.reset();
            if (best.size() == m_limit) {
                bound = best.back();
            }
        }
        if (!bound) {
            kept.resize(values.size());
            std::iota(kept.begin(), kept.end(), 0U);
            return;
        }
        std::erase_if(kept, [&](std::uint32_t g) { return better(*bound, values[g]); });
    }

    bool m_descending;
    std::size_t m_limit;
    std::mutex m_mutex;
    std::vector<std::int64_t> m_ints;
    std::vector<double> m_floats;
};

struct PartitionWorker {
    std::size_t lastGroups = 0; // the previous partition's groups: partitions by hash are alike in size
    // Cleared for each partition, so their memory is reused. A partition's groups are the narrow
    // table's, then the wide table's.
    MixedKeyTable narrowTable;
    CodePairTable wideTable;
    std::vector<AggregateState> states;
    std::vector<std::uint32_t> groupOf;
    std::vector<std::uint32_t> targets;
    std::vector<Values> argValues;
    Values best;
    std::vector<std::uint32_t> kept;
    std::vector<std::uint32_t> order;
};

} // namespace

bool PairAggregation::supports(const std::vector<const Expr*>& keys, const std::vector<const Expr*>& aggregates)
{
    if (keys.empty() || keys.size() > 2) {
        return false;
    }
    return std::all_of(aggregates.begin(), aggregates.end(), [](const Expr* a) {
        switch (a->aggregate) {
        case Aggregate::CountDistinct:
        case Aggregate::Earliest:
        case Aggregate::Latest:
            return false;
        default: {
            if (a->args.empty()) {
                return true;
            }
            const Storage storage = storageOf(a->args[0].type);
            return storage == Storage::Ints || storage == Storage::Floats;
        }
        }
    });
}

PairAggregation::PairAggregation(const ExprCompiler& compiler, std::vector<const Expr*> keys,
    const std::vector<std::unique_ptr<KeyCoder>>& keyCoders, std::vector<const Expr*> aggregates)
    : m_compiler(compiler)
    , m_keys(std::move(keys))
    , m_keyCoders(keyCoders)
    , m_aggregates(std::move(aggregates))
{
}

std::vector<GroupPart> PairAggregation::run(const Selection& selection, std::optional<Best> best) const
{
    const std::size_t width = m_keys.size();
    const bool pair = width == 2;
    std::vector<std::size_t> argWord(m_aggregates.size(), 0); // the argument's word after the key words
    std::size_t argWords = 0;
    for (std::size_t a = 0; a < m_aggregates.size(); ++a) {
        argWord[a] = argWords;
        argWords += m_aggregates[a]->args.empty() ? 0 : 1;
    }
    const std::size_t wideWords = width + argWords;
    const std::size_t narrowWords = 1 + argWords;
    auto freshStates = [&] {
        std::vector<AggregateState> states;
        for (const Expr* a : m_aggregates) {
            states.emplace_back(*a);
        }
        return states;
    };

    auto makeWorker = [&] {
        Worker w;
        for (std::size_t k = 0; k < width; ++k) {
            w.keyNodes.push_back(m_keyCoders[k]->storedCodes() ? nullptr : m_compiler.compile(*m_keys[k]));
        }
        for (const Expr* a : m_aggregates) {
            w.argNodes.push_back(a->args.empty() ? nullptr : m_compiler.compile(a->args[0]));
        }
        w.states = freshStates();
        w.keyCodes.resize(width);
        w.keyValues.resize(width);
        w.argValues.resize(m_aggregates.size());
        return w;
    };

    // Rows to partitions: the keys, then the arguments' words (an integer's, a float's bits).
    auto partitionRows = [&](Worker& w, std::uint32_t n) {
        const std::int64_t* first = w.keyCodes[0].data();
        const std::int64_t* second = pair ? w.keyCodes[1].data() : nullptr;
        w.argWords.clear();
        for (std::size_t a = 0; a < m_aggregates.size(); ++a) {
            if (w.argNodes[a]) {
                const Values& v = w.argValues[a];
                static_assert(sizeof(double) == sizeof(std::int64_t));
                w.argWords.push_back(v.type == ValueType::Float ? reinterpret_cast<const std::int64_t*>(v.floats.data())
                                                                : v.ints.data());
            }
        }
        const std::int64_t* const* args = w.argWords.data();
        auto copyArgs = [&](std::int64_t* out, std::uint32_t i) {
            for (std::size_t k = 0; k < argWords; ++k) {
                std::memcpy(out + k, args[k] + i, sizeof(std::int64_t));
            }
        };
        for (std::uint32_t i = 0; i < n; ++i) {
            const std::int64_t a = first[i];
            const std::int64_t b = pair ? second[i] : 0;
            if (isNarrow(a) && isNarrow(b)) [[likely]] {
                const std::uint64_t key = narrowKey(a, b);
                std::int64_t* out = w.narrow[partitionOf(key)].append(narrowWords);
                out[0] = static_cast<std::int64_t>(key);
                if (argWords == 1) {
                    std::memcpy(out + 1, args[0] + i, sizeof(std::int64_t));
                } else {
                    copyArgs(out + 1, i);
                }
            } else {
                std::int64_t* out = w.wide[partitionOf(CodePairTable::hash(a, b))].append(wideWords);
                out[0] = a;
                if (pair) {
                    out[1] = b;
                }
                copyArgs(out + width, i);
            }
        }
    };

    auto evaluate = [&](const Batch& batch, Worker& w) {
        for (std::size_t k = 0; k < width; ++k) {
            m_keyCoders[k]->encodeBatch(batch, w.keyNodes[k].get(), w.keyValues[k], w.keyCodes[k], w.scratch);
        }
        for (std::size_t a = 0; a < m_aggregates.size(); ++a) {
            if (w.argNodes[a]) {
                w.argNodes[a]->eval(batch, w.argValues[a]);
            }
        }
    };
    auto work = [&](std::size_t c, Worker& w) {
        forEachBatch(selection, c, w.rows, *w.arena, [&](const Batch& batch) {
            const std::uint32_t n = batch.count;
            if (w.partitioned) {
                // A quarter batch at a time: its codes and values stay in the L1 cache between being
                // decoded and being written out.
                for (std::uint32_t begin = 0; begin < n; begin += kPartitionRows) {
                    Batch part = batch;
                    part.count = std::min(kPartitionRows, n - begin);
                    if (batch.rows) {
                        part.rows = batch.rows + begin;
                    } else {
                        part.begin = batch.begin + begin;
                    }
                    evaluate(part, w);
                    partitionRows(w, part.count);
                }
                return;
            }
            evaluate(batch, w);
            const std::int64_t* first = w.keyCodes[0].data();
            const std::int64_t* second = pair ? w.keyCodes[1].data() : nullptr;
            w.groupOf.resize(n);
            if (pair) {
                for (std::uint32_t i = 0; i < n; ++i) {
                    w.groupOf[i] = w.table.find(first[i], second[i]);
                }
            } else if (n > 0) {
                // One key (a time bin, an address): runs of one value are common, look each up once.
                std::int64_t last = first[0];
                std::uint32_t group = w.table.find(last, 0);
                for (std::uint32_t i = 0; i < n; ++i) {
                    if (first[i] != last) {
                        last = first[i];
                        group = w.table.find(last, 0);
                    }
                    w.groupOf[i] = group;
                }
            }
            for (std::size_t a = 0; a < m_aggregates.size(); ++a) {
                AggregateState::Input input;
                input.count = n;
                input.groups = w.groupOf.data();
                input.values = w.argNodes[a] ? &w.argValues[a] : nullptr;
                w.states[a].resize(w.table.size());
                w.states[a].update(input);
            }
            if (w.table.size() >= kDirectGroups) {
                w.partitioned = true;
                w.narrow.resize(kPartitions);
                w.wide.resize(kPartitions);
            }
        });
    };

    std::vector<Worker> workers = forEachChunkParallel<Worker>(selection.chunkCount(), makeWorker, work);

    auto keysOf = [&](CodePairTable& table) {
        std::vector<std::vector<std::int64_t>> keys;
        keys.push_back(table.takeFirsts());
        if (pair) {
            keys.push_back(table.takeSeconds());
        }
        return keys;
    };

    if (std::none_of(workers.begin(), workers.end(), [](const Worker& w) { return w.partitioned; })) {
        // Few groups: fold every worker's table into the first.
        Worker& base = workers.front();
        std::vector<std::uint32_t> targets;
        for (std::size_t i = 1; i < workers.size(); ++i) {
            const Worker& w = workers[i];
            targets.resize(w.table.size());
            for (std::uint32_t g = 0; g < targets.size(); ++g) {
                targets[g] = base.table.find(w.table.first(g), w.table.second(g));
            }
            for (std::size_t a = 0; a < m_aggregates.size(); ++a) {
                base.states[a].resize(base.table.size());
                base.states[a].merge(w.states[a], targets);
            }
        }
        for (AggregateState& s : base.states) {
            s.resize(base.table.size());
        }
        std::vector<GroupPart> parts(1);
        parts[0].groups = base.table.size();
        parts[0].keys = keysOf(base.table);
        parts[0].states = std::move(base.states);
        return parts;
    }

    // The workers' own groups, by partition: [worker][narrow or wide][partition].
    std::vector<std::array<std::vector<std::vector<std::uint32_t>>, 2>> ownGroups(workers.size());
    for (std::size_t i = 0; i < workers.size(); ++i) {
        ownGroups[i][0].resize(kPartitions);
        ownGroups[i][1].resize(kPartitions);
        const CodePairTable& table = workers[i].table;
        for (std::uint32_t g = 0; g < table.size(); ++g) {
            const std::int64_t a = table.first(g);
            const std::int64_t b = table.second(g);
            if (isNarrow(a) && isNarrow(b)) {
                ownGroups[i][0][partitionOf(narrowKey(a, b))].push_back(g);
            } else {
                ownGroups[i][1][partitionOf(CodePairTable::hash(a, b))].push_back(g);
            }
        }
    }
    std::optional<BestSoFar> bestSoFar;
    if (best && best->limit > 0) {
        bestSoFar.emplace(best->descending, best->limit);
    }
    std::vector<GroupPart> parts(kPartitions);
    auto aggregatePartition = [&](std::size_t p, PartitionWorker& pw) {
        MixedKeyTable& narrowTable = pw.narrowTable;
        CodePairTable& wideTable = pw.wideTable;
        narrowTable.clear(pw.lastGroups + pw.lastGroups / 8);
        wideTable.clear();
        if (pw.states.empty()) {
            pw.states = freshStates();
        }
        std::vector<AggregateState>& states = pw.states;
        for (AggregateState& s : states) {
            s.clear();
        }
        // Narrow groups are numbered first; `offset` is their count once the wide ones begin.
        std::size_t offset = 0;
        auto groupCount = [&] { return narrowTable.size() + wideTable.size(); };
        for (const bool narrow : { true, false }) {
            offset = narrow ? 0 : narrowTable.size();
            for (std::size_t i = 0; i < workers.size(); ++i) {
                const std::vector<std::uint32_t>& groups = ownGroups[i][narrow ? 0 : 1][p];
                const CodePairTable& own = workers[i].table;
                pw.targets.resize(groups.size());
                for (std::size_t j = 0; j < groups.size(); ++j) {
                    const std::int64_t a = own.first(groups[j]);
                    const std::int64_t b = own.second(groups[j]);
                    pw.targets[j] = narrow ? narrowTable.find(narrowKey(a, b))
                                           : static_cast<std::uint32_t>(offset + wideTable.find(a, b));
                }
                for (std::size_t a = 0; a < m_aggregates.size(); ++a) {
                    states[a].resize(groupCount());
                    states[a].merge(workers[i].states[a], groups.data(), pw.targets.data(), groups.size());
                }
            }
            pw.argValues.resize(m_aggregates.size());
            auto aggregateRows = [&](const std::int64_t* rows, std::uint32_t n) {
                const std::size_t rowWords = narrow ? narrowWords : wideWords;
                pw.groupOf.resize(n);
                const std::int64_t* row = rows;
                if (narrow) {
                    // The table is larger than the L1 cache: ask for each row's slot a few rows ahead.
                    const std::uint32_t ahead = std::min(n, kPrefetchRows);
                    for (std::uint32_t i = 0; i < ahead; ++i) {
                        narrowTable.prefetch(static_cast<std::uint64_t>(row[i * rowWords]));
                    }
                    for (std::uint32_t i = 0; i < n; ++i, row += rowWords) {
                        if (i + kPrefetchRows < n) {
                            narrowTable.prefetch(static_cast<std::uint64_t>(row[kPrefetchRows * rowWords]));
                        }
                        pw.groupOf[i] = narrowTable.find(static_cast<std::uint64_t>(row[0]));
                    }
                } else {
                    for (std::uint32_t i = 0; i < n; ++i, row += rowWords) {
                        pw.groupOf[i] = static_cast<std::uint32_t>(offset + wideTable.find(row[0], pair ? row[1] : 0));
                    }
                }
                const std::int64_t* args = rows + (narrow ? 1 : width);
                for (std::size_t a = 0; a < m_aggregates.size(); ++a) {
                    AggregateState::Input input;
                    input.count = n;
                    input.groups = pw.groupOf.data();
                    if (!m_aggregates[a]->args.empty()) {
                        Values& v = pw.argValues[a];
                        const ValueType type = m_aggregates[a]->args[0].type;
                        v.reset(type, n);
                        const std::int64_t* word = args + argWord[a];
                        auto* out = type == ValueType::Float ? reinterpret_cast<std::int64_t*>(v.floats.data())
                                                             : v.ints.data();
                        for (std::uint32_t i = 0; i < n; ++i, word += rowWords) {
                            std::memcpy(out + i, word, sizeof(std::int64_t));
                        }
                        input.values = &v;
                    }
                    states[a].resize(groupCount());
                    states[a].update(input);
                }
            };
            for (const Worker& w : workers) {
                if (!w.partitioned) {
                    continue;
                }
                const RowBuffer& buffer = (narrow ? w.narrow : w.wide)[p];
                const std::size_t rowWords = narrow ? narrowWords : wideWords;
                for (std::size_t b = 0; b < buffer.blockCount(); ++b) {
                    const std::size_t count = buffer.blockWords(b) / rowWords;
                    for (std::size_t begin = 0; begin < count; begin += kBatchRows) {
                        const auto n = static_cast<std::uint32_t>(std::min<std::size_t>(kBatchRows, count - begin));
                        aggregateRows(buffer.block(b) + begin * rowWords, n);
                    }
                }
            }
        }
        const std::size_t groups = groupCount();
        for (AggregateState& s : states) {
            s.resize(groups);
        }
        pw.lastGroups = groups;
        GroupPart& part = parts[p];
        auto keyOf = [&](std::uint32_t g, std::size_t k) {
            if (g >= offset) {
                const auto wide = static_cast<std::uint32_t>(g - offset);
                return k == 0 ? wideTable.first(wide) : wideTable.second(wide);
            }
            const std::uint64_t packed = unmix(narrowTable.key(g));
            return codeOf(static_cast<std::uint32_t>(packed >> (k == 0 ? 0 : 32)));
        };
        part.keys.assign(width, {});
        if (!bestSoFar) {
            part.groups = groups;
            for (std::size_t k = 0; k < width; ++k) {
                part.keys[k].resize(groups);
                for (std::uint32_t g = 0; g < groups; ++g) {
                    part.keys[k][g] = keyOf(g, k);
                }
            }
            part.states = std::move(states);
            pw.states.clear();
            return;
        }
        // Only the groups that can make the first N leave the partition, with states of their own.
        ValueArena unused; // the aggregates pruned on are numbers
        states[best->aggregate].finish(unused, pw.best);
        bestSoFar->keep(pw.best, pw.kept);
        part.groups = pw.kept.size();
        for (std::size_t k = 0; k < width; ++k) {
            for (const std::uint32_t g : pw.kept) {
                part.keys[k].push_back(keyOf(g, k));
            }
        }
        pw.order.resize(pw.kept.size());
        std::iota(pw.order.begin(), pw.order.end(), 0U);
        part.states = freshStates();
        for (std::size_t a = 0; a < m_aggregates.size(); ++a) {
            part.states[a].resize(part.groups);
            part.states[a].merge(states[a], pw.kept.data(), pw.order.data(), part.groups);
        }
    };
    forEachChunkParallel<PartitionWorker>(
        kPartitions, [] { return PartitionWorker(); }, aggregatePartition);
    return parts;
}

} // namespace flowlens::query
