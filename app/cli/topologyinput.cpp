#include "topologyinput.h"

#include "topology/awsjsonloader.h"

#include <QTextStream>

namespace flowlens::cli {

std::optional<Topology> loadTopology(const QString& path, const QString& command)
{
    TopologyLoadResult result = AwsJsonLoader::load(path);
    QTextStream err(stderr);
    for (const auto& w : result.warnings) {
        err << "flowlens-cli " << command << ": warning: " << w.toString() << '\n';
    }
    for (const auto& e : result.errors) {
        err << "flowlens-cli " << command << ": " << e.toString() << '\n';
    }
    if (!result.ok()) {
        return std::nullopt;
    }
    return std::move(result.topology);
}

std::optional<int> parseProtocol(const QString& text)
{
    const QString t = text.toLower();
    if (t == QLatin1String("tcp")) {
        return 6;
    }
    if (t == QLatin1String("udp")) {
        return 17;
    }
    if (t == QLatin1String("icmp")) {
        return 1;
    }
    if (t == QLatin1String("icmpv6")) {
        return 58;
    }
    if (t == QLatin1String("all")) {
        return -1;
    }
    bool ok = false;
    const int n = t.toInt(&ok);
    return ok && n >= 0 && n <= 255 ? std::optional<int>(n) : std::nullopt;
}

} // namespace flowlens::cli
