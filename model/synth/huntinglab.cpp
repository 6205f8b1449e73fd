#include "huntinglab.h"

#include "flowlogfilewriter.h"
#include "labtopologybuilder.h"
#include "synthtopology.h"

#include <QDir>
#include <QFileInfo>
#include <map>

namespace flowlens {

using namespace Qt::StringLiterals;

namespace {

QString id(const std::string& s)
{
    return QString::fromStdString(s);
}

// An id of the form prefix-0<16 hex> that stays the same for the same name (FNV-1a).
QString derivedId(const char* prefix, const QString& name)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (const QChar c : name) {
        h = (h ^ c.unicode()) * 1099511628211ULL;
    }
    return QLatin1String(prefix) + QStringLiteral("-0%1").arg(h, 16, 16, QLatin1Char('0'));
}

const char* roleName(EniRole role)
{
    switch (role) {
    case EniRole::Web:
        return "web";
    case EniRole::Bastion:
        return "bastion";
    case EniRole::NatGateway:
        return "nat";
    case EniRole::App:
        return "app";
    case EniRole::Monitoring:
        return "monitoring";
    case EniRole::Service:
        return "service";
    case EniRole::Database:
        return "database";
    case EniRole::Cache:
        break;
    }
    return "cache";
}

// What each tier's security group lets in (ICMP from inside for the monitoring pings).
std::vector<LabTopologyBuilder::Allow> inboundOf(EniRole role)
{
    const QString internet = u"0.0.0.0/0"_s;
    const QString inside = u"10.0.0.0/8"_s;
    const auto tcp = [](int port, const QString& from) {
        return LabTopologyBuilder::Allow { 6, port, port, from, {} };
    };
    std::vector<LabTopologyBuilder::Allow> rules { { 1, 0, 0, inside, {} } };
    switch (role) {
    case EniRole::Web:
        rules.insert(rules.end(), { tcp(80, internet), tcp(443, internet) });
        break;
    case EniRole::Bastion:
        rules.push_back(tcp(22, internet));
        break;
    case EniRole::App:
        rules.insert(rules.end(), { tcp(8080, inside), tcp(8443, inside) });
        break;
    case EniRole::Service:
        rules.insert(rules.end(), { tcp(443, inside), tcp(8080, inside), tcp(9092, inside), tcp(9200, inside) });
        break;
    case EniRole::Database:
        rules.insert(rules.end(), { tcp(5432, inside), tcp(3306, inside) });
        break;
    case EniRole::Cache:
        rules.push_back(tcp(6379, inside));
        break;
    case EniRole::NatGateway:
    case EniRole::Monitoring:
        break;
    }
    return rules;
}

} // namespace

FlowGeneratorOptions HuntingLab::options()
{
    FlowGeneratorOptions o;
    o.records = kRecords;
    o.seed = kSeed;
    o.format = SynthFormat::V5;
    o.gzip = true;
    o.gzipLevel = 9;
    o.files = kFiles;
    o.startTime = kStart;
    o.spanSeconds = 24 * 3600;
    o.accountId = kAccountId;
    return o;
}

LabDescription HuntingLab::description() const
{
    const SynthTopology estate(kSeed, kAccountId);
    std::vector<std::pair<QString, QString>> out {
        { u"port-scanner"_s, text(IpAddress::fromV4(SynthTopology::PortScannerV4)) },
        { u"port-scan-target"_s, text(estate.portScanTarget().ipv4) },
        { u"ssh-brute-forcer"_s, text(IpAddress::fromV4(SynthTopology::SshBruteForcerV4)) },
        { u"bastion"_s, text(estate.enis()[estate.enisWithRole(EniRole::Bastion).front()].ipv4) },
        { u"exfiltration-destination"_s, text(IpAddress::fromV4(SynthTopology::ExfiltrationV4)) },
    };
    for (std::size_t i = 0; i < estate.exfiltrationSources().size(); ++i) {
        out.emplace_back(
            u"exfiltration-source-%1"_s.arg(i + 1), text(estate.enis()[estate.exfiltrationSources()[i]].ipv4));
    }
    return { u"hunting"_s, u"Hunting through a day of traffic"_s,
        { { u"day"_s, u"A day of traffic in two peered VPCs"_s, kStart, kStart + 24 * 3600, u"topology/1-day"_s } },
        std::move(out) };
}

