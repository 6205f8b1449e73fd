#include "reachabilityevaluation.h"

#include "networkaclevaluator.h"

#include <algorithm>

namespace flowlens::reach {

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
    const ReachabilityAnalyzer::RouteMatch match = ReachabilityAnalyzer::match(t, *table, q.destination);
    const Route* route = match.route;
    const QString dstNetwork = dst.inside() ? dst.network() : text(q.destination);
    if (!match.unknownPrefixLists.empty()) {
        // A prefix list without its entries: any address in it would take that route over the default
        // one (or over no route at all), so then the route is unknown. A more specific CIDR route is
        // taken, with a note (a list entry longer still is possible, though unusual).
        const QStringList lists(match.unknownPrefixLists.begin(), match.unknownPrefixLists.end());
        const QString which = QStringLiteral("route table ") + table->id + QStringLiteral(" routes the prefix list ")
            + lists.join(QStringLiteral(", ")) + QStringLiteral(", whose entries are unknown");
        if (!route || match.prefixLength == 0) {
            return unknown(which + QStringLiteral(", so whether ") + text(q.destination)
                + QStringLiteral(" takes that route is unknown; add the output of `aws ec2 "
                                 "get-managed-prefix-list-entries` (saved as pl-….json) or `aws ec2 "
                                 "describe-prefix-lists` to the topology folder"));
        }
        r.notes.push_back(which + QStringLiteral("; the more specific route ")
            + (route->destination ? text(*route->destination) : route->destinationPrefixList)
            + QStringLiteral(" was taken"));
    }
    if (!route) {
        return fail(ReachVerdict::NoRoute, table->id,
            src.network() + QStringLiteral(" has no route to ") + dstNetwork + QStringLiteral(": route table ")
                + table->id + QStringLiteral(" has no route that covers ") + text(q.destination),
            noRouteFix(*table));
    }
    const QString target = route->target();
    QString routeText = route->destination ? text(*route->destination) : route->destinationPrefixList;
    if (!route->destination) {
        const PrefixList* list = t.prefixList(route->destinationPrefixList);
        routeText += QStringLiteral(", a prefix list")
            + (list && !list->name.isEmpty() ? QStringLiteral(" (") + list->name + QLatin1Char(')') : QString())
            + QStringLiteral(" holding ") + text(q.destination);
    }
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
    if (!route->transitGatewayId.isEmpty() || route->gatewayId.startsWith(QLatin1String("vgw-"))
        || route->gatewayId.startsWith(QLatin1String("vpce-"))) {
        return leavesVpc(*table, *route);
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
    if (!natSubnetAcls(*nat, *natSubnet)) {
        return false;
    }
    return toInternet();
}

bool Evaluation::natSubnetAcls(const NatGateway& nat, const Subnet& natSubnet)
{
    // The NAT gateway's subnet has its own network ACL: the request enters it from the source (unless
    // both share the subnet) and leaves it to the destination from the NAT's address; the replies
    // come back to the NAT's ports 1024-65535 and go on to the source's port.
    Endpoint at;
    at.address = nat.privateAddresses.empty() ? Address() : nat.privateAddresses.front();
    at.subnet = &natSubnet;
    at.vpc = t.vpc(natSubnet.vpcId);
    const bool shared = &natSubnet == src.subnet;
    if (!shared && !acl(at, false, q.source)) {
        return false;
    }
    if (!acl(at, true, q.destination)) {
        return false;
    }
    if (!replyAcl(at, false, q.destination, PortRange { 1024, 65535 }, QStringLiteral("NAT gateway ") + nat.id)) {
        return false;
    }
    return shared || replyAcl(at, true, q.source);
}

bool Evaluation::leavesVpc(const RouteTable& table, const Route& route)
{
    const QString target = route.target();
    const QString kind = !route.transitGatewayId.isEmpty()  ? QStringLiteral("transit gateway")
        : route.gatewayId.startsWith(QLatin1String("vgw-")) ? QStringLiteral("virtual private gateway (VPN)")
                                                            : QStringLiteral("VPC endpoint");
    // What FlowLens can check of the way back: the replies through the source subnet's ACL.
    if (!replyAcl(src, false, q.destination)) {
        return false;
    }
    r.verdict = ReachVerdict::LeavesVpc;
    r.blockingId = target;
    r.explanation = text(q.destination) + QStringLiteral(" leaves the VPC via ") + target + QStringLiteral(" (") + kind
        + QStringLiteral(", route table ") + table.id + QStringLiteral("); FlowLens cannot see beyond it");
    r.fix = QStringLiteral("check the far side: ")
        + (!route.transitGatewayId.isEmpty()
                ? QStringLiteral("the transit gateway's route tables and the destination VPC's routes back to it")
                : route.gatewayId.startsWith(QLatin1String("vgw-"))
                ? QStringLiteral("the VPN connection's tunnels and the on-premises routes and firewalls")
                : QStringLiteral("the endpoint's policy and the service's own access rules"));
    r.steps.push_back({ target, r.explanation, true });
    r.notes.push_back(QStringLiteral("everything up to ") + target
        + QStringLiteral(" allows it; whether it arrives depends on what lies beyond"));
    return true;
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

} // namespace flowlens::reach
