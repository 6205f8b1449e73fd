#include "reachabilityanalyzer.h"

#include "networkaclevaluator.h"
#include "securitygroupevaluator.h"

#include <QStringList>
#include <algorithm>

namespace flowlens {

namespace {

QString text(const Address& a)
{
    return QString::fromStdString(a.toString());
}

QString text(const Cidr& c)
{
    return QString::fromStdString(c.toString());
}

struct Endpoint {
    Address address;
    const NetworkInterface* eni = nullptr;
    const Subnet* subnet = nullptr;
    const Vpc* vpc = nullptr;
    bool byPublicAddress = false; // the query named the interface's public address
    bool inside() const { return subnet != nullptr; }
    std::vector<QString> groups() const { return eni ? eni->securityGroupIds : std::vector<QString>(); }
    QString label() const
    {
        return eni ? text(address) + QStringLiteral(" (") + eni->id + QLatin1Char(')') : text(address);
    }
    // The network to name in explanations: the VPC's CIDR that holds the address, else the subnet's.
    QString network() const
    {
        if (vpc) {
            for (const Cidr& c : vpc->cidrs) {
                if (eni && !eni->privateAddresses.empty() ? c.contains(eni->privateAddresses.front())
                                                          : c.contains(address)) {
                    return text(c);
                }
            }
        }
        if (subnet && subnet->cidr) {
            return text(*subnet->cidr);
        }
        return text(address);
    }
};

Endpoint resolve(const Topology& t, const Address& address)
{
    Endpoint e;
    e.address = address;
    e.eni = t.interfaceByAddress(address);
    if (e.eni) {
        e.byPublicAddress = std::find(e.eni->publicAddresses.begin(), e.eni->publicAddresses.end(), address)
            != e.eni->publicAddresses.end();
        e.subnet = t.subnet(e.eni->subnetId);
        if (!e.subnet && !e.eni->privateAddresses.empty()) {
            e.subnet = t.subnetContaining(e.eni->privateAddresses.front());
        }
    } else {
        e.subnet = t.subnetContaining(address);
    }
    e.vpc = e.subnet ? t.vpc(e.subnet->vpcId) : nullptr;
    return e;
}

class Evaluation {
public:
    Evaluation(const Topology& topology, const FlowQuery& query)
        : t(topology)
        , q(query)
        , src(resolve(topology, query.source))
        , dst(resolve(topology, query.destination))
    {
    }

    ReachResult run();

private:
    const Topology& t;
    const FlowQuery& q;
    Endpoint src;
    Endpoint dst;
    ReachResult r;

    QString flowText() const
    {
        QString s = NetworkAclEvaluator::protocolName(q.protocol);
        if (NetworkAclEvaluator::hasPorts(q.protocol)) {
            s += QLatin1Char(' ') + QString::number(q.port);
        }
        return s;
    }
    void pass(const QString& id, const QString& what) { r.steps.push_back({ id, what, true }); }
    bool fail(ReachVerdict verdict, const QString& id, const QString& explanation, const QString& fix)
    {
        r.verdict = verdict;
        r.blockingId = id;
        r.explanation = explanation;
        r.fix = fix;
        r.steps.push_back({ id, explanation, false });
        return false;
    }
    bool unknown(const QString& explanation) { return fail(ReachVerdict::Unknown, QString(), explanation, QString()); }

