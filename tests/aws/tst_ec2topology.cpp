// The topology pull: the EC2 Query API (signed form posts, XML answers, NextToken paging, EC2's
// error documents) against a fake EC2, read into the same Topology as the AWS CLI's JSON.
#include "aws/ec2topologypuller.h"
#include "fakeec2service.h"
#include "topology/ec2xmlreader.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace flowlens;

namespace {

QStringList cidrs(const std::vector<Cidr>& list)
{
    QStringList out;
    for (const Cidr& c : list) {
        out << QString::fromStdString(c.toString());
    }
    return out;
}

QStringList addresses(const std::vector<Address>& list)
{
    QStringList out;
    for (const Address& a : list) {
        out << QString::fromStdString(a.toString());
    }
    return out;
}

QStringList ids(const std::vector<QString>& list)
{
    return QStringList(list.begin(), list.end());
}

template <class T> const T& byId(const std::vector<T>& items, const char* id)
{
    const auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == QLatin1String(id); });
    if (it == items.end()) {
        qFatal("missing %s", id);
    }
    return *it;
}

} // namespace

class TestEc2Topology : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FakeAwsServer> m_server;
    std::shared_ptr<FakeEc2State> m_state;

    AwsClientConfig config(const QString& secret = QLatin1String(FakeAwsServer::kSecret)) const
    {
        AwsClientConfig c;
        c.credentials.accessKeyId = QLatin1String(FakeAwsServer::kAccessKeyId);
        c.credentials.secretAccessKey = secret;
        c.region = QStringLiteral("eu-west-1");
        c.endpoint = m_server->url();
        c.customEndpoint = true;
        c.maxAttempts = 1;
        return c;
    }

private Q_SLOTS:
    void init();
    void pullsEveryPageIntoTheTopology();
    void xmlReaderNamesAndTypes();
    void xmlReaderErrors_data();
    void xmlReaderErrors();
    void serviceErrorKeepsCodeAndMessage();
    void wrongSecretIsRejected();
    void cliWritesTheFilesTopologyShowReads();
};

void TestEc2Topology::init()
{
    m_server = std::make_unique<FakeAwsServer>();
    m_state = std::make_shared<FakeEc2State>();
    m_server->setHandler(fakeEc2Handler(m_state));
    m_server->locked([&] { addPeeringLab(*m_state); });
}

