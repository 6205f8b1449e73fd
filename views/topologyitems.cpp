#include "topologyitems.h"

#include "topologyscene.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

namespace flowlens {

namespace {

using Kind = TopologyLayout::Kind;

const TopologyTheme& themeOf(const QGraphicsItem* item)
{
    static const TopologyTheme fallback = TopologyTheme::light();
    const auto* scene = qobject_cast<const TopologyScene*>(item->scene());
    return scene ? scene->theme() : fallback;
}

QColor blend(const QColor& a, const QColor& b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
        float(a.greenF() + (b.greenF() - a.greenF()) * t), float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// Text only where it stays legible: below this many device pixels per point it is skipped.
constexpr qreal kLegible = 0.45;

} // namespace

TopologyBoxItem::TopologyBoxItem(const TopologyLayout::Box& box, QString title, QStringList details, bool inferred)
    : m_kind(box.kind)
    , m_id(box.id)
    , m_rect(box.rect)
    , m_title(std::move(title))
    , m_details(std::move(details))
    , m_inferred(inferred)
{
    setData(KindKey, kindName(m_kind));
    setData(IdKey, m_id);
    switch (m_kind) {
    case Kind::Vpc:
        setZValue(0);
        break;
    case Kind::Subnet:
        setZValue(1);
        break;
    default:
        setZValue(3);
        break;
    }
    setToolTip(m_title + (m_details.isEmpty() ? QString() : QLatin1Char('\n') + m_details.join(QLatin1Char('\n')))
        + (m_inferred ? QStringLiteral("\n(inferred from flow logs)") : QString()));
}

QString TopologyBoxItem::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Internet:
        return QStringLiteral("internet");
    case Kind::Vpc:
        return QStringLiteral("vpc");
    case Kind::Subnet:
        return QStringLiteral("subnet");
    case Kind::NatGateway:
        return QStringLiteral("nat-gateway");
    case Kind::InternetGateway:
        return QStringLiteral("internet-gateway");
    case Kind::Interface:
        break;
    }
    return QStringLiteral("interface");
}

QRectF TopologyBoxItem::boundingRect() const
{
    return m_rect.adjusted(-3, -3, 3, 3);
}

void TopologyBoxItem::setTraffic(double weight, bool rejected)
{
    m_traffic = std::clamp(weight, 0.0, 1.0);
    m_rejected = rejected;
    update();
}

void TopologyBoxItem::setHighlighted(bool on)
{
    m_highlighted = on;
    update();
}

void TopologyBoxItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const TopologyTheme& theme = themeOf(this);
    const TopologyTheme::BoxColors colors = theme.box(m_kind, m_details.value(0).contains(QLatin1String("public")));
    const bool container = m_kind == Kind::Vpc || m_kind == Kind::Subnet;
    QColor fill = colors.fill;
    if (m_traffic > 0 && !container) {
        fill = blend(fill, theme.trafficTint, 0.25 + 0.75 * m_traffic);
    }
    QColor rejected = theme.rejected;
    rejected.setAlpha(255);
    QPen pen(m_rejected ? rejected : colors.border, m_highlighted ? 3.5 : (m_kind == Kind::Vpc ? 2 : 1.2));
    if (m_highlighted) {
        pen.setColor(theme.highlight);
    }
    pen.setCosmetic(lod < 0.5);
    if (m_inferred) {
        pen.setStyle(Qt::DashLine);
    }
    painter->setPen(pen);
    painter->setBrush(fill);
    const qreal radius = m_kind == Kind::Interface ? 4 : 8;
    if (lod < 0.25 && m_kind == Kind::Interface) {
        painter->drawRect(m_rect); // far out: a tile is enough
        return;
    }
    painter->drawRoundedRect(m_rect, radius, radius);

    qreal titleSize = m_kind == Kind::Vpc || m_kind == Kind::Internet ? 11.5 : m_kind == Kind::Subnet ? 10 : 9;
    const bool landmark = m_kind == Kind::Vpc || m_kind == Kind::Internet;
    if (lod * titleSize < kLegible * 9) {
        if (!landmark) {
            return;
        }
        // VPCs and the Internet keep a readable name however far out: the font grows as the view shrinks.
        titleSize = kLegible * 9 / lod;
    }
    QFont font = painter->font();
    font.setPointSizeF(titleSize);
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(theme.text);
    const qreal inset = container ? 10 : 6;
    QRectF text = m_rect.adjusted(inset, container ? 6 : 3, -inset, -3);
    const QFontMetricsF titleMetrics(font);
    painter->drawText(
        text, Qt::AlignLeft | Qt::AlignTop, titleMetrics.elidedText(m_title, Qt::ElideMiddle, text.width()));
    text.setTop(text.top() + titleMetrics.height());
    if (lod < kLegible * 1.3) {
        return;
    }
    font.setBold(false);
    font.setPointSizeF(container ? 8.5 : 7.5);
    painter->setFont(font);
    painter->setPen(theme.detailText);
    const QFontMetricsF metrics(font);
    for (const QString& line : m_details) {
        if (text.height() < metrics.height()) {
            break;
        }
        painter->drawText(text, Qt::AlignLeft | Qt::AlignTop, metrics.elidedText(line, Qt::ElideRight, text.width()));
        text.setTop(text.top() + metrics.height());
    }
}

