#include "clicommands.h"
#include "inputloader.h"
#include "topology/topologyinference.h"
#include "topology/trafficoverlay.h"
#include "topologyinput.h"
#include "topologyview.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace flowlens::cli {

namespace {

QJsonArray trafficJson(const TrafficOverlay& overlay)
{
    QJsonArray links;
    for (const TrafficOverlay::Link& link : overlay.links()) {
        QJsonArray ports;
        for (const auto& [port, bytes] : link.stats.topPorts(5)) {
            ports.append(QJsonObject { { QStringLiteral("port"), port }, { QStringLiteral("bytes"), qint64(bytes) } });
        }
        links.append(QJsonObject { { QStringLiteral("a"), link.a }, { QStringLiteral("b"), link.b },
            { QStringLiteral("bytes"), qint64(link.stats.bytes) },
            { QStringLiteral("packets"), qint64(link.stats.packets) },
            { QStringLiteral("records"), qint64(link.stats.records) },
            { QStringLiteral("rejects"), qint64(link.stats.rejects) },
            { QStringLiteral("records_a_to_b"), qint64(link.recordsAtoB) },
            { QStringLiteral("records_b_to_a"), qint64(link.recordsBtoA) },
            { QStringLiteral("one_way"), link.oneWay() }, { QStringLiteral("top_ports"), ports } });
    }
    return links;
}

} // namespace

// flowlens-cli topology --aws-json DIR [--flows PATH...] --out FILE: the topology pane's picture
// (PNG, SVG, PDF) drawn offscreen, or the model as JSON, with the traffic of the flows on it.
int renderTopology(const QCommandLineParser& parser)
{
    QTextStream err(stderr);
    const QString outPath = parser.value(QStringLiteral("out"));
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    const QStringList formats { QStringLiteral("svg"), QStringLiteral("png"), QStringLiteral("pdf"),
        QStringLiteral("json") };
    if (!formats.contains(suffix)) {
        return usageError("topology",
            QStringLiteral("--out must end in .svg, .png, .pdf or .json, not '") + outPath + QLatin1Char('\''));
    }
    const QStringList flows = parser.values(QStringLiteral("flows"));
    if (!parser.isSet(QStringLiteral("aws-json")) && flows.isEmpty()) {
        return usageError("topology", QStringLiteral("--out needs --aws-json DIR, or --flows to infer the topology"));
    }
    InputLoader input;
    if (!flows.isEmpty() && input.load(flows) != ExitOk) {
        return ExitNoInput;
    }
    std::optional<Topology> topology;
    if (parser.isSet(QStringLiteral("aws-json"))) {
        topology = loadTopology(parser.value(QStringLiteral("aws-json")), QStringLiteral("topology"));
    } else {
        topology = TopologyInference::fromStore(input.store());
    }
    if (!topology) {
        return ExitNoInput;
    }
    auto shared = std::make_shared<const Topology>(std::move(*topology));
    std::optional<TrafficOverlay> overlay;
    if (!flows.isEmpty()) {
        overlay = TrafficOverlay::compute(*shared, input.store(), Selection::all(input.store().snapshot()));
    }
    if (suffix == QLatin1String("json")) {
        QJsonObject json = topologyToJson(*shared);
        if (overlay) {
            json.insert(QStringLiteral("traffic"), trafficJson(*overlay));
        }
        QFile file(outPath);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(QJsonDocument(json).toJson(QJsonDocument::Indented)) < 0) {
            err << "flowlens-cli topology: cannot write " << outPath << ": " << file.errorString() << '\n';
            return ExitFailure;
        }
    } else {
        // The pane's own view, never shown: the same layout, colours (light) and traffic as in the window.
        TopologyView view;
        view.setTopology(shared);
        if (overlay) {
            view.setOverlay(*overlay);
        }
        const QString error = view.exportTo(outPath);
        if (!error.isEmpty()) {
            err << "flowlens-cli topology: " << error << '\n';
            return ExitFailure;
        }
    }
    QTextStream(stdout) << outPath << ": " << shared->vpcs.size() << " VPCs, " << shared->subnets.size() << " subnets, "
                        << shared->interfaces.size() << " interfaces"
                        << (overlay ? QStringLiteral(", %1 traffic links").arg(overlay->links().size()) : QString())
                        << (shared->inferred ? " (inferred from the flow logs)" : "") << '\n';
    return ExitOk;
}

} // namespace flowlens::cli