void TestEc2Topology::pullsEveryPageIntoTheTopology()
{
    AwsJsonClient client(config(), AwsService::Ec2);
    Ec2TopologyPuller puller(client);
    QStringList actions;
    const TopologyPullResult result = puller.pull([&](const QString& action, int, int) {
        if (!action.isEmpty()) {
            actions << action;
        }
        return true;
    });
    QVERIFY2(result.ok(), qPrintable(result.error.text()));
    QCOMPARE(actions.size(), 10);
    QCOMPARE(m_server->rejected(), 0);
    // DescribeVpcs has three VPCs in pages of two: two requests, the second with the token.
    m_server->locked([&] {
        QStringList vpcTokens;
        for (const auto& form : m_state->forms) {
            QCOMPARE(form.value(QStringLiteral("Version")), QStringLiteral("2016-11-15"));
            if (form.value(QStringLiteral("Action")) == QLatin1String("DescribeVpcs")) {
                vpcTokens << form.value(QStringLiteral("NextToken"));
            }
        }
        QCOMPARE(vpcTokens, QStringList({ QString(), QStringLiteral("tok-2") }));
        QCOMPARE(m_state->forms.size(), std::size_t { 11 });
    });
    for (const FakeRequest& r : m_server->requests()) {
        QVERIFY(r.header("authorization").contains("/eu-west-1/ec2/aws4_request"));
        QVERIFY(r.header("content-type").startsWith("application/x-www-form-urlencoded"));
    }

    const Topology& t = result.load.topology;
    QCOMPARE(t.vpcs.size(), std::size_t { 3 });
    QCOMPARE(byId(t.vpcs, "vpc-0a").name, QStringLiteral("lab-a"));
    QCOMPARE(cidrs(byId(t.vpcs, "vpc-0a").cidrs), qStrings({ "10.0.0.0/16", "100.64.0.0/24" }));
    QVERIFY(!byId(t.vpcs, "vpc-0a").isDefault);
    QVERIFY(byId(t.vpcs, "vpc-0c").isDefault);

    QCOMPARE(t.subnets.size(), std::size_t { 2 });
    const Subnet& a1 = byId(t.subnets, "subnet-a1");
    QCOMPARE(a1.vpcId, QStringLiteral("vpc-0a"));
    QCOMPARE(a1.availabilityZone, QStringLiteral("eu-west-1a"));
    QVERIFY(a1.mapPublicIpOnLaunch);
    QVERIFY(!byId(t.subnets, "subnet-b1").mapPublicIpOnLaunch);

    const RouteTable& rtbA = byId(t.routeTables, "rtb-a");
    QCOMPARE(rtbA.routes.size(), std::size_t { 3 });
    QCOMPARE(rtbA.routes[1].target(), QStringLiteral("pcx-ab"));
    QCOMPARE(rtbA.routes[2].target(), QStringLiteral("igw-a"));
    QCOMPARE(ids(rtbA.subnetIds), qStrings({ "subnet-a1" }));
    QVERIFY(!rtbA.main);
    QVERIFY(byId(t.routeTables, "rtb-b").main);
    QCOMPARE(byId(t.routeTables, "rtb-b").routes[1].state, QStringLiteral("blackhole"));

    const PeeringConnection& pcx = byId(t.peerings, "pcx-ab");
    QCOMPARE(pcx.status, QStringLiteral("active"));
    QCOMPARE(pcx.requester.vpcId, QStringLiteral("vpc-0a"));
    QCOMPARE(pcx.accepter.vpcId, QStringLiteral("vpc-0b"));
    QCOMPARE(cidrs(pcx.accepter.cidrs), qStrings({ "10.1.0.0/16" }));

    const SecurityGroup& web = byId(t.securityGroups, "sg-web");
    QCOMPARE(web.name, QStringLiteral("web"));
    QCOMPARE(web.inbound.size(), std::size_t { 2 });
    QCOMPARE(web.inbound[0].protocol, 6);
    QVERIFY(web.inbound[0].ports);
    QCOMPARE(web.inbound[0].ports->from, 443);
    QCOMPARE(web.inbound[0].ports->to, 443);
    QCOMPARE(cidrs(web.inbound[0].cidrs), qStrings({ "0.0.0.0/0" }));
    QCOMPARE(ids(web.inbound[1].groupIds), qStrings({ "sg-admin" }));
    QCOMPARE(web.outbound.size(), std::size_t { 1 });
    QCOMPARE(web.outbound[0].protocol, -1);
    QCOMPARE(cidrs(web.outbound[0].cidrs), qStrings({ "0.0.0.0/0", "::/0" }));

    const NetworkAcl& acl = byId(t.networkAcls, "acl-a");
    QVERIFY(!acl.isDefault);
    QCOMPARE(acl.entries.size(), std::size_t { 4 });
    // Sorted by rule number (stable: the ingress 100 was written before the egress 100).
    QCOMPARE(acl.entries[0].ruleNumber, 100);
    QVERIFY(acl.entries[0].allow && !acl.entries[0].egress);
    QCOMPARE(acl.entries[0].ports->from, 443);
    QCOMPARE(acl.entries[1].ruleNumber, 100);
    QVERIFY(acl.entries[1].egress);
    QCOMPARE(acl.entries[2].ruleNumber, 200);
    QVERIFY(!acl.entries[2].allow);
    QCOMPARE(acl.entries[2].ports->to, 22);
    QCOMPARE(acl.entries[3].ruleNumber, 32767);
    QCOMPARE(ids(acl.subnetIds), qStrings({ "subnet-a1" }));

    QCOMPARE(ids(byId(t.internetGateways, "igw-a").vpcIds), qStrings({ "vpc-0a" }));
    const NatGateway& nat = byId(t.natGateways, "nat-a");
    QCOMPARE(nat.connectivity, QStringLiteral("public"));
    QCOMPARE(addresses(nat.publicAddresses), qStrings({ "203.0.113.10" }));

    QCOMPARE(t.interfaces.size(), std::size_t { 1 });
    const NetworkInterface& eni = t.interfaces.front();
    QCOMPARE(eni.name, QStringLiteral("web-eni"));
    QCOMPARE(eni.instanceId, QStringLiteral("i-web"));
    QCOMPARE(addresses(eni.privateAddresses), qStrings({ "10.0.1.20", "10.0.1.21" }));
    QCOMPARE(addresses(eni.publicAddresses), qStrings({ "203.0.113.20" }));
    QCOMPARE(ids(eni.securityGroupIds), qStrings({ "sg-web" }));

    const Instance& instance = byId(t.instances, "i-web");
    QCOMPARE(instance.name, QStringLiteral("web"));
    QCOMPARE(instance.state, QStringLiteral("running"));
    QCOMPARE(addresses(instance.publicAddresses), qStrings({ "203.0.113.20" }));
    QCOMPARE(ids(instance.securityGroupIds), qStrings({ "sg-web" }));
    QCOMPARE(ids(instance.interfaceIds), qStrings({ "eni-a1" }));
    QStringList warnings;
    for (const TopologyProblem& w : result.load.warnings) {
        warnings << w.toString();
    }
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
}

