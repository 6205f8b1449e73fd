#include "trafficoverlay.h"

#include "store/addressindex.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace flowlens {

namespace {

void add(TrafficOverlay::Stats& s, std::int64_t bytes, std::int64_t packets, bool reject, std::int64_t port)
{
    const std::uint64_t b = bytes == kNull ? 0 : static_cast<std::uint64_t>(bytes);
    s.bytes += b;
    s.packets += packets == kNull ? 0 : static_cast<std::uint64_t>(packets);
    ++s.records;
    s.rejects += reject;
    if (port != kNull) {
        s.bytesByPort[static_cast<int>(port)] += b;
    }
}

} // namespace

std::vector<std::pair<int, std::uint64_t>> TrafficOverlay::Stats::topPorts(std::size_t count) const
{
    std::vector<std::pair<int, std::uint64_t>> ports(bytesByPort.begin(), bytesByPort.end());
    std::stable_sort(ports.begin(), ports.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
    if (ports.size() > count) {
        ports.resize(count);
    }
    return ports;
}

QString TrafficOverlay::nodeOf(const Topology& topology, const Address& address)
{
    if (const NetworkInterface* eni = topology.interfaceByAddress(address)) {
        return eni->id;
    }
    if (const Subnet* s = topology.subnetContaining(address)) {
        return s->id;
    }
    if (const Vpc* v = topology.vpcContaining(address)) {
        return v->id;
    }
    return kInternet;
}

TrafficOverlay TrafficOverlay::compute(const Topology& topology, const FlowStore& store, const Selection& selection)
{
    TrafficOverlay overlay;
    const auto& snapshot = selection.snapshot();
    // Node of each address id, decided once: index into `names`, by the id's number in `numbers`.
    AddressIndex numbers;
    std::vector<int> nodeIndex;
    std::vector<QString> names;
    std::map<QString, int> indexOf;
    std::vector<Stats> nodeStats;
    struct Pending {
        Link link;
        int aIndex = 0; // which node index is link.a
    };
    std::unordered_map<std::uint64_t, Pending> links; // (lower index << 32 | higher index)
    std::vector<std::int64_t> src(kChunkRows), dst(kChunkRows), port(kChunkRows), proto(kChunkRows), bytes(kChunkRows),
        packets(kChunkRows), action(kChunkRows);
    auto nodeFor = [&](std::int64_t id) {
        const std::uint32_t number = numbers.insert(AddressId(id));
        if (number == nodeIndex.size()) {
            nodeIndex.push_back(-1);
        }
        int& index = nodeIndex[number];
        if (index < 0) {
            const QString name = nodeOf(topology, store.address(AddressId(id)));
            auto [it, inserted] = indexOf.try_emplace(name, static_cast<int>(names.size()));
            if (inserted) {
                names.push_back(name);
                nodeStats.emplace_back();
            }
            index = it->second;
        }
        return index;
    };
    for (std::size_t c = 0; c < snapshot.chunks.size(); ++c) {
        if (selection.chunk(c).count == 0 && !selection.chunk(c).all) {
            continue;
        }
        const Chunk& chunk = *snapshot.chunks[c];
        const std::uint32_t n = chunk.rowCount();
        chunk.decode(FieldId::SrcAddr, 0, n, src.data());
        chunk.decode(FieldId::DstAddr, 0, n, dst.data());
        chunk.decode(FieldId::DstPort, 0, n, port.data());
        chunk.decode(FieldId::Protocol, 0, n, proto.data());
        chunk.decode(FieldId::Bytes, 0, n, bytes.data());
        chunk.decode(FieldId::Packets, 0, n, packets.data());
        chunk.decode(FieldId::Action, 0, n, action.data());
        selection.forEachRow(c, [&](std::uint32_t r) {
            if (src[r] == kNull || dst[r] == kNull) {
                return;
            }
            const int from = nodeFor(src[r]);
            const int to = nodeFor(dst[r]);
            const bool reject = action[r] == 1; // ACCEPT = 0, REJECT = 1 in every store
            const std::int64_t p = proto[r] == 6 || proto[r] == 17 ? port[r] : kNull;
            add(nodeStats[std::size_t(from)], bytes[r], packets[r], reject, p);
            if (to != from) {
                add(nodeStats[std::size_t(to)], bytes[r], packets[r], reject, p);
            }
            const auto lo = static_cast<std::uint64_t>(std::min(from, to));
            const auto hi = static_cast<std::uint64_t>(std::max(from, to));
            auto [it, inserted] = links.try_emplace(lo << 32 | hi);
            Pending& pending = it->second;
            if (inserted) {
                const bool loFirst = names[lo] <= names[hi];
                pending.aIndex = static_cast<int>(loFirst ? lo : hi);
                pending.link.a = names[loFirst ? lo : hi];
                pending.link.b = names[loFirst ? hi : lo];
            }
            add(pending.link.stats, bytes[r], packets[r], reject, p);
            ++(from == pending.aIndex ? pending.link.recordsAtoB : pending.link.recordsBtoA);
        });
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        overlay.m_nodes.emplace(names[i], std::move(nodeStats[i]));
    }
    overlay.m_links.reserve(links.size());
    for (auto& [key, pending] : links) {
        overlay.m_links.push_back(std::move(pending.link));
    }
    std::sort(overlay.m_links.begin(), overlay.m_links.end(), [](const Link& x, const Link& y) {
        return x.stats.bytes != y.stats.bytes ? x.stats.bytes > y.stats.bytes : std::tie(x.a, x.b) < std::tie(y.a, y.b);
    });
    return overlay;
}

const TrafficOverlay::Link* TrafficOverlay::link(const QString& a, const QString& b) const
{
    const QString& lo = a < b ? a : b;
    const QString& hi = a < b ? b : a;
    for (const Link& l : m_links) {
        if (l.a == lo && l.b == hi) {
            return &l;
        }
    }
    return nullptr;
}

} // namespace flowlens
