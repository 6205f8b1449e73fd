#include "labscenario.h"

#include "costincidentlab.h"
#include "huntinglab.h"
#include "peeringlab.h"
#include "topology/awsjsonwriter.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace flowlens {

namespace {

QString isoTime(std::int64_t seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc()).toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

bool writeFile(const QString& path, const QByteArray& bytes, GenerateResult& result)
{
    QFile file(path);
    if (!QDir().mkpath(QFileInfo(path).absolutePath()) || !file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(bytes) != bytes.size()) {
        result.error = QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    result.bytes += static_cast<std::uint64_t>(bytes.size());
    return true;
}

} // namespace

QString LabScenario::text(const IpAddress& a)
{
    return QStringLiteral("%1.%2.%3.%4")
        .arg(a.v4 >> 24)
        .arg((a.v4 >> 16) & 0xff)
        .arg((a.v4 >> 8) & 0xff)
        .arg(a.v4 & 0xff);
}

std::vector<std::pair<QString, QString>> LabScenario::instanceHosts(
    const Topology& topology, const std::vector<std::pair<QString, IpAddress>>& others)
{
    std::vector<std::pair<QString, QString>> hosts;
    for (const Instance& instance : topology.instances) {
        if (!instance.privateAddresses.empty()) {
            hosts.emplace_back(instance.name, QString::fromStdString(instance.privateAddresses.front().toString()));
        }
        if (!instance.publicAddresses.empty()) {
            hosts.emplace_back(instance.name + QStringLiteral("-public"),
                QString::fromStdString(instance.publicAddresses.front().toString()));
        }
    }
    for (const auto& [name, address] : others) {
        hosts.emplace_back(name, text(address));
    }
    return hosts;
}

QStringList LabScenario::names()
{
    return { QStringLiteral("peering-lab"), QStringLiteral("cost-incident"), QStringLiteral("hunting") };
}

std::unique_ptr<LabScenario> LabScenario::create(const QString& name)
{
    if (name == QLatin1String("peering-lab")) {
        return std::make_unique<PeeringLab>();
    }
    if (name == QLatin1String("cost-incident")) {
        return std::make_unique<CostIncidentLab>();
    }
    if (name == QLatin1String("hunting")) {
        return std::make_unique<HuntingLab>();
    }
    return nullptr;
}

GenerateResult LabScenario::writeTo(const QString& folder)
{
    GenerateResult result;
    const QDir dir(folder);
    AwsJsonContext context;
    context.accountId = QLatin1String(kAccountId);
    context.region = QLatin1String(kRegion);
    const LabDescription lab = description();
    const std::vector<LabStage>& stageList = lab.stages;
    if (!stageList.empty()) {
        // The instances were started an hour before the story begins.
        context.launchTime = QDateTime::fromSecsSinceEpoch(stageList.front().start - 3600, QTimeZone::utc())
                                 .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss+00:00"));
    }
    for (const auto& [path, topology] : topologies()) {
        for (const auto& [file, text] : AwsJsonWriter::documents(topology, context)) {
            if (!writeFile(dir.filePath(path + QLatin1Char('/') + file), text, result)) {
                return result;
            }
            result.files << path + QLatin1Char('/') + file;
        }
    }

    GenerateResult logs;
    if (!writeFlowLogs(dir.filePath(QStringLiteral("flowlogs")), logs)) {
        result.error = logs.error;
        return result;
    }
    QJsonArray flowLogs;
    for (const QString& file : logs.files) {
        flowLogs.append(QString(QStringLiteral("flowlogs/") + file));
        result.files << QStringLiteral("flowlogs/") + file;
    }
    result.records = logs.records;
    result.bytes += logs.bytes;

    QJsonArray stageArray;
    for (const LabStage& s : stageList) {
        stageArray.append(QJsonObject {
            { QStringLiteral("id"), s.id },
            { QStringLiteral("title"), s.title },
            { QStringLiteral("start"), isoTime(s.start) },
            { QStringLiteral("end"), isoTime(s.end) },
            { QStringLiteral("topology"), s.topology },
        });
    }
    QJsonObject hostObject;
    for (const auto& [host, address] : lab.hosts) {
        hostObject.insert(host, address);
    }
    const QJsonObject manifest {
        { QStringLiteral("lab"), lab.name },
        { QStringLiteral("title"), lab.title },
        { QStringLiteral("command"), QString(QStringLiteral("flowlens-cli generate --scenario ") + lab.name) },
        { QStringLiteral("accountId"), QLatin1String(kAccountId) },
        { QStringLiteral("region"), QLatin1String(kRegion) },
        { QStringLiteral("flowLogs"), flowLogs },
        { QStringLiteral("stages"), stageArray },
        { QStringLiteral("hosts"), hostObject },
    };
    if (!writeFile(dir.filePath(QStringLiteral("lab.json")), QJsonDocument(manifest).toJson(), result)) {
        return result;
    }
    result.files << QStringLiteral("lab.json");
    result.ok = true;
    return result;
}

} // namespace flowlens
