#pragma once

#include "topology.h"

#include <QByteArray>
#include <QString>
#include <utility>
#include <vector>

namespace flowlens {

// What the describe output says that a Topology does not hold.
struct AwsJsonContext {
    QString accountId = QStringLiteral("111122223333");
    QString region = QStringLiteral("us-east-1");
    QString launchTime = QStringLiteral("2026-11-01T08:00:00+00:00"); // instances' LaunchTime
    QString instanceType = QStringLiteral("t3.micro");
    QString imageId = QStringLiteral("ami-0f1e2d3c4b5a69788");
};

// Writes a Topology as the JSON the AWS CLI prints for the EC2 describe calls AwsJsonLoader reads
// (describe-vpcs, -subnets, -route-tables, -network-acls, -security-groups, -network-interfaces,
// -internet-gateways, -vpc-peering-connections, and -instances and -nat-gateways when there are any):
// one document per call, indented as the CLI indents, the same bytes for the same topology.
// Reading the documents back with AwsJsonLoader gives the topology again.
class AwsJsonWriter {
public:
    // (file name, text) pairs: "describe-vpcs.json", …
    static std::vector<std::pair<QString, QByteArray>> documents(
        const Topology& topology, const AwsJsonContext& context);

    // The availability-zone id AWS shows for a zone name, as the zones map in the account the
    // labs describe ("us-east-1a" → "use1-az1").
    static QString zoneId(const QString& zone);
};

} // namespace flowlens
