// What the topology code reads from flow logs: inference without configuration, the evidence beside
// a verdict, and containment rules with the past flows they would have blocked. Stores are loaded
// from small logs written here; the expected figures are worked out by hand in the comments.
#include "ingest/loader.h"
#include "topology/awsjsonloader.h"
#include "topology/flowevidence.h"
#include "topology/networkaclcontainment.h"
#include "topology/topologyinference.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace flowlens;

namespace {

std::unique_ptr<FlowStore> storeOf(const QTemporaryDir& dir, const char* name, const QByteArray& text)
{
    QFile f(dir.filePath(QLatin1String(name)));
    f.open(QIODevice::WriteOnly);
    f.write(text);
    f.close();
    auto store = std::make_unique<FlowStore>();
    Loader::load(*store, { f.fileName() });
    return store;
}

Address ip(const char* text)
{
    return *Address::parse(text);
}

QString cidrOf(const std::optional<Cidr>& c)
{
    return c ? QString::fromStdString(c->toString()) : QStringLiteral("none");
}

const QByteArray kV5Header
    = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start "
      "end action log-status vpc-id subnet-id instance-id flow-direction\n";

QByteArray v5(const char* eni, const char* src, const char* dst, const char* vpc, const char* subnet,
    const char* instance, const char* direction)
{
    return QByteArray("5 111122223333 ") + eni + ' ' + src + ' ' + dst
        + " 40000 443 6 3 300 1700000000 1700000060 ACCEPT OK " + vpc + ' ' + subnet + ' ' + instance + ' ' + direction
        + '\n';
}

} // namespace

