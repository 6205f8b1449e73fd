#pragma once

#include "topologyscene.h"

#include <QGraphicsView>

namespace flowlens {

// The VPC topology pane: VPCs with their subnets, interfaces and gateways, peering links, the
// Internet, and the traffic of the current selection on top. Wheel zooms around the pointer,
// dragging pans, double-click (or fitAll) shows everything. Clicking a node or link emits
// elementClicked and filterRequested (an expression for the filter bar).
//
// Docking it: create a TopologyView, put it in a QDockWidget, call setTopology() with the loaded
// or inferred topology and setOverlay() with TrafficOverlay::compute(topology, store, selection)
// whenever the selection changes; connect filterRequested to the investigation's filter and the
// table's selection to highlightFlows().
class TopologyView : public QGraphicsView {
    Q_OBJECT
public:
    explicit TopologyView(QWidget* parent = nullptr);

    void setTopology(std::shared_ptr<const Topology> topology);
    void setOverlay(const TrafficOverlay& overlay) { m_scene->setOverlay(overlay); }
    void clearOverlay() { m_scene->clearOverlay(); }
    void highlightFlows(const std::vector<std::pair<Address, Address>>& flows) { m_scene->highlightFlows(flows); }

    TopologyScene* topologyScene() const { return m_scene; }
    qreal zoom() const { return transform().m11(); }
    void setZoom(qreal factor);
    void zoomBy(qreal factor);
    void fitAll();
    // The corner legend's traffic line ("width = bytes · red = REJECT …"); off where one legend
    // serves several views (the stage comparison).
    void setTrafficLegendShown(bool shown);
    bool trafficLegendShown() const { return m_trafficLegend; }

    // Writes the whole picture (not just what is on screen) as PNG, SVG or PDF, by the file's
    // suffix. Returns an error message, empty on success.
    QString exportTo(const QString& path) const;

Q_SIGNALS:
    void elementClicked(const QString& kind, const QString& id);
    void filterRequested(const QString& expression);
    // "Block … with Network ACL Rules" on the Internet node: an external address, empty to ask for one.
    void containRequested(const QString& address);

protected:
    void contextMenuEvent(QContextMenuEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;
    void changeEvent(QEvent* event) override;

private:
    TopologyScene* m_scene;
    bool m_autoFit = true; // refit on resize until the user zooms
    bool m_trafficLegend = true;
};

} // namespace flowlens
