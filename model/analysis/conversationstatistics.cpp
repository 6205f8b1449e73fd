#include "conversationstatistics.h"

#include "chunkparallel.h"

#include <algorithm>

namespace flowlens {

namespace {

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

// (lower address id, higher address id, protocol).
struct Key {
    std::int64_t lo = 0;
    std::int64_t hi = 0;
    std::int64_t protocol = 0;
    bool operator==(const Key&) const = default;
    std::uint64_t hash() const
    {
        std::uint64_t h = static_cast<std::uint64_t>(lo) * 0x9E3779B97F4A7C15ULL ^ static_cast<std::uint64_t>(hi);
        h = (h ^ static_cast<std::uint64_t>(protocol)) * 0xBF58476D1CE4E5B9ULL;
        return h ^ (h >> 31);
    }
};

// Conversations of one partition of the keys: open addressing over slots that point into a
// dense vector of rows.
class Table {
public:
    ConversationRow& find(const Key& key, std::uint64_t hash)
    {
        if ((m_rows.size() + 1) * 2 > m_slots.size()) {
            grow();
        }
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.row == kEmpty) {
                slot.key = key;
                slot.row = static_cast<std::uint32_t>(m_rows.size());
                ConversationRow& row = m_rows.emplace_back();
                row.a = AddressId(key.lo);
                row.b = AddressId(key.hi);
                row.protocol = key.protocol;
                return row;
            }
            if (slot.key == key) {
                return m_rows[slot.row];
            }
        }
    }
    void mergeFrom(const Table& other)
    {
        for (const ConversationRow& row : other.m_rows) {
            const Key key = keyOf(row);
            merge(find(key, key.hash() >> kPartitionBits), row);
        }
    }
    std::vector<ConversationRow>& rows() { return m_rows; }

    static constexpr int kPartitionBits = 6;
    static Key keyOf(const ConversationRow& row) { return { row.a.value, row.b.value, row.protocol }; }

private:
    static constexpr std::uint32_t kEmpty = ~std::uint32_t { 0 };
    struct Slot {
        Key key;
        std::uint32_t row = kEmpty;
    };
    void grow()
    {
        std::vector<Slot> slots(std::max<std::size_t>(64, m_slots.size() * 2));
        const std::size_t mask = slots.size() - 1;
        for (std::uint32_t r = 0; r < m_rows.size(); ++r) {
            const Key key = keyOf(m_rows[r]);
            std::size_t i = (key.hash() >> kPartitionBits) & mask;
            while (slots[i].row != kEmpty) {
                i = (i + 1) & mask;
            }
            slots[i].key = key;
            slots[i].row = r;
        }
        m_slots = std::move(slots);
    }
    std::vector<Slot> m_slots;
    std::vector<ConversationRow> m_rows;
};

} // namespace

ConversationStatistics ConversationStatistics::compute(
    const Selection& selection, std::size_t limit, const std::atomic<bool>* cancel)
{
    auto stop = [cancel] { return cancel != nullptr && cancel->load(std::memory_order_relaxed); };
    const auto& chunks = selection.snapshot().chunks;
    constexpr std::size_t kPartitions = std::size_t { 1 } << Table::kPartitionBits;
    // Each worker counts into tables partitioned by the key's hash; partition p of every worker is
    // then merged on its own, so the merge runs on every core too.
    struct Partial {
        std::vector<Table> tables = std::vector<Table>(kPartitions);
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
            if (stop()) {
                return;
            }
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
                const Key key { forward ? p.src[r] : p.dst[r], forward ? p.dst[r] : p.src[r], p.proto[r] };
                const std::uint64_t hash = key.hash();
                ConversationRow& row = p.tables[hash & (kPartitions - 1)].find(key, hash >> Table::kPartitionBits);
                (forward ? row.bytesAtoB : row.bytesBtoA) += orNothing(p.bytes[r]);
                (forward ? row.packetsAtoB : row.packetsBtoA) += orNothing(p.packets[r]);
                ++(forward ? row.recordsAtoB : row.recordsBtoA);
                row.rejects += p.action[r] == 1;
                if (p.start[r] != kNull && (row.firstSeen == kNull || p.start[r] < row.firstSeen)) {
                    row.firstSeen = p.start[r];
                }
                if (p.end[r] != kNull && (row.lastSeen == kNull || p.end[r] > row.lastSeen)) {
                    row.lastSeen = p.end[r];
                }
            });
        });
    if (stop()) {
        return {};
    }
    forEachChunkParallel<char>(
        kPartitions, [] { return char {}; },
        [&](std::size_t partition, char&) {
            for (std::size_t w = 1; w < partials.size(); ++w) {
                partials.front().tables[partition].mergeFrom(partials[w].tables[partition]);
                partials[w].tables[partition] = Table();
            }
        });
    ConversationStatistics stats;
    std::size_t count = 0;
    for (Table& table : partials.front().tables) {
        count += table.rows().size();
    }
    stats.rows.reserve(count);
    for (Table& table : partials.front().tables) {
        stats.rows.insert(stats.rows.end(), table.rows().begin(), table.rows().end());
        table = Table();
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
