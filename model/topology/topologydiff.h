#pragma once

#include "topology.h"

#include <QJsonArray>
#include <vector>

namespace flowlens {

// One difference between two snapshots of a topology (before and after a change).
struct TopologyChange {
    enum class Kind { Added, Removed, Changed };
    Kind kind = Kind::Changed;
    QString category; // vpc, subnet, route-table, route, association, peering, network-acl, acl-rule,
                      // security-group, sg-rule, internet-gateway, nat-gateway, interface, instance
    QString elementId; // the element that holds it: rtb-…, acl-…, sg-…, pcx-…
    QString detail; // the route, rule or field, in words
    QString before; // for Changed: the old value
    QString after; // for Changed: the new value
    QString toString() const;
};

// Compares two topologies element by element: what appeared or went away, routes added, removed
// or retargeted, peering states, network ACL entries by rule number and direction, security group
// rules, associations, gateway states and interface groups. Changes come in a stable order.
struct TopologyDiff {
    std::vector<TopologyChange> changes;

    bool empty() const { return changes.empty(); }
    QString toText() const;
    QJsonArray toJson() const;

    static TopologyDiff compare(const Topology& before, const Topology& after);
    static QString kindName(TopologyChange::Kind kind);
};

} // namespace flowlens
