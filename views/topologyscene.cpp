#include "topologyscene.h"

#include "topology/flowpath.h"

#include <QGraphicsSceneMouseEvent>
#include <QLocale>
#include <cmath>
#include <set>

namespace flowlens {

namespace {

using Kind = TopologyLayout::Kind;

QString number(std::uint64_t n)
{
    return QLocale::c().toString(static_cast<qulonglong>(n));
}

QString statsText(const TrafficOverlay::Stats& s)
{
    QString text = number(s.bytes) + QStringLiteral(" bytes, ") + number(s.packets) + QStringLiteral(" packets, ")
        + number(s.records) + QStringLiteral(" records");
    if (s.rejects > 0) {
        text += QStringLiteral("\n") + number(s.rejects) + QStringLiteral(" REJECT records");
    }
    const auto ports = s.topPorts(5);
    if (!ports.empty()) {
        QStringList parts;
        for (const auto& [port, bytes] : ports) {
            parts << QString::number(port) + QStringLiteral(" (") + number(bytes) + QStringLiteral(" B)");
        }
        text += QStringLiteral("\ntop ports: ") + parts.join(QStringLiteral(", "));
    }
    return text;
}

QPen peeringPen(const TopologyTheme& theme, const QString& status)
{
    return QPen(theme.peering(status), 3, status == QLatin1String("active") ? Qt::SolidLine : Qt::DashLine);
}

} // namespace

TopologyScene::TopologyScene(QObject* parent)
    : QGraphicsScene(parent)
{
    setItemIndexMethod(QGraphicsScene::BspTreeIndex);
    setBackgroundBrush(m_theme.background);
}

void TopologyScene::setTheme(const TopologyTheme& theme)
{
    m_theme = theme;
    setBackgroundBrush(m_theme.background);
    for (TopologyLinkItem* item : m_peerings) {
        item->setPen(peeringPen(m_theme, item->data(StyleKey).toString()));
    }
    for (TopologyLinkItem* item : m_traffic) {
        const QPen old = item->pen();
        item->setPen(trafficPen(
            item->data(StyleKey).toString() == QLatin1String("rejected"), old.widthF(), old.style() == Qt::DashLine));
    }
    update();
}

QPen TopologyScene::trafficPen(bool rejected, qreal width, bool oneWay) const
{
    QPen pen(rejected ? m_theme.rejected : m_theme.accepted, width);
    pen.setCapStyle(Qt::RoundCap);
    if (oneWay) {
        pen.setStyle(Qt::DashLine);
    }
    return pen;
}

void TopologyScene::setTopology(std::shared_ptr<const Topology> topology)
{
    clear();
    m_boxes.clear();
    m_peerings.clear();
    m_traffic.clear();
    m_baseToolTips.clear();
    m_unplaced = 0;
    m_topology = std::move(topology);
    if (!m_topology) {
        m_layout = TopologyLayout();
        return;
    }
    m_layout = TopologyLayout::compute(*m_topology);
    addBoxes();
    addPeerings();
    setSceneRect(m_layout.bounds().adjusted(-40, -40, 40, 40));
    if (!m_highlighted.empty()) {
        highlightFlows(std::vector(m_highlighted));
    }
}

void TopologyScene::addBoxes()
{
    const Topology& t = *m_topology;
    for (const TopologyLayout::Box& box : m_layout.boxes()) {
        QString title = box.id;
        QStringList details;
        bool inferred = false;
        switch (box.kind) {
        case Kind::Internet:
            title = QStringLiteral("Internet");
            details << (t.internetAddresses.empty()
                    ? QStringLiteral("addresses outside every VPC")
                    : number(t.internetAddresses.size()) + QStringLiteral(" public addresses seen"));
            break;
        case Kind::Vpc:
            if (const Vpc* v = t.vpc(box.id)) {
                title = Topology::label(v->id, v->name);
                details << Topology::text(v->cidrs)
                        + (v->inferred ? QStringLiteral(" · inferred from flow logs") : QString());
                inferred = v->inferred;
            } else {
                title = box.id == QLatin1String("unplaced") ? QStringLiteral("interfaces outside known VPCs") : box.id;
            }
            break;
        case Kind::Subnet:
            if (const Subnet* s = t.subnet(box.id)) {
                title = Topology::label(s->id, s->name);
                details << (t.isPublic(*s) ? QStringLiteral("public") : QStringLiteral("private"))
                        + QStringLiteral(" · ")
                        + (s->cidr ? QString::fromStdString(s->cidr->toString()) : QStringLiteral("?"))
                        + (s->availabilityZone.isEmpty() ? QString() : QStringLiteral(" · ") + s->availabilityZone);
                const RouteTable* table = t.routeTableFor(*s);
                const NetworkAcl* acl = t.networkAclFor(*s);
                if (table || acl) {
                    details << (table ? table->id : QString()) + (table && acl ? QStringLiteral(" · ") : QString())
                            + (acl ? acl->id : QString());
                }
                inferred = s->inferred;
            } else {
                title = QStringLiteral("(no subnet)");
            }
            break;
        case Kind::Interface:
            if (const NetworkInterface* eni = t.networkInterface(box.id)) {
                const Instance* instance = t.instance(eni->instanceId);
                const QString who = !eni->name.isEmpty()    ? eni->name
                    : instance && !instance->name.isEmpty() ? instance->name
                                                            : eni->instanceId;
                title = who.isEmpty() ? eni->id : who + QStringLiteral(" · ") + eni->id;
                details << Topology::text(eni->privateAddresses, u" · ")
                        + (eni->publicAddresses.empty()
                                ? QString()
                                : QStringLiteral(" · ") + Topology::text(eni->publicAddresses, u" · "));
                inferred = eni->inferred;
            }
            break;
        case Kind::NatGateway:
            if (const NatGateway* nat = t.natGateway(box.id)) {
                title = QStringLiteral("NAT ") + Topology::label(nat->id, nat->name);
                details << Topology::text(nat->privateAddresses, u" · ") + QStringLiteral(" · ")
                        + Topology::text(nat->publicAddresses, u" · ") + QStringLiteral(" · ") + nat->state;
            }
            break;
        case Kind::InternetGateway:
            title = QStringLiteral("IGW ") + box.id;
            break;
        }
        auto* item = new TopologyBoxItem(box, title, details, inferred);
        m_baseToolTips[box.id] = item->toolTip();
        addItem(item);
        m_boxes.push_back(item);
    }
}

void TopologyScene::addPeerings()
{
    for (const PeeringConnection& pcx : m_topology->peerings) {
        const auto* a = m_layout.box(pcx.requester.vpcId);
        const auto* b = m_layout.box(pcx.accepter.vpcId);
        if (!a || !b) {
            continue;
        }
        auto* item = new TopologyLinkItem(TopologyLinkItem::between(a->rect, b->rect), peeringPen(m_theme, pcx.status),
            Topology::label(pcx.id, pcx.name) + QLatin1Char('\n') + pcx.status);
        item->setData(KindKey, QStringLiteral("peering"));
        item->setData(StyleKey, pcx.status);
        item->setData(IdKey, pcx.id);
        item->setToolTip(QStringLiteral("peering ") + pcx.id + QStringLiteral("\n") + pcx.requester.vpcId
            + QStringLiteral(" (") + Topology::text(pcx.requester.cidrs) + QStringLiteral(") ↔ ") + pcx.accepter.vpcId
            + QStringLiteral(" (") + Topology::text(pcx.accepter.cidrs) + QStringLiteral(")\nstatus ") + pcx.status);
        addItem(item);
        m_peerings.push_back(item);
    }
}

void TopologyScene::clearOverlay()
{
    for (TopologyLinkItem* item : m_traffic) {
        removeItem(item);
        delete item;
    }
    m_traffic.clear();
    m_unplaced = 0;
    m_hidden = 0;
    m_external.clear();
    for (TopologyBoxItem* box : m_boxes) {
        box->setTraffic(0, false);
        box->setToolTip(m_baseToolTips[box->id()]);
    }
}

void TopologyScene::setOverlay(const TrafficOverlay& overlay)
{
    clearOverlay();
    m_external = overlay.busiestExternal();
    std::uint64_t maxNode = 0;
    for (const auto& [id, stats] : overlay.nodes()) {
        maxNode = std::max(maxNode, stats.bytes);
    }
    for (const auto& [id, stats] : overlay.nodes()) {
        const auto* box = m_layout.boxFor(id);
        if (TopologyBoxItem* item = box ? boxItem(box->id) : nullptr) {
            item->setTraffic(maxNode > 0 ? std::sqrt(double(stats.bytes) / double(maxNode)) : 0, stats.rejects > 0);
            item->setToolTip(m_baseToolTips[item->id()] + QStringLiteral("\n\n") + statsText(stats));
        }
    }
    const double maxBytes = double(std::max<std::uint64_t>(1, overlay.maxLinkBytes()));
    for (const TrafficOverlay::Link& link : overlay.links()) {
        const auto* a = m_layout.boxFor(link.a);
        const auto* b = m_layout.boxFor(link.b);
        if (!a || !b) {
            ++m_unplaced;
            continue;
        }
        if (a == b) {
            continue; // traffic inside one node shows in its tint
        }
        if (m_traffic.size() >= kMaxTrafficLinks) { // links come largest first
            ++m_hidden;
            continue;
        }
        const bool nested = a->rect.contains(b->rect) || b->rect.contains(a->rect);
        const QLineF line
            = nested ? QLineF(a->rect.center(), b->rect.center()) : TopologyLinkItem::between(a->rect, b->rect);
        const QPen pen
            = trafficPen(link.rejected(), 1.2 + 8 * std::sqrt(double(link.stats.bytes) / maxBytes), link.oneWay());
        auto* item = new TopologyLinkItem(line, pen, QString());
        item->setData(KindKey, QStringLiteral("traffic"));
        item->setData(StyleKey, link.rejected() ? QStringLiteral("rejected") : QStringLiteral("accepted"));
        item->setData(IdKey, QString(link.a + QLatin1Char('|') + link.b));
        item->setToolTip(link.a + QStringLiteral(" ↔ ") + link.b + QLatin1Char('\n') + statsText(link.stats)
            + QStringLiteral("\n") + number(link.recordsAtoB) + QStringLiteral(" records ") + link.a
            + QStringLiteral(" → ") + link.b + QStringLiteral(", ") + number(link.recordsBtoA) + QStringLiteral(" back")
            + (link.oneWay() ? QStringLiteral("\none-way: no records in the other direction") : QString()));
        addItem(item);
        m_traffic.push_back(item);
    }
    if (!m_highlighted.empty()) {
        highlightFlows(std::vector(m_highlighted));
    }
}

void TopologyScene::highlightFlows(const std::vector<std::pair<Address, Address>>& flows)
{
    m_highlighted = flows;
    if (!m_topology) {
        return;
    }
    // Each flow's whole path: its ends, the subnets, the gateway or peering connection its route
    // takes, and its traffic link.
    std::set<QString> nodes;
    std::set<QString> links;
    std::set<QString> peerings;
    std::set<std::pair<Address, Address>> seen;
    for (const auto& flow : flows) {
        if (!seen.insert(flow).second) {
            continue;
        }
        const auto [a, b] = TrafficOverlay::nodesOf(*m_topology, flow.first, flow.second);
        for (const QString& id : FlowPath::trace(*m_topology, flow.first, flow.second)) {
            if (id.startsWith(QLatin1String("pcx-"))) {
                peerings.insert(id);
            } else if (const auto* box = m_layout.boxFor(id)) {
                nodes.insert(box->id);
            }
        }
        for (const QString& end : { a, b }) { // an inferred topology may only know an end's VPC
            if (const auto* box = m_layout.boxFor(end)) {
                nodes.insert(box->id);
            }
        }
        links.insert(a < b ? a + QLatin1Char('|') + b : b + QLatin1Char('|') + a);
    }
    for (TopologyBoxItem* box : m_boxes) {
        box->setHighlighted(nodes.count(box->id()) > 0);
    }
    for (TopologyLinkItem* link : m_peerings) {
        link->setHighlighted(peerings.count(link->data(IdKey).toString()) > 0);
    }
    for (TopologyLinkItem* link : m_traffic) {
        link->setHighlighted(links.count(link->data(IdKey).toString()) > 0);
    }
}

TopologyBoxItem* TopologyScene::boxItem(const QString& id) const
{
    for (TopologyBoxItem* item : m_boxes) {
        if (item->id() == id) {
            return item;
        }
    }
    return nullptr;
}

QString TopologyScene::condition(const QString& node, const QString& field) const
{
    const Topology& t = *m_topology;
    QStringList parts;
    auto addresses = [&](const std::vector<Address>& list) {
        for (const Address& a : list) {
            parts << field + QStringLiteral(" = \"") + QString::fromStdString(a.toString()) + QLatin1Char('"');
        }
    };
    auto networks = [&](const std::vector<Cidr>& list) {
        for (const Cidr& c : list) {
            parts << (c.network.isIpv4() ? QStringLiteral("isIpv4InSubnet(") : QStringLiteral("isIpInSubnet(")) + field
                    + QStringLiteral(", \"") + QString::fromStdString(c.toString()) + QStringLiteral("\")");
        }
    };
    const auto* box = m_layout.boxFor(node);
    const QString id = box ? box->id : node;
    if (const NetworkInterface* eni = t.networkInterface(id)) {
        addresses(eni->privateAddresses);
        addresses(eni->publicAddresses);
    } else if (const NatGateway* nat = t.natGateway(id)) {
        addresses(nat->privateAddresses);
        addresses(nat->publicAddresses);
    } else if (const Subnet* s = t.subnet(id)) {
        if (s->cidr) {
            networks({ *s->cidr });
        }
    } else if (const Vpc* v = t.vpc(id)) {
        networks(v->cidrs);
    }
    if (parts.size() > 1) {
        return QLatin1Char('(') + parts.join(QStringLiteral(" or ")) + QLatin1Char(')');
    }
    return parts.value(0);
}

QString TopologyScene::filterExpression(const QString& kind, const QString& id) const
{
    if (!m_topology) {
        return QString();
    }
    QString a;
    QString b;
    if (kind == QLatin1String("traffic")) {
        a = id.section(QLatin1Char('|'), 0, 0);
        b = id.section(QLatin1Char('|'), 1, 1);
    } else if (kind == QLatin1String("peering")) {
        const PeeringConnection* pcx = m_topology->peering(id);
        if (!pcx) {
            return QString();
        }
        a = pcx->requester.vpcId;
        b = pcx->accepter.vpcId;
    } else {
        const QString src = condition(id, QStringLiteral("srcAddr"));
        return src.isEmpty() ? QString() : src + QStringLiteral(" or ") + condition(id, QStringLiteral("dstAddr"));
    }
    const QString as = condition(a, QStringLiteral("srcAddr"));
    const QString ad = condition(a, QStringLiteral("dstAddr"));
    const QString bs = condition(b, QStringLiteral("srcAddr"));
    const QString bd = condition(b, QStringLiteral("dstAddr"));
    if (as.isEmpty() && bs.isEmpty()) {
        return QString();
    }
    if (as.isEmpty() || bs.isEmpty()) { // one end is the Internet: everything of the other end
        return as.isEmpty() ? bs + QStringLiteral(" or ") + bd : as + QStringLiteral(" or ") + ad;
    }
    return QStringLiteral("(") + as + QStringLiteral(" and ") + bd + QStringLiteral(") or (") + bs
        + QStringLiteral(" and ") + ad + QLatin1Char(')');
}

void TopologyScene::mousePressEvent(QGraphicsSceneMouseEvent* event)
{
    QGraphicsScene::mousePressEvent(event);
    if (event->button() != Qt::LeftButton) {
        return;
    }
    // The topmost item under the pointer that names an element: links and nodes above their boxes.
    for (QGraphicsItem* item : items(event->scenePos(), Qt::IntersectsItemShape, Qt::DescendingOrder)) {
        const QString kind = item->data(KindKey).toString();
        if (kind.isEmpty()) {
            continue;
        }
        const QString id = item->data(IdKey).toString();
        Q_EMIT elementClicked(kind, id);
        const QString filter = filterExpression(kind, id);
        if (!filter.isEmpty()) {
            Q_EMIT filterRequested(filter);
        }
        return;
    }
}

} // namespace flowlens
