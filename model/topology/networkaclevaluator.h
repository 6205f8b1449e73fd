#pragma once

#include "topology.h"

#include <vector>

namespace flowlens {

// How a network ACL treats a packet: rules in ascending number, the first that matches decides,
// and a packet no rule matches is denied (the "*" rule AWS shows as 32767).
class NetworkAclEvaluator {
public:
    static constexpr int kFinalRule = 32767;

    struct Decision {
        bool allowed = false;
        int ruleNumber = kFinalRule; // the rule that decided; kFinalRule when none matched
    };

    // egress: the packet leaves the subnet (remote is its destination), else it enters (remote is
    // its source). port is the packet's destination port (ignored unless TCP or UDP).
    static Decision evaluate(const NetworkAcl& acl, bool egress, int protocol, const Address& remote, int port);

    // The ports of `range` the ACL lets through for packets of that direction, protocol and remote
    // address, as sorted disjoint ranges: for checking that return traffic to ephemeral ports passes.
    static std::vector<PortRange> allowedPorts(
        const NetworkAcl& acl, bool egress, int protocol, const Address& remote, PortRange range);

    static bool hasPorts(int protocol) { return protocol == 6 || protocol == 17; }
    static QString describe(const NetworkAclEntry& entry);
    static QString protocolName(int protocol);
    static QString rangesText(const std::vector<PortRange>& ranges);
};

} // namespace flowlens
