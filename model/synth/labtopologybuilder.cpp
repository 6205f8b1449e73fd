#include "labtopologybuilder.h"

#include <algorithm>

namespace flowlens {

namespace {

template <class T> T* find(std::vector<T>& items, const QString& id)
{
    const auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
    return it == items.end() ? nullptr : &*it;
}

} // namespace

Cidr LabTopologyBuilder::cidr(const QString& text)
{
    return Cidr::parse(text.toStdString()).value_or(Cidr {});
}

Address LabTopologyBuilder::address(const QString& text)
{
    return Address::parse(text.toStdString()).value_or(Address {});
}

void LabTopologyBuilder::vpc(const QString& id, const QString& name, const QString& cidrText)
{
    Vpc v;
    v.id = id;
    v.name = name;
    v.cidrs.push_back(cidr(cidrText));
    m_t.vpcs.push_back(std::move(v));
}

void LabTopologyBuilder::subnet(const QString& id, const QString& name, const QString& vpcId, const QString& cidrText,
    const QString& zone, bool isPublic)
{
    Subnet s;
    s.id = id;
    s.name = name;
    s.vpcId = vpcId;
    s.cidr = cidr(cidrText);
    s.availabilityZone = zone;
    s.mapPublicIpOnLaunch = isPublic;
    m_t.subnets.push_back(std::move(s));
}

void LabTopologyBuilder::internetGateway(const QString& id, const QString& name, const QString& vpcId)
{
    m_t.internetGateways.push_back({ id, name, { vpcId } });
}

void LabTopologyBuilder::routeTable(const QString& id, const QString& name, const QString& vpcId, bool main,
    const std::vector<QString>& subnetIds, const std::vector<std::pair<QString, QString>>& routes)
{
    RouteTable table;
    table.id = id;
    table.name = name;
    table.vpcId = vpcId;
    table.main = main;
    table.subnetIds = subnetIds;
    if (const Vpc* v = m_t.vpc(vpcId)) {
        for (const Cidr& c : v->cidrs) {
            Route local;
            local.destination = c;
            local.gatewayId = QStringLiteral("local");
            local.state = QStringLiteral("active");
            table.routes.push_back(local);
        }
    }
    m_t.routeTables.push_back(std::move(table));
    for (const auto& [destination, target] : routes) {
        addRoute(id, destination, target);
    }
}

void LabTopologyBuilder::addRoute(const QString& tableId, const QString& destination, const QString& target)
{
    RouteTable* table = find(m_t.routeTables, tableId);
    if (!table) {
        return;
    }
    Route r;
    r.destination = cidr(destination);
    r.state = QStringLiteral("active");
    if (target.startsWith(QLatin1String("pcx-"))) {
        r.vpcPeeringConnectionId = target;
    } else if (target.startsWith(QLatin1String("nat-"))) {
        r.natGatewayId = target;
    } else {
        r.gatewayId = target;
    }
    table->routes.push_back(std::move(r));
}

void LabTopologyBuilder::networkAcl(const QString& id, const QString& name, const QString& vpcId, bool isDefault,
    const std::vector<QString>& subnetIds, const QString& allowed)
{
    NetworkAcl acl;
    acl.id = id;
    acl.name = name;
    acl.vpcId = vpcId;
    acl.isDefault = isDefault;
    acl.subnetIds = subnetIds;
    for (const bool egress : { false, true }) {
        acl.entries.push_back({ 100, -1, true, egress, cidr(allowed), std::nullopt });
        acl.entries.push_back({ 32767, -1, false, egress, cidr(QStringLiteral("0.0.0.0/0")), std::nullopt });
    }
    m_t.networkAcls.push_back(std::move(acl));
}

void LabTopologyBuilder::addAclEntry(const QString& aclId, const NetworkAclEntry& entry)
{
    if (NetworkAcl* acl = find(m_t.networkAcls, aclId)) {
        acl->entries.push_back(entry);
        std::stable_sort(acl->entries.begin(), acl->entries.end(),
            [](const NetworkAclEntry& a, const NetworkAclEntry& b) { return a.ruleNumber < b.ruleNumber; });
    }
}

void LabTopologyBuilder::securityGroup(
    const QString& id, const QString& name, const QString& vpcId, const std::vector<Allow>& inbound)
{
    SecurityGroup sg;
    sg.id = id;
    sg.name = name;
    sg.vpcId = vpcId;
    for (const Allow& a : inbound) {
        SecurityGroupRule rule;
        rule.protocol = a.protocol;
        if (a.protocol == 6 || a.protocol == 17) {
            rule.ports = PortRange { a.fromPort, a.toPort };
        }
        if (!a.cidr.isEmpty()) {
            rule.cidrs.push_back(cidr(a.cidr));
        }
        if (!a.groupId.isEmpty()) {
            rule.groupIds.push_back(a.groupId);
        }
        sg.inbound.push_back(std::move(rule));
    }
    SecurityGroupRule all;
    all.cidrs.push_back(cidr(QStringLiteral("0.0.0.0/0")));
    sg.outbound.push_back(std::move(all));
    m_t.securityGroups.push_back(std::move(sg));
}

void LabTopologyBuilder::interface(const QString& eniId, const QString& subnetId, const QString& privateAddress,
    const QString& publicAddress, const QString& type, const QString& description)
{
    NetworkInterface eni;
    eni.id = eniId;
    eni.subnetId = subnetId;
    const Subnet* s = m_t.subnet(subnetId);
    eni.vpcId = s ? s->vpcId : QString();
    eni.availabilityZone = s ? s->availabilityZone : QString();
    eni.interfaceType = type;
    eni.description = description;
    eni.privateAddresses.push_back(address(privateAddress));
    if (!publicAddress.isEmpty()) {
        eni.publicAddresses.push_back(address(publicAddress));
    }
    m_t.interfaces.push_back(std::move(eni));
}

void LabTopologyBuilder::instance(const QString& instanceId, const QString& name, const QString& eniId,
    const QString& subnetId, const QString& privateAddress, const QString& publicAddress, const QString& groupId)
{
    interface(eniId, subnetId, privateAddress, publicAddress, QStringLiteral("interface"), QString());
    NetworkInterface& eni = m_t.interfaces.back();
    eni.instanceId = instanceId;
    eni.securityGroupIds.push_back(groupId);

    Instance i;
    i.id = instanceId;
    i.name = name;
    i.subnetId = subnetId;
    i.vpcId = eni.vpcId;
    i.state = QStringLiteral("running");
    i.interfaceIds.push_back(eniId);
    i.privateAddresses = eni.privateAddresses;
    i.publicAddresses = eni.publicAddresses;
    i.securityGroupIds.push_back(groupId);
    m_t.instances.push_back(std::move(i));
}

void LabTopologyBuilder::natGateway(const QString& id, const QString& name, const QString& subnetId,
    const QString& privateAddress, const QString& publicAddress)
{
    NatGateway nat;
    nat.id = id;
    nat.name = name;
    nat.subnetId = subnetId;
    const Subnet* s = m_t.subnet(subnetId);
    nat.vpcId = s ? s->vpcId : QString();
    nat.state = QStringLiteral("available");
    nat.connectivity = QStringLiteral("public");
    nat.privateAddresses.push_back(address(privateAddress));
    nat.publicAddresses.push_back(address(publicAddress));
    m_t.natGateways.push_back(std::move(nat));
}

void LabTopologyBuilder::peering(const QString& id, const QString& name, const QString& requesterVpc,
    const QString& accepterVpc, const QString& accountId, const QString& region)
{
    PeeringConnection pcx;
    pcx.id = id;
    pcx.name = name;
    pcx.status = QStringLiteral("active");
    for (auto [side, vpcId] :
        { std::pair { &pcx.requester, requesterVpc }, std::pair { &pcx.accepter, accepterVpc } }) {
        side->vpcId = vpcId;
        side->ownerId = accountId;
        side->region = region;
        if (const Vpc* v = m_t.vpc(vpcId)) {
            side->cidrs = v->cidrs;
        }
    }
    m_t.peerings.push_back(std::move(pcx));
}

} // namespace flowlens
