#include "reachabilityanalyzer.h"

#include "reachabilityevaluation.h"

namespace flowlens {

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
    case ReachVerdict::LeavesVpc:
        return QStringLiteral("leaves-vpc");
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

ReachabilityAnalyzer::RouteMatch ReachabilityAnalyzer::match(
    const Topology& topology, const RouteTable& table, const Address& destination)
{
    RouteMatch best;
    bool bestIsList = false;
    for (const auto& route : table.routes) {
        if (route.destination) {
            const int length = route.destination->prefixLength;
            if (route.destination->contains(destination)
                && (length > best.prefixLength || (length == best.prefixLength && bestIsList))) {
                best.route = &route;
                best.prefixLength = length;
                bestIsList = false;
            }
            continue;
        }
        if (route.destinationPrefixList.isEmpty()) {
            continue;
        }
        const PrefixList* list = topology.prefixList(route.destinationPrefixList);
        if (!list || !list->entriesKnown) {
            best.unknownPrefixLists.push_back(route.destinationPrefixList);
            continue;
        }
        for (const Cidr& entry : list->cidrs) {
            if (entry.contains(destination) && entry.prefixLength > best.prefixLength) {
                best.route = &route;
                best.prefixLength = entry.prefixLength;
                bestIsList = true;
            }
        }
    }
    return best;
}

ReachResult ReachabilityAnalyzer::evaluate(const FlowQuery& query) const
{
    reach::Evaluation evaluation(m_topology, query);
    ReachResult result = evaluation.run();
    if (result.reachable()) {
        result.explanation
            = QStringLiteral("reachable: every route, network ACL and security group on the path allows it");
    }
    return result;
}

} // namespace flowlens