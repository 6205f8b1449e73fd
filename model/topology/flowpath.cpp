#include "flowpath.h"

#include "reachabilityanalyzer.h"
#include "trafficoverlay.h"

#include <algorithm>

namespace flowlens {

namespace {

struct End {
    const NetworkInterface* eni = nullptr;
    const Subnet* subnet = nullptr;
    bool byPublicAddress = false;
};

End resolve(const Topology& t, const Address& address)
{
    End e;
    e.eni = t.interfaceByAddress(address);
    if (e.eni) {
        e.byPublicAddress = TrafficOverlay::isInterfacePublicAddress(t, address);
        e.subnet = t.subnet(e.eni->subnetId);
    }
    if (!e.subnet) {
        e.subnet = t.subnetContaining(address);
    }
    return e;
}

void add(QStringList& path, const QString& id)
{
    if (!id.isEmpty() && !path.contains(id)) {
        path.append(id);
    }
}

} // namespace

QStringList FlowPath::trace(const Topology& t, const Address& source, const Address& destination)
{
    QStringList path;
    const End src = resolve(t, source);
    const End dst = resolve(t, destination);
    bool arrives = true; // the route reaches the destination's side
    if (src.subnet && !src.byPublicAddress) {
        add(path, src.eni ? src.eni->id : QString());
        add(path, src.subnet->id);
        const RouteTable* table = t.routeTableFor(*src.subnet);
        const Route* route = table ? ReachabilityAnalyzer::match(t, *table, destination).route : nullptr;
        if (!route || route->isBlackhole()) {
            arrives = false;
        } else if (route->gatewayId != QLatin1String("local")) {
            add(path, route->target());
            if (!route->natGatewayId.isEmpty()) {
                const NatGateway* nat = t.natGateway(route->natGatewayId);
                const Subnet* natSubnet = nat ? t.subnet(nat->subnetId) : nullptr;
                const RouteTable* natTable = natSubnet ? t.routeTableFor(*natSubnet) : nullptr;
                const Route* onward = natTable ? ReachabilityAnalyzer::match(t, *natTable, destination).route : nullptr;
                if (onward && !onward->isBlackhole() && onward->gatewayId != QLatin1String("local")) {
                    add(path, onward->target());
                }
            }
            const bool toInternet
                = route->gatewayId.startsWith(QLatin1String("igw-")) || !route->natGatewayId.isEmpty();
            if (toInternet && destination.isPrivate() && !dst.byPublicAddress) {
                arrives = false; // the internet does not carry private addresses: the path ends at the gateway
            } else if (!toInternet && route->vpcPeeringConnectionId.isEmpty()) {
                arrives = false; // a transit gateway, VPN gateway or endpoint: beyond what the topology shows
            }
        }
    } else {
        if (src.subnet) { // named by its public address: it left through its VPC's internet gateway
            add(path, src.eni->id);
            add(path, src.subnet->id);
            if (const InternetGateway* igw = t.internetGatewayOf(src.subnet->vpcId)) {
                add(path, igw->id);
            }
        }
        add(path, TrafficOverlay::kInternet);
        if (dst.subnet) {
            if (const InternetGateway* igw = t.internetGatewayOf(dst.subnet->vpcId)) {
                add(path, igw->id);
            }
        }
    }
    if (!arrives) {
        return path;
    }
    if (dst.subnet && !dst.byPublicAddress) {
        add(path, dst.subnet->id);
        add(path, dst.eni ? dst.eni->id : QString());
    } else if (dst.subnet && dst.byPublicAddress) {
        // Out to the internet and back in through the destination VPC's internet gateway.
        add(path, TrafficOverlay::kInternet);
        if (const InternetGateway* igw = t.internetGatewayOf(dst.subnet->vpcId)) {
            add(path, igw->id);
        }
        add(path, dst.subnet->id);
        add(path, dst.eni->id);
    } else {
        add(path, TrafficOverlay::kInternet);
    }
    return path;
}

} // namespace flowlens
