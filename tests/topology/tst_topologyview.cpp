// The topology view offscreen: what the scene holds for the peering lab, that no boxes overlap
// (checked pair by pair), the traffic overlay's figures, clicks, zoom and export.
// Set FLOWLENS_TOPOLOGY_SCREENSHOT=path.png to keep a picture of the widget.
#include "ingest/loader.h"
#include "topology/awsjsonloader.h"
#include "topology/flowpath.h"
#include "topology/trafficoverlay.h"
#include "topologyview.h"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace flowlens;

namespace {

std::shared_ptr<const Topology> lab(const char* name)
{
    const TopologyLoadResult r = AwsJsonLoader::load(QStringLiteral(FLOWLENS_TOPOLOGY_DATA "/") + QLatin1String(name));
    return std::make_shared<const Topology>(r.topology);
}

// Every pair of boxes: siblings (same parent) must not intersect, and each box lies inside its parent.
QString overlaps(const TopologyLayout& layout)
{
    const auto& boxes = layout.boxes();
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        if (!boxes[i].parent.isEmpty()) {
            const auto* parent = layout.box(boxes[i].parent);
            if (!parent || !parent->rect.contains(boxes[i].rect)) {
                return boxes[i].id + QStringLiteral(" is not inside ") + boxes[i].parent;
            }
        }
        for (std::size_t j = i + 1; j < boxes.size(); ++j) {
            if (boxes[i].parent == boxes[j].parent && boxes[i].rect.intersects(boxes[j].rect)) {
                return boxes[i].id + QStringLiteral(" overlaps ") + boxes[j].id;
            }
        }
    }
    return QString();
}

int countKind(const TopologyScene& scene, TopologyLayout::Kind kind)
{
    return int(
        std::count_if(scene.boxItems().begin(), scene.boxItems().end(), [&](auto* b) { return b->kind() == kind; }));
}

// Three VPCs, seven subnets and 56 interfaces, made up for the layout.
Topology crowded()
{
    Topology t;
    int host = 0;
    for (int v = 0; v < 3; ++v) {
        Vpc vpc;
        vpc.id = QStringLiteral("vpc-%1").arg(v);
        vpc.cidrs = { *Cidr::parse("10." + std::to_string(v) + ".0.0/16") };
        t.vpcs.push_back(vpc);
        for (int s = 0; s < (v == 1 ? 4 : 2) - (v == 2 ? 1 : 0); ++s) {
            Subnet subnet;
            subnet.id = QStringLiteral("subnet-%1-%2").arg(v).arg(s);
            subnet.vpcId = vpc.id;
            subnet.cidr = Cidr::parse("10." + std::to_string(v) + "." + std::to_string(s) + ".0/24");
            t.subnets.push_back(subnet);
            for (int e = 0; e < 3 + 4 * s + v; ++e, ++host) {
                NetworkInterface eni;
                eni.id = QStringLiteral("eni-%1").arg(host, 3, 10, QLatin1Char('0'));
                eni.subnetId = subnet.id;
                eni.vpcId = vpc.id;
                eni.privateAddresses = { *Address::parse(
                    "10." + std::to_string(v) + "." + std::to_string(s) + "." + std::to_string(e + 4)) };
                t.interfaces.push_back(eni);
            }
        }
    }
    NetworkInterface stray; // names a subnet the data does not have
    stray.id = QStringLiteral("eni-stray");
    stray.subnetId = QStringLiteral("subnet-gone");
    t.interfaces.push_back(stray);
    return t;
}

} // namespace

