#pragma once

#include "flowgenerator.h"
#include "topology/topology.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <utility>
#include <vector>

namespace flowlens {

// One stage of a lab's story: a time range of the flow logs and the topology folder that describes
// the network then.
struct LabStage {
    QString id;
    QString title;
    std::int64_t start = 0; // Unix seconds, inclusive
    std::int64_t end = 0; // exclusive
    QString topology; // "topology/1-before-peering", relative to the lab folder
};

// What lab.json says of a lab besides its files: its name, title, stages and the named addresses
// of its story ("instance-1" → "10.1.1.10", in a fixed order).
struct LabDescription {
    QString name;
    QString title;
    std::vector<LabStage> stages;
    std::vector<std::pair<QString, QString>> hosts;
};

// A bundled lab dataset: flow logs, the AWS CLI JSON of its topology at each stage, and the
// manifest lab.json that names them, its stages and the addresses of the story. Each lab is a
// subclass; writeTo() lays the three parts out the same way for all of them, deterministically.
class LabScenario {
public:
    virtual ~LabScenario() = default;

    static QStringList names();
    // nullptr when `name` is not a lab.
    static std::unique_ptr<LabScenario> create(const QString& name);

    virtual LabDescription description() const = 0;

    // Writes DIR/flowlogs/*.log.gz, DIR/topology/<stage folder>/describe-*.json and DIR/lab.json.
    GenerateResult writeTo(const QString& folder);

protected:
    static constexpr const char* kAccountId = "111122223333";
    static constexpr const char* kRegion = "us-east-1";

    // "a.b.c.d" of an IPv4 address.
    static QString text(const IpAddress& address);
    // The named addresses of a lab whose topology names its instances: "<name>" → its private
    // address and "<name>-public" → its public one (when it has one), in the topology's order; then
    // the story's other addresses.
    static std::vector<std::pair<QString, QString>> instanceHosts(
        const Topology& topology, const std::vector<std::pair<QString, IpAddress>>& others);

    // (folder relative to the lab, the topology it holds), e.g. ("topology/1-before-peering", …).
    virtual std::vector<std::pair<QString, Topology>> topologies() const = 0;
    // Writes the flow-log files into `folder` and adds their names and counts to `result`.
    virtual bool writeFlowLogs(const QString& folder, GenerateResult& result) = 0;
};

} // namespace flowlens