void TestEc2Topology::xmlReaderNamesAndTypes()
{
    const Ec2XmlPage page = Ec2XmlReader::read(
        "<DescribeNetworkAclsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>r</requestId>"
        "<networkAclSet><item><networkAclId>acl-1</networkAclId><default>true</default><entrySet><item>"
        "<ruleNumber>7</ruleNumber><egress>true</egress><portRange><from>1</from><to>2</to></portRange></item>"
        "</entrySet><associationSet/><tagSet><item><key>Name</key><value>true</value></item></tagSet></item>"
        "</networkAclSet><nextToken>abc</nextToken></DescribeNetworkAclsResponse>");
    QVERIFY2(page.ok(), qPrintable(page.error));
    QCOMPARE(page.nextToken, QStringLiteral("abc"));
    const QJsonObject expected = QJsonDocument::fromJson(R"({"NetworkAcls": [{"NetworkAclId": "acl-1",
        "IsDefault": true, "Entries": [{"RuleNumber": 7, "Egress": true, "PortRange": {"From": 1, "To": 2}}],
        "Associations": [], "Tags": [{"Key": "Name", "Value": "true"}]}]})")
                                     .object();
    QCOMPARE(page.document, expected);
    QCOMPARE(Ec2XmlReader::memberName(QStringLiteral("groupSet"), QStringLiteral("instancesSet")),
        QStringLiteral("SecurityGroups"));
    QCOMPARE(Ec2XmlReader::memberName(QStringLiteral("groupSet"), QStringLiteral("networkInterfaceSet")),
        QStringLiteral("Groups"));
    QCOMPARE(Ec2XmlReader::memberName(QStringLiteral("vpcPeeringConnectionId"), {}),
        QStringLiteral("VpcPeeringConnectionId"));
}

void TestEc2Topology::xmlReaderErrors_data()
{
    QTest::addColumn<QByteArray>("xml");
    QTest::addColumn<QString>("error");
    QTest::addRow("empty") << QByteArray() << QStringLiteral("the answer is empty");
    QTest::addRow("not XML") << QByteArray("{\"Vpcs\": []}") << QStringLiteral("line 1, column 1");
    QTest::addRow("truncated") << QByteArray("<DescribeVpcsResponse>\n<vpcSet><item>")
                               << QStringLiteral("line 2, column 14: Premature end of document");
    QTest::addRow("error document") << QByteArray("<Response><Errors/></Response>")
                                    << QStringLiteral("<Response> is not the answer of an EC2 describe call");
}

