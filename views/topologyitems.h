#pragma once

#include "topologylayout.h"

#include <QColor>
#include <QGraphicsItem>
#include <QPen>
#include <QStringList>

namespace flowlens {

// What a click on an item names: its kind ("vpc", "subnet", "interface", "nat-gateway",
// "internet-gateway", "internet", "peering", "traffic") and id ("a|b" for traffic links).
// StyleKey: what colours a link ("accepted", "rejected", or a peering connection's status).
enum ItemDataKey { KindKey = 0, IdKey = 1, StyleKey = 2 };

// A VPC, subnet, interface, gateway or the Internet: a rounded box with a title and detail lines.
// Painted by level of detail: zoomed far out, interfaces are plain tiles and titles only show
// where they stay legible, so hundreds of interfaces draw quickly.
class TopologyBoxItem : public QGraphicsItem {
public:
    TopologyBoxItem(const TopologyLayout::Box& box, QString title, QStringList details, bool inferred);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    TopologyLayout::Kind kind() const { return m_kind; }
    QString id() const { return m_id; }
    QRectF rect() const { return m_rect; }
    // Traffic through this node: 0 (none) to 1 (the busiest node) tints it; rejected traffic marks it red.
    void setTraffic(double weight, bool rejected);
    void setHighlighted(bool on);
    bool isHighlighted() const { return m_highlighted; }

    static QString kindName(TopologyLayout::Kind kind);

private:
    TopologyLayout::Kind m_kind;
    QString m_id;
    QRectF m_rect;
    QString m_title;
    QStringList m_details;
    bool m_inferred = false;
    double m_traffic = 0;
    bool m_rejected = false;
    bool m_highlighted = false;
};

// A line between two boxes: a peering connection (labelled with its id and status) or the traffic
// of the overlay (width by bytes, red when rejected, dashed when one-way).
class TopologyLinkItem : public QGraphicsItem {
public:
    TopologyLinkItem(const QLineF& line, const QPen& pen, QString label);

    QRectF boundingRect() const override;
    QPainterPath shape() const override; // a band around the line, so thin links are easy to hover and click
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    QLineF line() const { return m_line; }
    QPen pen() const { return m_pen; }
    void setPen(const QPen& pen);
    QString label() const { return m_label; }
    void setHighlighted(bool on);
    bool isHighlighted() const { return m_highlighted; }

    // The part of the segment between the centres of a and b that lies outside both rectangles.
    static QLineF between(const QRectF& a, const QRectF& b);

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

private:
    QLineF m_line;
    QPen m_pen;
    QString m_label;
    bool m_hovered = false;
    bool m_highlighted = false;
};

} // namespace flowlens