class TestTopologyView : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void sceneOfTheLab()
    {
        TopologyView view;
        view.setTopology(lab("peering-lab-fixed"));
        const TopologyScene& scene = *view.topologyScene();
        QCOMPARE(countKind(scene, TopologyLayout::Kind::Internet), 1);
        QCOMPARE(countKind(scene, TopologyLayout::Kind::Vpc), 2);
        QCOMPARE(countKind(scene, TopologyLayout::Kind::Subnet), 3);
        QCOMPARE(countKind(scene, TopologyLayout::Kind::Interface), 3); // eni-nat is drawn as the NAT gateway
        QCOMPARE(countKind(scene, TopologyLayout::Kind::NatGateway), 1);
        QCOMPARE(countKind(scene, TopologyLayout::Kind::InternetGateway), 1);
        QCOMPARE(scene.peeringItems().size(), 1U);
        QCOMPARE(scene.peeringItems()[0]->label(), QStringLiteral("a-to-b (pcx-0ab)\nactive"));
        QCOMPARE(scene.layout().boxFor(QStringLiteral("eni-nat"))->id, QStringLiteral("nat-a"));
        QCOMPARE(scene.layout().box(QStringLiteral("eni-a1"))->parent, QStringLiteral("subnet-a-public"));
        QCOMPARE(scene.layout().box(QStringLiteral("igw-a"))->parent, QStringLiteral("vpc-0a1"));
        const QString problem = overlaps(scene.layout());
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // The peering line runs between the two VPC boxes, outside both.
        const QLineF line = scene.peeringItems()[0]->line();
        QVERIFY(!scene.layout().box(QStringLiteral("vpc-0a1"))->rect.contains(line.center()));
        QVERIFY(!scene.layout().box(QStringLiteral("vpc-0b2"))->rect.contains(line.center()));
        // A pending peering is drawn dashed.
        auto pending = std::make_shared<Topology>(*lab("peering-lab-fixed"));
        pending->peerings[0].status = QStringLiteral("pending-acceptance");
        view.setTopology(pending);
        QCOMPARE(view.topologyScene()->peeringItems()[0]->pen().style(), Qt::DashLine);
    }

    void layoutIsStableAndFree()
    {
        const Topology t = crowded();
        const TopologyLayout a = TopologyLayout::compute(t);
        const TopologyLayout b = TopologyLayout::compute(t);
        // Interfaces: 3 + 4s + v per subnet s of VPC v: (3 + 7) + (4 + 8 + 12 + 16) + 5 = 55, and the stray one.
        // Boxes: the Internet, 3 VPCs and "unplaced", 7 subnets and its "(no subnet)", 56 interfaces.
        QCOMPARE(a.boxes().size(), 1U + 4 + 8 + 56);
        for (std::size_t i = 0; i < a.boxes().size(); ++i) {
            QCOMPARE(a.boxes()[i].id, b.boxes()[i].id);
            QCOMPARE(a.boxes()[i].rect, b.boxes()[i].rect);
        }
        const QString problem = overlaps(a);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(a.box(QStringLiteral("eni-stray"))->parent, QStringLiteral("unplaced/no-subnet"));
        if (const QByteArray shot = qgetenv("FLOWLENS_TOPOLOGY_SCREENSHOT"); !shot.isEmpty()) {
            TopologyView view;
            view.resize(1400, 900);
            view.setTopology(std::make_shared<const Topology>(t));
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QVERIFY(view.grab().save(
                QString::fromLocal8Bit(shot).replace(QStringLiteral(".png"), QStringLiteral("-crowded.png"))));
        }
    }

    void overlay()
    {
        // Records: a1 → b1:5432 twice (no reply: one-way), 198.51.100.99 → a1's public address :22 REJECT and
        // a1 → 198.51.100.99 reply, a2 → 10.1.1.77 (no interface: falls to subnet-a-public).
        QFile f(m_dir.filePath(QStringLiteral("flows.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                "action log-status\n"
                "2 1 eni-a1 10.1.1.10 10.2.1.30 40001 5432 6 3 1000 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a1 10.1.1.10 10.2.1.30 40002 5432 6 2 500 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a1 198.51.100.99 203.0.113.10 50000 22 6 1 60 1700000000 1700000060 REJECT OK\n"
                "2 1 eni-a1 203.0.113.10 198.51.100.99 22 50000 6 1 40 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a2 10.1.2.20 10.1.1.77 40003 80 6 4 4000 1700000000 1700000060 ACCEPT OK\n");
        f.close();
        FlowStore store;
        Loader::load(store, { f.fileName() });
        const auto topology = lab("peering-lab-fixed");
        const TrafficOverlay o = TrafficOverlay::compute(*topology, store, Selection::all(store.snapshot()));
        QCOMPARE(o.links().size(), 3U);
        const auto* peer = o.link(QStringLiteral("eni-b1"), QStringLiteral("eni-a1"));
        QVERIFY(peer);
        QCOMPARE(peer->stats.bytes, 1500U);
        QCOMPARE(peer->stats.packets, 5U);
        QCOMPARE(peer->stats.records, 2U);
        QVERIFY(peer->oneWay());
        QCOMPARE(peer->stats.topPorts(3), (std::vector<std::pair<int, std::uint64_t>> { { 5432, 1500 } }));
        const auto* internet = o.link(TrafficOverlay::kInternet, QStringLiteral("eni-a1"));
        QCOMPARE(internet->stats.rejects, 1U);
        QCOMPARE(internet->stats.bytes, 100U);
        QVERIFY(!internet->oneWay());
        QCOMPARE(o.link(QStringLiteral("eni-a2"), QStringLiteral("subnet-a-public"))->stats.bytes, 4000U);
        QCOMPARE(o.links().front().stats.bytes, 4000U); // largest first
        QCOMPARE(o.nodes().at(QStringLiteral("eni-a1")).bytes, 1600U);

        TopologyView view;
        view.resize(1400, 900);
        view.setTopology(topology);
        view.setOverlay(o);
        const TopologyScene& scene = *view.topologyScene();
        QCOMPARE(scene.trafficItems().size(), 3U);
        QCOMPARE(scene.unplacedTrafficLinks(), 0);
        for (const TopologyLinkItem* item : scene.trafficItems()) {
            const QString id = item->data(IdKey).toString();
            const bool rejected = id == QStringLiteral("eni-a1|internet");
            QCOMPARE(item->pen().color().red() > 150, rejected);
            QCOMPARE(item->pen().style() == Qt::DashLine,
                id == QStringLiteral("eni-a1|eni-b1") || id == QStringLiteral("eni-a2|subnet-a-public"));
            QVERIFY(item->toolTip().contains(QStringLiteral("records")));
        }
        const auto busiest = std::max_element(scene.trafficItems().begin(), scene.trafficItems().end(),
            [](auto* x, auto* y) { return x->pen().widthF() < y->pen().widthF(); });
        QCOMPARE((*busiest)->data(IdKey).toString(), QStringLiteral("eni-a2|subnet-a-public"));
        QVERIFY(scene.boxItem(QStringLiteral("eni-a1"))->toolTip().contains(QStringLiteral("top ports: ")));
        // The external addresses for "block this address": the scanner (60 + 40 bytes, two records);
        // a1's public address is the topology's, not external.
        QCOMPARE(o.busiestExternal().size(), 1U);
        QCOMPARE(o.busiestExternal()[0].address, *Address::parse("198.51.100.99"));
        QCOMPARE(o.busiestExternal()[0].bytes, 100U);
        QCOMPARE(o.busiestExternal()[0].records, 2U);
        QCOMPARE(scene.busiestExternal().size(), 1U);
        view.clearOverlay();
        QCOMPARE(view.topologyScene()->trafficItems().size(), 0U);
        view.setOverlay(o);

        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.fitAll();
        // Clicking eni-a1 reports it and the filter for its addresses.
        QSignalSpy clicked(&view, &TopologyView::elementClicked);
        QSignalSpy filter(&view, &TopologyView::filterRequested);
        const QRectF eni = scene.layout().box(QStringLiteral("eni-a1"))->rect;
        const QPoint at = view.mapFromScene(eni.topLeft() + QPointF(10, eni.height() - 6));
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, at);
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked[0][0].toString(), QStringLiteral("interface"));
        QCOMPARE(clicked[0][1].toString(), QStringLiteral("eni-a1"));
        QCOMPARE(filter[0][0].toString(),
            QStringLiteral("(srcAddr = \"10.1.1.10\" or srcAddr = \"203.0.113.10\") or (dstAddr = \"10.1.1.10\" or "
                           "dstAddr = \"203.0.113.10\")"));
        QCOMPARE(scene.filterExpression(QStringLiteral("subnet"), QStringLiteral("subnet-b-private")),
            QStringLiteral("isIpv4InSubnet(srcAddr, \"10.2.1.0/24\") or isIpv4InSubnet(dstAddr, \"10.2.1.0/24\")"));
        QCOMPARE(scene.filterExpression(QStringLiteral("peering"), QStringLiteral("pcx-0ab")),
            QStringLiteral("(isIpv4InSubnet(srcAddr, \"10.1.0.0/16\") and isIpv4InSubnet(dstAddr, \"10.2.0.0/16\")) or "
                           "(isIpv4InSubnet(srcAddr, \"10.2.0.0/16\") and isIpv4InSubnet(dstAddr, \"10.1.0.0/16\"))"));
        QVERIFY(scene.filterExpression(QStringLiteral("internet"), TrafficOverlay::kInternet).isEmpty());

        view.highlightFlows({ { *Address::parse("10.1.1.10"), *Address::parse("10.2.1.30") } });
        if (const QByteArray shot = qgetenv("FLOWLENS_TOPOLOGY_SCREENSHOT"); !shot.isEmpty()) {
            QVERIFY(view.grab().save(QString::fromLocal8Bit(shot)));
        }
    }

    void publicAddressesGoThroughTheInternet()
    {
        // a2 (10.1.2.20) pings a1's public address 203.0.113.10 and gets replies from it: that traffic
        // leaves through the NAT gateway and comes back in through igw-a, so it is a2's internet link.
        // a2's ping of a1's private address (no reply) stays the private a1–a2 link, one-way.
        QFile f(m_dir.filePath(QStringLiteral("public.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                "action log-status\n"
                "2 1 eni-a2 10.1.2.20 203.0.113.10 0 0 1 1 84 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a2 203.0.113.10 10.1.2.20 0 0 1 1 84 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a2 10.1.2.20 10.1.1.10 0 0 1 1 84 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a2 10.1.2.20 10.1.1.10 0 0 1 1 84 1700000060 1700000120 ACCEPT OK\n");
        f.close();
        FlowStore store;
        Loader::load(store, { f.fileName() });
        const auto topology = lab("peering-lab-fixed");
        const TrafficOverlay o = TrafficOverlay::compute(*topology, store, Selection::all(store.snapshot()));
        QCOMPARE(o.links().size(), 2U);
        const auto* internet = o.link(QStringLiteral("eni-a2"), TrafficOverlay::kInternet);
        QVERIFY(internet);
        QCOMPARE(internet->stats.records, 2U);
        QVERIFY(!internet->oneWay());
        const auto* peer = o.link(QStringLiteral("eni-a1"), QStringLiteral("eni-a2"));
        QVERIFY(peer);
        QCOMPARE(peer->stats.records, 2U);
        QVERIFY(peer->oneWay());
        QVERIFY(o.busiestExternal().empty()); // the only "external" end is the topology's own address
        const auto ends
            = TrafficOverlay::nodesOf(*topology, *Address::parse("10.1.2.20"), *Address::parse("203.0.113.10"));
        QCOMPARE(ends, std::make_pair(QStringLiteral("eni-a2"), TrafficOverlay::kInternet));
        // From outside to a public address: the interface, as before.
        QCOMPARE(TrafficOverlay::nodesOf(*topology, *Address::parse("198.51.100.99"), *Address::parse("203.0.113.10")),
            std::make_pair(TrafficOverlay::kInternet, QStringLiteral("eni-a1")));
    }

    void flowPaths()
    {
        // Worked out from the fixtures' route tables: rtb-a-public (subnet-a-public) sends 10.2.0.0/16
        // to pcx-0ab and 0.0.0.0/0 to igw-a; rtb-a-main (subnet-a-private) 0.0.0.0/0 to nat-a, which
        // sits in subnet-a-public; rtb-b-main sends 10.1.0.0/16 to pcx-0ab.
        const auto t = lab("peering-lab-fixed");
        auto path = [&](const char* src, const char* dst) {
            return FlowPath::trace(*t, *Address::parse(src), *Address::parse(dst)).join(QStringLiteral(" > "));
        };
        QCOMPARE(path("10.1.1.10", "10.2.1.30"),
            QStringLiteral("eni-a1 > subnet-a-public > pcx-0ab > subnet-b-private > eni-b1"));
        QCOMPARE(path("10.2.1.30", "10.1.2.20"),
            QStringLiteral("eni-b1 > subnet-b-private > pcx-0ab > subnet-a-private > eni-a2"));
        QCOMPARE(path("10.1.2.20", "8.8.8.8"), QStringLiteral("eni-a2 > subnet-a-private > nat-a > igw-a > internet"));
        QCOMPARE(path("10.1.1.10", "8.8.8.8"), QStringLiteral("eni-a1 > subnet-a-public > igw-a > internet"));
        QCOMPARE(path("198.51.100.99", "203.0.113.10"), QStringLiteral("internet > igw-a > subnet-a-public > eni-a1"));
        QCOMPARE(path("10.1.2.20", "10.1.1.77"), QStringLiteral("eni-a2 > subnet-a-private > subnet-a-public"));
        // b1 has no route to the internet: the path stops in its subnet.
        QCOMPARE(path("10.2.1.30", "8.8.8.8"), QStringLiteral("eni-b1 > subnet-b-private"));
        // In the broken lab a1's route to 10.2.0.0/16 is the default one, to igw-a, which drops a
        // private destination: the path ends there.
        const auto broken = lab("peering-lab-broken");
        QCOMPARE(FlowPath::trace(*broken, *Address::parse("10.1.1.10"), *Address::parse("10.2.1.30"))
                     .join(QStringLiteral(" > ")),
            QStringLiteral("eni-a1 > subnet-a-public > igw-a"));
    }

    void darkPalette()
    {
        // The view follows its palette: a dark base gives the dark theme (dark background, light
        // text, brighter traffic), a light one the light theme.
        TopologyView view;
        view.resize(900, 600);
        view.setTopology(lab("peering-lab-fixed"));
        QPalette dark = view.palette();
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x24));
        dark.setColor(QPalette::Window, QColor(0x2a, 0x2a, 0x2e));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        view.setPalette(dark);
        QVERIFY(view.topologyScene()->theme().dark);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QImage shot = view.grab().toImage();
        QVERIFY(shot.pixelColor(3, 3).lightness() < 60); // the background
        QVERIFY(view.topologyScene()->theme().text.lightness() > 200);
        // A box is dark too, and its title is light: the brightest pixels inside the VPC box are text.
        const QRect vpc
            = view.mapFromScene(view.topologyScene()->layout().box(QStringLiteral("vpc-0a1"))->rect).boundingRect();
        int light = 0;
        int darkPixels = 0;
        for (int y = vpc.top() + 2; y < vpc.bottom() - 2; ++y) {
            for (int x = vpc.left() + 2; x < vpc.right() - 2; ++x) {
                const int l = shot.pixelColor(x, y).lightness();
                light += l > 190;
                darkPixels += l < 70;
            }
        }
        QVERIFY2(darkPixels > light * 5 && light > 20, qPrintable(QStringLiteral("%1 %2").arg(darkPixels).arg(light)));
        if (const QByteArray path = qgetenv("FLOWLENS_TOPOLOGY_SCREENSHOT"); !path.isEmpty()) {
            QVERIFY(
                shot.save(QString::fromLocal8Bit(path).replace(QStringLiteral(".png"), QStringLiteral("-dark.png"))));
        }
        view.setPalette(QApplication::palette());
        QVERIFY(!view.topologyScene()->theme().dark);
        QVERIFY(view.grab().toImage().pixelColor(3, 3).lightness() > 200);
    }

    void zoomAndExport()
    {
        TopologyView view;
        view.resize(800, 600);
        view.setTopology(lab("peering-lab-broken"));
        view.setZoom(1);
        view.zoomBy(2);
        QCOMPARE(view.zoom(), 2.0);
        view.setZoom(1000);
        QCOMPARE(view.zoom(), 8.0);
        view.fitAll();
        QVERIFY(view.zoom() <= 1.5);

        const QString png = m_dir.filePath(QStringLiteral("t.png"));
        const QString svg = m_dir.filePath(QStringLiteral("t.svg"));
        const QString pdf = m_dir.filePath(QStringLiteral("t.pdf"));
        QCOMPARE(view.exportTo(png), QString());
        QCOMPARE(view.exportTo(svg), QString());
        QCOMPARE(view.exportTo(pdf), QString());
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 800);
        QFile s(svg);
        QVERIFY(s.open(QIODevice::ReadOnly));
        const QByteArray svgText = s.readAll();
        QVERIFY(svgText.contains("<svg"));
        QVERIFY(svgText.contains("pcx-0ab"));
        QVERIFY(svgText.contains("10.1.0.0/16"));
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QVERIFY(p.read(5) == "%PDF-");
        QVERIFY(
            view.exportTo(m_dir.filePath(QStringLiteral("t.bmpx"))).contains(QStringLiteral("unknown export format")));
        // Far out, interfaces paint as tiles: the export still works at a small scale.
        view.setZoom(0.05);
        QVERIFY(!view.grab().isNull());
    }
};

QTEST_MAIN(TestTopologyView)
#include "tst_topologyview.moc"
