#include "conversationstatistics.h"

#include "chunkparallel.h"

#include <algorithm>
#include <unordered_map>

namespace flowlens {

namespace {

// (lower address id, higher address id, protocol).
struct Key {
    std::int64_t lo;
    std::int64_t hi;
    std::int64_t protocol;
    bool operator==(const Key&) const = default;
};
struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept
    {
        std::uint64_t h = static_cast<std::uint64_t>(k.lo) * 0x9E3779B97F4A7C15ULL ^ static_cast<std::uint64_t>(k.hi);
        h = h * 0xBF58476D1CE4E5B9ULL ^ static_cast<std::uint64_t>(k.protocol);
        return static_cast<std::size_t>(h ^ (h >> 31));
    }
};

std::uint64_t orNothing(std::int64_t v)
{
    return v == kNull ? 0 : static_cast<std::uint64_t>(v);
}

void merge(ConversationRow& into, const ConversationRow& from)
{
    into.bytesAtoB += from.bytesAtoB;
    into.bytesBtoA += from.bytesBtoA;
    into.packetsAtoB += from.packetsAtoB;
    into.packetsBtoA += from.packetsBtoA;
    into.recordsAtoB += from.recordsAtoB;
    into.recordsBtoA += from.recordsBtoA;
    into.rejects += from.rejects;
    if (from.firstSeen != kNull && (into.firstSeen == kNull || from.firstSeen < into.firstSeen)) {
        into.firstSeen = from.firstSeen;
    }
    if (from.lastSeen != kNull && (into.lastSeen == kNull || from.lastSeen > into.lastSeen)) {
        into.lastSeen = from.lastSeen;
    }
}

} // namespace

ConversationStatistics ConversationStatistics::compute(const Selection& selection, std::size_t limit)
{
    const auto& chunks = selection.snapshot().chunks;
    struct Partial {
        std::unordered_map<Key, ConversationRow, KeyHash> map;
        std::vector<std::int64_t> src, dst, proto, bytes, packets, action, start, end;
    };
    auto partials = forEachChunkParallel<Partial>(
        chunks.size(),
        [] {
            Partial p;
            for (auto* v : { &p.src, &p.dst, &p.proto, &p.bytes, &p.packets, &p.action, &p.start, &p.end }) {
                v->resize(kChunkRows);
            }
            return p;
        },
        [&](std::size_t c, Partial& p) {
            const Chunk& chunk = *chunks[c];
            const std::uint32_t n = chunk.rowCount();
            chunk.decode(FieldId::SrcAddr, 0, n, p.src.data());
            chunk.decode(FieldId::DstAddr, 0, n, p.dst.data());
            chunk.decode(FieldId::Protocol, 0, n, p.proto.data());
            chunk.decode(FieldId::Bytes, 0, n, p.bytes.data());
            chunk.decode(FieldId::Packets, 0, n, p.packets.data());
            chunk.decode(FieldId::Action, 0, n, p.action.data());
            chunk.decode(FieldId::Start, 0, n, p.start.data());
            chunk.decode(FieldId::End, 0, n, p.end.data());
            selection.forEachRow(c, [&](std::uint32_t r) {
                if (p.src[r] == kNull || p.dst[r] == kNull) {
                    return;
                }
                const bool forward = p.src[r] <= p.dst[r];
                const std::int64_t lo = forward ? p.src[r] : p.dst[r];
                const std::int64_t hi = forward ? p.dst[r] : p.src[r];
                auto [it, inserted] = p.map.try_emplace(Key { lo, hi, p.proto[r] });
                ConversationRow& row = it->second;
                if (inserted) {
                    row.a = AddressId(lo);
                    row.b = AddressId(hi);
                    row.protocol = p.proto[r];
                }
                (forward ? row.bytesAtoB : row.bytesBtoA) += orNothing(p.bytes[r]);
                (forward ? row.packetsAtoB : row.packetsBtoA) += orNothing(p.packets[r]);
                ++(forward ? row.recordsAtoB : row.recordsBtoA);
                row.rejects += p.action[r] == 1;
                ConversationRow window;
                window.firstSeen = p.start[r];
                window.lastSeen = p.end[r];
                merge(row, window);
            });
        });
    std::unordered_map<Key, ConversationRow, KeyHash> total = std::move(partials.front().map);
    for (std::size_t i = 1; i < partials.size(); ++i) {
        for (const auto& [key, row] : partials[i].map) {
            auto [it, inserted] = total.try_emplace(key, row);
            if (!inserted) {
                merge(it->second, row);
            }
        }
    }
    ConversationStatistics stats;
    stats.rows.reserve(total.size());
    for (auto& [key, row] : total) {
        stats.rows.push_back(row);
    }
    auto larger = [](const ConversationRow& x, const ConversationRow& y) {
        if (x.totalBytes() != y.totalBytes()) {
            return x.totalBytes() > y.totalBytes();
        }
        return std::tie(x.a, x.b, x.protocol) < std::tie(y.a, y.b, y.protocol);
    };
    if (limit > 0 && stats.rows.size() > limit) {
        std::partial_sort(
            stats.rows.begin(), stats.rows.begin() + static_cast<std::ptrdiff_t>(limit), stats.rows.end(), larger);
        stats.rows.resize(limit);
    } else {
        std::sort(stats.rows.begin(), stats.rows.end(), larger);
    }
    return stats;
}

} // namespace flowlens
