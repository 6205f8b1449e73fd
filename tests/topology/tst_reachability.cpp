// Reachability verdicts on the hand-made peering lab (tests/topology/data) and variations of it.
// Each expected verdict is derived by hand in the comment above it from the fixture's rules.
#include "topology/awsjsonloader.h"
#include "topology/networkaclevaluator.h"
#include "topology/reachabilityanalyzer.h"

#include <QTest>
#include <random>

using namespace flowlens;

namespace {

Topology loadLab(const char* name)
{
    const TopologyLoadResult r = AwsJsonLoader::load(QStringLiteral(FLOWLENS_TOPOLOGY_DATA "/") + QLatin1String(name));
    if (!r.ok()) {
        qFatal("fixture %s does not load: %s", name, qPrintable(r.errors.front().toString()));
    }
    return r.topology;
}

Address ip(const char* text)
{
    return *Address::parse(text);
}

FlowQuery flow(const char* src, const char* dst, int protocol, int port)
{
    return { ip(src), ip(dst), protocol, port, std::nullopt };
}

template <class T> T& byId(std::vector<T>& items, const char* id)
{
    for (auto& item : items) {
        if (item.id == QLatin1String(id)) {
            return item;
        }
    }
    qFatal("no %s in the fixture", id);
}

QString trace(const ReachResult& r)
{
    QStringList lines { verdictName(r.verdict) + QStringLiteral(" at ") + r.blockingId, r.explanation, r.fix };
    for (const auto& s : r.steps) {
        lines << (s.passed ? QStringLiteral("  ok   ") : QStringLiteral("  FAIL ")) + s.text;
    }
    for (const auto& n : r.notes) {
        lines << QStringLiteral("  note ") + n;
    }
    return lines.join(QLatin1Char('\n'));
}

#define EXPECT_VERDICT(result, expected, blocking)                                                                     \
    do {                                                                                                               \
        const ReachResult& res_ = (result);                                                                            \
        QVERIFY2(res_.verdict == (expected), qPrintable(trace(res_)));                                                 \
        QCOMPARE(res_.blockingId, QStringLiteral(blocking));                                                           \
    } while (false)

const char* kA1 = "10.1.1.10"; // eni-a1, subnet-a-public, sg-a-web, public 203.0.113.10
const char* kA2 = "10.1.2.20"; // eni-a2, subnet-a-private (main route table → nat-a), sg-a-app
const char* kB1 = "10.2.1.30"; // eni-b1, subnet-b-private (acl-b), sg-b-db

} // namespace

