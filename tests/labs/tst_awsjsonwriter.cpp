// AwsJsonWriter's documents read back through AwsJsonLoader give the topology that was written, field
// by field, and look as the AWS CLI prints them.

#include "synth/labtopologybuilder.h"
#include "topology/awsjsonloader.h"
#include "topology/awsjsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace flowlens;
using namespace Qt::StringLiterals;

namespace {

QString text(const std::optional<Cidr>& c)
{
    return c ? QString::fromStdString(c->toString()) : QString();
}

QStringList texts(const std::vector<Address>& addresses)
{
    QStringList out;
    for (const Address& a : addresses) {
        out << QString::fromStdString(a.toString());
    }
    return out;
}

// A small estate with one of everything the loader reads.
Topology estate()
{
    Topology t;
    LabTopologyBuilder b(t);
    b.vpc(u"vpc-0a"_s, u"a"_s, u"10.8.0.0/16"_s);
    b.vpc(u"vpc-0b"_s, QString(), u"10.9.0.0/16"_s);
    b.subnet(u"subnet-0pub"_s, u"public"_s, u"vpc-0a"_s, u"10.8.1.0/24"_s, u"us-east-1a"_s, true);
    b.subnet(u"subnet-0prv"_s, QString(), u"vpc-0a"_s, u"10.8.2.0/24"_s, u"us-east-1c"_s, false);
    b.subnet(u"subnet-0b"_s, u"b"_s, u"vpc-0b"_s, u"10.9.1.0/24"_s, u"us-east-1b"_s, false);
    b.internetGateway(u"igw-0a"_s, u"a-igw"_s, u"vpc-0a"_s);
    b.natGateway(u"nat-0a"_s, u"a-nat"_s, u"subnet-0pub"_s, u"10.8.1.5"_s, u"203.0.113.5"_s);
    b.interface(u"eni-0nat"_s, u"subnet-0pub"_s, u"10.8.1.5"_s, u"203.0.113.5"_s, u"nat_gateway"_s, u"NAT"_s);
    b.peering(u"pcx-0ab"_s, u"a-b"_s, u"vpc-0a"_s, u"vpc-0b"_s, u"111122223333"_s, u"us-east-1"_s);
    b.routeTable(u"rtb-0pub"_s, u"pub"_s, u"vpc-0a"_s, false, { u"subnet-0pub"_s },
        { { u"0.0.0.0/0"_s, u"igw-0a"_s }, { u"10.9.0.0/16"_s, u"pcx-0ab"_s } });
    b.routeTable(u"rtb-0main"_s, QString(), u"vpc-0a"_s, true, {}, { { u"0.0.0.0/0"_s, u"nat-0a"_s } });
    b.networkAcl(u"acl-0a"_s, QString(), u"vpc-0a"_s, true, { u"subnet-0pub"_s, u"subnet-0prv"_s });
    b.addAclEntry(
        u"acl-0a"_s, { 90, 6, false, false, LabTopologyBuilder::cidr(u"192.0.2.0/24"_s), PortRange { 22, 23 } });
    b.addAclEntry(u"acl-0a"_s, { 95, 1, true, true, LabTopologyBuilder::cidr(u"10.9.0.0/16"_s), std::nullopt });
    b.securityGroup(
        u"sg-0web"_s, u"web"_s, u"vpc-0a"_s, { { 6, 443, 443, u"0.0.0.0/0"_s, {} }, { 1, 0, 0, u"10.0.0.0/8"_s, {} } });
    b.securityGroup(u"sg-0app"_s, u"app"_s, u"vpc-0a"_s,
        { { 6, 8080, 8081, {}, u"sg-0web"_s }, { 17, 53, 53, u"10.8.0.0/16"_s, {} } });
    b.instance(
        u"i-0web"_s, u"web-1"_s, u"eni-0web"_s, u"subnet-0pub"_s, u"10.8.1.10"_s, u"198.51.100.10"_s, u"sg-0web"_s);
    b.instance(u"i-0app"_s, u"app-1"_s, u"eni-0app"_s, u"subnet-0prv"_s, u"10.8.2.10"_s, QString(), u"sg-0app"_s);
    return t;
}

TopologyLoadResult roundTrip(const Topology& t, QStringList* names = nullptr)
{
    TopologyLoadResult result;
    for (const auto& [name, json] : AwsJsonWriter::documents(t, AwsJsonContext {})) {
        AwsJsonLoader::loadText(json, name, result);
        if (names) {
            *names << name;
        }
    }
    return result;
}

} // namespace

