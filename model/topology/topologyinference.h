#pragma once

#include "store/flowstore.h"
#include "topology.h"

namespace flowlens {

// Builds a topology from what the flow logs show, for when no configuration was loaded. Version 3+
// fields (vpc-id, subnet-id, instance-id, interface-id) give membership; an interface's own address
// is the one that appears in most of its records (flow-direction, when present, says which side).
// Private addresses with no known subnet are grouped by /16 into VPCs and by /24 into subnets; each
// network's CIDR is the smallest prefix that covers the addresses seen in it. Every public address
// goes to the one "Internet" node. Everything built here is marked inferred.
class TopologyInference {
public:
    static Topology fromStore(const FlowStore& store);

    // The smallest prefix that covers every address (all of one family); nullopt when empty or mixed.
    static std::optional<Cidr> coveringPrefix(const std::vector<Address>& addresses);
    static QString inferredId(const QString& what) { return QStringLiteral("inferred:") + what; }
};

} // namespace flowlens
