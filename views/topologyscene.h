#pragma once

#include "topology/trafficoverlay.h"
#include "topologyitems.h"
#include "topologylayout.h"
#include "topologytheme.h"

#include <QGraphicsScene>
#include <memory>

namespace flowlens {

// The items of one topology: boxes placed by TopologyLayout, peering links between VPCs, and the
// traffic of an overlay. A click on an item reports it and the filter expression that selects its
// traffic (in the query language the filter bar takes).
class TopologyScene : public QGraphicsScene {
    Q_OBJECT
public:
    explicit TopologyScene(QObject* parent = nullptr);

    void setTopology(std::shared_ptr<const Topology> topology);
    void setOverlay(const TrafficOverlay& overlay);
    void clearOverlay();
    // Highlights the nodes and traffic links of these (source, destination) pairs; empty clears.
    // Kept across new overlays (the selection outlives the traffic drawn under it).
    void highlightFlows(const std::vector<std::pair<Address, Address>>& flows);

    const Topology* topology() const { return m_topology.get(); }
    // Colours (light by default); the view passes a dark one when its palette is dark.
    const TopologyTheme& theme() const { return m_theme; }
    void setTheme(const TopologyTheme& theme);
    const TopologyLayout& layout() const { return m_layout; }
    TopologyBoxItem* boxItem(const QString& id) const;
    const std::vector<TopologyBoxItem*>& boxItems() const { return m_boxes; }
    const std::vector<TopologyLinkItem*>& peeringItems() const { return m_peerings; }
    const std::vector<TopologyLinkItem*>& trafficItems() const { return m_traffic; }
    int unplacedTrafficLinks() const { return m_unplaced; }
    // Links beyond the busiest kMaxTrafficLinks are summed in the nodes' tint but not drawn.
    static constexpr std::size_t kMaxTrafficLinks = 3000;
    std::size_t hiddenTrafficLinks() const { return m_hidden; }
    // The busiest external addresses of the overlay (for "block this address" on the Internet node).
    const std::vector<TrafficOverlay::External>& busiestExternal() const { return m_external; }

    // The filter for the traffic of an element, e.g. srcAddr = "10.1.1.10" or dstAddr = "10.1.1.10";
    // empty when none applies (the Internet).
    QString filterExpression(const QString& kind, const QString& id) const;

Q_SIGNALS:
    void elementClicked(const QString& kind, const QString& id);
    void filterRequested(const QString& expression);

protected:
    void mousePressEvent(QGraphicsSceneMouseEvent* event) override;

private:
    void addBoxes();
    void addPeerings();
    QString condition(const QString& node, const QString& field) const;

    QPen trafficPen(bool rejected, qreal width, bool oneWay) const;

    std::shared_ptr<const Topology> m_topology;
    TopologyTheme m_theme = TopologyTheme::light();
    TopologyLayout m_layout;
    std::vector<TopologyBoxItem*> m_boxes;
    std::vector<TopologyLinkItem*> m_peerings;
    std::vector<TopologyLinkItem*> m_traffic;
    std::map<QString, QString> m_baseToolTips;
    int m_unplaced = 0;
    std::size_t m_hidden = 0;
    std::vector<std::pair<Address, Address>> m_highlighted;
    std::vector<TrafficOverlay::External> m_external;
};

} // namespace flowlens
