#pragma once

#include "networkaclevaluator.h"
#include "reachabilityanalyzer.h"

#include <QStringList>

// The evaluation of one flow, step by step, for ReachabilityAnalyzer (not used elsewhere): the
// path walk (routes, peering, gateways) in reachabilityevaluation.cpp, the rule checks (security
// groups, network ACLs both ways) in reachabilityevaluationrules.cpp.

namespace flowlens::reach {

QString text(const Address& a);
QString text(const Cidr& c);

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

Endpoint resolve(const Topology& t, const Address& address);

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
    // Replies through `at`'s ACL; clientPorts: the ports replies go to (default: the client's).
    bool replyAcl(const Endpoint& at, bool egress, const Address& remote,
        std::optional<PortRange> clientPorts = std::nullopt, const QString& clientName = QString());
    bool natSubnetAcls(const NatGateway& nat, const Subnet& natSubnet);
    bool leavesVpc(const RouteTable& table, const Route& route);
    const Route* lookupRoute(const RouteTable& table, const Address& destination);
    bool routeFromSource();
    bool viaPeering(const RouteTable& table, const Route& route);
    bool viaInternetGateway(const RouteTable& table, const Route& route);
    bool viaNatGateway(const RouteTable& table, const Route& route);
    bool fromInternet(const Address& remote);
    bool toInternet();
    bool deliver(const Address& remote, const std::vector<QString>& remoteGroups);
    QString noRouteFix(const RouteTable& table) const;
};

} // namespace flowlens::reach