class TestReachability : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void peeringLabFailure()
    {
        // rtb-a-public holds 10.1.0.0/16 → local and 0.0.0.0/0 → igw-a: 10.2.1.30 matches only the
        // default route, and an internet gateway drops private destinations. Security group a-web
        // (all outbound) and acl-a (rule 100 allows all) pass before the route is looked up.
        const Topology t = loadLab("peering-lab-broken");
        const ReachResult r = ReachabilityAnalyzer(t).evaluate(flow(kA1, kB1, 6, 5432));
        EXPECT_VERDICT(r, ReachVerdict::NoRoute, "rtb-a-public");
        QVERIFY2(r.explanation.startsWith(QStringLiteral(
                     "10.1.0.0/16 has no route to 10.2.0.0/16: route table rtb-a-public sends it to igw-a")),
            qPrintable(r.explanation));
        QVERIFY2(r.fix.startsWith(QStringLiteral("add a route for 10.2.0.0/16 to pcx-0ab in rtb-a-public")),
            qPrintable(r.fix));
        QVERIFY2(r.fix.endsWith(QStringLiteral("and one for 10.1.0.0/16 to pcx-0ab in rtb-b-main")), qPrintable(r.fix));

        // From the private subnet the main table's default route goes to nat-a: no route either.
        const ReachResult viaNat = ReachabilityAnalyzer(t).evaluate(flow(kA2, kB1, 6, 5432));
        EXPECT_VERDICT(viaNat, ReachVerdict::NoRoute, "rtb-a-main");
        QVERIFY(viaNat.explanation.contains(QStringLiteral("nat-a")));
    }

    void peeringLabFixed()
    {
        // Both A tables route 10.2.0.0/16 → pcx-0ab (a /16 beats the /0), pcx-0ab is active and its
        // accepter is vpc-0b2, rtb-b-main routes 10.1.0.0/16 back through pcx-0ab; acl-b inbound rule
        // 100 allows tcp 5432 from 10.1.0.0/16; sg-b-db allows 5432 from 10.1.0.0/16; replies leave
        // acl-b by rule 100 (tcp 1024-65535 to 10.1.0.0/16, covering 32768-65535) and enter acl-a by rule 100.
        const Topology t = loadLab("peering-lab-fixed");
        const ReachResult r = ReachabilityAnalyzer(t).evaluate(flow(kA1, kB1, 6, 5432));
        EXPECT_VERDICT(r, ReachVerdict::Reachable, "");
        QVERIFY2(r.notes.empty(), qPrintable(trace(r)));
        QStringList path;
        for (const auto& s : r.steps) {
            path << s.elementId;
        }
        QCOMPARE(path.join(QLatin1Char(' ')),
            QStringLiteral("eni-a1 sg-a-web acl-a rtb-a-public pcx-0ab rtb-b-main acl-b sg-b-db acl-b acl-a"));
        // ICMP from the private subnet: main table has the pcx route too; acl-b rule 110 and sg-b-db's icmp rule.
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow(kA2, kB1, 1, 0)), ReachVerdict::Reachable, "");
    }

    void noRouteBack()
    {
        // Only VPC A was fixed: rtb-b-main has just 10.2.0.0/16 → local, nothing for 10.1.1.10.
        Topology t = loadLab("peering-lab-fixed");
        auto& routes = byId(t.routeTables, "rtb-b-main").routes;
        routes.erase(routes.begin() + 1);
        const ReachResult r = ReachabilityAnalyzer(t).evaluate(flow(kA1, kB1, 6, 5432));
        EXPECT_VERDICT(r, ReachVerdict::NoReturnRoute, "rtb-b-main");
        QVERIFY2(r.explanation.startsWith(QStringLiteral("10.2.0.0/16 has no route back to 10.1.0.0/16")),
            qPrintable(r.explanation));
        QCOMPARE(r.fix, QStringLiteral("add a route for 10.1.0.0/16 to pcx-0ab in rtb-b-main"));
    }

    void peeringNotActive()
    {
        Topology t = loadLab("peering-lab-fixed");
        byId(t.peerings, "pcx-0ab").status = QStringLiteral("pending-acceptance");
        const ReachResult r = ReachabilityAnalyzer(t).evaluate(flow(kA1, kB1, 6, 5432));
        EXPECT_VERDICT(r, ReachVerdict::PeeringInactive, "pcx-0ab");
        QVERIFY(r.explanation.contains(QStringLiteral("pending-acceptance")));
        QVERIFY(r.fix.startsWith(QStringLiteral("accept pcx-0ab")));
    }

    void blackhole()
    {
        Topology t = loadLab("peering-lab-fixed");
        byId(t.routeTables, "rtb-a-public").routes[1].state = QStringLiteral("blackhole");
        EXPECT_VERDICT(
            ReachabilityAnalyzer(t).evaluate(flow(kA1, kB1, 6, 5432)), ReachVerdict::Blackhole, "rtb-a-public");
    }

    void networkAclDeniesRequest()
    {
        // tcp 22 into subnet-b-private: acl-b inbound 100 is 5432 only, 110 is icmp, 120 is 1024-65535:
        // nothing matches 22, so the final * rule denies.
        const Topology t = loadLab("peering-lab-fixed");
        const ReachResult r = ReachabilityAnalyzer(t).evaluate(flow(kA1, kB1, 6, 22));
        EXPECT_VERDICT(r, ReachVerdict::NetworkAclDenied, "acl-b");
        QVERIFY2(
            r.explanation.contains(QStringLiteral("denies inbound tcp 22 from 10.1.1.10")), qPrintable(r.explanation));
        QVERIFY(r.explanation.contains(QStringLiteral("final rule *")));
        // An explicit deny before the allow decides: rule 90 denies 10.1.1.0/24 on 5432.
        Topology denied = t;
        NetworkAclEntry deny;
        deny.ruleNumber = 90;
        deny.protocol = 6;
        deny.ports = PortRange { 5432, 5432 };
        deny.cidr = Cidr::parse("10.1.1.0/24");
        auto& entries = byId(denied.networkAcls, "acl-b").entries;
        entries.insert(entries.begin(), deny);
        const ReachResult r90 = ReachabilityAnalyzer(denied).evaluate(flow(kA1, kB1, 6, 5432));
        EXPECT_VERDICT(r90, ReachVerdict::NetworkAclDenied, "acl-b");
        QVERIFY(r90.explanation.contains(QStringLiteral("rule 90 denies it")));
        // …but not the private subnet, 10.1.2.0/24: rule 100 allows it.
        EXPECT_VERDICT(ReachabilityAnalyzer(denied).evaluate(flow(kA2, kB1, 6, 5432)), ReachVerdict::Reachable, "");
    }

    void networkAclBlocksReplies()
    {
        // acl-b outbound 100 narrowed to tcp 1024-2000: replies to the client's 32768-65535 match no
        // rule and fall to the final deny. A client known to use port 1500 gets its replies.
        Topology t = loadLab("peering-lab-fixed");
        byId(t.networkAcls, "acl-b").entries.front().ports = PortRange { 1024, 2000 };
        QVERIFY(byId(t.networkAcls, "acl-b").entries.front().egress);
        const ReachResult r = ReachabilityAnalyzer(t).evaluate(flow(kA1, kB1, 6, 5432));
        EXPECT_VERDICT(r, ReachVerdict::NetworkAclDenied, "acl-b");
        QVERIFY2(r.explanation.contains(QStringLiteral("blocks the replies")), qPrintable(r.explanation));
        FlowQuery known = flow(kA1, kB1, 6, 5432);
        known.sourcePort = 1500;
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(known), ReachVerdict::Reachable, "");
        // 1024-40000: part of the ephemeral range passes; reachable, with a note naming 32768-40000.
        byId(t.networkAcls, "acl-b").entries.front().ports = PortRange { 1024, 40000 };
        const ReachResult partial = ReachabilityAnalyzer(t).evaluate(flow(kA1, kB1, 6, 5432));
        EXPECT_VERDICT(partial, ReachVerdict::Reachable, "");
        QCOMPARE(partial.notes.size(), 1U);
        QVERIFY2(partial.notes[0].contains(QStringLiteral("32768-40000")), qPrintable(partial.notes[0]));
    }

    void securityGroupDeniesInbound()
    {
        // tcp 8080: acl-b inbound rule 120 (tcp 1024-65535 from anywhere) allows; sg-b-db has 5432 and icmp only.
        const Topology t = loadLab("peering-lab-fixed");
        const ReachResult r = ReachabilityAnalyzer(t).evaluate(flow(kA1, kB1, 6, 8080));
        EXPECT_VERDICT(r, ReachVerdict::SecurityGroupDenied, "sg-b-db");
        QVERIFY(r.explanation.contains(QStringLiteral("allow no inbound tcp 8080 from 10.1.1.10")));
        QVERIFY2(r.fix.contains(QStringLiteral("sg-b-db allowing tcp 8080 from 10.1.0.0/16")), qPrintable(r.fix));
    }

    void securityGroupReferences()
    {
        // sg-a-app allows 5432 from members of sg-a-web: eni-a1 is one (same VPC, local route, acl-a both ways).
        const Topology t = loadLab("peering-lab-fixed");
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow(kA1, kA2, 6, 5432)), ReachVerdict::Reachable, "");
        // eni-b1 (sg-b-db) is not: its packet passes acl-b outbound 100 (5432 is within 1024-65535),
        // the peering both ways and acl-a, then sg-a-app has no rule for it.
        const ReachResult r = ReachabilityAnalyzer(t).evaluate(flow(kB1, kA2, 6, 5432));
        EXPECT_VERDICT(r, ReachVerdict::SecurityGroupDenied, "sg-a-app");
    }

    void securityGroupDeniesOutbound()
    {
        Topology t = loadLab("peering-lab-fixed");
        SecurityGroupRule https;
        https.protocol = 6;
        https.ports = PortRange { 443, 443 };
        https.cidrs = { *Cidr::parse("0.0.0.0/0") };
        byId(t.securityGroups, "sg-a-web").outbound = { https };
        const ReachResult r = ReachabilityAnalyzer(t).evaluate(flow(kA1, kB1, 6, 5432));
        EXPECT_VERDICT(r, ReachVerdict::SecurityGroupDenied, "sg-a-web");
        QVERIFY(r.explanation.contains(QStringLiteral("outbound")));
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow(kA1, "8.8.8.8", 6, 443)), ReachVerdict::Reachable, "");
    }

    void internet()
    {
        const Topology t = loadLab("peering-lab-broken");
        // Out through igw-a with the public address 203.0.113.10.
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow(kA1, "8.8.8.8", 6, 443)), ReachVerdict::Reachable, "");
        // From the private subnet: main table 0.0.0.0/0 → nat-a (available), whose subnet routes to igw-a.
        const ReachResult nat = ReachabilityAnalyzer(t).evaluate(flow(kA2, "8.8.8.8", 6, 443));
        EXPECT_VERDICT(nat, ReachVerdict::Reachable, "");
        QVERIFY(std::any_of(nat.steps.begin(), nat.steps.end(),
            [](const ReachStep& s) { return s.elementId == QLatin1String("nat-a"); }));
        // The NAT gateway's subnet ACL (acl-a on subnet-a-public) is checked both ways, not left as a note.
        QVERIFY(std::any_of(nat.steps.begin(), nat.steps.end(), [](const ReachStep& s) {
            return s.text.startsWith(QStringLiteral("network ACL acl-a of subnet-a-public allows outbound tcp 443"));
        }));
        QVERIFY(std::none_of(nat.notes.begin(), nat.notes.end(),
            [](const QString& n) { return n.contains(QStringLiteral("was not checked")); }));
        // In to the public address: igw-a, rtb-a-public routes the reply to igw-a, acl-a, sg-a-web allows 22 from
        // 0.0.0.0/0.
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow("198.51.100.99", "203.0.113.10", 6, 22)),
            ReachVerdict::Reachable, "");
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow("198.51.100.99", "203.0.113.10", 6, 3389)),
            ReachVerdict::SecurityGroupDenied, "sg-a-web");
        // The internet cannot address a private IP, nor open connections to a NAT gateway.
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow("198.51.100.99", kA2, 6, 22)), ReachVerdict::NoRoute,
            "subnet-a-private");
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow("198.51.100.99", "198.51.100.7", 6, 22)),
            ReachVerdict::NoRoute, "eni-nat");
    }

    void noInternetPath()
    {
        Topology t = loadLab("peering-lab-broken");
        byId(t.interfaces, "eni-a1").publicAddresses.clear();
        EXPECT_VERDICT(
            ReachabilityAnalyzer(t).evaluate(flow(kA1, "8.8.8.8", 6, 443)), ReachVerdict::NoInternetPath, "eni-a1");
        byId(t.natGateways, "nat-a").state = QStringLiteral("deleted");
        EXPECT_VERDICT(
            ReachabilityAnalyzer(t).evaluate(flow(kA2, "8.8.8.8", 6, 443)), ReachVerdict::NoInternetPath, "nat-a");
    }

    void sameSubnetSkipsAcls()
    {
        // A second interface in subnet-a-public, and acl-a denying everything: NACLs only filter traffic
        // that crosses a subnet boundary, so a3 → a1 on 22 passes (sg-a-web allows 22 from 0.0.0.0/0).
        Topology t = loadLab("peering-lab-broken");
        NetworkInterface a3;
        a3.id = QStringLiteral("eni-a3");
        a3.subnetId = QStringLiteral("subnet-a-public");
        a3.vpcId = QStringLiteral("vpc-0a1");
        a3.privateAddresses = { ip("10.1.1.11") };
        a3.securityGroupIds = { QStringLiteral("sg-a-web") };
        t.interfaces.push_back(a3);
        for (auto& e : byId(t.networkAcls, "acl-a").entries) {
            e.allow = false;
        }
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow("10.1.1.11", kA1, 6, 22)), ReachVerdict::Reachable, "");
        // …while crossing into subnet-a-private meets the deny.
        EXPECT_VERDICT(
            ReachabilityAnalyzer(t).evaluate(flow("10.1.1.11", kA2, 6, 22)), ReachVerdict::NetworkAclDenied, "acl-a");
    }

    void unknownEnds()
    {
        const Topology t = loadLab("peering-lab-fixed");
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow("172.16.5.5", kA1, 6, 22)), ReachVerdict::Unknown, "");
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow("8.8.8.8", "1.1.1.1", 6, 22)), ReachVerdict::Unknown, "");
    }

    void natGatewaySubnetAcl()
    {
        // subnet-a-public (where nat-a sits) gets an ACL of its own, acl-nat; subnet-a-private keeps
        // acl-a (allow all). a2 → 8.8.8.8:443 goes a2 → nat-a (into subnet-a-public) → igw-a.
        Topology base = loadLab("peering-lab-broken");
        NetworkAcl& aclA = byId(base.networkAcls, "acl-a");
        aclA.subnetIds = { QStringLiteral("subnet-a-private") };
        auto entry = [](int number, bool egress, bool allow, const char* cidr, int protocol = -1) {
            NetworkAclEntry e;
            e.ruleNumber = number;
            e.egress = egress;
            e.allow = allow;
            e.protocol = protocol;
            e.cidr = Cidr::parse(cidr);
            return e;
        };
        auto withNatAcl = [&](std::vector<NetworkAclEntry> entries) {
            Topology t = base;
            NetworkAcl acl;
            acl.id = QStringLiteral("acl-nat");
            acl.vpcId = QStringLiteral("vpc-0a1");
            acl.subnetIds = { QStringLiteral("subnet-a-public") };
            entries.push_back(entry(32767, false, false, "0.0.0.0/0"));
            entries.push_back(entry(32767, true, false, "0.0.0.0/0"));
            std::sort(entries.begin(), entries.end(), [](auto& x, auto& y) { return x.ruleNumber < y.ruleNumber; });
            acl.entries = entries;
            t.networkAcls.push_back(acl);
            return ReachabilityAnalyzer(t).evaluate(flow(kA2, "8.8.8.8", 6, 443));
        };
        // Allow all both ways: reachable, with the NAT subnet's ACL among the steps.
        const ReachResult open
            = withNatAcl({ entry(100, false, true, "0.0.0.0/0"), entry(100, true, true, "0.0.0.0/0") });
        EXPECT_VERDICT(open, ReachVerdict::Reachable, "");
        QVERIFY(std::any_of(open.steps.begin(), open.steps.end(),
            [](const ReachStep& s) { return s.elementId == QLatin1String("acl-nat"); }));
        // Inbound only from 10.1.0.0/16: the request from a2 enters, but 8.8.8.8's replies to the NAT's
        // ports 1024-65535 do not.
        const ReachResult replies
            = withNatAcl({ entry(100, false, true, "10.1.0.0/16"), entry(100, true, true, "0.0.0.0/0") });
        EXPECT_VERDICT(replies, ReachVerdict::NetworkAclDenied, "acl-nat");
        QVERIFY2(replies.explanation.contains(QStringLiteral("blocks the replies"))
                && replies.explanation.contains(QStringLiteral("NAT gateway nat-a 1024-65535")),
            qPrintable(trace(replies)));
        // Outbound only to 10.1.0.0/16: the translated request cannot leave for 8.8.8.8.
        const ReachResult out
            = withNatAcl({ entry(100, false, true, "0.0.0.0/0"), entry(100, true, true, "10.1.0.0/16") });
        EXPECT_VERDICT(out, ReachVerdict::NetworkAclDenied, "acl-nat");
        QVERIFY2(
            out.explanation.contains(QStringLiteral("denies outbound tcp 443 to 8.8.8.8")), qPrintable(trace(out)));
        // Inbound denies 10.1.2.0/24 first: the request from a2 never reaches the NAT gateway.
        const ReachResult in = withNatAcl({ entry(50, false, false, "10.1.2.0/24"),
            entry(100, false, true, "0.0.0.0/0"), entry(100, true, true, "0.0.0.0/0") });
        EXPECT_VERDICT(in, ReachVerdict::NetworkAclDenied, "acl-nat");
        QVERIFY2(in.explanation.contains(QStringLiteral("denies inbound tcp 443 from 10.1.2.20: rule 50 denies it")),
            qPrintable(trace(in)));
    }

    void leavesThroughGateways()
    {
        // rtb-a-main (subnet-a-private's main table) gets routes to a transit gateway, a VPN gateway
        // and an S3 gateway endpoint (by prefix list). sg-a-app and acl-a allow everything outbound.
        Topology t = loadLab("peering-lab-fixed");
        RouteTable& main = byId(t.routeTables, "rtb-a-main");
        Route tgw;
        tgw.destination = Cidr::parse("10.9.0.0/16");
        tgw.transitGatewayId = QStringLiteral("tgw-0abc");
        tgw.state = QStringLiteral("active");
        Route vgw;
        vgw.destination = Cidr::parse("192.168.0.0/16");
        vgw.gatewayId = QStringLiteral("vgw-0def");
        vgw.state = QStringLiteral("active");
        Route endpoint;
        endpoint.destinationPrefixList = QStringLiteral("pl-63a5400a");
        endpoint.gatewayId = QStringLiteral("vpce-0s3");
        endpoint.state = QStringLiteral("active");
        main.routes.push_back(tgw);
        main.routes.push_back(vgw);
        main.routes.push_back(endpoint);

        const ReachResult viaTgw = ReachabilityAnalyzer(t).evaluate(flow(kA2, "10.9.1.1", 6, 443));
        EXPECT_VERDICT(viaTgw, ReachVerdict::LeavesVpc, "tgw-0abc");
        QVERIFY2(viaTgw.explanation.contains(QStringLiteral("leaves the VPC via tgw-0abc"))
                && viaTgw.explanation.contains(QStringLiteral("FlowLens cannot see beyond it")),
            qPrintable(trace(viaTgw)));
        QCOMPARE(verdictName(viaTgw.verdict), QStringLiteral("leaves-vpc"));
        const ReachResult viaVgw = ReachabilityAnalyzer(t).evaluate(flow(kA2, "192.168.4.4", 17, 53));
        EXPECT_VERDICT(viaVgw, ReachVerdict::LeavesVpc, "vgw-0def");
        QVERIFY(viaVgw.explanation.contains(QStringLiteral("virtual private gateway")));

        // The prefix list's entries are not loaded: whether 52.216.1.1 is in it is unknown, so is the route.
        const ReachResult unknownList = ReachabilityAnalyzer(t).evaluate(flow(kA2, "52.216.1.1", 6, 443));
        EXPECT_VERDICT(unknownList, ReachVerdict::Unknown, "");
        QVERIFY2(unknownList.explanation.contains(QStringLiteral("pl-63a5400a"))
                && unknownList.explanation.contains(QStringLiteral("unknown")),
            qPrintable(trace(unknownList)));
        // A more specific route (the local one here) is taken whatever the list holds; a note says so.
        const ReachResult local = ReachabilityAnalyzer(t).evaluate(flow(kA2, kA1, 6, 22));
        EXPECT_VERDICT(local, ReachVerdict::Reachable, "");
        QVERIFY(std::any_of(local.notes.begin(), local.notes.end(),
            [](const QString& n) { return n.contains(QStringLiteral("pl-63a5400a")); }));

        // With S3's list (52.216.0.0/15): 52.216.1.1 takes the endpoint route (/15 beats 0.0.0.0/0).
        t.prefixLists.push_back({ QStringLiteral("pl-63a5400a"), QStringLiteral("com.amazonaws.us-east-1.s3"),
            { *Cidr::parse("52.216.0.0/15"), *Cidr::parse("54.231.0.0/17") }, true });
        const ReachResult s3 = ReachabilityAnalyzer(t).evaluate(flow(kA2, "52.216.1.1", 6, 443));
        EXPECT_VERDICT(s3, ReachVerdict::LeavesVpc, "vpce-0s3");
        QVERIFY2(s3.explanation.contains(QStringLiteral("VPC endpoint")), qPrintable(trace(s3)));
        QVERIFY(std::any_of(s3.steps.begin(), s3.steps.end(),
            [](const ReachStep& s) { return s.text.contains(QStringLiteral("com.amazonaws.us-east-1.s3")); }));
        // An address outside the list goes the default way: nat-a.
        EXPECT_VERDICT(ReachabilityAnalyzer(t).evaluate(flow(kA2, "8.8.8.8", 6, 443)), ReachVerdict::Reachable, "");
    }

    void prefixListRoutePriority()
    {
        // Longest prefix first, counting a list's matching entry; at equal length the CIDR route wins.
        Topology t;
        t.prefixLists.push_back(
            { QStringLiteral("pl-1"), {}, { *Cidr::parse("52.216.0.0/15"), *Cidr::parse("52.216.8.0/24") }, true });
        RouteTable table;
        auto add = [&](const char* cidr, const char* list, const char* target) {
            Route r;
            if (cidr) {
                r.destination = Cidr::parse(cidr);
            }
            r.destinationPrefixList = QLatin1String(list);
            r.gatewayId = QLatin1String(target);
            r.state = QStringLiteral("active");
            table.routes.push_back(r);
        };
        add("0.0.0.0/0", "", "igw-1");
        add(nullptr, "pl-1", "vpce-1");
        add("52.216.0.0/15", "", "vgw-1");
        add("52.216.8.0/23", "", "vgw-2");
        auto target = [&](const char* address) {
            const auto m = ReachabilityAnalyzer::match(t, table, ip(address));
            return m.route ? m.route->target() : QString();
        };
        QCOMPARE(target("52.217.0.1"), QStringLiteral("vgw-1")); // /15 both ways: the CIDR route
        QCOMPARE(target("52.216.8.9"), QStringLiteral("vpce-1")); // the list's /24 beats the /23
        QCOMPARE(target("52.216.9.9"), QStringLiteral("vgw-2")); // /23 beats the list's /15
        QCOMPARE(target("8.8.8.8"), QStringLiteral("igw-1"));
        QCOMPARE(ReachabilityAnalyzer::match(t, table, ip("8.8.8.8")).prefixLength, 0);
    }

    void longestPrefix()
    {
        RouteTable table;
        auto add = [&](const char* cidr, const char* target, const char* state = "active") {
            Route r;
            r.destination = Cidr::parse(cidr);
            r.vpcPeeringConnectionId = QLatin1String(target);
            r.state = QLatin1String(state);
            table.routes.push_back(r);
        };
        add("10.2.1.0/24", "pcx-z", "blackhole");
        add("10.0.0.0/8", "pcx-x");
        add("10.2.0.0/16", "pcx-y");
        QCOMPARE(ReachabilityAnalyzer::lookup(table, ip("10.2.1.5"))->target(), QStringLiteral("pcx-z"));
        QCOMPARE(ReachabilityAnalyzer::lookup(table, ip("10.2.2.5"))->target(), QStringLiteral("pcx-y"));
        QCOMPARE(ReachabilityAnalyzer::lookup(table, ip("10.3.0.1"))->target(), QStringLiteral("pcx-x"));
        QVERIFY(!ReachabilityAnalyzer::lookup(table, ip("11.0.0.1")));
    }

    void aclPortSetsMatchPortByPort()
    {
        // allowedPorts (interval walk) against evaluate() asked port by port, on random ACLs.
        std::mt19937 rng(7);
        const Address remote = ip("10.1.1.10");
        for (int round = 0; round < 40; ++round) {
            NetworkAcl acl;
            const int rules = 1 + static_cast<int>(rng() % 6);
            for (int i = 0; i < rules; ++i) {
                NetworkAclEntry e;
                e.ruleNumber = 10 * (i + 1);
                e.egress = rng() % 4 == 0; // mostly ingress, the direction checked
                e.protocol = rng() % 5 == 0 ? -1 : 6;
                e.allow = rng() % 2 == 0;
                e.cidr = Cidr::parse(rng() % 3 == 0 ? "10.2.0.0/16" : "10.1.0.0/16");
                const int from = static_cast<int>(rng() % 65536);
                const int to = std::min(65535, from + static_cast<int>(rng() % 30000));
                e.ports = PortRange { from, to };
                acl.entries.push_back(e);
            }
            const PortRange range { 1000, 65535 };
            const auto allowed = NetworkAclEvaluator::allowedPorts(acl, false, 6, remote, range);
            for (int port = range.from; port <= range.to; port += 7) {
                const bool inSet = std::any_of(
                    allowed.begin(), allowed.end(), [&](const PortRange& r) { return port >= r.from && port <= r.to; });
                QCOMPARE(inSet, NetworkAclEvaluator::evaluate(acl, false, 6, remote, port).allowed);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestReachability)
#include "tst_reachability.moc"
