#include "pairaggregation.h"

#include "analysis/chunkparallel.h"
#include "batching.h"
#include "codepairtable.h"
#include "exprcompiler.h"

#include <algorithm>
#include <bit>
#include <cstdlib>
#include <mutex>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace flowlens::query {

namespace {

// A worker's own table stays this small (keys, slots and states well inside the cache); past it,
// the worker partitions.
constexpr std::size_t kDirectGroups = std::size_t { 1 } << 15;
constexpr int kPartitionBits = 8;
constexpr std::size_t kPartitions = std::size_t { 1 } << kPartitionBits;

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
        if (m_next + words > m_end) {
            if (!m_blocks.empty()) {
                m_used.back() = static_cast<std::size_t>(m_next - m_blocks.back());
            }
            m_blocks.push_back(BlockPool::instance().take());
            m_used.push_back(0);
            m_next = m_blocks.back();
            m_end = m_next + kBlockWords / words * words;
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
    std::vector<std::int64_t*> m_blocks; // from BlockPool
    std::vector<std::size_t> m_used;
    std::int64_t* m_next = nullptr;
    std::int64_t* m_end = nullptr;
};

struct Worker {
    std::vector<NodePtr> keyNodes; // null where the key is a stored field's codes
    std::vector<NodePtr> argNodes; // null for count(*)
    CodePairTable table;
    std::vector<AggregateState> states;
    bool partitioned = false;
    // Per partition, rows one after the other: the key codes, then one word per argument (an
    // integer, or a float's bits). In `narrow` both codes fit 32 bits and share the first word
    // (the first key's in the low half), as address ids and small numbers do; `wide` has a word each.
    std::vector<RowBuffer> narrow;
    std::vector<RowBuffer> wide;

    std::vector<std::vector<std::int64_t>> keyCodes;
    std::vector<Values> keyValues;
    std::vector<Values> argValues;
    std::vector<std::uint32_t> groupOf;
    std::vector<std::uint32_t> rows;
    std::vector<std::int64_t> scratch;
    std::unique_ptr<ValueArena> arena = std::make_unique<ValueArena>();
};

struct PartitionWorker {
    std::size_t lastGroups = 0; // the previous partition's groups: partitions by hash are alike in size
    CodePairTable table; // cleared for each partition, so its memory is reused
    std::vector<std::uint32_t> groupOf;
    std::vector<std::uint32_t> targets;
    std::vector<Values> argValues;
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

