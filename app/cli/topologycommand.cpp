#include "clicommands.h"
#include "inputloader.h"
#include "topology/networkaclcontainment.h"
#include "topology/topologydiff.h"
#include "topology/topologyinference.h"
#include "topologyinput.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace flowlens::cli {

namespace {

QString routesText(const RouteTable& table)
{
    QStringList parts;
    for (const auto& r : table.routes) {
        parts << (r.destination ? QString::fromStdString(r.destination->toString()) : r.destinationPrefixList)
                + QStringLiteral(" → ") + r.target() + (r.isBlackhole() ? QStringLiteral(" (blackhole)") : QString());
    }
    return parts.join(QStringLiteral(", "));
}

QString interfaceText(const Topology& t, const NetworkInterface& eni)
{
    QString text = Topology::label(eni.id, eni.name) + QLatin1Char(' ') + Topology::text(eni.privateAddresses);
    if (!eni.publicAddresses.empty()) {
        text += QStringLiteral(" public ") + Topology::text(eni.publicAddresses);
    }
    if (!eni.instanceId.isEmpty()) {
        const Instance* instance = t.instance(eni.instanceId);
        text += QStringLiteral(" instance ") + Topology::label(eni.instanceId, instance ? instance->name : QString());
    }
    if (!eni.interfaceType.isEmpty() && eni.interfaceType != QLatin1String("interface")) {
        text += QStringLiteral(" [") + eni.interfaceType + QLatin1Char(']');
    }
    if (!eni.securityGroupIds.empty()) {
        text += QStringLiteral(" groups ")
            + QStringList(eni.securityGroupIds.begin(), eni.securityGroupIds.end()).join(QLatin1Char(','));
    }
    return text + (eni.inferred ? QStringLiteral(" (inferred)") : QString());
}

void printText(QTextStream& out, const Topology& t)
{
    out << (t.inferred ? "topology inferred from flow logs\n" : "topology from AWS describe output\n");
    for (const Vpc& vpc : t.vpcs) {
        out << "VPC " << Topology::label(vpc.id, vpc.name) << ' ' << Topology::text(vpc.cidrs)
            << (vpc.inferred ? " (inferred)" : "") << '\n';
        if (const InternetGateway* igw = t.internetGatewayOf(vpc.id)) {
            out << "  internet gateway " << Topology::label(igw->id, igw->name) << '\n';
        }
        for (const Subnet& s : t.subnets) {
            if (s.vpcId != vpc.id) {
                continue;
            }
            const RouteTable* table = t.routeTableFor(s);
            const NetworkAcl* acl = t.networkAclFor(s);
            out << "  subnet " << Topology::label(s.id, s.name) << ' '
                << (s.cidr ? QString::fromStdString(s.cidr->toString()) : QStringLiteral("?")) << ' '
                << (s.availabilityZone.isEmpty() ? QStringLiteral("-") : s.availabilityZone) << ' '
                << (t.isPublic(s) ? "public" : "private");
            if (table) {
                out << ", route table " << table->id;
            }
            if (acl) {
                out << ", network ACL " << acl->id;
            }
            out << (s.inferred ? " (inferred)" : "") << '\n';
            for (const NatGateway& nat : t.natGateways) {
                if (nat.subnetId == s.id) {
                    out << "    NAT gateway " << Topology::label(nat.id, nat.name) << ' '
                        << Topology::text(nat.privateAddresses) << " public " << Topology::text(nat.publicAddresses)
                        << ' ' << nat.state << '\n';
                }
            }
            for (const NetworkInterface& eni : t.interfaces) {
                if (eni.subnetId == s.id && eni.interfaceType != QLatin1String("nat_gateway")) {
                    out << "    " << interfaceText(t, eni) << '\n';
                }
            }
        }
        for (const RouteTable& table : t.routeTables) {
            if (table.vpcId == vpc.id) {
                out << "  route table " << Topology::label(table.id, table.name) << (table.main ? " (main)" : "")
                    << ": " << routesText(table) << '\n';
            }
        }
    }
    for (const PeeringConnection& pcx : t.peerings) {
        out << "peering " << Topology::label(pcx.id, pcx.name) << ": " << pcx.requester.vpcId << " ("
            << Topology::text(pcx.requester.cidrs) << ") ↔ " << pcx.accepter.vpcId << " ("
            << Topology::text(pcx.accepter.cidrs) << ") " << pcx.status << '\n';
    }
    if (!t.securityGroups.empty()) {
        out << "security groups:";
        for (const SecurityGroup& sg : t.securityGroups) {
            out << ' ' << sg.id << " (" << sg.inbound.size() << " in, " << sg.outbound.size() << " out)";
        }
        out << '\n';
    }
    if (!t.internetAddresses.empty()) {
        out << "Internet: " << t.internetAddresses.size() << " addresses\n";
    }
}

} // namespace

