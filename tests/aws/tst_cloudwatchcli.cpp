// End to end: flowlens-cli cloudwatch … against the fake service, configured only through the
// environment (AWS_ENDPOINT_URL, dummy keys), with HOME pointing at an empty folder.
#include "fakelogsservice.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr qint64 kBaseMs = 1700000000000; // 2023-11-14T22:13:20Z

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

} // namespace

class TestCloudWatchCli : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FakeAwsServer> m_server;
    std::shared_ptr<FakeLogsState> m_state;
    QTemporaryDir m_home;

    Run cli(const QStringList& args, bool withCredentials = true)
    {
        const QProcessEnvironment env = m_server->processEnvironment(m_home.path(), withCredentials);
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FLOWLENS_CLI), args);
        p.waitForFinished(60000);
        return { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
    }

private Q_SLOTS:
    void init();
    void groups();
    void pullWritesAFileTheLoaderReads();
    void pullFailureKeepsRowsAndOffersResume();
    void insightsPrintsTable();
    void topLevelPullWithProfile();
    void topLevelInsightsJson();
    void missingCredentials();
    void badTime();
};

void TestCloudWatchCli::init()
{
    QVERIFY(m_home.isValid());
    m_server = std::make_unique<FakeAwsServer>();
    m_state = std::make_shared<FakeLogsState>();
    m_server->setHandler(fakeLogsHandler(m_state));
    m_server->locked([&] { fillFourGroups(*m_state, kBaseMs); });
}

void TestCloudWatchCli::groups()
{
    const Run r = cli({ QStringLiteral("cloudwatch"), QStringLiteral("groups"), QStringLiteral("--prefix"),
        QStringLiteral("/vpc/") });
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.out, QByteArray("/vpc/flow-a\t1000\n/vpc/flow-b\t1001\n/vpc/flow-c\t1002\n"));
    QCOMPARE(m_server->rejected(), 0);
}

void TestCloudWatchCli::pullWritesAFileTheLoaderReads()
{
    const QString out = m_home.filePath(QStringLiteral("pulled.log.gz"));
    const Run r = cli({ QStringLiteral("cloudwatch"), QStringLiteral("pull"), QStringLiteral("--group"),
        QStringLiteral("/vpc/flow-a"), QStringLiteral("--start"), QStringLiteral("2023-11-14T22:13:20Z"),
        QStringLiteral("--end"), QStringLiteral("2023-11-14T22:16:19Z"), QStringLiteral("--out"), out });
    QVERIFY2(r.code == 0, r.err.constData());
    // 22:13:20 .. 22:16:19 inclusive is 180 seconds: events 0..179.
    QVERIFY2(r.err.contains("180 events in 2 pages, 180 records, 0 malformed"), r.err.constData());
    const Run dump = cli({ QStringLiteral("dump"), out });
    QVERIFY2(dump.code == 0, dump.err.constData());
    const QList<QByteArray> lines = dump.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 180);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QJsonObject row = QJsonDocument::fromJson(lines[i]).object();
        QCOMPARE(row.value(QLatin1String("srcport")).toInt(), static_cast<int>(i));
    }
    const Run summary = cli({ QStringLiteral("summary"), out });
    QVERIFY2(summary.code == 0, summary.err.constData());
    QVERIFY2(summary.out.contains("180"), summary.out.constData());
    m_server->locked([&] {
        QCOMPARE(
            static_cast<qint64>(m_state->filterRequests.front().value(QLatin1String("startTime")).toDouble()), kBaseMs);
        QCOMPARE(static_cast<qint64>(m_state->filterRequests.front().value(QLatin1String("endTime")).toDouble()),
            kBaseMs + 179000);
    });
}

void TestCloudWatchCli::pullFailureKeepsRowsAndOffersResume()
{
    m_server->locked([&] { m_state->failFromOffset = 200; });
    const QString out = m_home.filePath(QStringLiteral("partial.log"));
    const Run r = cli({ QStringLiteral("cloudwatch"), QStringLiteral("pull"), QStringLiteral("--log-group"),
        QStringLiteral("/vpc/flow-a"), QStringLiteral("--start"), QString::number(kBaseMs / 1000),
        QStringLiteral("--end"), QString::number(kBaseMs + 3600000), QStringLiteral("--out"), out });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("ServiceUnavailableException (HTTP 500): try later"), r.err.constData());
    QVERIFY2(r.err.contains("to continue, add --resume 200"), r.err.constData());
    QVERIFY(!r.err.contains(FakeAwsServer::kSecret));
    const Run dump = cli({ QStringLiteral("dump"), out });
    QCOMPARE(dump.out.trimmed().split('\n').size(), 200);
}