std::vector<std::pair<QString, Topology>> HuntingLab::topologies() const
{
    const SynthTopology estate(kSeed, kAccountId);
    Topology t;
    LabTopologyBuilder b(t);
    const QString account = QLatin1String(kAccountId);
    const QString region = QLatin1String(kRegion);
    static constexpr const char* kVpcNames[] = { "web-tier", "data-tier" };
    for (std::size_t v = 0; v < estate.vpcs().size(); ++v) {
        const SynthVpc& vpc = estate.vpcs()[v];
        b.vpc(id(vpc.id), QLatin1String(kVpcNames[v % 2]), u"%1/16"_s.arg(text(IpAddress::fromV4(vpc.cidr))));
        b.internetGateway(derivedId("igw", id(vpc.id)), QLatin1String(kVpcNames[v % 2]) + u"-igw"_s, id(vpc.id));
    }
    for (const SynthSubnet& s : estate.subnets()) {
        // use1-az4 is us-east-1d: the zone letter follows the zone id's number.
        const QString zone = u"us-east-1"_s + QChar(u'a' + (s.azId.back() - '1'));
        b.subnet(id(s.id), QString(), id(estate.vpcs()[s.vpcIndex].id), u"%1/24"_s.arg(text(IpAddress::fromV4(s.cidr))),
            zone, s.isPublic);
    }
    // NAT gateways, then security groups per tier and VPC, then the instances.
    int publicHost = 10;
    const auto nextPublic = [&] {
        publicHost += publicHost + 1 == 77 ? 2 : 1; // 203.0.113.77 is the port scanner
        return u"203.0.113.%1"_s.arg(publicHost);
    };
    std::vector<QString> natIds(estate.vpcs().size());
    for (std::uint32_t v = 0; v < estate.vpcs().size(); ++v) {
        const SynthEni& eni = estate.natGatewayOf(v);
        const QString natId = u"nat-"_s + id(eni.id).mid(4);
        const QString publicAddress = nextPublic();
        b.interface(id(eni.id), id(estate.subnets()[eni.subnetIndex].id), text(eni.ipv4), publicAddress,
            u"nat_gateway"_s, u"Interface for NAT Gateway "_s + natId);
        b.natGateway(natId, QLatin1String(kVpcNames[v % 2]) + u"-nat"_s, id(estate.subnets()[eni.subnetIndex].id),
            text(eni.ipv4), publicAddress);
        natIds[v] = natId;
    }
    std::map<std::pair<std::uint32_t, EniRole>, QString> groups;
    std::map<EniRole, int> counts;
    for (const SynthEni& eni : estate.enis()) {
        if (eni.role == EniRole::NatGateway) {
            continue;
        }
        const QString vpcId = id(estate.vpcs()[eni.vpcIndex].id);
        QString& group = groups[{ eni.vpcIndex, eni.role }];
        if (group.isEmpty()) {
            group = derivedId("sg", vpcId + QLatin1String(roleName(eni.role)));
            b.securityGroup(group, QLatin1String(roleName(eni.role)), vpcId, inboundOf(eni.role));
        }
        const bool exposed = eni.role == EniRole::Web || eni.role == EniRole::Bastion;
        b.instance(id(eni.instanceId),
            u"%1-%2"_s.arg(QLatin1String(roleName(eni.role))).arg(++counts[eni.role], 2, 10, QLatin1Char('0')),
            id(eni.id), id(estate.subnets()[eni.subnetIndex].id), text(eni.ipv4), exposed ? nextPublic() : QString(),
            group);
    }
    // Route tables: public subnets to the internet gateway, private ones to the NAT gateway, and
    // each VPC to the other through the peering connection.
    const QString pcx = derivedId("pcx", id(estate.vpcs()[0].id) + id(estate.vpcs()[1].id));
    b.peering(pcx, u"web-to-data"_s, id(estate.vpcs()[0].id), id(estate.vpcs()[1].id), account, region);
    for (std::uint32_t v = 0; v < estate.vpcs().size(); ++v) {
        const QString vpcId = id(estate.vpcs()[v].id);
        const QString peer = u"%1/16"_s.arg(text(IpAddress::fromV4(estate.vpcs()[1 - v].cidr)));
        std::vector<QString> publicSubnets;
        std::vector<QString> privateSubnets;
        std::vector<QString> all;
        for (const SynthSubnet& s : estate.subnets()) {
            if (s.vpcIndex == v) {
                (s.isPublic ? publicSubnets : privateSubnets).push_back(id(s.id));
                all.push_back(id(s.id));
            }
        }
        const QString name = QLatin1String(kVpcNames[v % 2]);
        b.routeTable(derivedId("rtb", vpcId + u"public"_s), name + u"-public"_s, vpcId, false, publicSubnets,
            { { u"0.0.0.0/0"_s, derivedId("igw", vpcId) }, { peer, pcx } });
        b.routeTable(derivedId("rtb", vpcId + u"private"_s), name + u"-private"_s, vpcId, true, privateSubnets,
            { { u"0.0.0.0/0"_s, natIds[v] }, { peer, pcx } });
        b.networkAcl(derivedId("acl", vpcId), QString(), vpcId, true, all);
    }
    // describe-instances would repeat every interface at three times the size; the interfaces carry
    // their instance's id and, here, its name, which is what the lab needs.
    for (const Instance& instance : t.instances) {
        for (NetworkInterface& eni : t.interfaces) {
            if (eni.instanceId == instance.id) {
                eni.name = instance.name;
            }
        }
    }
    t.instances.clear();
    return { { u"topology/1-day"_s, t } };
}

bool HuntingLab::writeFlowLogs(const QString& folder, GenerateResult& result)
{
    // The generator's own S3 naming, without its AWSLogs/… folders: the files sit side by side.
    const FlowGeneratorOptions o = options();
    FlowGenerator generator(o);
    const std::string header = generator.header();
    FlowLogFileWriter writer;
    std::string text;
    for (std::uint32_t f = 0; f < o.files; ++f) {
        const QString name = QFileInfo(generator.relativeFilePath(f)).fileName();
        const std::uint64_t last = o.records * (f + 1) / o.files;
        text = header;
        std::string part;
        generator.nextRecords(part, last - generator.recordsGenerated());
        text += part;
        if (!writer.open(QDir(folder).filePath(name), o.gzipLevel) || !writer.write(text) || !writer.finish()) {
            result.error = writer.error();
            return false;
        }
        result.bytes += writer.bytesWritten();
        result.files << name;
    }
    result.records = generator.recordsGenerated();
    return true;
}

} // namespace flowlens