QJsonObject topologyToJson(const Topology& t)
{
    QJsonArray vpcs;
    for (const Vpc& vpc : t.vpcs) {
        QJsonArray subnets;
        for (const Subnet& s : t.subnets) {
            if (s.vpcId != vpc.id) {
                continue;
            }
            QJsonArray enis;
            for (const NetworkInterface& eni : t.interfaces) {
                if (eni.subnetId == s.id) {
                    enis.append(QJsonObject { { QStringLiteral("id"), eni.id }, { QStringLiteral("name"), eni.name },
                        { QStringLiteral("private"), Topology::text(eni.privateAddresses) },
                        { QStringLiteral("public"), Topology::text(eni.publicAddresses) },
                        { QStringLiteral("instance"), eni.instanceId }, { QStringLiteral("inferred"), eni.inferred } });
                }
            }
            const RouteTable* table = t.routeTableFor(s);
            const NetworkAcl* acl = t.networkAclFor(s);
            subnets.append(QJsonObject { { QStringLiteral("id"), s.id }, { QStringLiteral("name"), s.name },
                { QStringLiteral("cidr"), s.cidr ? QString::fromStdString(s.cidr->toString()) : QString() },
                { QStringLiteral("availability_zone"), s.availabilityZone },
                { QStringLiteral("public"), t.isPublic(s) },
                { QStringLiteral("route_table"), table ? table->id : QString() },
                { QStringLiteral("network_acl"), acl ? acl->id : QString() },
                { QStringLiteral("inferred"), s.inferred }, { QStringLiteral("interfaces"), enis } });
        }
        vpcs.append(QJsonObject { { QStringLiteral("id"), vpc.id }, { QStringLiteral("name"), vpc.name },
            { QStringLiteral("cidrs"), Topology::text(vpc.cidrs) }, { QStringLiteral("inferred"), vpc.inferred },
            { QStringLiteral("subnets"), subnets } });
    }
    QJsonArray peerings;
    for (const PeeringConnection& pcx : t.peerings) {
        peerings.append(
            QJsonObject { { QStringLiteral("id"), pcx.id }, { QStringLiteral("requester"), pcx.requester.vpcId },
                { QStringLiteral("accepter"), pcx.accepter.vpcId }, { QStringLiteral("status"), pcx.status } });
    }
    return { { QStringLiteral("inferred"), t.inferred }, { QStringLiteral("vpcs"), vpcs },
        { QStringLiteral("peerings"), peerings },
        { QStringLiteral("internet_addresses"), static_cast<qint64>(t.internetAddresses.size()) } };
}

namespace {

int usage(const QString& message)
{
    QTextStream(stderr) << "flowlens-cli topology: " << message << "\n\n"
                        << "Usage: flowlens-cli topology --aws-json DIR [--flows PATH]... --out FILE.svg|png|pdf|json\n"
                           "       flowlens-cli topology show DIR [--output text|json]\n"
                           "       flowlens-cli topology infer FLOWS... [--output text|json]\n"
                           "       flowlens-cli topology diff BEFORE_DIR AFTER_DIR [--output text|json]\n"
                           "       flowlens-cli topology contain DIR ADDRESS [--acl ID]... [--flows PATH]...\n"
                           "DIR holds the JSON of aws ec2 describe-vpcs, -subnets, -route-tables, "
                           "-vpc-peering-connections,\n-network-interfaces, -security-groups, -network-acls, "
                           "-internet-gateways, -nat-gateways, -instances\n(one file each, or concatenated).\n";
    return ExitUsage;
}

int contain(const QCommandLineParser& parser, const QStringList& args, QTextStream& out)
{
    const auto topology = loadTopology(args.at(1), QStringLiteral("topology contain"));
    if (!topology) {
        return ExitNoInput;
    }
    const auto address = Address::parse(args.at(2).toStdString());
    if (!address) {
        return usage(QStringLiteral("'") + args.at(2) + QStringLiteral("' is not an IP address"));
    }
    const QStringList aclIds = parser.values(QStringLiteral("acl"));
    ContainmentPlan plan
        = NetworkAclContainment::plan(*topology, *address, std::vector<QString>(aclIds.begin(), aclIds.end()));
    if (parser.isSet(QStringLiteral("flows"))) {
        InputLoader input;
        input.load(parser.values(QStringLiteral("flows")));
        NetworkAclContainment::measure(plan, *topology, input.store());
    }
    out << "# block " << QString::fromStdString(address->toString()) << " with " << plan.rules.size()
        << " network ACL rules\n";
    for (const QString& note : plan.notes) {
        out << "# note: " << note << '\n';
    }
    if (parser.isSet(QStringLiteral("flows"))) {
        out << "# would have blocked " << plan.blockedRecords << " records, " << plan.blockedBytes << " bytes ("
            << QString::number(plan.blockedCost(), 'f', 4) << " USD of data transfer out)\n";
    }
    out << "\n# AWS CLI\n"
        << plan.awsCli() << "\n# rollback\n"
        << plan.rollbackCli() << "\n# Terraform\n"
        << plan.terraform() << "# CloudFormation\n"
        << plan.cloudFormation();
    return ExitOk;
}

} // namespace

