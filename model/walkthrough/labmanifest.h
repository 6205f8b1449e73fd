#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace flowlens {

// One stage of a lab's story: a time window of the flow logs and the topology as it was then.
struct LabStage {
    QString id; // "ping-private"
    QString title;
    std::int64_t start = 0; // epoch seconds, inclusive
    std::int64_t end = 0; // exclusive
    QString topology; // the folder of describe-*.json, absolute once the manifest is loaded
};

// A lab's lab.json: its flow-log files, its stages and the named hosts of the story (see
// resources/walkthroughs/FORMAT.md). Paths inside are relative to the manifest's folder; load()
// makes them absolute.
struct LabManifest {
    QString path; // of lab.json as loaded (may be a ":/" resource)
    QString folder; // its folder
    QString lab; // "peering-lab"
    QString title;
    QStringList flowLogs; // absolute
    std::vector<LabStage> stages;
    std::map<QString, QString> hosts; // "instance-1" -> "10.1.1.10"

    const LabStage* stage(const QString& id) const;
    bool isResource() const { return path.startsWith(QLatin1Char(':')); }

    // Reads and checks a manifest; nullopt with `error` naming the file and the field otherwise.
    static std::optional<LabManifest> load(const QString& path, QString& error);

    // The loader and the topology reader need real files: a manifest inside the resources is copied
    // (flow logs and stage folders) below `targetFolder` and returned with its paths there. A manifest
    // on disk is returned as it is.
    static std::optional<LabManifest> materialize(const LabManifest& lab, const QString& targetFolder, QString& error);
};

} // namespace flowlens

Q_DECLARE_METATYPE(flowlens::LabStage)
