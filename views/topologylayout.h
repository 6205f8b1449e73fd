#pragma once

#include "topology/topology.h"

#include <QRectF>
#include <map>
#include <vector>

namespace flowlens {

// Where each element of a topology is drawn. Deterministic (elements sorted by id; the same data
// gives the same picture) and free of overlaps by construction: VPCs in a grid of rows and columns
// sized by their largest member, subnets in a grid inside their VPC below its title, interfaces and
// NAT gateways in a grid inside their subnet below its title, the internet gateway in the VPC's
// title band, the Internet above everything.
class TopologyLayout {
public:
    enum class Kind { Internet, Vpc, Subnet, Interface, NatGateway, InternetGateway };

    struct Box {
        QString id;
        Kind kind;
        QString parent; // the id of the enclosing box; empty for top-level boxes
        QRectF rect;
    };

    static constexpr qreal kNodeWidth = 196;
    static constexpr qreal kNodeHeight = 46;
    static constexpr qreal kGap = 14;
    static constexpr qreal kSubnetTitle = 58;
    static constexpr qreal kVpcTitle = 64;
    static constexpr qreal kPad = 14;
    static constexpr qreal kVpcGap = 170; // room for peering labels between VPCs

    static TopologyLayout compute(const Topology& topology);

    const std::vector<Box>& boxes() const { return m_boxes; } // parents before their children
    const Box* box(const QString& id) const;
    // The box that stands for an id the traffic overlay may name: an interface, a NAT gateway's
    // interface (drawn as the NAT gateway), a subnet, a VPC, "internet".
    const Box* boxFor(const QString& id) const;
    QRectF bounds() const { return m_bounds; }

private:
    std::vector<Box> m_boxes;
    std::map<QString, std::size_t> m_index;
    std::map<QString, QString> m_aliases; // NAT gateway interface → NAT gateway
    QRectF m_bounds;
};

} // namespace flowlens
