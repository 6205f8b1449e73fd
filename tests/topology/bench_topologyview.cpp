// Not a test: times layout, overlay and painting of a large made-up topology (500 interfaces in
// 10 VPCs, 100,000 flow records between random interfaces and the Internet).
// Run: build/dev/tests/topology/bench_topologyview [records] (QT_QPA_PLATFORM=offscreen).
#include "ingest/loader.h"
#include "topology/trafficoverlay.h"
#include "topologyview.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QTemporaryDir>
#include <QTextStream>
#include <random>

using namespace flowlens;

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    const int records = argc > 1 ? std::atoi(argv[1]) : 100000;
    auto topology = std::make_shared<Topology>();
    std::vector<std::string> addresses;
    for (int v = 0; v < 10; ++v) {
        Vpc vpc;
        vpc.id = QStringLiteral("vpc-%1").arg(v, 2, 10, QLatin1Char('0'));
        vpc.cidrs = { *Cidr::parse("10." + std::to_string(v) + ".0.0/16") };
        topology->vpcs.push_back(vpc);
        for (int s = 0; s < 5; ++s) {
            Subnet subnet;
            subnet.id = vpc.id + QStringLiteral("-subnet-%1").arg(s);
            subnet.vpcId = vpc.id;
            subnet.cidr = Cidr::parse("10." + std::to_string(v) + "." + std::to_string(s) + ".0/24");
            topology->subnets.push_back(subnet);
            for (int e = 0; e < 10; ++e) {
                NetworkInterface eni;
                eni.id = subnet.id + QStringLiteral("-eni-%1").arg(e);
                eni.subnetId = subnet.id;
                eni.vpcId = vpc.id;
                const std::string a
                    = "10." + std::to_string(v) + "." + std::to_string(s) + "." + std::to_string(e + 10);
                eni.privateAddresses = { *Address::parse(a) };
                topology->interfaces.push_back(eni);
                addresses.push_back(a);
            }
        }
    }
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("flows.log")));
    f.open(QIODevice::WriteOnly);
    std::mt19937 rng(1);
    std::string text = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start "
                       "end action log-status\n";
    for (int i = 0; i < records; ++i) {
        const std::string& src = addresses[rng() % addresses.size()];
        const std::string dst
            = rng() % 10 == 0 ? "203.0.113." + std::to_string(rng() % 200) : addresses[rng() % addresses.size()];
        text += "2 1 eni-x " + src + " " + dst + " 40000 " + std::to_string(rng() % 1024) + " 6 3 "
            + std::to_string(rng() % 100000) + " 1700000000 1700000060 " + (rng() % 20 == 0 ? "REJECT" : "ACCEPT")
            + " OK\n";
    }
    f.write(text.data(), qint64(text.size()));
    f.close();
    FlowStore store;
    Loader::load(store, { f.fileName() });

    QTextStream out(stdout);
    QElapsedTimer timer;
    timer.start();
    const TopologyLayout layout = TopologyLayout::compute(*topology);
    out << "layout        " << timer.nsecsElapsed() / 1e6 << " ms, " << layout.boxes().size() << " boxes\n";
    timer.restart();
    const TrafficOverlay overlay = TrafficOverlay::compute(*topology, store, Selection::all(store.snapshot()));
    out << "overlay       " << timer.nsecsElapsed() / 1e6 << " ms, " << store.rowCount() << " records, "
        << overlay.links().size() << " links\n";
    TopologyView view;
    view.resize(1600, 1000);
    timer.restart();
    view.setTopology(topology);
    out << "scene         " << timer.nsecsElapsed() / 1e6 << " ms\n";
    timer.restart();
    view.setOverlay(overlay);
    out << "overlay items " << timer.nsecsElapsed() / 1e6 << " ms, " << view.topologyScene()->trafficItems().size()
        << " drawn, " << view.topologyScene()->hiddenTrafficLinks() << " not drawn\n";
    for (const qreal zoom : { 0.1, 0.5, 1.0 }) {
        view.setZoom(zoom);
        QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        timer.restart();
        QPainter painter(&image);
        view.render(&painter);
        painter.end();
        out << "paint x" << zoom << "    " << timer.nsecsElapsed() / 1e6 << " ms\n";
    }
    return 0;
}
