// flowlens-cli topology pull: reads a region's network with the EC2 describe calls and saves it as
// the describe-*.json files `topology show` and File ▸ Open Topology read.
#include "aws/ec2topologypuller.h"
#include "awsconnection.h"
#include "clicommands.h"

#include <QDir>
#include <QTextStream>

namespace flowlens::cli {

int runTopologyPull(const QStringList& args)
{
    const char* command = "topology pull";
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Reads the VPCs, subnets, route tables, peerings, security groups, network ACLs, gateways, "
                       "interfaces and instances of a region with the EC2 API and writes them to DIR as the "
                       "describe-*.json files the AWS CLI prints ('topology show DIR' reads them)."));
    parser.addHelpOption();
    addAwsOptions(parser, AwsService::Ec2);
    parser.addOption(
        { QStringLiteral("out"), QStringLiteral("The folder to write (created if needed)."), QStringLiteral("DIR") });
    if (const auto exit = parseCommandLine(parser, args, command)) {
        return *exit;
    }
    if (!parser.isSet(QStringLiteral("out"))) {
        return usageError(command, QStringLiteral("--out DIR is required"));
    }
    auto client = connectAws(parser, AwsService::Ec2, command);
    if (!client) {
        return ExitUsage;
    }
    QTextStream err(stderr);
    Ec2TopologyPuller puller(*client);
    const TopologyPullResult result = puller.pull();
    if (result.error.isError()) {
        err << "flowlens-cli " << command << ": " << result.error.text() << '\n';
        return ExitFailure;
    }
    for (const TopologyProblem& p : result.load.errors) {
        err << "flowlens-cli " << command << ": " << p.toString() << '\n';
    }
    const QString dir = parser.value(QStringLiteral("out"));
    QString problem;
    if (!Ec2TopologyPuller::writeDocuments(result.documents, dir, problem)) {
        err << "flowlens-cli " << command << ": " << problem << '\n';
        return ExitFailure;
    }
    const Topology& t = result.load.topology;
    err << "flowlens-cli " << command << ": " << t.vpcs.size() << " VPCs, " << t.subnets.size() << " subnets, "
        << t.routeTables.size() << " route tables, " << t.peerings.size() << " peerings, " << t.securityGroups.size()
        << " security groups, " << t.networkAcls.size() << " network ACLs, " << t.interfaces.size() << " interfaces, "
        << t.instances.size() << " instances; wrote " << result.documents.size() << " files to "
        << QDir::toNativeSeparators(dir) << '\n';
    return result.load.ok() ? ExitOk : ExitFailure;
}

} // namespace flowlens::cli
