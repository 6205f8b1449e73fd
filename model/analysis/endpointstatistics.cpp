#include "endpointstatistics.h"

#include "chunkparallel.h"
#include "store/addressindex.h"

#include <algorithm>
#include <unordered_set>

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
    void decode(const Chunk& chunk, bool withPorts)
    {
        const std::uint32_t n = chunk.rowCount();
        chunk.decode(FieldId::SrcAddr, 0, n, src.data());
        chunk.decode(FieldId::DstAddr, 0, n, dst.data());
        chunk.decode(FieldId::Bytes, 0, n, bytes.data());
        chunk.decode(FieldId::Packets, 0, n, packets.data());
        chunk.decode(FieldId::Action, 0, n, action.data());
        if (withPorts) {
            chunk.decode(FieldId::DstPort, 0, n, dstPort.data());
        }
    }
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

EndpointStatistics EndpointStatistics::compute(const Selection& selection, std::size_t limit, EndpointOrder order)
{
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
    // Second pass, for the rows kept: distinct peers and destination ports.
    AddressIndex kept;
    for (const EndpointRow& row : stats.rows) {
        kept.insert(row.address); // numbered in row order
    }
    auto slotOf = [&kept](std::int64_t id) -> std::int32_t {
        const auto number = kept.find(AddressId(id));
        return number ? static_cast<std::int32_t>(*number) : -1;
    };
    struct Sets {
        std::vector<std::unordered_set<std::int64_t>> peers, ports;
        Columns columns;
    };
    auto sets = forEachChunkParallel<Sets>(
        chunks.size(),
        [&] {
            return Sets { std::vector<std::unordered_set<std::int64_t>>(stats.rows.size()),
                std::vector<std::unordered_set<std::int64_t>>(stats.rows.size()), Columns() };
        },
        [&](std::size_t c, Sets& s) {
            Columns& col = s.columns;
            col.decode(*chunks[c], true);
            selection.forEachRow(c, [&](std::uint32_t r) {
                const std::int64_t src = col.src[r];
                const std::int64_t dst = col.dst[r];
                const std::int32_t srcSlot = src == kNull ? -1 : slotOf(src);
                const std::int32_t dstSlot = dst == kNull ? -1 : slotOf(dst);
                if (srcSlot >= 0) {
                    const auto i = static_cast<std::size_t>(srcSlot);
                    if (dst != kNull) {
                        s.peers[i].insert(dst);
                    }
                    if (col.dstPort[r] != kNull) {
                        s.ports[i].insert(col.dstPort[r]);
                    }
                }
                if (dstSlot >= 0 && src != kNull) {
                    s.peers[static_cast<std::size_t>(dstSlot)].insert(src);
                }
            });
        });
    for (std::size_t i = 0; i < stats.rows.size(); ++i) {
        std::unordered_set<std::int64_t> peers;
        std::unordered_set<std::int64_t> ports;
        for (const Sets& s : sets) {
            peers.insert(s.peers[i].begin(), s.peers[i].end());
            ports.insert(s.ports[i].begin(), s.ports[i].end());
        }
        stats.rows[i].peers = static_cast<std::uint32_t>(peers.size());
        stats.rows[i].dstPorts = static_cast<std::uint32_t>(ports.size());
    }
    return stats;
}

} // namespace flowlens
