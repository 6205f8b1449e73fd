#include "labmanifest.h"

#include "walkthroughjson.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace flowlens {

const LabStage* LabManifest::stage(const QString& id) const
{
    for (const LabStage& s : stages) {
        if (s.id == id) {
            return &s;
        }
    }
    return nullptr;
}

std::optional<LabManifest> LabManifest::load(const QString& path, QString& error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("%1: cannot read the lab manifest: %2")
                    .arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        error = QStringLiteral("%1: not a JSON object (%2 at offset %3)")
                    .arg(QDir::toNativeSeparators(path), parseError.errorString())
                    .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    LabManifest lab;
    lab.path = path;
    lab.folder = QFileInfo(path).absolutePath();
    if (path.startsWith(QLatin1Char(':'))) {
        lab.folder = path.left(path.lastIndexOf(QLatin1Char('/')));
    }
    const QDir folder(lab.folder);
    JsonFields fields(QDir::toNativeSeparators(path), error);
    lab.lab = fields.string(root, QStringLiteral("lab"), true);
    lab.title = fields.string(root, QStringLiteral("title"), false);
    for (const QString& log : fields.strings(root, QStringLiteral("flowLogs"), true)) {
        lab.flowLogs.append(folder.filePath(log));
    }
    const QJsonArray stages = fields.array(root, QStringLiteral("stages"), true);
    for (qsizetype i = 0; i < stages.size() && error.isEmpty(); ++i) {
        const QString where = QStringLiteral("stages[%1]").arg(i);
        if (!stages.at(i).isObject()) {
            error = fields.fail(where, QStringLiteral("is not an object"));
            break;
        }
        const QJsonObject s = stages.at(i).toObject();
        LabStage stage;
        stage.id = fields.string(s, QStringLiteral("id"), true, where);
        stage.title = fields.string(s, QStringLiteral("title"), false, where);
        stage.start = fields.time(s, QStringLiteral("start"), where).value_or(0);
        stage.end = fields.time(s, QStringLiteral("end"), where).value_or(0);
        const QString topology = fields.string(s, QStringLiteral("topology"), false, where);
        if (!topology.isEmpty()) {
            stage.topology = folder.filePath(topology);
        }
        if (error.isEmpty() && stage.end <= stage.start) {
            error = fields.fail(where + QStringLiteral(".end"), QStringLiteral("is not after start"));
        }
        if (error.isEmpty() && lab.stage(stage.id)) {
            error = fields.fail(where + QStringLiteral(".id"), QStringLiteral("\"%1\" is used twice").arg(stage.id));
        }
        lab.stages.push_back(stage);
    }
    const QJsonObject hosts = root.value(QStringLiteral("hosts")).toObject();
    for (auto it = hosts.begin(); it != hosts.end(); ++it) {
        lab.hosts[it.key()] = it.value().toString();
    }
    if (!error.isEmpty()) {
        return std::nullopt;
    }
    return lab;
}

namespace {

bool copyFile(const QString& from, const QString& to, QString& error)
{
    if (!QDir().mkpath(QFileInfo(to).absolutePath())) {
        error = QStringLiteral("cannot create %1").arg(QDir::toNativeSeparators(QFileInfo(to).absolutePath()));
        return false;
    }
    QFile::remove(to);
    if (!QFile::copy(from, to)) {
        error = QStringLiteral("cannot copy %1 to %2").arg(from, QDir::toNativeSeparators(to));
        return false;
    }
    // A copy from the resources is read-only; make it the user's to replace next time.
    QFile::setPermissions(to, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

} // namespace

std::optional<LabManifest> LabManifest::materialize(const LabManifest& lab, const QString& targetFolder, QString& error)
{
    if (!lab.isResource()) {
        return lab;
    }
    const QDir target(targetFolder);
    auto moved
        = [&](const QString& resourcePath) { return target.filePath(QDir(lab.folder).relativeFilePath(resourcePath)); };
    LabManifest copy = lab;
    copy.path = moved(lab.path);
    copy.folder = targetFolder;
    if (!copyFile(lab.path, copy.path, error)) {
        return std::nullopt;
    }
    copy.flowLogs.clear();
    for (const QString& log : lab.flowLogs) {
        copy.flowLogs.append(moved(log));
        if (!copyFile(log, copy.flowLogs.last(), error)) {
            return std::nullopt;
        }
    }
    for (LabStage& stage : copy.stages) {
        if (stage.topology.isEmpty()) {
            continue;
        }
        const QString source = stage.topology;
        stage.topology = moved(source);
        QDirIterator files(source, QDir::Files);
        while (files.hasNext()) {
            const QString file = files.next();
            if (!copyFile(file, moved(file), error)) {
                return std::nullopt;
            }
        }
    }
    return copy;
}

} // namespace flowlens
