#pragma once

#include "topology.h"

#include <vector>

namespace flowlens {

// Security groups are allow lists and stateful: a packet passes when any rule of any group of the
// interface allows it; its reply always passes. A rule matches the remote address through a CIDR
// or through a referenced group that the remote interface belongs to.
class SecurityGroupEvaluator {
public:
    struct Match {
        bool allowed = false;
        QString groupId; // the group whose rule allowed the packet
        bool unchecked = false; // a rule named a prefix list FlowLens has no data for
    };

    // inbound: rules of IpPermissions against the packet's source; else IpPermissionsEgress against
    // its destination. remoteGroups are the groups of the remote interface (empty when unknown).
    static Match evaluate(const Topology& topology, const std::vector<QString>& groupIds, bool inbound, int protocol,
        int port, const Address& remote, const std::vector<QString>& remoteGroups);
};

} // namespace flowlens
