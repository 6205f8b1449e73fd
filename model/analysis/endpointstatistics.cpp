#include "endpointstatistics.h"

#include "chunkparallel.h"
#include "store/addressindex.h"

#include <algorithm>
#include <compare>

namespace flowlens {

namespace {

struct Columns {
    std::vector<std::int64_t> src, dst, bytes, packets, action, dstPort;
    Columns()
        : src(kChunkRows)
        , dst(kChunkRows)
        , bytes(kChunkRows)
        , packets(kChunkRows)
        , action(kChunkRows)
        , dstPort(kChunkRows)
    {
    }
    // The first pass's columns (sums), or the second's (addresses and ports).
    void decode(const Chunk& chunk, bool secondPass)
    {
        const std::uint32_t n = chunk.rowCount();
        chunk.decode(FieldId::SrcAddr, 0, n, src.data());
        chunk.decode(FieldId::DstAddr, 0, n, dst.data());
        if (secondPass) {
            chunk.decode(FieldId::DstPort, 0, n, dstPort.data());
        } else {
            chunk.decode(FieldId::Bytes, 0, n, bytes.data());
            chunk.decode(FieldId::Packets, 0, n, packets.data());
            chunk.decode(FieldId::Action, 0, n, action.data());
        }
    }
};

// Distinct (row number, kind, value) triples, kind 0 a peer and 1 a port, gathered by the workers
// and counted once. A triple whose value fits 33 bits (any address id or port) packs into 64 bits
// and goes to one of kPartitions lists by its row; each list is then counted on its own with a
// flat set that fits it. A small direct-mapped filter drops most repeats as they come. Any other
// triple is kept whole, and those are sorted and counted.
class PairLists {
public:
    static constexpr std::size_t kPartitions = 64;

    void insert(std::uint32_t row, std::uint32_t kind, std::int64_t value)
    {
        if (row >= kMaxPackedRows || value < -kValueOffset || value >= kValueOffset) {
            m_wide.push_back({ row, kind, value });
            return;
        }
        const std::uint64_t key = std::uint64_t { row } << (kValueBits + 1) | std::uint64_t { kind } << kValueBits
            | static_cast<std::uint64_t>(value + kValueOffset);
        std::uint64_t& seen = m_recent[mix(key) & (m_recent.size() - 1)];
        if (seen == key) {
            return;
        }
        seen = key;
        m_lists[row % kPartitions].push_back(key);
    }

    // Adds the number of distinct values of each row to peers[row] and ports[row]. Workers may
    // count different partitions at once (they hold different rows).
    static void countPartition(const std::vector<PairLists>& all, std::size_t partition,
        std::vector<std::uint32_t>& peers, std::vector<std::uint32_t>& ports)
    {
        std::size_t total = 0;
        for (const PairLists& lists : all) {
            total += lists.m_lists[partition].size();
        }
        std::size_t size = 16;
        while (size < total * 2) {
            size *= 2;
        }
        std::vector<std::uint64_t> set(size, kEmpty);
        for (const PairLists& lists : all) {
            for (const std::uint64_t key : lists.m_lists[partition]) {
                for (std::size_t i = mix(key) & (size - 1);; i = (i + 1) & (size - 1)) {
                    if (set[i] == key) {
                        break;
                    }
                    if (set[i] == kEmpty) {
                        set[i] = key;
                        const auto row = static_cast<std::size_t>(key >> (kValueBits + 1));
                        ++((key >> kValueBits & 1U) != 0 ? ports : peers)[row];
                        break;
                    }
                }
            }
        }
    }