class TestTopologyFlows : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void coveringPrefix_data()
    {
        QTest::addColumn<QString>("addresses"); // separated by spaces
        QTest::addColumn<QString>("prefix");
        // 10 = 00001010 and 77 = 01001101 share one leading bit of the last byte: /25.
        QTest::addRow("two in a /24") << QStringLiteral("10.1.1.10 10.1.1.77") << QStringLiteral("10.1.1.0/25");
        // third bytes 1 = 00000001 and 2 = 00000010 share six bits: /22.
        QTest::addRow("across /24s") << QStringLiteral("10.1.2.20 10.1.1.10") << QStringLiteral("10.1.0.0/22");
        QTest::addRow("one") << QStringLiteral("10.2.1.30") << QStringLiteral("10.2.1.30/32");
        QTest::addRow("far apart") << QStringLiteral("10.0.0.1 192.168.0.1") << QStringLiteral("0.0.0.0/0");
        QTest::addRow("ipv6") << QStringLiteral("2001:db8::1 2001:db8::ff") << QStringLiteral("2001:db8::/120");
        QTest::addRow("mixed families") << QStringLiteral("10.0.0.1 2001:db8::1") << QStringLiteral("none");
    }
    void coveringPrefix()
    {
        QFETCH(QString, addresses);
        QFETCH(QString, prefix);
        std::vector<Address> list;
        for (const QString& a : addresses.split(QLatin1Char(' '))) {
            list.push_back(*Address::parse(a.toStdString()));
        }
        QCOMPARE(cidrOf(TopologyInference::coveringPrefix(list)), prefix);
    }

    void inferFromV5Fields()
    {
        const QByteArray log = kV5Header
            + v5("eni-a1", "203.0.113.50", "10.1.1.10", "vpc-0a1", "subnet-a-public", "i-a1", "ingress")
            + v5("eni-a1", "10.1.1.10", "10.2.1.30", "vpc-0a1", "subnet-a-public", "i-a1", "egress")
            + v5("eni-a1", "10.1.1.10", "10.2.5.9", "vpc-0a1", "subnet-a-public", "i-a1", "egress")
            + v5("eni-a2", "10.1.2.20", "8.8.8.8", "vpc-0a1", "subnet-a-private", "i-a2", "egress")
            + v5("eni-a2", "10.1.2.20", "10.1.1.77", "vpc-0a1", "subnet-a-private", "i-a2", "egress");
        const auto store = storeOf(m_dir, "v5.log", log);
        QCOMPARE(store->rowCount(), 5U);
        const Topology t = TopologyInference::fromStore(*store);
        QVERIFY(t.inferred);
        // vpc-0a1 from the records; 10.2.1.30 and 10.2.5.9 share 10.2.0.0/16 and no record names their VPC.
        QCOMPARE(t.vpcs.size(), 2U);
        const Vpc* a = t.vpc(QStringLiteral("vpc-0a1"));
        QVERIFY(a && a->inferred);
        // members 10.1.1.10, 10.1.1.77 (joins by its /16), 10.1.2.20: third bytes 1 and 2 → /22.
        QCOMPARE(cidrOf(a->cidrs.front()), QStringLiteral("10.1.0.0/22"));
        const Vpc* b = t.vpc(QStringLiteral("inferred:10.2.0.0/16"));
        QVERIFY(b);
        QCOMPARE(cidrOf(b->cidrs.front()), QStringLiteral("10.2.0.0/21")); // 10.2.1.30 and 10.2.5.9: third bytes 1, 5
        // subnet-a-public holds 10.1.1.10 and 10.1.1.77 (same /24) → /25; subnet-a-private only 10.1.2.20.
        QCOMPARE(cidrOf(t.subnet(QStringLiteral("subnet-a-public"))->cidr), QStringLiteral("10.1.1.0/25"));
        QCOMPARE(cidrOf(t.subnet(QStringLiteral("subnet-a-private"))->cidr), QStringLiteral("10.1.2.20/32"));
        QCOMPARE(t.subnet(QStringLiteral("inferred:10.2.1.0/24"))->vpcId, QStringLiteral("inferred:10.2.0.0/16"));
        QCOMPARE(t.subnet(QStringLiteral("inferred:10.2.5.0/24"))->vpcId, QStringLiteral("inferred:10.2.0.0/16"));
        QCOMPARE(t.subnets.size(), 4U);
        // eni-a1's address is the one flow-direction names: dst of the ingress record, src of egress ones.
        const NetworkInterface* a1 = t.networkInterface(QStringLiteral("eni-a1"));
        QCOMPARE(a1->privateAddresses, std::vector<Address> { ip("10.1.1.10") });
        QCOMPARE(a1->instanceId, QStringLiteral("i-a1"));
        QCOMPARE(t.instance(QStringLiteral("i-a2"))->subnetId, QStringLiteral("subnet-a-private"));
        const NetworkInterface* host = t.networkInterface(QStringLiteral("inferred:10.1.1.77"));
        QVERIFY(host && host->inferred);
        QCOMPARE(host->subnetId, QStringLiteral("subnet-a-public"));
        QCOMPARE(t.interfaces.size(), 5U); // eni-a1, eni-a2, 10.1.1.77, 10.2.1.30, 10.2.5.9
        QCOMPARE(t.internetAddresses, (std::vector<Address> { ip("8.8.8.8"), ip("203.0.113.50") }));
    }

    void inferFromAddressesOnly()
    {
        // Version 2: no membership fields. eni-x names 10.9.0.5 in all three records, 10.9.3.7 in two.
        const QByteArray log = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                               "start end action log-status\n"
                               "2 1 eni-x 10.9.0.5 10.9.3.7 40000 22 6 1 60 1700000000 1700000060 ACCEPT OK\n"
                               "2 1 eni-x 10.9.3.7 10.9.0.5 22 40000 6 1 60 1700000000 1700000060 ACCEPT OK\n"
                               "2 1 eni-x 10.9.0.5 8.8.4.4 40001 53 17 1 60 1700000000 1700000060 ACCEPT OK\n";
        const auto store = storeOf(m_dir, "v2.log", log);
        const Topology t = TopologyInference::fromStore(*store);
        const NetworkInterface* x = t.networkInterface(QStringLiteral("eni-x"));
        QCOMPARE(x->privateAddresses, std::vector<Address> { ip("10.9.0.5") });
        QCOMPARE(x->vpcId, QStringLiteral("inferred:10.9.0.0/16"));
        QCOMPARE(x->subnetId, QStringLiteral("inferred:10.9.0.0/24"));
        QCOMPARE(t.vpcs.size(), 1U);
        QCOMPARE(cidrOf(t.vpcs[0].cidrs.front()), QStringLiteral("10.9.0.0/22")); // third bytes 0 and 3
        QCOMPARE(
            t.networkInterface(QStringLiteral("inferred:10.9.3.7"))->subnetId, QStringLiteral("inferred:10.9.3.0/24"));
        QCOMPARE(t.internetAddresses, std::vector<Address> { ip("8.8.4.4") });
    }

    void evidence()
    {
        // Requests 10.1.1.10 → 10.2.1.30:5432: lines 1, 2 (ACCEPT, 180 and 120 bytes) and 3 (REJECT, 60 bytes);
        // line 4 is port 22 and line 5 is udp: neither counts. No record comes back from 5432.
        const QByteArray log = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                               "start end action log-status\n"
                               "2 1 eni-a1 10.1.1.10 10.2.1.30 40001 5432 6 3 180 1700000000 1700000060 ACCEPT OK\n"
                               "2 1 eni-a1 10.1.1.10 10.2.1.30 40002 5432 6 2 120 1700000000 1700000060 ACCEPT OK\n"
                               "2 1 eni-a1 10.1.1.10 10.2.1.30 40003 5432 6 1 60 1700000000 1700000060 REJECT OK\n"
                               "2 1 eni-a1 10.1.1.10 10.2.1.30 40004 22 6 1 60 1700000000 1700000060 ACCEPT OK\n"
                               "2 1 eni-a1 10.1.1.10 10.2.1.30 40005 5432 17 1 60 1700000000 1700000060 ACCEPT OK\n"
                               "2 1 eni-a1 10.2.1.30 10.1.1.10 22 40004 6 1 60 1700000000 1700000060 ACCEPT OK\n";
        const auto store = storeOf(m_dir, "evidence.log", log);
        FlowQuery q { ip("10.1.1.10"), ip("10.2.1.30"), 6, 5432, std::nullopt };
        const FlowEvidence e = FlowEvidence::find(*store, q);
        QCOMPARE(e.requests, 3U);
        QCOMPARE(e.requestRejects, 1U);
        QCOMPARE(e.requestBytes, 360U);
        QCOMPARE(e.replies, 0U);
        QVERIFY(e.oneWay());
        QCOMPARE(e.rejectRows.size(), 1U);
        QCOMPARE(store->snapshot().chunk(e.rejectRows[0]).line(rowOf(e.rejectRows[0])), 4U); // file line 4
        QVERIFY(e.summary().contains(QStringLiteral("one-way")));
        // Port 22 was answered (line 7).
        q.port = 22;
        const FlowEvidence ssh = FlowEvidence::find(*store, q);
        QCOMPARE(ssh.requests, 1U);
        QCOMPARE(ssh.replies, 1U);
        QVERIFY(!ssh.oneWay());
        // An address the logs never saw: nothing.
        q.destination = ip("10.3.0.1");
        QVERIFY(FlowEvidence::find(*store, q).empty());
    }

    void containment()
    {
        const TopologyLoadResult lab = AwsJsonLoader::load(QStringLiteral(FLOWLENS_TOPOLOGY_DATA "/peering-lab-fixed"));
        QVERIFY(lab.ok());
        // acl-a: rule 100 (all, 0.0.0.0/0) is the first to match in both directions → 99.
        // acl-b inbound: 100 and 110 are for 10.1.0.0/16, 120 (tcp, 0.0.0.0/0) matches → 119.
        // acl-b outbound: only 10.1.0.0/16 rules and the final deny → nothing to add.
        ContainmentPlan plan = NetworkAclContainment::plan(lab.topology, ip("198.51.100.99"));
        QCOMPARE(plan.rules.size(), 3U);
        QCOMPARE(plan.awsCli(),
            QStringLiteral(
                "aws ec2 create-network-acl-entry --network-acl-id acl-a --ingress --rule-number 99 --protocol -1 "
                "--rule-action deny --cidr-block 198.51.100.99/32\n"
                "aws ec2 create-network-acl-entry --network-acl-id acl-a --egress --rule-number 99 --protocol -1 "
                "--rule-action deny --cidr-block 198.51.100.99/32\n"
                "aws ec2 create-network-acl-entry --network-acl-id acl-b --ingress --rule-number 119 --protocol -1 "
                "--rule-action deny --cidr-block 198.51.100.99/32\n"));
        QCOMPARE(plan.rollbackCli(),
            QStringLiteral("aws ec2 delete-network-acl-entry --network-acl-id acl-a --ingress --rule-number 99\n"
                           "aws ec2 delete-network-acl-entry --network-acl-id acl-a --egress --rule-number 99\n"
                           "aws ec2 delete-network-acl-entry --network-acl-id acl-b --ingress --rule-number 119\n"));
        QCOMPARE(plan.notes.size(), 1);
        QVERIFY(plan.notes[0].startsWith(QStringLiteral("acl-b: no outbound rule matches")));
        QVERIFY(plan.terraform().contains(
            QStringLiteral("resource \"aws_network_acl_rule\" \"flowlens_block_acl_b_ingress_119\"")));
        QVERIFY(plan.terraform().contains(QStringLiteral("cidr_block     = \"198.51.100.99/32\"")));
        QVERIFY(plan.cloudFormation().contains(
            QStringLiteral("  FlowlensBlockAclBIngress119:\n    Type: AWS::EC2::NetworkAclEntry")));

        // Only acl-a, whose rules 99 and 98 are taken: 97. A deny for the /24 at 50 in acl-b: nothing to add there.
        Topology t = lab.topology;
        for (int n : { 99, 98 }) {
            NetworkAclEntry taken;
            taken.ruleNumber = n;
            taken.allow = true;
            taken.cidr = Cidr::parse("10.0.0.0/8");
            t.networkAcls[0].entries.insert(t.networkAcls[0].entries.begin(), taken);
        }
        std::sort(t.networkAcls[0].entries.begin(), t.networkAcls[0].entries.end(),
            [](const auto& x, const auto& y) { return x.ruleNumber < y.ruleNumber; });
        plan = NetworkAclContainment::plan(t, ip("198.51.100.99"), { QStringLiteral("acl-a") });
        QCOMPARE(plan.rules.size(), 2U);
        QCOMPARE(plan.rules[0].ruleNumber, 97);
        QCOMPARE(plan.rules[1].ruleNumber, 99); // the taken numbers were inbound only

        // The first matching rule is number 1: no room.
        t.networkAcls[0].entries.front().ruleNumber = 1;
        t.networkAcls[0].entries.front().cidr = Cidr::parse("0.0.0.0/0");
        plan = NetworkAclContainment::plan(t, ip("198.51.100.99"), { QStringLiteral("acl-a") });
        QCOMPARE(plan.rules.size(), 1U); // outbound still fits
        QVERIFY(plan.notes.join(QLatin1Char('\n')).contains(QStringLiteral("no free inbound rule number below 1")));
    }

    void containmentMeasure()
    {
        // Behind acl-a or acl-b: 10.1.1.10 and 10.2.1.30. Lines 1-3 count (1000 + 5000 + 300 bytes);
        // 5000 leaves the VPC to the public address; line 4 is another address, line 5 is not behind an ACL.
        const QByteArray log = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                               "start end action log-status\n"
                               "2 1 eni-a1 198.51.100.99 10.1.1.10 40001 22 6 3 1000 1700000000 1700000060 ACCEPT OK\n"
                               "2 1 eni-a1 10.1.1.10 198.51.100.99 22 40001 6 5 5000 1700000000 1700000060 ACCEPT OK\n"
                               "2 1 eni-b1 198.51.100.99 10.2.1.30 40002 5432 6 1 300 1700000000 1700000060 REJECT OK\n"
                               "2 1 eni-a1 8.8.8.8 10.1.1.10 53 40003 17 1 77 1700000000 1700000060 ACCEPT OK\n"
                               "2 1 eni-z 198.51.100.99 172.16.0.1 40004 80 6 1 99 1700000000 1700000060 ACCEPT OK\n";
        const auto store = storeOf(m_dir, "containment.log", log);
        const TopologyLoadResult lab = AwsJsonLoader::load(QStringLiteral(FLOWLENS_TOPOLOGY_DATA "/peering-lab-fixed"));
        ContainmentPlan plan = NetworkAclContainment::plan(lab.topology, ip("198.51.100.99"));
        NetworkAclContainment::measure(plan, lab.topology, *store);
        QCOMPARE(plan.blockedRecords, 3U);
        QCOMPARE(plan.blockedBytes, 6300U);
        QCOMPARE(plan.blockedBytesOut, 5000U);
        QCOMPARE(plan.blockedCost(), 5000 / 1e9 * 0.09);
        QCOMPARE(plan.blockedRows.size(), 3U);
    }
};

QTEST_GUILESS_MAIN(TestTopologyFlows)
#include "tst_topologyflows.moc"
