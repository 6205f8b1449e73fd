#include "trafficoverlay.h"

#include <algorithm>
#include <map>

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
    // Node of each address id, decided once: index into `names`, -1 unknown yet.
    std::vector<int> nodeIndex(snapshot.addressCount, -1);
    std::vector<QString> names;
    std::map<QString, int> indexOf;
    std::map<std::pair<int, int>, Link> links;
    std::vector<std::int64_t> src(kChunkRows), dst(kChunkRows), port(kChunkRows), proto(kChunkRows), bytes(kChunkRows),
        packets(kChunkRows), action(kChunkRows);
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
            int ends[2];
            for (int side = 0; side < 2; ++side) {
                const std::int64_t id = side == 0 ? src[r] : dst[r];
                int& index = nodeIndex[static_cast<std::size_t>(id)];
                if (index < 0) {
                    const QString name
                        = nodeOf(topology, store.addresses().address(AddressId(static_cast<std::uint32_t>(id))));
                    auto [it, inserted] = indexOf.try_emplace(name, static_cast<int>(names.size()));
                    if (inserted) {
                        names.push_back(name);
                    }
                    index = it->second;
                }
                ends[side] = index;
            }
            const bool reject = action[r] == 1; // ACCEPT = 0, REJECT = 1 in every store
            const std::int64_t p = proto[r] == 6 || proto[r] == 17 ? port[r] : kNull;
            add(overlay.m_nodes[names[std::size_t(ends[0])]], bytes[r], packets[r], reject, p);
            if (ends[1] != ends[0]) {
                add(overlay.m_nodes[names[std::size_t(ends[1])]], bytes[r], packets[r], reject, p);
            }
            const bool forward = names[std::size_t(ends[0])] < names[std::size_t(ends[1])];
            const int lo = forward ? ends[0] : ends[1];
            const int hi = forward ? ends[1] : ends[0];
            Link& link = links[{ lo, hi }];
            add(link.stats, bytes[r], packets[r], reject, p);
            ++(forward || ends[0] == ends[1] ? link.recordsAtoB : link.recordsBtoA);
        });
    }
    for (auto& [key, link] : links) {
        link.a = names[std::size_t(key.first)];
        link.b = names[std::size_t(key.second)];
        overlay.m_links.push_back(std::move(link));
    }
    std::stable_sort(overlay.m_links.begin(), overlay.m_links.end(), [](const Link& x, const Link& y) {
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