TopologyLinkItem::TopologyLinkItem(const QLineF& line, const QPen& pen, QString label)
    : m_line(line)
    , m_pen(pen)
    , m_label(std::move(label))
{
    setAcceptHoverEvents(true);
    setZValue(2);
}

QLineF TopologyLinkItem::between(const QRectF& a, const QRectF& b)
{
    const QPointF ca = a.center();
    const QPointF d = b.center() - ca;
    auto exit = [&](const QRectF& r) {
        const qreal tx = d.x() != 0 ? r.width() / 2 / std::abs(d.x()) : 1e9;
        const qreal ty = d.y() != 0 ? r.height() / 2 / std::abs(d.y()) : 1e9;
        return std::min(tx, ty);
    };
    const qreal t0 = exit(a);
    const qreal t1 = 1 - exit(b);
    if (t0 >= t1) {
        return QLineF(ca, b.center());
    }
    return QLineF(ca + d * t0, ca + d * t1);
}

QRectF TopologyLinkItem::boundingRect() const
{
    const qreal margin = m_pen.widthF() / 2 + 6;
    QRectF r = QRectF(m_line.p1(), m_line.p2()).normalized().adjusted(-margin, -margin, margin, margin);
    if (!m_label.isEmpty()) {
        r = r.united(QRectF(m_line.center() - QPointF(110, 40), QSizeF(220, 80)));
    }
    return r;
}

QPainterPath TopologyLinkItem::shape() const
{
    QPainterPath path(m_line.p1());
    path.lineTo(m_line.p2());
    QPainterPathStroker stroker;
    stroker.setWidth(std::max<qreal>(8, m_pen.widthF() + 4));
    return stroker.createStroke(path);
}

void TopologyLinkItem::setPen(const QPen& pen)
{
    prepareGeometryChange();
    m_pen = pen;
    update();
}

void TopologyLinkItem::setHighlighted(bool on)
{
    m_highlighted = on;
    update();
}

void TopologyLinkItem::hoverEnterEvent(QGraphicsSceneHoverEvent*)
{
    m_hovered = true;
    update();
}

void TopologyLinkItem::hoverLeaveEvent(QGraphicsSceneHoverEvent*)
{
    m_hovered = false;
    update();
}

void TopologyLinkItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const qreal lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const TopologyTheme& theme = themeOf(this);
    QPen pen = m_pen;
    if (m_hovered || m_highlighted) {
        pen.setWidthF(pen.widthF() + 2.5);
        if (m_highlighted) {
            pen.setColor(theme.highlight);
        }
    }
    painter->setPen(pen);
    painter->drawLine(m_line);
    if (m_label.isEmpty() || lod < kLegible) {
        return;
    }
    QFont font = painter->font();
    font.setPointSizeF(8.5);
    painter->setFont(font);
    const QFontMetricsF metrics(font);
    const QStringList lines = m_label.split(QLatin1Char('\n'));
    qreal width = 0;
    for (const QString& l : lines) {
        width = std::max(width, metrics.horizontalAdvance(l));
    }
    const QSizeF size(width + 10, metrics.height() * lines.size() + 6);
    const QRectF box(m_line.center() - QPointF(size.width() / 2, size.height() / 2), size);
    painter->setPen(QPen(m_pen.color(), 1));
    painter->setBrush(theme.labelFill);
    painter->drawRoundedRect(box, 4, 4);
    painter->setPen(theme.text);
    painter->drawText(box, Qt::AlignCenter, m_label);
}

} // namespace flowlens