    static void countWide(
        const std::vector<PairLists>& all, std::vector<std::uint32_t>& peers, std::vector<std::uint32_t>& ports)
    {
        std::vector<Wide> wide;
        for (const PairLists& lists : all) {
            wide.insert(wide.end(), lists.m_wide.begin(), lists.m_wide.end());
        }
        std::sort(wide.begin(), wide.end());
        wide.erase(std::unique(wide.begin(), wide.end()), wide.end());
        for (const Wide& w : wide) {
            ++(w.kind != 0 ? ports : peers)[w.row];
        }
    }

private:
    struct Wide {
        std::uint32_t row;
        std::uint32_t kind;
        std::int64_t value;
        auto operator<=>(const Wide&) const = default;
    };
    static std::uint64_t mix(std::uint64_t x)
    {
        x ^= x >> 31;
        x *= 0x9E3779B97F4A7C15ULL;
        return x ^ (x >> 29);
    }
    static constexpr int kValueBits = 33;
    static constexpr std::int64_t kValueOffset = std::int64_t { 1 } << 32;
    static constexpr std::uint32_t kMaxPackedRows = 1U << 29;
    static constexpr std::uint64_t kEmpty = ~std::uint64_t { 0 }; // no row has that number
    std::vector<std::vector<std::uint64_t>> m_lists = std::vector<std::vector<std::uint64_t>>(kPartitions);
    std::vector<std::uint64_t> m_recent = std::vector<std::uint64_t>(4096, kEmpty);
    std::vector<Wide> m_wide;
};

std::uint64_t orNothing(std::int64_t v)
{
    return v == kNull ? 0 : static_cast<std::uint64_t>(v);
}

std::uint64_t sortKey(const EndpointRow& r, EndpointOrder order)
{
    switch (order) {
    case EndpointOrder::BytesOut:
        return r.bytesOut;
    case EndpointOrder::BytesIn:
        return r.bytesIn;
    case EndpointOrder::Records:
        return r.records;
    case EndpointOrder::Rejects:
        return r.rejects;
    case EndpointOrder::TotalBytes:
        break;
    }
    return r.totalBytes();
}

} // namespace

EndpointStatistics EndpointStatistics::compute(
    const Selection& selection, std::size_t limit, EndpointOrder order, const std::atomic<bool>* cancel)
{
    auto stop = [cancel] { return cancel != nullptr && cancel->load(std::memory_order_relaxed); };
    const auto& chunks = selection.snapshot().chunks;
    struct Partial {
        AddressIndex index;
        std::vector<EndpointRow> rows; // by number in `index`
        Columns columns;
        EndpointRow& row(std::int64_t id)
        {
            const std::uint32_t number = index.insert(AddressId(id));
            if (number == rows.size()) {
                rows.emplace_back();
                rows.back().address = AddressId(id);
            }
            return rows[number];
        }
    };
    auto partials = forEachChunkParallel<Partial>(
        chunks.size(), [&] { return Partial {}; },
        [&](std::size_t c, Partial& p) {
            if (stop()) {
                return;
            }
            const Chunk& chunk = *chunks[c];
            Columns& col = p.columns;
            col.decode(chunk, false);
            selection.forEachRow(c, [&](std::uint32_t r) {
                const bool reject = col.action[r] == 1;
                if (col.src[r] != kNull) {
                    EndpointRow& e = p.row(col.src[r]);
                    e.bytesOut += orNothing(col.bytes[r]);
                    e.packetsOut += orNothing(col.packets[r]);
                    ++e.records;
                    e.rejects += reject;
                }
                if (col.dst[r] != kNull) {
                    EndpointRow& e = p.row(col.dst[r]);
                    e.bytesIn += orNothing(col.bytes[r]);
                    e.packetsIn += orNothing(col.packets[r]);
                    if (col.dst[r] != col.src[r]) {
                        ++e.records;
                        e.rejects += reject;
                    }
                }
            });
        });
    if (stop()) {
        return {};
    }
    Partial& total = partials.front();
    for (std::size_t i = 1; i < partials.size(); ++i) {
        for (const EndpointRow& e : partials[i].rows) {
            EndpointRow& t = total.row(e.address.value);
            t.bytesOut += e.bytesOut;
            t.bytesIn += e.bytesIn;
            t.packetsOut += e.packetsOut;
            t.packetsIn += e.packetsIn;
            t.records += e.records;
            t.rejects += e.rejects;
        }
    }
    EndpointStatistics stats;
    stats.rows = std::move(total.rows);
    std::sort(stats.rows.begin(), stats.rows.end(), [order](const EndpointRow& x, const EndpointRow& y) {
        const auto kx = sortKey(x, order);
        const auto ky = sortKey(y, order);
        return kx != ky ? kx > ky : x.address < y.address;
    });
    if (limit > 0 && stats.rows.size() > limit) {
        stats.rows.resize(limit);
    }
    // Second pass, for the rows kept: distinct peers and destination ports, as distinct
    // (row, peer) and (row, port) pairs in flat tables per worker, counted once merged.
    AddressIndex kept;
    for (const EndpointRow& row : stats.rows) {
        kept.insert(row.address); // numbered in row order
    }
    auto slotOf = [&kept](std::int64_t id) -> std::int32_t {
        const auto number = kept.find(AddressId(id));
        return number ? static_cast<std::int32_t>(*number) : -1;
    };
    struct Pairs {
        PairLists lists;
        Columns columns;
    };
    auto pairs = forEachChunkParallel<Pairs>(
        chunks.size(), [] { return Pairs {}; },
        [&](std::size_t c, Pairs& s) {
            if (stop()) {
                return;
            }
            Columns& col = s.columns;
            col.decode(*chunks[c], true);
            selection.forEachRow(c, [&](std::uint32_t r) {
                const std::int64_t src = col.src[r];
                const std::int64_t dst = col.dst[r];
                const std::int32_t srcSlot = src == kNull ? -1 : slotOf(src);
                const std::int32_t dstSlot = dst == kNull ? -1 : slotOf(dst);
                if (srcSlot >= 0) {
                    if (dst != kNull) {
                        s.lists.insert(static_cast<std::uint32_t>(srcSlot), 0, dst);
                    }
                    if (col.dstPort[r] != kNull) {
                        s.lists.insert(static_cast<std::uint32_t>(srcSlot), 1, col.dstPort[r]);
                    }
                }
                if (dstSlot >= 0 && src != kNull) {
                    s.lists.insert(static_cast<std::uint32_t>(dstSlot), 0, src);
                }
            });
        });
    if (stop()) {
        return {};
    }
    std::vector<PairLists> lists;
    lists.reserve(pairs.size());
    for (Pairs& p : pairs) {
        lists.push_back(std::move(p.lists));
    }
    pairs.clear();
    std::vector<std::uint32_t> peers(stats.rows.size());
    std::vector<std::uint32_t> ports(stats.rows.size());
    forEachChunkParallel<char>(
        PairLists::kPartitions, [] { return char {}; },
        [&](std::size_t partition, char&) { PairLists::countPartition(lists, partition, peers, ports); });
    PairLists::countWide(lists, peers, ports);
    for (std::size_t i = 0; i < stats.rows.size(); ++i) {
        stats.rows[i].peers = peers[i];
        stats.rows[i].dstPorts = ports[i];
    }
    return stats;
}

} // namespace flowlens