class TestAwsJsonWriter : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void documentsAreTheDescribeCalls()
    {
        QStringList names;
        const TopologyLoadResult r = roundTrip(estate(), &names);
        QVERIFY(r.ok());
        QVERIFY(r.warnings.empty());
        QCOMPARE(names,
            QStringList({ u"describe-instances.json"_s, u"describe-internet-gateways.json"_s,
                u"describe-nat-gateways.json"_s, u"describe-network-acls.json"_s, u"describe-network-interfaces.json"_s,
                u"describe-route-tables.json"_s, u"describe-security-groups.json"_s, u"describe-subnets.json"_s,
                u"describe-vpc-peering-connections.json"_s, u"describe-vpcs.json"_s }));
        // No instances, no NAT gateways: no such files.
        Topology bare;
        LabTopologyBuilder(bare).vpc(u"vpc-0x"_s, QString(), u"10.0.0.0/16"_s);
        QStringList bareNames;
        roundTrip(bare, &bareNames);
        QVERIFY(!bareNames.contains(u"describe-instances.json"_s));
        QVERIFY(!bareNames.contains(u"describe-nat-gateways.json"_s));
    }

    void cliShapes()
    {
        const auto docs = AwsJsonWriter::documents(estate(), AwsJsonContext {});
        const auto doc = [&](const char* name) {
            for (const auto& [file, json] : docs) {
                if (file == QLatin1String(name)) {
                    return QJsonDocument::fromJson(json).object();
                }
            }
            return QJsonObject();
        };
        // Four-space indentation, as the CLI prints.
        QVERIFY(docs.front().second.startsWith("{\n    \""));
        const QJsonObject sg
            = doc("describe-security-groups.json").value(u"SecurityGroups"_s).toArray().at(0).toObject();
        const QJsonObject https = sg.value(u"IpPermissions"_s).toArray().at(0).toObject();
        QCOMPARE(https.value(u"IpProtocol"_s).toString(), u"tcp"_s);
        QCOMPARE(https.value(u"FromPort"_s).toInt(), 443);
        const QJsonObject icmp = sg.value(u"IpPermissions"_s).toArray().at(1).toObject();
        QCOMPARE(icmp.value(u"IpProtocol"_s).toString(), u"icmp"_s);
        QCOMPARE(icmp.value(u"FromPort"_s).toInt(), -1);
        const QJsonObject egress = sg.value(u"IpPermissionsEgress"_s).toArray().at(0).toObject();
        QCOMPARE(egress.value(u"IpProtocol"_s).toString(), u"-1"_s);
        QVERIFY(!egress.contains(u"FromPort"_s));
        // ACL entries: outbound first, each direction by number.
        const QJsonArray entries = doc("describe-network-acls.json")
                                       .value(u"NetworkAcls"_s)
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(u"Entries"_s)
                                       .toArray();
        QStringList order;
        for (const QJsonValue& e : entries) {
            order << (e.toObject().value(u"Egress"_s).toBool() ? u"out "_s : u"in "_s)
                    + QString::number(e.toObject().value(u"RuleNumber"_s).toInt());
        }
        QCOMPARE(
            order, QStringList({ u"out 95"_s, u"out 100"_s, u"out 32767"_s, u"in 90"_s, u"in 100"_s, u"in 32767"_s }));
        QCOMPARE(AwsJsonWriter::zoneId(u"us-east-1c"_s), u"use1-az3"_s);
        QCOMPARE(AwsJsonWriter::zoneId(u"eu-central-1a"_s), u"euc1-az1"_s);
    }

    void readsBackTheSameTopology()
    {
        const Topology t = estate();
        const TopologyLoadResult r = roundTrip(t);
        QVERIFY(r.ok());
        const Topology& u = r.topology;
        QCOMPARE(u.vpcs.size(), t.vpcs.size());
        for (const Vpc& v : t.vpcs) {
            QVERIFY(u.vpc(v.id));
            QCOMPARE(u.vpc(v.id)->name, v.name);
            QCOMPARE(u.vpc(v.id)->cidrs.size(), v.cidrs.size());
        }
        QCOMPARE(u.subnets.size(), t.subnets.size());
        for (const Subnet& s : t.subnets) {
            const Subnet* x = u.subnet(s.id);
            QVERIFY(x);
            QCOMPARE(x->vpcId, s.vpcId);
            QCOMPARE(text(x->cidr), text(s.cidr));
            QCOMPARE(x->availabilityZone, s.availabilityZone);
            QCOMPARE(x->mapPublicIpOnLaunch, s.mapPublicIpOnLaunch);
        }
        QCOMPARE(u.routeTables.size(), t.routeTables.size());
        for (const RouteTable& table : t.routeTables) {
            const RouteTable* x = u.routeTable(table.id);
            QVERIFY(x);
            QCOMPARE(x->main, table.main);
            QCOMPARE(x->subnetIds, table.subnetIds);
            QCOMPARE(x->routes.size(), table.routes.size());
            for (std::size_t i = 0; i < table.routes.size(); ++i) {
                QCOMPARE(text(x->routes[i].destination), text(table.routes[i].destination));
                QCOMPARE(x->routes[i].target(), table.routes[i].target());
            }
        }
        const NetworkAcl* acl = u.networkAcl(u"acl-0a"_s);
        QVERIFY(acl);
        QCOMPARE(acl->subnetIds, t.networkAcls.front().subnetIds);
        QCOMPARE(acl->entries.size(), t.networkAcls.front().entries.size());
        for (const NetworkAclEntry& e : t.networkAcls.front().entries) {
            const auto same = std::find_if(acl->entries.begin(), acl->entries.end(), [&](const NetworkAclEntry& x) {
                return x.ruleNumber == e.ruleNumber && x.egress == e.egress && x.allow == e.allow
                    && x.protocol == e.protocol && text(x.cidr) == text(e.cidr)
                    && x.ports.has_value() == e.ports.has_value() && (!e.ports || x.ports->from == e.ports->from);
            });
            QVERIFY2(same != acl->entries.end(), qPrintable(QString::number(e.ruleNumber)));
        }
        for (const SecurityGroup& sg : t.securityGroups) {
            const SecurityGroup* x = u.securityGroup(sg.id);
            QVERIFY(x);
            QCOMPARE(x->name, sg.name);
            QCOMPARE(x->inbound.size(), sg.inbound.size());
            for (std::size_t i = 0; i < sg.inbound.size(); ++i) {
                QCOMPARE(x->inbound[i].protocol, sg.inbound[i].protocol);
                QCOMPARE(x->inbound[i].groupIds, sg.inbound[i].groupIds);
                QCOMPARE(x->inbound[i].cidrs.size(), sg.inbound[i].cidrs.size());
                QCOMPARE(x->inbound[i].ports.has_value(), sg.inbound[i].ports.has_value());
                if (sg.inbound[i].ports) {
                    QCOMPARE(x->inbound[i].ports->to, sg.inbound[i].ports->to);
                }
            }
        }
        QCOMPARE(u.interfaces.size(), t.interfaces.size());
        for (const NetworkInterface& eni : t.interfaces) {
            const NetworkInterface* x = u.networkInterface(eni.id);
            QVERIFY(x);
            QCOMPARE(x->subnetId, eni.subnetId);
            QCOMPARE(x->instanceId, eni.instanceId);
            QCOMPARE(x->interfaceType, eni.interfaceType);
            QCOMPARE(texts(x->privateAddresses), texts(eni.privateAddresses));
            QCOMPARE(texts(x->publicAddresses), texts(eni.publicAddresses));
            QCOMPARE(x->securityGroupIds, eni.securityGroupIds);
        }
        for (const Instance& i : t.instances) {
            const Instance* x = u.instance(i.id);
            QVERIFY(x);
            QCOMPARE(x->name, i.name);
            QCOMPARE(x->interfaceIds, i.interfaceIds);
            QCOMPARE(texts(x->publicAddresses), texts(i.publicAddresses));
        }
        QCOMPARE(u.internetGateways.size(), std::size_t(1));
        QCOMPARE(u.internetGateways.front().vpcIds, t.internetGateways.front().vpcIds);
        const NatGateway* nat = u.natGateway(u"nat-0a"_s);
        QVERIFY(nat);
        QCOMPARE(nat->subnetId, u"subnet-0pub"_s);
        QCOMPARE(texts(nat->publicAddresses), QStringList { u"203.0.113.5"_s });
        const PeeringConnection* pcx = u.peering(u"pcx-0ab"_s);
        QVERIFY(pcx);
        QVERIFY(pcx->isActive());
        QCOMPARE(pcx->requester.vpcId, u"vpc-0a"_s);
        QCOMPARE(pcx->accepter.cidrs.size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestAwsJsonWriter)
#include "tst_awsjsonwriter.moc"
