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

bool TrafficOverlay::isInterfacePublicAddress(const Topology& topology, const Address& address)
{
    const NetworkInterface* eni = topology.interfaceByAddress(address);
    return eni
        && std::find(eni->publicAddresses.begin(), eni->publicAddresses.end(), address) != eni->publicAddresses.end();
}

std::pair<QString, QString> TrafficOverlay::nodesOf(
    const Topology& topology, const Address& source, const Address& destination)
{
    QString a = nodeOf(topology, source);
    QString b = nodeOf(topology, destination);
    if (a != b && a != kInternet && b != kInternet) {
        if (isInterfacePublicAddress(topology, source)) {
            a = kInternet;
        } else if (isInterfacePublicAddress(topology, destination)) {
            b = kInternet;
        }
    }
    return { a, b };
}

TrafficOverlay TrafficOverlay::compute(const Topology& topology, const FlowStore& store, const Selection& selection)
{
    TrafficOverlay overlay;
    const auto& snapshot = selection.snapshot();
    // Node of each address id, decided once: index into `names`, by the id's number in `numbers`.
    AddressIndex numbers;
    std::vector<int> nodeIndex;
    std::vector<std::int8_t> publicAddress; // by number: an interface's public address (-1: not known yet)
    std::vector<std::pair<std::uint64_t, std::uint64_t>> externalTraffic; // by number: bytes, records
    std::vector<QString> names;
    int internet = -1; // the index of the node "internet" once named
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
            publicAddress.push_back(-1);
            externalTraffic.emplace_back(0, 0);
        }
        int& index = nodeIndex[number];
        if (index < 0) {
            const Address address = store.address(AddressId(id));
            publicAddress[number] = isInterfacePublicAddress(topology, address) ? 1 : 0;
            const QString name = nodeOf(topology, address);
            auto [it, inserted] = indexOf.try_emplace(name, static_cast<int>(names.size()));
            if (inserted) {
                names.push_back(name);
                nodeStats.emplace_back();
                if (name == kInternet) {
                    internet = it->second;
                }
            }
            index = it->second;
        }
        return std::make_pair(index, number);
    };
    auto internetIndex = [&] {
        if (internet < 0) {
            internet = static_cast<int>(names.size());
            indexOf.emplace(kInternet, internet);
            names.push_back(kInternet);
            nodeStats.emplace_back();
        }
        return internet;
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
            auto [from, srcNumber] = nodeFor(src[r]);
            auto [to, dstNumber] = nodeFor(dst[r]);
            if (from != to && from != internet && to != internet) {
                if (publicAddress[srcNumber] == 1) { // see nodesOf()
                    from = internetIndex();
                } else if (publicAddress[dstNumber] == 1) {
                    to = internetIndex();
                }
            }
            const std::uint64_t recordBytes = bytes[r] == kNull ? 0 : static_cast<std::uint64_t>(bytes[r]);
            for (const auto& [node, number] : { std::make_pair(from, srcNumber), std::make_pair(to, dstNumber) }) {
                if (node == internet && publicAddress[number] == 0) {
                    externalTraffic[number].first += recordBytes;
                    ++externalTraffic[number].second;
                }
            }
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
    std::vector<std::uint32_t> external;
    for (std::uint32_t number = 0; number < externalTraffic.size(); ++number) {
        if (externalTraffic[number].second > 0) {
            external.push_back(number);
        }
    }
    auto busier = [&](std::uint32_t x, std::uint32_t y) {
        return externalTraffic[x].first != externalTraffic[y].first
            ? externalTraffic[x].first > externalTraffic[y].first
            : store.address(numbers.id(x)) < store.address(numbers.id(y));
    };
    const std::size_t keep = std::min(external.size(), kMaxExternal);
    std::partial_sort(external.begin(), external.begin() + std::ptrdiff_t(keep), external.end(), busier);
    for (std::size_t i = 0; i < keep; ++i) {
        overlay.m_external.push_back({ store.address(numbers.id(external[i])), externalTraffic[external[i]].first,
            externalTraffic[external[i]].second });
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