int runTopologyPull(const QStringList& args); // topologypullcommand.cpp
int renderTopology(const QCommandLineParser& parser); // topologyrendercommand.cpp

int runTopology(const QStringList& args)
{
    if (args.value(1) == QLatin1String("pull")) {
        QStringList rest = args;
        rest.removeAt(1);
        return runTopologyPull(rest);
    }
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Summarises, infers and compares VPC topologies."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("output"), QStringLiteral("text (default) or json."), QStringLiteral("text|json"),
        QStringLiteral("text") });
    parser.addOption({ QStringLiteral("acl"), QStringLiteral("contain: only this network ACL (repeatable)."),
        QStringLiteral("ID") });
    parser.addOption({ QStringLiteral("flows"),
        QStringLiteral("contain: flow logs to count what the rules would have blocked; --out: the traffic to draw."),
        QStringLiteral("PATH") });
    parser.addOption({ QStringLiteral("aws-json"),
        QStringLiteral("--out: the folder of describe-* JSON to draw (without it, inferred from --flows)."),
        QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("out"),
        QStringLiteral(
            "Draw the topology (with the --flows traffic) to FILE: .svg, .png, .pdf, or .json for the model."),
        QStringLiteral("FILE") });
    parser.addPositionalArgument(
        QStringLiteral("ACTION"), QStringLiteral("show, infer, diff or contain; pull (see 'topology pull --help')."));
    if (!parser.parse(args)) {
        return usage(parser.errorText());
    }
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (parser.isSet(QStringLiteral("out"))) {
        if (!positional.isEmpty()) {
            return usage(QStringLiteral("--out draws the topology of --aws-json; it takes no action ('") + action
                + QStringLiteral("')"));
        }
        return renderTopology(parser);
    }
    const QString output = parser.value(QStringLiteral("output"));
    if (output != QLatin1String("text") && output != QLatin1String("json")) {
        return usage(QStringLiteral("--output takes text or json, not '") + output + QLatin1Char('\''));
    }
    const bool json = output == QLatin1String("json");
    if (action == QLatin1String("show") || action == QLatin1String("infer")) {
        if (positional.size() < 2 || (action == QLatin1String("show") && positional.size() != 2)) {
            return usage(action == QLatin1String("show") ? QStringLiteral("show takes one folder")
                                                         : QStringLiteral("infer takes flow-log paths"));
        }
        std::optional<Topology> topology;
        if (action == QLatin1String("show")) {
            topology = loadTopology(positional.at(1), QStringLiteral("topology show"));
        } else {
            InputLoader input;
            if (input.load(positional.mid(1)) == ExitOk) {
                topology = TopologyInference::fromStore(input.store());
            }
        }
        if (!topology) {
            return ExitNoInput;
        }
        if (json) {
            out << QJsonDocument(topologyToJson(*topology)).toJson(QJsonDocument::Indented);
        } else {
            printText(out, *topology);
        }
        return ExitOk;
    }
    if (action == QLatin1String("diff")) {
        if (positional.size() != 3) {
            return usage(QStringLiteral("diff takes two folders: before and after"));
        }
        const auto before = loadTopology(positional.at(1), QStringLiteral("topology diff"));
        const auto after = loadTopology(positional.at(2), QStringLiteral("topology diff"));
        if (!before || !after) {
            return ExitNoInput;
        }
        const TopologyDiff diff = TopologyDiff::compare(*before, *after);
        if (json) {
            out << QJsonDocument(diff.toJson()).toJson(QJsonDocument::Indented);
        } else {
            out << diff.toText();
        }
        return ExitOk;
    }
    if (action == QLatin1String("contain")) {
        if (positional.size() != 3) {
            return usage(QStringLiteral("contain takes a folder and an address"));
        }
        return contain(parser, positional, out);
    }
    return usage(action.isEmpty() ? QStringLiteral("no action given")
                                  : QStringLiteral("unknown action '") + action + QLatin1Char('\''));
}

} // namespace flowlens::cli