void TestCloudWatchCli::insightsPrintsTable()
{
    const Run r = cli({ QStringLiteral("cloudwatch"), QStringLiteral("insights"), QStringLiteral("--group"),
        QStringLiteral("/vpc/flow-a"), QStringLiteral("--start"), QStringLiteral("2023-11-14T22:13:20Z"),
        QStringLiteral("--end"), QStringLiteral("2023-11-14T22:13:29Z"),
        QStringLiteral("fields @timestamp, @message") });
    QVERIFY2(r.code == 0, r.err.constData());
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 11); // header + 10 seconds of events
    QCOMPARE(lines[0], QByteArray("@timestamp\t@message"));
    QCOMPARE(lines[1], QByteArray::number(kBaseMs) + '\t' + flowRecord(0, kBaseMs / 1000).toUtf8());
    QVERIFY2(r.err.contains("10 rows; 1 query; scanned 300 records, 1000 bytes"), r.err.constData());
    m_server->locked([&] {
        const QJsonObject q = m_state->queries.begin()->second;
        QCOMPARE(q.value(QLatin1String("queryString")).toString(), QStringLiteral("fields @timestamp, @message"));
        QCOMPARE(q.value(QLatin1String("logGroupNames")).toArray().at(0).toString(), QStringLiteral("/vpc/flow-a"));
    });
}

// `flowlens-cli pull` as the issue spells it: a profile from the credentials file, the region
// given, events written to a .log.gz that `dump` reads back in order.
void TestCloudWatchCli::topLevelPullWithProfile()
{
    QDir(m_home.path()).mkpath(QStringLiteral(".aws"));
    QFile credentials(m_home.filePath(QStringLiteral(".aws/credentials")));
    QVERIFY(credentials.open(QIODevice::WriteOnly));
    credentials.write(QByteArray("[flowlens-test]\naws_access_key_id = ") + FakeAwsServer::kAccessKeyId
        + "\naws_secret_access_key = " + FakeAwsServer::kSecret + '\n');
    credentials.close();
    const QString out = m_home.filePath(QStringLiteral("top.log.gz"));
    // No keys in the environment: only the profile can sign.
    const Run r
        = cli({ QStringLiteral("pull"), QStringLiteral("--log-group"), QStringLiteral("/vpc/flow-b"),
                  QStringLiteral("--start"), QString::number(kBaseMs + 10000), QStringLiteral("--end"),
                  QString::number(kBaseMs + 129999), QStringLiteral("--profile"), QStringLiteral("flowlens-test"),
                  QStringLiteral("--region"), QStringLiteral("ap-south-2"), QStringLiteral("--out"), out },
            false);
    QVERIFY2(r.code == 0, r.err.constData());
    // Seconds 10 .. 129 inclusive: 120 events, pages of 100.
    QVERIFY2(r.err.startsWith("flowlens-cli pull: 120 events in 2 pages, 120 records"), r.err.constData());
    QVERIFY(!r.err.contains(FakeAwsServer::kSecret));
    QCOMPARE(m_server->rejected(), 0);
    const auto requests = m_server->requests();
    QCOMPARE(requests.size(), std::size_t { 2 });
    QVERIFY2(requests.front().header("authorization").contains("/ap-south-2/logs/aws4_request"),
        requests.front().header("authorization").constData());
    const Run dump = cli({ QStringLiteral("dump"), out });
    QVERIFY2(dump.code == 0, dump.err.constData());
    const QList<QByteArray> lines = dump.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 120);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QCOMPARE(QJsonDocument::fromJson(lines[i]).object().value(QLatin1String("srcport")).toInt(),
            static_cast<int>(i + 10));
    }
    const Run bad = cli({ QStringLiteral("pull"), QStringLiteral("--start"), QStringLiteral("-1h") });
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("flowlens-cli pull: --log-group and --start are required"), bad.err.constData());
}

void TestCloudWatchCli::topLevelInsightsJson()
{
    const Run r = cli({ QStringLiteral("insights"), QStringLiteral("--log-group"), QStringLiteral("/vpc/flow-a"),
        QStringLiteral("-q"), QStringLiteral("fields @timestamp, @message"), QStringLiteral("--start"),
        QStringLiteral("2023-11-14T22:13:25Z"), QStringLiteral("--end"), QStringLiteral("2023-11-14T22:13:27Z"),
        QStringLiteral("--output"), QStringLiteral("json") });
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonArray rows = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(rows.size(), 3); // seconds 5, 6 and 7
    for (int i = 0; i < 3; ++i) {
        const QJsonObject row = rows.at(i).toObject();
        QCOMPARE(row.value(QLatin1String("@timestamp")).toString(), QString::number(kBaseMs + (5 + i) * 1000));
        QCOMPARE(row.value(QLatin1String("@message")).toString(), flowRecord(5 + i, kBaseMs / 1000 + 5 + i));
        QCOMPARE(row.keys().size(), 2); // @ptr is not shown
    }
    QVERIFY2(r.err.startsWith("flowlens-cli insights: 3 rows; 1 query"), r.err.constData());
}

void TestCloudWatchCli::missingCredentials()
{
    const Run r = cli({ QStringLiteral("cloudwatch"), QStringLiteral("groups") }, false);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("No AWS credentials found"), r.err.constData());
    QCOMPARE(m_server->requests().size(), 0U);
}

void TestCloudWatchCli::badTime()
{
    const Run r = cli({ QStringLiteral("cloudwatch"), QStringLiteral("pull"), QStringLiteral("--group"),
        QStringLiteral("g"), QStringLiteral("--start"), QStringLiteral("yesterday") });
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("--start 'yesterday' is not a time"), r.err.constData());
}

QTEST_GUILESS_MAIN(TestCloudWatchCli)
#include "tst_cloudwatchcli.moc"
