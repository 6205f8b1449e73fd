#pragma once

#include "topology.h"

#include <QStringList>

namespace flowlens {

// The elements a packet passes from source to destination, as the topology routes it, for drawing:
// the source interface and subnet, the target of the source route table's longest-prefix route for
// the destination (a peering connection, an internet gateway, a NAT gateway and the internet
// gateway behind it, a transit or VPN gateway, an endpoint), then the destination subnet and
// interface; "internet" for an end outside every VPC. Traffic from the internet enters through the
// destination VPC's internet gateway. It does not judge whether the packet is allowed (that is
// ReachabilityAnalyzer's work): a path that ends early (no route) lists what it got through.
class FlowPath {
public:
    // Element ids in packet order, without repeats.
    static QStringList trace(const Topology& topology, const Address& source, const Address& destination);
};

} // namespace flowlens
