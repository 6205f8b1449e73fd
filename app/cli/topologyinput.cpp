#include "topologyinput.h"

#include "topology/awsjsonloader.h"

#include <QStringList>
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

QString cidrList(const std::vector<Cidr>& cidrs)
{
    QStringList list;
    for (const Cidr& c : cidrs) {
        list << QString::fromStdString(c.toString());
    }
    return list.join(QStringLiteral(", "));
}

QString addressList(const std::vector<Address>& addresses)
{
    QStringList list;
    for (const Address& a : addresses) {
        list << QString::fromStdString(a.toString());
    }
    return list.join(QStringLiteral(", "));
}

} // namespace flowlens::cli
