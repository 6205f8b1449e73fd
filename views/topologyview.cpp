#include "topologyview.h"

#include <QContextMenuEvent>
#include <QFileInfo>
#include <QImage>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPdfWriter>
#include <QResizeEvent>
#include <QSvgGenerator>
#include <QWheelEvent>

namespace flowlens {

namespace {

constexpr qreal kMinZoom = 0.02;
constexpr qreal kMaxZoom = 8;

} // namespace

TopologyView::TopologyView(QWidget* parent)
    : QGraphicsView(parent)
    , m_scene(new TopologyScene(this))
{
    setScene(m_scene);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    m_scene->setTheme(TopologyTheme::forPalette(palette()));
    setMinimumSize(320, 240);
    connect(m_scene, &TopologyScene::elementClicked, this, &TopologyView::elementClicked);
    connect(m_scene, &TopologyScene::filterRequested, this, &TopologyView::filterRequested);
}

void TopologyView::setTopology(std::shared_ptr<const Topology> topology)
{
    m_scene->setTopology(std::move(topology));
    m_autoFit = true;
    fitAll();
}

void TopologyView::setZoom(qreal factor)
{
    const qreal z = std::clamp(factor, kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(z, z));
}

void TopologyView::zoomBy(qreal factor)
{
    setZoom(zoom() * factor);
}

void TopologyView::fitAll()
{
    if (m_scene->sceneRect().isEmpty()) {
        return;
    }
    fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
    if (zoom() > 1.5) { // a small topology stays at a readable size rather than blown up
        setZoom(1.5);
    }
}

void TopologyView::setTrafficLegendShown(bool shown)
{
    m_trafficLegend = shown;
    viewport()->update();
}

void TopologyView::wheelEvent(QWheelEvent* event)
{
    const qreal steps = event->angleDelta().y() / 120.0;
    m_autoFit = false;
    zoomBy(std::pow(1.2, steps));
    event->accept();
}

void TopologyView::mouseDoubleClickEvent(QMouseEvent* event)
{
    fitAll();
    event->accept();
}

void TopologyView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal) {
        m_autoFit = false;
        zoomBy(1.25);
    } else if (event->key() == Qt::Key_Minus) {
        m_autoFit = false;
        zoomBy(0.8);
    } else if (event->key() == Qt::Key_0 || event->key() == Qt::Key_Home) {
        fitAll();
    } else {
        QGraphicsView::keyPressEvent(event);
    }
}

void TopologyView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit) {
        fitAll();
    }
}

void TopologyView::changeEvent(QEvent* event)
{
    QGraphicsView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_scene->setTheme(TopologyTheme::forPalette(palette()));
    }
}

void TopologyView::contextMenuEvent(QContextMenuEvent* event)
{
    const QGraphicsItem* hit = nullptr;
    for (const QGraphicsItem* item : items(event->pos())) {
        if (!item->data(KindKey).toString().isEmpty()) {
            hit = item;
            break;
        }
    }
    if (!hit || hit->data(KindKey).toString() != QLatin1String("internet")) {
        QGraphicsView::contextMenuEvent(event);
        return;
    }
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    const auto& external = m_scene->busiestExternal();
    if (!external.empty()) {
        menu.addSection(tr("Block with network ACL rules"));
    }
    const QLocale locale;
    for (const TrafficOverlay::External& e : external) {
        const QString address = QString::fromStdString(e.address.toString());
        menu.addAction(tr("Block %1 (%2 bytes, %3 records)…")
                           .arg(address, locale.toString(qulonglong(e.bytes)), locale.toString(qulonglong(e.records))),
                this, [this, address] { Q_EMIT containRequested(address); })
            ->setToolTip(tr("Network ACL deny rules for %1, with the past flows they would have blocked").arg(address));
    }
    menu.addAction(tr("Block an External Address…"), this, [this] { Q_EMIT containRequested(QString()); });
    menu.exec(event->globalPos());
}

void TopologyView::drawForeground(QPainter* painter, const QRectF&)
{
    // A fixed legend in the corner, drawn in viewport coordinates.
    const Topology* t = m_scene->topology();
    if (!t) {
        return;
    }
    painter->save();
    painter->resetTransform();
    QFont font = painter->font();
    font.setPointSizeF(8.5);
    painter->setFont(font);
    QStringList lines;
    if (t->inferred) {
        lines << QStringLiteral(
            "Inferred from flow logs (dashed borders): load describe-* JSON for the real configuration");
    }
    if (m_trafficLegend && !m_scene->trafficItems().empty()) {
        lines << QStringLiteral("Traffic: width = bytes · red = REJECT · dashed = one-way");
    }
    if (m_scene->hiddenTrafficLinks() > 0) {
        lines << QString::number(m_scene->hiddenTrafficLinks()) + QStringLiteral(" smaller links not drawn (the ")
                + QString::number(TopologyScene::kMaxTrafficLinks) + QStringLiteral(" busiest are)");
    }
    if (lines.isEmpty()) {
        painter->restore();
        return;
    }
    const QFontMetrics metrics(font);
    int width = 0;
    for (const QString& l : lines) {
        width = std::max(width, metrics.horizontalAdvance(l));
    }
    const QRect box(8, viewport()->height() - 12 - metrics.height() * int(lines.size()), width + 12,
        metrics.height() * int(lines.size()) + 6);
    const TopologyTheme& theme = m_scene->theme();
    painter->setPen(theme.legendBorder);
    painter->setBrush(theme.legendFill);
    painter->drawRect(box);
    painter->setPen(theme.text);
    painter->drawText(box.adjusted(6, 3, -6, -3), Qt::AlignLeft | Qt::AlignVCenter, lines.join(QLatin1Char('\n')));
    painter->restore();
}

QString TopologyView::exportTo(const QString& path) const
{
    const QRectF source = m_scene->sceneRect();
    if (source.isEmpty()) {
        return QStringLiteral("nothing to export: no topology is shown");
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) {
        const qreal scale = std::min<qreal>(2.0, 16000.0 / std::max(source.width(), source.height()));
        QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(m_scene->theme().background);
        QPainter painter(&image);
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
        m_scene->render(&painter, QRectF(QPointF(0, 0), image.size()), source);
        painter.end();
        return image.save(path) ? QString() : QStringLiteral("cannot write ") + path;
    }
    if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setSize(source.size().toSize());
        svg.setViewBox(QRectF(QPointF(0, 0), source.size()));
        svg.setTitle(QStringLiteral("FlowLens topology"));
        QPainter painter;
        if (!painter.begin(&svg)) {
            return QStringLiteral("cannot write ") + path;
        }
        m_scene->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
        return QString();
    }
    if (suffix == QLatin1String("pdf")) {
        QPdfWriter pdf(path);
        pdf.setTitle(QStringLiteral("FlowLens topology"));
        pdf.setPageSize(QPageSize(QSizeF(source.width(), source.height()), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        if (!painter.begin(&pdf)) {
            return QStringLiteral("cannot write ") + path;
        }
        m_scene->render(&painter, QRectF(), source);
        painter.end();
        return QString();
    }
    return QStringLiteral("unknown export format '") + suffix + QStringLiteral("': use .png, .svg or .pdf");
}

} // namespace flowlens
