#pragma once

#include "topology.h"

#include <optional>
#include <vector>

namespace flowlens {

// A flow to explain: the packet the client sends.
struct FlowQuery {
    Address source;
    Address destination;
    int protocol = 6; // IANA number
    int port = 0; // destination port (TCP/UDP)
    std::optional<int> sourcePort; // the client's port; unknown: replies are checked for ephemeral ports
};

enum class ReachVerdict {
    Reachable,
    NoRoute, // the source's route table has no usable route to the destination
    Blackhole, // the matching route's target is gone
    PeeringInactive, // the route uses a peering connection that is not active
    NoReturnRoute, // the destination's route table does not route replies back the same way
    NetworkAclDenied,
    SecurityGroupDenied,
    NoInternetPath, // an internet path lacks a public address, an internet gateway or a NAT gateway
    LeavesVpc, // the route hands it to a transit gateway, VPN gateway or endpoint: beyond what FlowLens sees
    Unknown, // the topology does not say (addresses outside it, targets FlowLens does not model)
};

QString verdictName(ReachVerdict verdict);

struct ReachStep {
    QString elementId; // eni-…, sg-…, acl-…, rtb-…, pcx-…, igw-…, nat-…
    QString text; // what was checked and what it decided
    bool passed = true;
};

struct ReachResult {
    ReachVerdict verdict = ReachVerdict::Unknown;
    QString blockingId; // the first element on the path that blocks; empty when reachable
    QString explanation; // plain language, one or two sentences
    QString fix; // a suggested change; empty when none applies
    std::vector<ReachStep> steps; // the path as evaluated, in packet order
    std::vector<QString> notes; // parts that could not be checked, partial allowances
    bool reachable() const { return verdict == ReachVerdict::Reachable; }
};

// Evaluates a flow the way the VPC would carry it: the source interface's security groups
// (outbound), the source subnet's network ACL (outbound), the source subnet's route table
// (explicit association, else the VPC's main table; longest prefix wins; local, peering,
// internet and NAT gateways, blackholes), the peering connection's state and the destination
// VPC's route back, the destination subnet's ACL (inbound) and the destination interface's security
// groups (inbound); then the replies through both ACLs, which are stateless.
class ReachabilityAnalyzer {
public:
    explicit ReachabilityAnalyzer(const Topology& topology)
        : m_topology(topology)
    {
    }

    ReachResult evaluate(const FlowQuery& query) const;

    // The longest-prefix route of a table for an address among its CIDR routes (nullptr when none matches).
    static const Route* lookup(const RouteTable& table, const Address& destination);

    // The route AWS picks, prefix-list routes included: the longest prefix wins (a prefix list's
    // matching entry counts with its length), a CIDR route before a prefix-list route of the same
    // length. Prefix lists whose entries the topology lacks are listed in unknownPrefixLists.
    struct RouteMatch {
        const Route* route = nullptr;
        int prefixLength = -1;
        std::vector<QString> unknownPrefixLists;
    };
    static RouteMatch match(const Topology& topology, const RouteTable& table, const Address& destination);

    // The client ports replies are checked for when the query has no source port: Linux's
    // 32768–60999 and Windows' 49152–65535 ephemeral ranges together.
    static constexpr PortRange kEphemeral { 32768, 65535 };

private:
    const Topology& m_topology;
};

} // namespace flowlens
