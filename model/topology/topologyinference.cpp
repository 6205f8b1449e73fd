#include "topologyinference.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

namespace flowlens {

namespace {

struct InterfaceSeen {
    std::map<std::int64_t, std::uint64_t> addressVotes; // address id → records naming it as this side
    std::int64_t vpc = kNull;
    std::int64_t subnet = kNull;
    std::int64_t instance = kNull;
};

// The network an address is grouped into when no subnet-id says: its /16 (IPv4) or /48 (IPv6), and
// within that its /24 or /64.
Cidr groupOf(const Address& a, bool subnet)
{
    const int length = a.isIpv4() ? (subnet ? 24 : 16) : (subnet ? 64 : 48);
    return *Cidr::parse(a.toString() + "/" + std::to_string(length));
}

QString cidrText(const Cidr& c)
{
    return QString::fromStdString(c.toString());
}

// Places a host (an interface, or an address that no interface owns) in the topology.
struct Builder {
    Topology& t;
    std::map<QString, std::vector<Address>> subnetAddresses; // subnet id → member addresses
    std::map<QString, std::vector<Address>> vpcAddresses;

    Subnet& subnet(const QString& id, const QString& vpcId)
    {
        for (auto& s : t.subnets) {
            if (s.id == id) {
                return s;
            }
        }
        Subnet s;
        s.id = id;
        s.vpcId = vpcId;
        s.inferred = true;
        t.subnets.push_back(s);
        return t.subnets.back();
    }
    void vpc(const QString& id)
    {
        if (!t.vpc(id)) {
            Vpc v;
            v.id = id;
            v.inferred = true;
            t.vpcs.push_back(v);
        }
    }
    // The VPC (by id) already holding addresses of the same /16, if any.
    QString vpcSharing(const Address& a) const
    {
        const Cidr group = groupOf(a, false);
        for (const auto& [id, addresses] : vpcAddresses) {
            if (std::any_of(addresses.begin(), addresses.end(), [&](const Address& x) { return group.contains(x); })) {
                return id;
            }
        }
        return QString();
    }
    QString subnetSharing(const Address& a, const QString& vpcId) const
    {
        const Cidr group = groupOf(a, true);
        for (const auto& [id, addresses] : subnetAddresses) {
            const Subnet* s = t.subnet(id);
            if (s && s->vpcId == vpcId && std::any_of(addresses.begin(), addresses.end(), [&](const Address& x) {
                    return group.contains(x);
                })) {
                return id;
            }
        }
        return QString();
    }
    void place(NetworkInterface& eni, const Address& a)
    {
        if (eni.vpcId.isEmpty()) {
            const Subnet* known = eni.subnetId.isEmpty() ? nullptr : t.subnet(eni.subnetId);
            eni.vpcId = known ? known->vpcId : vpcSharing(a);
            if (eni.vpcId.isEmpty()) {
                eni.vpcId = TopologyInference::inferredId(cidrText(groupOf(a, false)));
            }
        }
        if (eni.subnetId.isEmpty()) {
            eni.subnetId = subnetSharing(a, eni.vpcId);
            if (eni.subnetId.isEmpty()) {
                eni.subnetId = TopologyInference::inferredId(cidrText(groupOf(a, true)));
            }
        }
        subnet(eni.subnetId, eni.vpcId);
        vpc(eni.vpcId);
        vpcAddresses[eni.vpcId].push_back(a);
        subnetAddresses[eni.subnetId].push_back(a);
    }
};

} // namespace

std::optional<Cidr> TopologyInference::coveringPrefix(const std::vector<Address>& addresses)
{
    if (addresses.empty()) {
        return std::nullopt;
    }
    const auto [lo, hi] = std::minmax_element(addresses.begin(), addresses.end());
    if (lo->isIpv4() != hi->isIpv4()) {
        return std::nullopt;
    }
    int common = 0;
    while (common < 128) {
        const int byte = common / 8;
        const int bit = 7 - common % 8;
        if (((lo->bytes[byte] >> bit) & 1) != ((hi->bytes[byte] >> bit) & 1)) {
            break;
        }
        ++common;
    }
    const int length = lo->isIpv4() ? common - 96 : common;
    return Cidr::parse(lo->toString() + "/" + std::to_string(length));
}

Topology TopologyInference::fromStore(const FlowStore& store)
{
    Topology t;
    t.inferred = true;
    const FlowStore::Snapshot snapshot = store.snapshot();
    std::map<std::int64_t, InterfaceSeen> seen; // interface string id → what its records show
    std::set<std::int64_t> addresses;
    std::vector<std::int64_t> eni(kChunkRows), vpc(kChunkRows), subnet(kChunkRows), instance(kChunkRows),
        src(kChunkRows), dst(kChunkRows), direction(kChunkRows);
    const auto ingress = store.dictionary(FieldId::FlowDirection).find("ingress");
    for (const auto& chunk : snapshot.chunks) {
        const std::uint32_t n = chunk->rowCount();
        chunk->decode(FieldId::InterfaceId, 0, n, eni.data());
        chunk->decode(FieldId::VpcId, 0, n, vpc.data());
        chunk->decode(FieldId::SubnetId, 0, n, subnet.data());
        chunk->decode(FieldId::InstanceId, 0, n, instance.data());
        chunk->decode(FieldId::SrcAddr, 0, n, src.data());
        chunk->decode(FieldId::DstAddr, 0, n, dst.data());
        chunk->decode(FieldId::FlowDirection, 0, n, direction.data());
        for (std::uint32_t r = 0; r < n; ++r) {
            for (std::int64_t a : { src[r], dst[r] }) {
                if (a != kNull) {
                    addresses.insert(a);
                }
            }
            if (eni[r] == kNull) {
                continue;
            }
            InterfaceSeen& s = seen[eni[r]];
            for (auto [field, value] : { std::pair { &s.vpc, vpc[r] }, std::pair { &s.subnet, subnet[r] },
                     std::pair { &s.instance, instance[r] } }) {
                if (*field == kNull) {
                    *field = value;
                }
            }
            if (direction[r] != kNull) {
                const std::int64_t own = ingress && direction[r] == std::int64_t(ingress->value) ? dst[r] : src[r];
                if (own != kNull) {
                    s.addressVotes[own] += 2; // the direction says it; outweighs counting
                }
            } else {
                for (std::int64_t a : { src[r], dst[r] }) {
                    if (a != kNull) {
                        ++s.addressVotes[a];
                    }
                }
            }
        }
    }
    auto text = [&](FieldId field, std::int64_t id) {
        return id == kNull ? QString() : QString::fromUtf8(store.dictionary(field).text(StringId(std::uint32_t(id))));
    };
    auto address = [&](std::int64_t id) { return store.address(AddressId(id)); };

    Builder builder { t, {}, {} };
    std::set<std::int64_t> owned;
    // Interfaces whose records name their subnet first, so grouped addresses can join their networks.
    std::vector<std::pair<const std::int64_t, InterfaceSeen>*> ordered;
    for (auto& entry : seen) {
        ordered.push_back(&entry);
    }
    std::stable_partition(ordered.begin(), ordered.end(), [](auto* e) { return e->second.subnet != kNull; });
    for (auto* entry : ordered) {
        const InterfaceSeen& s = entry->second;
        NetworkInterface ni;
        ni.id = text(FieldId::InterfaceId, entry->first);
        ni.vpcId = text(FieldId::VpcId, s.vpc);
        ni.subnetId = text(FieldId::SubnetId, s.subnet);
        ni.instanceId = text(FieldId::InstanceId, s.instance);
        ni.inferred = true;
        // The most named address; ties go to the lowest address id so the result is stable.
        std::int64_t best = kNull;
        std::uint64_t votes = 0;
        for (const auto& [a, v] : s.addressVotes) {
            if (v > votes) {
                best = a;
                votes = v;
            }
        }
        if (best != kNull) {
            owned.insert(best);
            const Address a = address(best);
            (a.isPrivate() ? ni.privateAddresses : ni.publicAddresses).push_back(a);
            if (a.isPrivate() || !ni.subnetId.isEmpty() || !ni.vpcId.isEmpty()) {
                builder.place(ni, a);
            }
        } else if (!ni.subnetId.isEmpty()) {
            builder.subnet(ni.subnetId, ni.vpcId);
            if (!ni.vpcId.isEmpty()) {
                builder.vpc(ni.vpcId);
            }
        }
        if (!ni.instanceId.isEmpty() && !t.instance(ni.instanceId)) {
            Instance inst;
            inst.id = ni.instanceId;
            inst.subnetId = ni.subnetId;
            inst.vpcId = ni.vpcId;
            inst.interfaceIds = { ni.id };
            inst.privateAddresses = ni.privateAddresses;
            t.instances.push_back(inst);
        }
        t.interfaces.push_back(std::move(ni));
    }
    for (std::int64_t id : addresses) {
        if (owned.count(id)) {
            continue;
        }
        const Address a = address(id);
        if (!a.isPrivate()) {
            t.internetAddresses.push_back(a);
            continue;
        }
        NetworkInterface host;
        host.id = inferredId(QString::fromStdString(a.toString()));
        host.privateAddresses = { a };
        host.inferred = true;
        builder.place(host, a);
        t.interfaces.push_back(std::move(host));
    }
    std::sort(t.internetAddresses.begin(), t.internetAddresses.end());
    for (auto& s : t.subnets) {
        s.cidr = coveringPrefix(builder.subnetAddresses[s.id]);
    }
    for (auto& v : t.vpcs) {
        if (auto c = coveringPrefix(builder.vpcAddresses[v.id])) {
            v.cidrs = { *c };
        }
    }
    return t;
}

} // namespace flowlens