    auto work = [&](std::size_t c, Worker& w) {
        forEachBatch(selection, c, w.rows, *w.arena, [&](const Batch& batch) {
            const std::uint32_t n = batch.count;
            for (std::size_t k = 0; k < width; ++k) {
                m_keyCoders[k]->encodeBatch(batch, w.keyNodes[k].get(), w.keyValues[k], w.keyCodes[k], w.scratch);
            }
            for (std::size_t a = 0; a < m_aggregates.size(); ++a) {
                if (w.argNodes[a]) {
                    w.argNodes[a]->eval(batch, w.argValues[a]);
                }
            }
            const std::int64_t* first = w.keyCodes[0].data();
            const std::int64_t* second = pair ? w.keyCodes[1].data() : nullptr;
            if (!w.partitioned) {
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
                return;
            }
            std::int64_t low = 0;
            std::int64_t high = 0;
            for (std::uint32_t i = 0; i < n; ++i) {
                low = std::min({ low, first[i], pair ? second[i] : 0 });
                high = std::max({ high, first[i], pair ? second[i] : 0 });
            }
            const bool narrow = low >= INT32_MIN && high <= INT32_MAX;
            std::vector<RowBuffer>& buffers = narrow ? w.narrow : w.wide;
            const std::size_t words = narrow ? narrowWords : wideWords;
            for (std::uint32_t i = 0; i < n; ++i) {
                const std::int64_t b = pair ? second[i] : 0;
                std::int64_t* out = buffers[partitionOf(CodePairTable::hash(first[i], b))].append(words);
                if (narrow) {
                    *out++ = static_cast<std::int64_t>(static_cast<std::uint32_t>(first[i]))
                        | static_cast<std::int64_t>(static_cast<std::uint64_t>(b) << 32);
                } else {
                    *out++ = first[i];
                    if (pair) {
                        *out++ = b;
                    }
                }
                for (std::size_t a = 0; a < m_aggregates.size(); ++a) {
                    if (!w.argNodes[a]) {
                        continue;
                    }
                    const Values& v = w.argValues[a];
                    *out++ = v.type == ValueType::Float ? std::bit_cast<std::int64_t>(v.floats[i]) : v.ints[i];
                }
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

    // The workers' own groups, by partition.
    std::vector<std::vector<std::vector<std::uint32_t>>> ownGroups(workers.size());
    for (std::size_t i = 0; i < workers.size(); ++i) {
        ownGroups[i].resize(kPartitions);
        const CodePairTable& table = workers[i].table;
        for (std::uint32_t g = 0; g < table.size(); ++g) {
            ownGroups[i][partitionOf(CodePairTable::hash(table.first(g), table.second(g)))].push_back(g);
        }
    }
    std::vector<GroupPart> parts(kPartitions);
    auto aggregatePartition = [&](std::size_t p, PartitionWorker& pw) {
        CodePairTable& table = pw.table;
        table.clear();
        table.reserve(pw.lastGroups + pw.lastGroups / 8);
        std::vector<AggregateState> states = freshStates();
        for (std::size_t i = 0; i < workers.size(); ++i) {
            const std::vector<std::uint32_t>& groups = ownGroups[i][p];
            const CodePairTable& own = workers[i].table;
            pw.targets.resize(groups.size());
            for (std::size_t j = 0; j < groups.size(); ++j) {
                pw.targets[j] = table.find(own.first(groups[j]), own.second(groups[j]));
            }
            for (std::size_t a = 0; a < m_aggregates.size(); ++a) {
                states[a].resize(table.size());
                states[a].merge(workers[i].states[a], groups.data(), pw.targets.data(), groups.size());
            }
        }
        pw.argValues.resize(m_aggregates.size());
        auto aggregateRows = [&](const std::int64_t* rows, std::uint32_t n, bool narrow) {
            const std::size_t rowWords = narrow ? narrowWords : wideWords;
            pw.groupOf.resize(n);
            const std::int64_t* row = rows;
            if (narrow) {
                for (std::uint32_t i = 0; i < n; ++i, row += rowWords) {
                    const auto packed = static_cast<std::uint64_t>(row[0]);
                    pw.groupOf[i] = table.find(static_cast<std::int32_t>(static_cast<std::uint32_t>(packed)),
                        static_cast<std::int32_t>(static_cast<std::uint32_t>(packed >> 32)));
                }
            } else {
                for (std::uint32_t i = 0; i < n; ++i, row += rowWords) {
                    pw.groupOf[i] = table.find(row[0], pair ? row[1] : 0);
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
                    for (std::uint32_t i = 0; i < n; ++i, word += rowWords) {
                        if (type == ValueType::Float) {
                            v.floats[i] = std::bit_cast<double>(*word);
                        } else {
                            v.ints[i] = *word;
                        }
                    }
                    input.values = &v;
                }
                states[a].resize(table.size());
                states[a].update(input);
            }
        };
        for (const Worker& w : workers) {
            if (!w.partitioned) {
                continue;
            }
            for (const bool narrow : { true, false }) {
                const RowBuffer& buffer = (narrow ? w.narrow : w.wide)[p];
                const std::size_t rowWords = narrow ? narrowWords : wideWords;
                for (std::size_t b = 0; b < buffer.blockCount(); ++b) {
                    const std::size_t count = buffer.blockWords(b) / rowWords;
                    for (std::size_t begin = 0; begin < count; begin += kBatchRows) {
                        const auto n = static_cast<std::uint32_t>(std::min<std::size_t>(kBatchRows, count - begin));
                        aggregateRows(buffer.block(b) + begin * rowWords, n, narrow);
                    }
                }
            }
        }
        for (AggregateState& s : states) {
            s.resize(table.size());
        }
        GroupPart& part = parts[p];
        part.groups = table.size();
        pw.lastGroups = table.size();
        if (best) {
            ValueArena unused; // the aggregates pruned on are numbers
            if (auto rows = bestValueRows(states[best->aggregate].finish(unused), best->descending, best->limit)) {
                part.kept = std::move(*rows);
            }
        }
        part.keys.resize(width);
        const std::vector<std::int64_t>* keys[] = { &table.firsts(), &table.seconds() };
        for (std::size_t k = 0; k < width; ++k) {
            if (part.kept.empty()) {
                part.keys[k] = *keys[k];
            } else {
                for (const std::uint32_t g : part.kept) {
                    part.keys[k].push_back((*keys[k])[g]);
                }
            }
        }
        part.states = std::move(states);
    };
    forEachChunkParallel<PartitionWorker>(
        kPartitions, [] { return PartitionWorker(); }, aggregatePartition);
    return parts;
}

} // namespace flowlens::query