    bool securityGroups(
        const Endpoint& at, bool inbound, const Address& remote, const std::vector<QString>& remoteGroups);
    bool acl(const Endpoint& at, bool egress, const Address& remote);
    bool replyAcl(const Endpoint& at, bool egress, const Address& remote);
    bool routeFromSource();
    bool viaPeering(const RouteTable& table, const Route& route);
    bool viaInternetGateway(const RouteTable& table, const Route& route);
    bool viaNatGateway(const RouteTable& table, const Route& route);
    bool fromInternet(const Address& remote);
    bool toInternet();
    bool deliver(const Address& remote, const std::vector<QString>& remoteGroups);
    QString noRouteFix(const RouteTable& table) const;
};

bool Evaluation::securityGroups(
    const Endpoint& at, bool inbound, const Address& remote, const std::vector<QString>& remoteGroups)
{
    if (!at.eni) {
        r.notes.push_back(QStringLiteral("no interface is known for ") + text(at.address)
            + QStringLiteral("; its security groups were not checked"));
        return true;
    }
    const auto match = SecurityGroupEvaluator::evaluate(
        t, at.eni->securityGroupIds, inbound, q.protocol, q.port, remote, remoteGroups);
    const QString direction = inbound ? QStringLiteral("inbound") : QStringLiteral("outbound");
    if (match.allowed) {
        pass(match.groupId,
            QStringLiteral("security group ") + match.groupId + QStringLiteral(" of ") + at.eni->id
                + QStringLiteral(" allows ") + direction + QLatin1Char(' ') + flowText()
                + (inbound ? QStringLiteral(" from ") : QStringLiteral(" to ")) + text(remote));
        return true;
    }
    if (match.unchecked) {
        r.notes.push_back(QStringLiteral("a security group of ") + at.eni->id
            + QStringLiteral(" names a prefix list or a group missing from the data; FlowLens could not check it"));
    }
    const QStringList groups(at.eni->securityGroupIds.begin(), at.eni->securityGroupIds.end());
    const QString groupText = groups.isEmpty() ? QStringLiteral("(none)") : groups.join(QStringLiteral(", "));
    const QString first = groups.isEmpty() ? QStringLiteral("a security group") : groups.first();
    const Endpoint& other = inbound ? src : dst;
    const QString peerNetwork = other.inside() ? other.network() : text(remote) + QStringLiteral("/32");
    QString fix = QStringLiteral("add an ") + direction + QStringLiteral(" rule to ") + first
        + QStringLiteral(" allowing ") + flowText() + (inbound ? QStringLiteral(" from ") : QStringLiteral(" to "))
        + peerNetwork;
    if (other.eni && !other.eni->securityGroupIds.empty()) {
        fix += QStringLiteral(" (or from its security group ") + other.eni->securityGroupIds.front() + QLatin1Char(')');
    }
    return fail(ReachVerdict::SecurityGroupDenied, first,
        QStringLiteral("the security groups of ") + at.eni->id + QStringLiteral(" (") + groupText
            + QStringLiteral(") allow no ") + direction + QLatin1Char(' ') + flowText()
            + (inbound ? QStringLiteral(" from ") : QStringLiteral(" to ")) + text(remote),
        fix);
}

bool Evaluation::acl(const Endpoint& at, bool egress, const Address& remote)
{
    const NetworkAcl* a = t.networkAclFor(*at.subnet);
    if (!a) {
        r.notes.push_back(
            QStringLiteral("no network ACL is known for ") + at.subnet->id + QStringLiteral("; not checked"));
        return true;
    }
    const auto d = NetworkAclEvaluator::evaluate(*a, egress, q.protocol, remote, q.port);
    const QString direction = egress ? QStringLiteral("outbound") : QStringLiteral("inbound");
    const QString rule
        = d.ruleNumber == NetworkAclEvaluator::kFinalRule ? QStringLiteral("*") : QString::number(d.ruleNumber);
    const QString what = direction + QLatin1Char(' ') + flowText()
        + (egress ? QStringLiteral(" to ") : QStringLiteral(" from ")) + text(remote);
    if (d.allowed) {
        pass(a->id,
            QStringLiteral("network ACL ") + a->id + QStringLiteral(" of ") + at.subnet->id + QStringLiteral(" allows ")
                + what + QStringLiteral(" (rule ") + rule + QLatin1Char(')'));
        return true;
    }
    const Endpoint& other = egress ? dst : src;
    const QString peerNetwork = other.inside() ? other.network() : text(remote) + QStringLiteral("/32");
    const QString why = d.ruleNumber == NetworkAclEvaluator::kFinalRule
        ? QStringLiteral("no rule allows it, so the final rule * denies it")
        : QStringLiteral("rule ") + rule + QStringLiteral(" denies it");
    return fail(ReachVerdict::NetworkAclDenied, a->id,
        QStringLiteral("network ACL ") + a->id + QStringLiteral(" of ") + at.subnet->id + QStringLiteral(" denies ")
            + what + QStringLiteral(": ") + why,
        QStringLiteral("add an ") + direction + QStringLiteral(" allow rule to ") + a->id
            + QStringLiteral(" numbered below ") + rule + QStringLiteral(" for ") + flowText()
            + (egress ? QStringLiteral(" to ") : QStringLiteral(" from ")) + peerNetwork);
}

bool Evaluation::replyAcl(const Endpoint& at, bool egress, const Address& remote)
{
    const NetworkAcl* a = t.networkAclFor(*at.subnet);
    if (!a) {
        return true;
    }
    const QString direction = egress ? QStringLiteral("outbound") : QStringLiteral("inbound");
    const QString toFrom = egress ? QStringLiteral(" to ") : QStringLiteral(" from ");
    if (!NetworkAclEvaluator::hasPorts(q.protocol)) {
        const auto d = NetworkAclEvaluator::evaluate(*a, egress, q.protocol, remote, 0);
        if (d.allowed) {
            pass(a->id,
                QStringLiteral("network ACL ") + a->id + QStringLiteral(" lets the replies through (") + direction
                    + QLatin1Char(')'));
            return true;
        }
        return fail(ReachVerdict::NetworkAclDenied, a->id,
            QStringLiteral("network ACL ") + a->id + QStringLiteral(" of ") + at.subnet->id
                + QStringLiteral(" blocks the replies: ") + direction + QLatin1Char(' ') + flowText() + toFrom
                + text(remote) + QStringLiteral(" is denied"),
            QStringLiteral("ACLs are stateless: add an ") + direction + QStringLiteral(" allow rule for ") + flowText()
                + toFrom + text(remote));
    }
    const PortRange client
        = q.sourcePort ? PortRange { *q.sourcePort, *q.sourcePort } : ReachabilityAnalyzer::kEphemeral;
    const auto allowed = NetworkAclEvaluator::allowedPorts(*a, egress, q.protocol, remote, client);
    const QString proto = NetworkAclEvaluator::protocolName(q.protocol);
    const QString clientPorts = NetworkAclEvaluator::rangesText({ client });
    if (allowed.empty()) {
        const auto d = NetworkAclEvaluator::evaluate(*a, egress, q.protocol, remote, client.from);
        const QString rule
            = d.ruleNumber == NetworkAclEvaluator::kFinalRule ? QStringLiteral("*") : QString::number(d.ruleNumber);
        return fail(ReachVerdict::NetworkAclDenied, a->id,
            QStringLiteral("network ACL ") + a->id + QStringLiteral(" of ") + at.subnet->id
                + QStringLiteral(" blocks the replies: ") + direction + QLatin1Char(' ') + proto + toFrom + text(remote)
                + QStringLiteral(" on the client's ports ") + clientPorts + QStringLiteral(" is denied (rule ") + rule
                + QLatin1Char(')'),
            QStringLiteral("ACLs are stateless: add an ") + direction + QStringLiteral(" allow rule to ") + a->id
                + QStringLiteral(" for ") + proto + QStringLiteral(" 1024-65535") + toFrom + text(remote)
                + QStringLiteral(" (or its network)"));
    }
    const bool whole = allowed.size() == 1 && allowed.front().from == client.from && allowed.front().to == client.to;
    if (!whole) {
        r.notes.push_back(QStringLiteral("network ACL ") + a->id + QStringLiteral(" lets replies reach only ports ")
            + NetworkAclEvaluator::rangesText(allowed) + QStringLiteral(" of the client's ") + clientPorts
            + QStringLiteral("; clients that pick another ephemeral port get no answer"));
    }
    pass(a->id,
        QStringLiteral("network ACL ") + a->id + QStringLiteral(" lets the replies through (") + direction
            + QStringLiteral(", ports ") + NetworkAclEvaluator::rangesText(allowed) + QLatin1Char(')'));
    return true;
}

QString Evaluation::noRouteFix(const RouteTable& table) const
{
    const QString dstNetwork = dst.inside() ? dst.network() : text(q.destination) + QStringLiteral("/32");
    if (dst.vpc && src.vpc && dst.vpc != src.vpc) {
        for (const auto& pcx : t.peerings) {
            if (pcx.joins(src.vpc->id, dst.vpc->id)) {
                const RouteTable* back = t.routeTableFor(*dst.subnet);
                QString fix = QStringLiteral("add a route for ") + dstNetwork + QStringLiteral(" to ") + pcx.id
                    + QStringLiteral(" in ") + table.id + QStringLiteral(", and one for ") + src.network()
                    + QStringLiteral(" to ") + pcx.id + QStringLiteral(" in ")
                    + (back ? back->id : QStringLiteral("the route table of ") + dst.subnet->id);
                if (!pcx.isActive()) {
                    fix += QStringLiteral("; the peering connection is ") + pcx.status
                        + QStringLiteral(" and must be accepted first");
                }
                return fix;
            }
        }
        return QStringLiteral("create a VPC peering connection between ") + src.vpc->id + QStringLiteral(" and ")
            + dst.vpc->id + QStringLiteral(", accept it, and route each VPC's CIDR to it in the other's route tables");
    }
    return QStringLiteral("add a route for ") + dstNetwork + QStringLiteral(" to ") + table.id;
}

bool Evaluation::routeFromSource()
{
    const RouteTable* table = t.routeTableFor(*src.subnet);
    if (!table) {
        return unknown(QStringLiteral("no route table is known for ") + src.subnet->id);
    }
    const Route* route = ReachabilityAnalyzer::lookup(*table, q.destination);
    const QString dstNetwork = dst.inside() ? dst.network() : text(q.destination);
    if (!route) {
        return fail(ReachVerdict::NoRoute, table->id,
            src.network() + QStringLiteral(" has no route to ") + dstNetwork + QStringLiteral(": route table ")
                + table->id + QStringLiteral(" has no route that covers ") + text(q.destination),
            noRouteFix(*table));
    }
    const QString target = route->target();
    const QString routeText = route->destination ? text(*route->destination) : route->destinationPrefixList;
    if (route->isBlackhole()) {
        return fail(ReachVerdict::Blackhole, table->id,
            QStringLiteral("route table ") + table->id + QStringLiteral(" sends ") + text(q.destination)
                + QStringLiteral(" (route ") + routeText + QStringLiteral(") to ") + target
                + QStringLiteral(", which no longer exists: the route is a blackhole"),
            QStringLiteral("replace the route for ") + routeText + QStringLiteral(" in ") + table->id
                + QStringLiteral(" with one to a working target, or delete it"));
    }
    pass(table->id,
        QStringLiteral("route table ") + table->id + QStringLiteral(" sends ") + text(q.destination)
            + QStringLiteral(" to ") + target + QStringLiteral(" (route ") + routeText + QLatin1Char(')'));
    if (route->gatewayId == QLatin1String("local")) {
        if (!dst.inside()) {
            return unknown(text(q.destination) + QStringLiteral(" is inside ") + routeText
                + QStringLiteral(" but in no subnet the topology describes"));
        }
        return deliver(q.source, src.groups());
    }
    if (!route->vpcPeeringConnectionId.isEmpty()) {
        return viaPeering(*table, *route);
    }
    if (route->gatewayId.startsWith(QLatin1String("igw-"))) {
        return viaInternetGateway(*table, *route);
    }
    if (!route->natGatewayId.isEmpty()) {
        return viaNatGateway(*table, *route);
    }
    return unknown(QStringLiteral("route table ") + table->id + QStringLiteral(" sends the traffic to ") + target
        + QStringLiteral(", which FlowLens does not follow further"));
}

bool Evaluation::viaPeering(const RouteTable& table, const Route& route)
{
    const QString id = route.vpcPeeringConnectionId;
    const PeeringConnection* pcx = t.peering(id);
    if (!pcx) {
        return fail(ReachVerdict::PeeringInactive, id,
            QStringLiteral("route table ") + table.id + QStringLiteral(" sends the traffic to ") + id
                + QStringLiteral(", which is not among the peering connections loaded (deleted?)"),
            QStringLiteral("check that ") + id
                + QStringLiteral(" exists and is active, or route to a peering connection that is"));
    }
    if (!pcx->isActive()) {
        return fail(ReachVerdict::PeeringInactive, id,
            QStringLiteral("peering connection ") + id + QStringLiteral(" is ") + pcx->status
                + QStringLiteral(", not active: it carries no traffic"),
            pcx->status == QLatin1String("pending-acceptance")
                ? QStringLiteral("accept ") + id + QStringLiteral(" in the accepter account (") + pcx->accepter.vpcId
                    + QLatin1Char(')')
                : QStringLiteral("create a new peering connection, accept it and point the routes at it"));
    }
    const PeeringSide* peer = src.vpc ? pcx->otherSide(src.vpc->id) : nullptr;
    if (!peer) {
        return fail(ReachVerdict::NoRoute, id,
            QStringLiteral("route table ") + table.id + QStringLiteral(" uses ") + id
                + QStringLiteral(", which does not connect ") + (src.vpc ? src.vpc->id : src.subnet->vpcId),
            noRouteFix(table));
    }
    const bool inPeer = (dst.vpc && dst.vpc->id == peer->vpcId)
        || std::any_of(
            peer->cidrs.begin(), peer->cidrs.end(), [&](const Cidr& c) { return c.contains(q.destination); });
    if (!inPeer || !dst.inside()) {
        return fail(ReachVerdict::NoRoute, id,
            text(q.destination) + QStringLiteral(" is not in ") + peer->vpcId
                + QStringLiteral(", the VPC at the other end of ") + id + QStringLiteral(": peering is not transitive"),
            noRouteFix(table));
    }
    pass(id, QStringLiteral("peering connection ") + id + QStringLiteral(" is active and reaches ") + peer->vpcId);
    const RouteTable* back = t.routeTableFor(*dst.subnet);
    const Route* backRoute = back ? ReachabilityAnalyzer::lookup(*back, q.source) : nullptr;
    if (!backRoute || backRoute->vpcPeeringConnectionId != id || backRoute->isBlackhole()) {
        const QString where = back ? back->id : dst.subnet->id;
        const QString sends = backRoute ? QStringLiteral(" sends it to ") + backRoute->target()
                                        : QStringLiteral(" has no route for it");
        return fail(ReachVerdict::NoReturnRoute, where,
            dst.network() + QStringLiteral(" has no route back to ") + src.network() + QStringLiteral(": route table ")
                + where + sends + QStringLiteral(", so replies never return through ") + id,
            QStringLiteral("add a route for ") + src.network() + QStringLiteral(" to ") + id + QStringLiteral(" in ")
                + where);
    }
    pass(back->id,
        QStringLiteral("route table ") + back->id + QStringLiteral(" routes replies to ") + text(q.source)
            + QStringLiteral(" back through ") + id);
    return deliver(q.source, src.groups());
}

bool Evaluation::viaInternetGateway(const RouteTable& table, const Route& route)
{
    if (q.destination.isPrivate() && !dst.byPublicAddress) {
        return fail(ReachVerdict::NoRoute, table.id,
            src.network() + QStringLiteral(" has no route to ") + (dst.inside() ? dst.network() : text(q.destination))
                + QStringLiteral(": route table ") + table.id + QStringLiteral(" sends it to ") + route.gatewayId
                + QStringLiteral(" (route ") + text(*route.destination)
                + QStringLiteral("), and an internet gateway drops private addresses"),
            noRouteFix(table));
    }
    const InternetGateway* igw = src.vpc ? t.internetGatewayOf(src.vpc->id) : nullptr;
    if (!igw || igw->id != route.gatewayId) {
        return fail(ReachVerdict::NoInternetPath, route.gatewayId,
            route.gatewayId + QStringLiteral(" is not attached to ") + src.subnet->vpcId,
            QStringLiteral("attach an internet gateway to ") + src.subnet->vpcId + QStringLiteral(" and route to it"));
    }
    if (!src.eni || src.eni->publicAddresses.empty()) {
        return fail(ReachVerdict::NoInternetPath, src.eni ? src.eni->id : src.subnet->id,
            text(q.source) + QStringLiteral(" has no public IPv4 address, so ") + igw->id
                + QStringLiteral(" cannot carry its traffic"),
            QStringLiteral(
                "associate an Elastic IP address with the interface, or route 0.0.0.0/0 through a NAT gateway"));
    }
    pass(igw->id,
        QStringLiteral("internet gateway ") + igw->id + QStringLiteral(" carries it as ")
            + text(src.eni->publicAddresses.front()));
    if (dst.inside() && dst.byPublicAddress) {
        return fromInternet(src.eni->publicAddresses.front());
    }
    return toInternet();
}

bool Evaluation::viaNatGateway(const RouteTable& table, const Route& route)
{
    const NatGateway* nat = t.natGateway(route.natGatewayId);
    if (q.destination.isPrivate()) {
        return fail(ReachVerdict::NoRoute, table.id,
            src.network() + QStringLiteral(" has no route to ") + (dst.inside() ? dst.network() : text(q.destination))
                + QStringLiteral(": route table ") + table.id + QStringLiteral(" sends it to ") + route.natGatewayId
                + QStringLiteral(" (route ") + text(*route.destination) + QLatin1Char(')'),
            noRouteFix(table));
    }
    if (!nat) {
        return unknown(route.natGatewayId + QStringLiteral(" is not among the NAT gateways loaded"));
    }
    if (nat->state != QLatin1String("available")) {
        return fail(ReachVerdict::NoInternetPath, nat->id,
            QStringLiteral("NAT gateway ") + nat->id + QStringLiteral(" is ") + nat->state
                + QStringLiteral(", not available"),
            QStringLiteral("create a new NAT gateway and point the route at it"));
    }
    const Subnet* natSubnet = t.subnet(nat->subnetId);
    const RouteTable* natTable = natSubnet ? t.routeTableFor(*natSubnet) : nullptr;
    const Route* onward = natTable ? ReachabilityAnalyzer::lookup(*natTable, q.destination) : nullptr;
    if (!onward || !onward->gatewayId.startsWith(QLatin1String("igw-")) || onward->isBlackhole()) {
        return fail(ReachVerdict::NoInternetPath, natTable ? natTable->id : nat->id,
            QStringLiteral("NAT gateway ") + nat->id + QStringLiteral(" sits in ") + nat->subnetId
                + QStringLiteral(", whose route table does not send ") + text(q.destination)
                + QStringLiteral(" to an internet gateway"),
            QStringLiteral("put the NAT gateway in a public subnet (one routing 0.0.0.0/0 to an internet gateway)"));
    }
    pass(nat->id,
        QStringLiteral("NAT gateway ") + nat->id + QStringLiteral(" translates it and sends it to ")
            + onward->gatewayId);
    if (natSubnet != src.subnet) {
        r.notes.push_back(QStringLiteral("the network ACL of ") + natSubnet->id
            + QStringLiteral(", where the NAT gateway sits, was not checked"));
    }
    return toInternet();
}

bool Evaluation::toInternet()
{
    r.notes.push_back(QStringLiteral("the path beyond the internet gateway is outside the topology"));
    if (!replyAcl(src, false, q.destination)) {
        return false;
    }
    r.verdict = ReachVerdict::Reachable;
    return true;
}

bool Evaluation::fromInternet(const Address& remote)
{
    if (dst.eni && dst.eni->interfaceType == QLatin1String("nat_gateway")) {
        return fail(ReachVerdict::NoRoute, dst.eni->id,
            text(q.destination)
                + QStringLiteral(" belongs to a NAT gateway, which accepts no connections from the internet"),
            QString());
    }
    if (!dst.byPublicAddress) {
        return fail(ReachVerdict::NoRoute, dst.subnet->id,
            text(q.destination)
                + QStringLiteral(" is a private address: the internet reaches an interface only through its public or "
                                 "Elastic IP address"),
            QStringLiteral(
                "give the interface a public address, or put a load balancer in a public subnet in front of it"));
    }
    const InternetGateway* igw = dst.vpc ? t.internetGatewayOf(dst.vpc->id) : nullptr;
    if (!igw) {
        return fail(ReachVerdict::NoInternetPath, dst.subnet->vpcId,
            dst.subnet->vpcId + QStringLiteral(" has no internet gateway attached"),
            QStringLiteral("attach an internet gateway to ") + dst.subnet->vpcId);
    }
    pass(igw->id,
        QStringLiteral("internet gateway ") + igw->id + QStringLiteral(" delivers ") + text(q.destination)
            + QStringLiteral(" to ")
            + text(dst.eni->privateAddresses.empty() ? q.destination : dst.eni->privateAddresses.front()));
    const RouteTable* back = t.routeTableFor(*dst.subnet);
    const Route* backRoute = back ? ReachabilityAnalyzer::lookup(*back, remote) : nullptr;
    if (!backRoute || backRoute->gatewayId != igw->id || backRoute->isBlackhole()) {
        const QString where = back ? back->id : dst.subnet->id;
        return fail(ReachVerdict::NoReturnRoute, where,
            dst.subnet->id + QStringLiteral(" is not a public subnet: route table ") + where
                + QStringLiteral(" does not send replies to ") + text(remote) + QStringLiteral(" to ") + igw->id,
            QStringLiteral("add a route for 0.0.0.0/0 to ") + igw->id + QStringLiteral(" in ") + where);
    }
    if (!acl(dst, false, remote) || !securityGroups(dst, true, remote, {})) {
        return false;
    }
    if (!replyAcl(dst, true, remote)) {
        return false;
    }
    r.verdict = ReachVerdict::Reachable;
    return true;
}

bool Evaluation::deliver(const Address& remote, const std::vector<QString>& remoteGroups)
{
    const bool sameSubnet = src.inside() && src.subnet == dst.subnet;
    if (!sameSubnet && !acl(dst, false, remote)) {
        return false;
    }
    if (!securityGroups(dst, true, remote, remoteGroups)) {
        return false;
    }
    if (!sameSubnet && (!replyAcl(dst, true, remote) || !replyAcl(src, false, q.destination))) {
        return false;
    }
    r.verdict = ReachVerdict::Reachable;
    return true;
}

ReachResult Evaluation::run()
{
    if (!src.inside() && !dst.inside()) {
        unknown(QStringLiteral("neither ") + text(q.source) + QStringLiteral(" nor ") + text(q.destination)
            + QStringLiteral(" is in a subnet of the topology"));
        return r;
    }
    if (!src.inside()) {
        if (q.source.isPrivate()) {
            unknown(text(q.source)
                + QStringLiteral(" is a private address in no subnet of the topology; traffic from it "
                                 "arrives through a VPN, Direct Connect or transit gateway FlowLens does not model"));
            return r;
        }
        fromInternet(q.source);
        return r;
    }
    pass(src.eni ? src.eni->id : src.subnet->id,
        QStringLiteral("source ") + src.label() + QStringLiteral(" is in ") + src.subnet->id);
    if (!securityGroups(src, false, q.destination, dst.byPublicAddress ? std::vector<QString>() : dst.groups())) {
        return r;
    }
    if (dst.inside() && dst.subnet == src.subnet && !dst.byPublicAddress) {
        pass(src.subnet->id,
            QStringLiteral("both ends are in ") + src.subnet->id + QStringLiteral(": no route or ACL applies"));
        deliver(q.source, src.groups());
        return r;
    }
    if (acl(src, true, q.destination)) {
        routeFromSource();
    }
    return r;
}

} // namespace

QString verdictName(ReachVerdict verdict)
{
    switch (verdict) {
    case ReachVerdict::Reachable:
        return QStringLiteral("reachable");
    case ReachVerdict::NoRoute:
        return QStringLiteral("no-route");
    case ReachVerdict::Blackhole:
        return QStringLiteral("blackhole");
    case ReachVerdict::PeeringInactive:
        return QStringLiteral("peering-inactive");
    case ReachVerdict::NoReturnRoute:
        return QStringLiteral("no-return-route");
    case ReachVerdict::NetworkAclDenied:
        return QStringLiteral("network-acl-denied");
    case ReachVerdict::SecurityGroupDenied:
        return QStringLiteral("security-group-denied");
    case ReachVerdict::NoInternetPath:
        return QStringLiteral("no-internet-path");
    case ReachVerdict::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

const Route* ReachabilityAnalyzer::lookup(const RouteTable& table, const Address& destination)
{
    const Route* best = nullptr;
    for (const auto& route : table.routes) {
        if (route.destination && route.destination->contains(destination)
            && (!best || route.destination->prefixLength > best->destination->prefixLength)) {
            best = &route;
        }
    }
    return best;
}

ReachResult ReachabilityAnalyzer::evaluate(const FlowQuery& query) const
{
    Evaluation evaluation(m_topology, query);
    ReachResult result = evaluation.run();
    if (result.reachable()) {
        result.explanation
            = QStringLiteral("reachable: every route, network ACL and security group on the path allows it");
    }
    return result;
}

} // namespace flowlens