void TestEc2Topology::xmlReaderErrors()
{
    QFETCH(QByteArray, xml);
    QFETCH(QString, error);
    const Ec2XmlPage page = Ec2XmlReader::read(xml);
    QVERIFY(!page.ok());
    QVERIFY2(page.error.contains(error), qPrintable(page.error));
}

void TestEc2Topology::serviceErrorKeepsCodeAndMessage()
{
    m_server->locked([&] {
        m_state->errors[QStringLiteral("DescribeSecurityGroups")] = { 403, QStringLiteral("UnauthorizedOperation"),
            QStringLiteral("You are not authorized to perform this operation.") };
    });
    AwsJsonClient client(config(), AwsService::Ec2);
    const TopologyPullResult result = Ec2TopologyPuller(client).pull();
    QVERIFY(!result.ok());
    QCOMPARE(result.error.code, QStringLiteral("UnauthorizedOperation"));
    QCOMPARE(result.error.httpStatus, 403);
    QCOMPARE(result.error.requestId, QStringLiteral("fake-request-id")); // the header wins over the body's
    const QString text = result.error.text();
    QVERIFY2(text.contains(QLatin1String("DescribeSecurityGroups: You are not authorized")), qPrintable(text));
    // What was read before the failure is kept: VPCs … peerings.
    QCOMPARE(result.documents.size(), std::size_t { 4 });
}

void TestEc2Topology::wrongSecretIsRejected()
{
    AwsJsonClient client(config(QStringLiteral("not-the-secret")), AwsService::Ec2);
    AwsError error;
    Ec2TopologyPuller(client).describe(QStringLiteral("DescribeVpcs"), error);
    QCOMPARE(error.code, QStringLiteral("AuthFailure"));
    QCOMPARE(m_server->rejected(), 1);
    QCOMPARE(m_server->lastRejection(), QStringLiteral("signature mismatch"));
    QVERIFY(!error.text().contains(QLatin1String("not-the-secret")));
}

void TestEc2Topology::cliWritesTheFilesTopologyShowReads()
{
    QTemporaryDir home;
    const QProcessEnvironment env = m_server->processEnvironment(home.path(), true, "AWS_ENDPOINT_URL_EC2");
    auto run = [&](const QStringList& args) {
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FLOWLENS_CLI), args);
        p.waitForFinished(60000);
        return std::tuple { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
    };
    const QString dir = home.filePath(QStringLiteral("lab"));
    const auto [code, out, err]
        = run({ QStringLiteral("topology"), QStringLiteral("pull"), QStringLiteral("--out"), dir });
    QVERIFY2(code == 0, err.constData());
    QVERIFY2(err.contains("3 VPCs, 2 subnets, 2 route tables, 1 peerings"), err.constData());
    QCOMPARE(QDir(dir).entryList({ QStringLiteral("describe-*.json") }, QDir::Files).size(), 10);
    const auto [showCode, show, showErr] = run({ QStringLiteral("topology"), QStringLiteral("show"), dir,
        QStringLiteral("--output"), QStringLiteral("json") });
    QVERIFY2(showCode == 0, showErr.constData());
    const QJsonObject shown = QJsonDocument::fromJson(show).object();
    QVERIFY2(!shown.isEmpty(), show.constData());
    QVERIFY2(show.contains("\"pcx-ab\"") && show.contains("\"i-web\"") && show.contains("\"203.0.113.20\""),
        show.constData());
    for (const QString& name : QDir(dir).entryList(QDir::Files)) {
        QFile f(QDir(dir).filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains(FakeAwsServer::kSecret));
    }
    QVERIFY(!err.contains(FakeAwsServer::kSecret));
}

QTEST_GUILESS_MAIN(TestEc2Topology)
#include "tst_ec2topology.moc"
