// The AWS CLI JSON loader: the hand-made peering-lab fixtures (shaped like real describe-* output),
// concatenated documents, and broken input with the file and the place named in the message.
#include "topology/awsjsonloader.h"
#include "topology/topologydiff.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace flowlens;

namespace {

const QString kBroken = QStringLiteral(FLOWLENS_TOPOLOGY_DATA "/peering-lab-broken");

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    QFile f(dir.filePath(name));
    f.open(QIODevice::WriteOnly);
    f.write(text);
    return f.fileName();
}

QString allErrors(const TopologyLoadResult& r)
{
    QStringList lines;
    for (const auto& e : r.errors) {
        lines << e.toString();
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestTopologyLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void folder()
    {
        const TopologyLoadResult r = AwsJsonLoader::load(kBroken);
        QVERIFY2(r.ok(), qPrintable(allErrors(r)));
        QCOMPARE(r.files.size(), 10);
        QVERIFY(r.warnings.empty()); // interfaces named by both describe-instances and -network-interfaces merge
        const Topology& t = r.topology;
        QCOMPARE(t.vpcs.size(), 2U);
        QCOMPARE(t.subnets.size(), 3U);
        QCOMPARE(t.routeTables.size(), 3U);
        QCOMPARE(t.peerings.size(), 1U);
        QCOMPARE(t.securityGroups.size(), 3U);
        QCOMPARE(t.networkAcls.size(), 2U);
        QCOMPARE(t.internetGateways.size(), 1U);
        QCOMPARE(t.natGateways.size(), 1U);
        QCOMPARE(t.interfaces.size(), 4U); // eni-a1, eni-a2, eni-b1, eni-nat; instances repeat three of them
        QCOMPARE(t.instances.size(), 3U);
        QVERIFY(!t.inferred);

        QCOMPARE(t.vpc(QStringLiteral("vpc-0a1"))->name, QStringLiteral("lab-a"));
        QCOMPARE(t.vpc(QStringLiteral("vpc-0a1"))->cidrs.size(), 1U); // CidrBlock repeated in the association set
        QCOMPARE(t.networkInterface(QStringLiteral("eni-a2"))->name, QStringLiteral("app-eth0")); // TagSet
        QCOMPARE(t.networkInterface(QStringLiteral("eni-a1"))->instanceId, QStringLiteral("i-a1"));
        QCOMPARE(t.networkInterface(QStringLiteral("eni-a1"))->publicAddresses.size(), 1U);
        QCOMPARE(
            t.networkInterface(QStringLiteral("eni-a1"))->publicAddresses[0].toString(), std::string("203.0.113.10"));
        QCOMPARE(t.instance(QStringLiteral("i-b1"))->name, QStringLiteral("db"));
        QCOMPARE(t.instance(QStringLiteral("i-b1"))->state, QStringLiteral("running"));

        const RouteTable* main = t.routeTable(QStringLiteral("rtb-a-main"));
        QVERIFY(main->main);
        QVERIFY(main->subnetIds.empty());
        QCOMPARE(main->routes.size(), 2U);
        QCOMPARE(main->routes[1].natGatewayId, QStringLiteral("nat-a"));
        QCOMPARE(main->routes[1].target(), QStringLiteral("nat-a"));
        const Subnet* privateA = t.subnet(QStringLiteral("subnet-a-private"));
        QCOMPARE(t.routeTableFor(*privateA)->id, QStringLiteral("rtb-a-main")); // no explicit association
        QCOMPARE(t.routeTableFor(*t.subnet(QStringLiteral("subnet-a-public")))->id, QStringLiteral("rtb-a-public"));
        QVERIFY(t.isPublic(*t.subnet(QStringLiteral("subnet-a-public"))));
        QVERIFY(!t.isPublic(*privateA));
        QCOMPARE(t.subnet(QStringLiteral("subnet-b-private"))->availabilityZone, QStringLiteral("us-east-1a"));

        const PeeringConnection* pcx = t.peering(QStringLiteral("pcx-0ab"));
        QCOMPARE(pcx->status, QStringLiteral("active"));
        QCOMPARE(pcx->requester.vpcId, QStringLiteral("vpc-0a1"));
        QCOMPARE(pcx->accepter.vpcId, QStringLiteral("vpc-0b2"));
        QCOMPARE(pcx->accepter.cidrs.size(), 1U);
        QCOMPARE(pcx->name, QStringLiteral("a-to-b"));

        const NetworkAcl* acl = t.networkAcl(QStringLiteral("acl-b"));
        QCOMPARE(acl->entries.size(), 7U);
        QCOMPARE(acl->entries.front().ruleNumber, 100); // sorted by number
        QCOMPARE(acl->entries.back().ruleNumber, 32767);
        const auto in100 = std::find_if(acl->entries.begin(), acl->entries.end(),
            [](const NetworkAclEntry& e) { return !e.egress && e.ruleNumber == 100; });
        QCOMPARE(in100->protocol, 6);
        QCOMPARE(in100->ports->from, 5432);
        QVERIFY(in100->allow);
        QCOMPARE(t.networkAclFor(*privateA)->id, QStringLiteral("acl-a"));

        const SecurityGroup* app = t.securityGroup(QStringLiteral("sg-a-app"));
        QCOMPARE(app->name, QStringLiteral("a-app")); // GroupName when there is no Name tag
        QCOMPARE(app->inbound.size(), 2U);
        QCOMPARE(app->inbound[0].groupIds, std::vector<QString> { QStringLiteral("sg-a-web") });
        QCOMPARE(app->outbound[0].protocol, -1);
        const SecurityGroup* db = t.securityGroup(QStringLiteral("sg-b-db"));
        QCOMPARE(db->inbound[1].protocol, 1); // "icmp"
        QVERIFY(!db->inbound[1].ports);

        QCOMPARE(t.natGateway(QStringLiteral("nat-a"))->publicAddresses[0].toString(), std::string("198.51.100.7"));
        QCOMPARE(t.internetGatewayOf(QStringLiteral("vpc-0a1"))->id, QStringLiteral("igw-a"));
        QVERIFY(!t.internetGatewayOf(QStringLiteral("vpc-0b2")));
    }

    void concatenatedDocuments()
    {
        // The ten describe outputs one after the other in one file, as `for c in …; do aws ec2 $c; done > all.json`.
        QByteArray all;
        const QDir dir(kBroken);
        for (const QString& name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            all += f.readAll();
        }
        QTemporaryDir tmp;
        const TopologyLoadResult r = AwsJsonLoader::load(write(tmp, QStringLiteral("all.json"), all));
        QVERIFY2(r.ok(), qPrintable(allErrors(r)));
        QCOMPARE(r.topology.vpcs.size(), 2U);
        QCOMPARE(r.topology.interfaces.size(), 4U);
        QCOMPARE(r.topology.networkAcls.size(), 2U);
        QCOMPARE(r.topology.instances.size(), 3U);
    }

    void splitter()
    {
        // Braces inside strings and escaped quotes do not end a document.
        const QByteArray text = "{\"a\": \"}{\\\"\"} \n [1, [2]]{}";
        qsizetype garbage = 0;
        const auto pieces = AwsJsonLoader::splitDocuments(text, &garbage);
        QCOMPARE(garbage, qsizetype(-1));
        QCOMPARE(pieces.size(), 3U);
        QCOMPARE(text.mid(pieces[0].begin, pieces[0].end - pieces[0].begin), QByteArray("{\"a\": \"}{\\\"\"}"));
        QCOMPARE(text.mid(pieces[1].begin, pieces[1].end - pieces[1].begin), QByteArray("[1, [2]]"));
        QCOMPARE(text.mid(pieces[2].begin, pieces[2].end - pieces[2].begin), QByteArray("{}"));
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message"); // part of the error text after the file name
        QTest::addRow("syntax error, line 3")
            << QByteArray("{\n  \"Vpcs\": [\n    {\"VpcId\": \"vpc-1\" ]\n}") << QStringLiteral("bad.json:3:");
        QTest::addRow("garbage after a document")
            << QByteArray("{\"Vpcs\": []}\nHTTP 500\n") << QStringLiteral("bad.json:2:1: invalid JSON");
        QTest::addRow("empty") << QByteArray(" \n") << QStringLiteral("bad.json: is empty");
        QTest::addRow("plain text") << QByteArray("An error occurred (UnauthorizedOperation)")
                                    << QStringLiteral("bad.json:1:1: invalid JSON");
        QTest::addRow("unterminated") << QByteArray("{\"Subnets\": [{\"SubnetId\": \"s\"")
                                      << QStringLiteral("invalid JSON");
        QTest::addRow("missing SubnetId")
            << QByteArray("{\"Subnets\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/24\"}]}")
            << QStringLiteral("bad.json: Subnets[0]: has no SubnetId");
        QTest::addRow("bad CIDR") << QByteArray(
            "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.300/16\"}]}")
                                  << QStringLiteral("Vpcs[0].CidrBlock: '10.0.0.300/16' is not a CIDR block");
        QTest::addRow("array expected") << QByteArray("{\"Vpcs\": {\"VpcId\": \"vpc-1\"}}")
                                        << QStringLiteral("bad.json: Vpcs: expected an array");
        QTest::addRow("string expected") << QByteArray("{\"Vpcs\": [{\"VpcId\": 7}]}")
                                         << QStringLiteral("Vpcs[0].VpcId: expected a string");
        QTest::addRow("route without target")
            << QByteArray("{\"RouteTables\": [{\"RouteTableId\": \"rtb-1\", \"VpcId\": \"vpc-1\", \"Routes\": "
                          "[{\"DestinationCidrBlock\": \"0.0.0.0/0\", \"State\": \"active\"}]}]}")
            << QStringLiteral("RouteTables[0].Routes[0]: has no target");
        QTest::addRow("acl action") << QByteArray(
            "{\"NetworkAcls\": [{\"NetworkAclId\": \"acl-1\", \"VpcId\": \"vpc-1\", \"Entries\": "
            "[{\"RuleNumber\": 1, \"Protocol\": \"6\", \"RuleAction\": \"drop\", \"Egress\": false}]}]}")
                                    << QStringLiteral("NetworkAcls[0].Entries[0].RuleAction: expected allow or deny");
        QTest::addRow("peering without sides")
            << QByteArray("{\"VpcPeeringConnections\": [{\"VpcPeeringConnectionId\": \"pcx-1\", \"Status\": {\"Code\": "
                          "\"active\"}}]}")
            << QStringLiteral("VpcPeeringConnections[0]: needs both RequesterVpcInfo and AccepterVpcInfo");
        QTest::addRow("not an object") << QByteArray("[1, 2]") << QStringLiteral("document 1: expected an object");
    }

    void badInput()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        const TopologyLoadResult r = AwsJsonLoader::load(write(tmp, QStringLiteral("bad.json"), text));
        QVERIFY(!r.ok());
        const QString errors = allErrors(r);
        QVERIFY2(errors.contains(message), qPrintable(errors));
        QVERIFY2(errors.contains(tmp.filePath(QStringLiteral("bad.json"))), qPrintable(errors));
    }

    void unknownDocumentIsAWarning()
    {
        QTemporaryDir tmp;
        write(tmp, QStringLiteral("a.json"), "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}]}");
        write(tmp, QStringLiteral("b.json"), "{\"Buckets\": []}");
        write(tmp, QStringLiteral("notes.txt"), "not read: not .json");
        const TopologyLoadResult r = AwsJsonLoader::load(tmp.path());
        QVERIFY2(r.ok(), qPrintable(allErrors(r)));
        QCOMPARE(r.files.size(), 2);
        QCOMPARE(r.warnings.size(), 1U);
        QVERIFY(r.warnings[0].toString().contains(QStringLiteral("b.json: document 1: skipped")));
        QVERIFY(r.warnings[0].toString().contains(QStringLiteral("Buckets")));
        QCOMPARE(r.topology.vpcs.size(), 1U);
    }

    void prefixLists()
    {
        // describe-prefix-lists (AWS's lists, CIDRs included), describe-managed-prefix-lists (no
        // entries), get-managed-prefix-list-entries (the id from the file name, or a key beside).
        QTemporaryDir tmp;
        write(tmp, QStringLiteral("describe-prefix-lists.json"),
            "{\"PrefixLists\": [{\"Cidrs\": [\"52.216.0.0/15\", \"54.231.0.0/17\"], \"PrefixListId\": "
            "\"pl-63a5400a\", \"PrefixListName\": \"com.amazonaws.us-east-1.s3\"}]}");
        write(tmp, QStringLiteral("describe-managed-prefix-lists.json"),
            "{\"PrefixLists\": [{\"PrefixListId\": \"pl-0aa11\", \"AddressFamily\": \"IPv4\", \"State\": "
            "\"create-complete\", \"PrefixListName\": \"office\", \"MaxEntries\": 10}, {\"PrefixListId\": "
            "\"pl-0bb22\", \"PrefixListName\": \"partners\"}]}");
        write(tmp, QStringLiteral("entries-pl-0aa11.json"),
            "{\"Entries\": [{\"Cidr\": \"192.0.2.0/24\", \"Description\": \"HQ\"}, {\"Cidr\": \"198.51.100.0/25\"}]}");
        write(tmp, QStringLiteral("x-entries.json"), "{\"Entries\": [{\"Cidr\": \"203.0.113.0/24\"}]}");
        const TopologyLoadResult r = AwsJsonLoader::load(tmp.path());
        QVERIFY2(r.ok(), qPrintable(allErrors(r)));
        QCOMPARE(r.topology.prefixLists.size(), 3U);
        const PrefixList* s3 = r.topology.prefixList(QStringLiteral("pl-63a5400a"));
        QVERIFY(s3 && s3->entriesKnown);
        QCOMPARE(s3->name, QStringLiteral("com.amazonaws.us-east-1.s3"));
        QCOMPARE(s3->cidrs.size(), 2U);
        QCOMPARE(s3->cidrs[1].toString(), std::string("54.231.0.0/17"));
        const PrefixList* office = r.topology.prefixList(QStringLiteral("pl-0aa11"));
        QVERIFY(office && office->entriesKnown);
        QCOMPARE(office->name, QStringLiteral("office"));
        QCOMPARE(office->cidrs.size(), 2U);
        QCOMPARE(office->cidrs[0].toString(), std::string("192.0.2.0/24"));
        const PrefixList* partners = r.topology.prefixList(QStringLiteral("pl-0bb22"));
        QVERIFY(partners && !partners->entriesKnown);
        // Entries without a list id are skipped with a warning that says how to name them.
        QCOMPARE(r.warnings.size(), 1U);
        QVERIFY(r.warnings[0].toString().contains(QStringLiteral("x-entries.json")));
        QVERIFY(r.warnings[0].toString().contains(QStringLiteral("pl-0123abcd.json")));

        // A bad entry names its place.
        QTemporaryDir bad;
        write(bad, QStringLiteral("pl-0cc33.json"),
            "{\"Entries\": [{\"Cidr\": \"10.0.0.0/8\"}, {\"Cidr\": \"10.0.0/99\"}]}");
        const TopologyLoadResult broken = AwsJsonLoader::load(bad.path());
        QVERIFY(!broken.ok());
        QVERIFY2(allErrors(broken).contains(
                     QStringLiteral("pl-0cc33.json: Entries[1].Cidr: '10.0.0/99' is not a CIDR block")),
            qPrintable(allErrors(broken)));
    }

    void duplicatesKeepTheFirst()
    {
        QTemporaryDir tmp;
        write(tmp, QStringLiteral("a.json"),
            "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}]}"
            "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.9.0.0/16\"}]}");
        const TopologyLoadResult r = AwsJsonLoader::load(tmp.path());
        QVERIFY(r.ok());
        QCOMPARE(r.topology.vpcs.size(), 1U);
        QCOMPARE(r.topology.vpcs[0].cidrs[0].toString(), std::string("10.0.0.0/16"));
        QCOMPARE(r.warnings.size(), 1U);
    }

    void diffOfThePeeringFix()
    {
        // The fix adds 10.2.0.0/16 → pcx-0ab to both A tables and 10.1.0.0/16 → pcx-0ab to rtb-b-main; nothing else.
        const TopologyLoadResult before = AwsJsonLoader::load(kBroken);
        const TopologyLoadResult after
            = AwsJsonLoader::load(QStringLiteral(FLOWLENS_TOPOLOGY_DATA "/peering-lab-fixed"));
        const TopologyDiff diff = TopologyDiff::compare(before.topology, after.topology);
        QCOMPARE(diff.toText(),
            QStringLiteral("+ route rtb-a-public: 10.2.0.0/16 → pcx-0ab\n"
                           "+ route rtb-a-main: 10.2.0.0/16 → pcx-0ab\n"
                           "+ route rtb-b-main: 10.1.0.0/16 → pcx-0ab\n"));
        QVERIFY(TopologyDiff::compare(after.topology, after.topology).empty());
        const QJsonArray json = TopologyDiff::compare(after.topology, before.topology).toJson();
        QCOMPARE(json.size(), 3);
        QCOMPARE(json[0].toObject().value(QLatin1String("change")).toString(), QStringLiteral("removed"));
    }

    void diffOfCraftedChanges()
    {
        const Topology before = AwsJsonLoader::load(kBroken).topology;
        Topology after = before;
        after.peerings[0].status = QStringLiteral("deleted");
        after.routeTables[0].routes[1].state = QStringLiteral("blackhole"); // rtb-a-public 0.0.0.0/0 → igw-a
        after.networkAcls[1].entries[0].ports = PortRange { 1024, 2000 }; // acl-b outbound 100
        after.networkAcls[1].entries.pop_back(); // acl-b inbound *
        after.securityGroups[0].inbound.erase(after.securityGroups[0].inbound.begin()); // sg-a-web tcp 22
        after.subnets.pop_back(); // subnet-b-private
        QStringList lines;
        for (const auto& c : TopologyDiff::compare(before, after).changes) {
            lines << c.toString();
        }
        QCOMPARE(lines.join(QLatin1Char('\n')),
            QStringLiteral("- subnet subnet-b-private: b-private (subnet-b-private)\n"
                           "~ route rtb-a-public: 0.0.0.0/0 igw-a → igw-a (blackhole)\n"
                           "~ peering pcx-0ab: status active → deleted\n"
                           "- acl-rule acl-b: inbound * → deny all traffic from 0.0.0.0/0\n"
                           "~ acl-rule acl-b: outbound 100 allow tcp 1024-65535 to 10.1.0.0/16 → allow tcp 1024-2000 "
                           "to 10.1.0.0/16\n"
                           "- sg-rule sg-a-web: inbound tcp 22 from 0.0.0.0/0"));
    }

    void missingPaths()
    {
        QTemporaryDir tmp;
        TopologyLoadResult r = AwsJsonLoader::load(tmp.filePath(QStringLiteral("nowhere")));
        QVERIFY(!r.ok());
        QVERIFY(allErrors(r).contains(QStringLiteral("does not exist")));
        r = AwsJsonLoader::load(tmp.path());
        QVERIFY(!r.ok());
        QVERIFY(allErrors(r).contains(QStringLiteral("holds no .json files")));
    }
};

QTEST_GUILESS_MAIN(TestTopologyLoader)
#include "tst_topologyloader.moc"
