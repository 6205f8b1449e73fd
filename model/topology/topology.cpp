#include "topology.h"

#include <algorithm>

namespace flowlens {

namespace {

template <class T> const T* findById(const std::vector<T>& items, const QString& id)
{
    if (id.isEmpty()) {
        return nullptr;
    }
    const auto it = std::find_if(items.begin(), items.end(), [&](const T& item) { return item.id == id; });
    return it == items.end() ? nullptr : &*it;
}

bool contains(const std::vector<QString>& ids, const QString& id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace

QString Route::target() const
{
    for (const QString* id : { &vpcPeeringConnectionId, &natGatewayId, &transitGatewayId, &networkInterfaceId,
             &egressOnlyInternetGatewayId, &instanceId, &gatewayId }) {
        if (!id->isEmpty()) {
            return *id;
        }
    }
    return QString();
}

const PeeringSide* PeeringConnection::sideOf(const QString& vpcId) const
{
    if (requester.vpcId == vpcId) {
        return &requester;
    }
    return accepter.vpcId == vpcId ? &accepter : nullptr;
}

const PeeringSide* PeeringConnection::otherSide(const QString& vpcId) const
{
    if (requester.vpcId == vpcId) {
        return &accepter;
    }
    return accepter.vpcId == vpcId ? &requester : nullptr;
}

bool Topology::isEmpty() const
{
    return vpcs.empty() && subnets.empty() && routeTables.empty() && peerings.empty() && securityGroups.empty()
        && networkAcls.empty() && internetGateways.empty() && natGateways.empty() && interfaces.empty()
        && instances.empty();
}

const Vpc* Topology::vpc(const QString& id) const
{
    return findById(vpcs, id);
}
const Subnet* Topology::subnet(const QString& id) const
{
    return findById(subnets, id);
}
const RouteTable* Topology::routeTable(const QString& id) const
{
    return findById(routeTables, id);
}
const PrefixList* Topology::prefixList(const QString& id) const
{
    return findById(prefixLists, id);
}
const PeeringConnection* Topology::peering(const QString& id) const
{
    return findById(peerings, id);
}
const SecurityGroup* Topology::securityGroup(const QString& id) const
{
    return findById(securityGroups, id);
}
const NetworkAcl* Topology::networkAcl(const QString& id) const
{
    return findById(networkAcls, id);
}
const NetworkInterface* Topology::networkInterface(const QString& id) const
{
    return findById(interfaces, id);
}
const Instance* Topology::instance(const QString& id) const
{
    return findById(instances, id);
}
const NatGateway* Topology::natGateway(const QString& id) const
{
    return findById(natGateways, id);
}

const NetworkInterface* Topology::interfaceByAddress(const Address& address) const
{
    for (const auto& eni : interfaces) {
        if (std::find(eni.privateAddresses.begin(), eni.privateAddresses.end(), address)
            != eni.privateAddresses.end()) {
            return &eni;
        }
    }
    for (const auto& eni : interfaces) {
        if (std::find(eni.publicAddresses.begin(), eni.publicAddresses.end(), address) != eni.publicAddresses.end()) {
            return &eni;
        }
    }
    return nullptr;
}

const Subnet* Topology::subnetContaining(const Address& address) const
{
    const Subnet* best = nullptr;
    for (const auto& s : subnets) {
        if (s.cidr && s.cidr->contains(address) && (!best || s.cidr->prefixLength > best->cidr->prefixLength)) {
            best = &s;
        }
    }
    return best;
}

const Vpc* Topology::vpcContaining(const Address& address) const
{
    for (const auto& v : vpcs) {
        for (const auto& c : v.cidrs) {
            if (c.contains(address)) {
                return &v;
            }
        }
    }
    return nullptr;
}

const RouteTable* Topology::routeTableFor(const Subnet& subnet) const
{
    for (const auto& table : routeTables) {
        if (contains(table.subnetIds, subnet.id)) {
            return &table;
        }
    }
    for (const auto& table : routeTables) {
        if (table.main && table.vpcId == subnet.vpcId) {
            return &table;
        }
    }
    return nullptr;
}

const NetworkAcl* Topology::networkAclFor(const Subnet& subnet) const
{
    for (const auto& acl : networkAcls) {
        if (contains(acl.subnetIds, subnet.id)) {
            return &acl;
        }
    }
    // Every subnet is associated with an ACL; when the association is missing from the data,
    // the VPC's default ACL is the one AWS applies.
    for (const auto& acl : networkAcls) {
        if (acl.isDefault && acl.vpcId == subnet.vpcId) {
            return &acl;
        }
    }
    return nullptr;
}

const InternetGateway* Topology::internetGatewayOf(const QString& vpcId) const
{
    for (const auto& igw : internetGateways) {
        if (contains(igw.vpcIds, vpcId)) {
            return &igw;
        }
    }
    return nullptr;
}

bool Topology::isPublic(const Subnet& subnet) const
{
    const RouteTable* table = routeTableFor(subnet);
    if (!table) {
        return false;
    }
    return std::any_of(table->routes.begin(), table->routes.end(),
        [](const Route& r) { return r.gatewayId.startsWith(QLatin1String("igw-")) && !r.isBlackhole(); });
}

QString Topology::label(const QString& id, const QString& name)
{
    return name.isEmpty() ? id : name + QStringLiteral(" (") + id + QLatin1Char(')');
}

QString Topology::text(const std::vector<Address>& addresses, QStringView separator)
{
    QString out;
    for (const Address& a : addresses) {
        out += (out.isEmpty() ? QString() : separator.toString()) + QString::fromStdString(a.toString());
    }
    return out;
}

QString Topology::text(const std::vector<Cidr>& cidrs, QStringView separator)
{
    QString out;
    for (const Cidr& c : cidrs) {
        out += (out.isEmpty() ? QString() : separator.toString()) + QString::fromStdString(c.toString());
    }
    return out;
}

} // namespace flowlens
