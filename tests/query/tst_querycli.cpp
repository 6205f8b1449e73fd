// flowlens-cli query and findings end to end: output formats, translations, exit statuses. The
// expected answers are worked out by hand from the few records below.
#include "../cli/clirun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using flowlens::testing::cli;
using flowlens::testing::Run;
using flowlens::testing::write;

const QByteArray kRecords = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                            "start end action log-status\n"
                            "2 1 eni-a 10.0.0.1 10.0.1.1 1000 22 6 10 1000 1700000000 1700000060 REJECT OK\n"
                            "2 1 eni-a 10.0.0.1 10.0.1.2 1001 22 6 10 2000 1700000000 1700000060 REJECT OK\n"
                            "2 1 eni-a 10.0.0.2 10.0.1.1 1002 80 6 5 500 1700000100 1700000160 ACCEPT OK\n"
                            "2 1 eni-a 10.0.0.10 10.0.1.1 1003 22 6 1 40 1700000200 1700000260 REJECT OK\n"
                            "2 1 eni-a 2001:db8::1 10.0.1.1 1004 53 17 2 120 1700003700 1700003760 ACCEPT OK\n"
                            "2 1 eni-a - - - - - - - 1700003800 1700003860 - NODATA\n"
                            "2 1 eni-a - - - - - - - 1700007300 1700007360 - SKIPDATA\n";

QJsonArray jsonOf(const Run& r)
{
    QJsonParseError error {};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray()) {
        qWarning() << "not a JSON array:" << r.out << r.err;
    }
    return doc.array();
}

} // namespace

class TestQueryCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_records;

private Q_SLOTS:
    void initTestCase() { m_records = write(m_dir, QStringLiteral("records.log"), kRecords); }

    void jsonHasNumbersAndNulls()
    {
        const Run r = cli({ QStringLiteral("query"), QStringLiteral("--output"), QStringLiteral("json"),
            QStringLiteral("stats sum(bytes) as b, avg(bytes) as a by dstAddr | sort b desc"), m_records });
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = jsonOf(r);
        QCOMPARE(rows.size(), 3);
        // 10.0.1.2: 2000; 10.0.1.1: 1000 + 500 + 40 + 120 = 1660 over 4; no address: no bytes, last.
        QCOMPARE(rows[0].toObject().value(QLatin1String("dstAddr")).toString(), QStringLiteral("10.0.1.2"));
        QVERIFY(rows[0].toObject().value(QLatin1String("b")).isDouble());
        QCOMPARE(rows[0].toObject().value(QLatin1String("b")).toInt(), 2000);
        QCOMPARE(rows[1].toObject().value(QLatin1String("dstAddr")).toString(), QStringLiteral("10.0.1.1"));
        QCOMPARE(rows[1].toObject().value(QLatin1String("b")).toInt(), 1660);
        QCOMPARE(rows[1].toObject().value(QLatin1String("a")).toDouble(), 415.0);
        QVERIFY(rows[2].toObject().value(QLatin1String("dstAddr")).isNull());
        QVERIFY(rows[2].toObject().value(QLatin1String("b")).isNull());
        QCOMPARE(rows[0].toObject().keys(),
            (QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("dstAddr") }));
    }

    void sampleQueryWithDashQ()
    {
        const QString query = QStringLiteral(
            "filter action=\"REJECT\" | stats count(*) as numRejections by srcAddr | sort numRejections "
            "desc | limit 20");
        const Run r = cli({ QStringLiteral("query"), QStringLiteral("-q"), query, QStringLiteral("--output"),
            QStringLiteral("json"), m_records });
        QCOMPARE(r.exitCode, 0);
        const QJsonArray rows = jsonOf(r);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].toObject().value(QLatin1String("srcAddr")).toString(), QStringLiteral("10.0.0.1"));
        QCOMPARE(rows[0].toObject().value(QLatin1String("numRejections")).toInt(), 2);
        QCOMPARE(rows[1].toObject().value(QLatin1String("srcAddr")).toString(), QStringLiteral("10.0.0.10"));
        QCOMPARE(rows[1].toObject().value(QLatin1String("numRejections")).toInt(), 1);
    }

    void hourlyBinsAsCsvAndTable()
    {
        const QString query = QStringLiteral("stats count(*) by bin(1h) as t | sort t");
        const Run csv
            = cli({ QStringLiteral("query"), QStringLiteral("--output"), QStringLiteral("csv"), query, m_records });
        QCOMPARE(csv.exitCode, 0);
        // 1700000000 is 2023-11-14 22:13:20 UTC.
        QCOMPARE(csv.out,
            QByteArray("t,count(*)\r\n2023-11-14 22:00:00.000,4\r\n2023-11-14 23:00:00.000,2\r\n"
                       "2023-11-15 00:00:00.000,1\r\n"));
        const Run table = cli({ QStringLiteral("query"), query, m_records });
        QCOMPARE(table.exitCode, 0);
        const QList<QByteArray> lines = table.out.split('\n');
        QCOMPARE(lines.size(), 6); // header, rule, three rows, final newline
        QCOMPARE(lines[0], QByteArray("t                        count(*)"));
        QCOMPARE(lines[2], QByteArray("2023-11-14 22:00:00.000         4"));
    }

    void recordsWithDisplay()
    {
        const Run r = cli({ QStringLiteral("query"), QStringLiteral("--output"), QStringLiteral("csv"),
            QStringLiteral("filter dstPort = 22 | sort bytes | display srcAddr, bytes"), m_records });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("srcAddr,bytes\r\n10.0.0.10,40\r\n10.0.0.1,1000\r\n10.0.0.1,2000\r\n"));
    }

    void translations()
    {
        const QString query = QStringLiteral("filter protocol=17 | stats count(*) by srcAddr");
        const Run insights
            = cli({ QStringLiteral("query"), QStringLiteral("--translate"), QStringLiteral("insights"), query });
        QCOMPARE(insights.exitCode, 0);
        QCOMPARE(insights.out, QByteArray("filter protocol = 17 | stats count(*) by srcAddr\n"));
        const Run athena
            = cli({ QStringLiteral("query"), QStringLiteral("--translate"), QStringLiteral("athena"), query });
        QCOMPARE(athena.exitCode, 0);
        QVERIFY(athena.out.startsWith("SELECT srcaddr"));
        QVERIFY(athena.out.contains("FROM vpc_flow_logs\nWHERE protocol = 17\nGROUP BY srcaddr"));
        const Run ddl = cli({ QStringLiteral("query"), QStringLiteral("--ddl") });
        QCOMPARE(ddl.exitCode, 0);
        QVERIFY(ddl.out.startsWith("CREATE EXTERNAL TABLE"));
        QVERIFY(ddl.out.contains("vpc_flow_logs"));
    }

    void exitStatuses()
    {
        const Run syntax = cli({ QStringLiteral("query"), QStringLiteral("filter srcadr = \"10.0.0.1\""), m_records });
        QCOMPARE(syntax.exitCode, 2);
        QVERIFY(syntax.err.contains("line 1, column 8: unknown field `srcadr`"));
        QVERIFY(syntax.err.contains("did you mean `srcAddr`?"));
        QVERIFY(syntax.err.contains("\n       ^^^^^^"));
        QVERIFY(syntax.out.isEmpty());
        const Run noPaths = cli({ QStringLiteral("query"), QStringLiteral("stats count(*)") });
        QCOMPARE(noPaths.exitCode, 2);
        QVERIFY(noPaths.err.contains("no input"));
        const Run noQuery = cli({ QStringLiteral("query") });
        QCOMPARE(noQuery.exitCode, 2);
        const Run badOutput = cli({ QStringLiteral("query"), QStringLiteral("--output"), QStringLiteral("xml"),
            QStringLiteral("stats count(*)"), m_records });
        QCOMPARE(badOutput.exitCode, 2);
        const QString notLogs = write(m_dir, QStringLiteral("notes.txt"), "hello world\nnothing here\n");
        const Run noInput = cli({ QStringLiteral("query"), QStringLiteral("stats count(*)"), notLogs });
        QCOMPARE(noInput.exitCode, 3);
        const Run findingsNoInput = cli({ QStringLiteral("findings"), notLogs });
        QCOMPARE(findingsNoInput.exitCode, 3);
        const Run findingsBadOutput
            = cli({ QStringLiteral("findings"), QStringLiteral("--output"), QStringLiteral("xml"), m_records });
        QCOMPARE(findingsBadOutput.exitCode, 2);
    }

    void missingFieldWarning()
    {
        const Run r = cli(
            { QStringLiteral("query"), QStringLiteral("filter vpcId = \"vpc-1\" | stats count(*) as n"), m_records });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.err.contains("warning: no loaded record has the field `vpcId`"));
    }

    void findingsOfAPortScan()
    {
        // 10.9.9.9 tries 150 ports of 10.0.1.5, all rejected: a port scan by the default thresholds.
        QByteArray text = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                          "start end action log-status\n";
        for (int port = 1; port <= 150; ++port) {
            text += "2 1 eni-b 10.9.9.9 10.0.1.5 40000 " + QByteArray::number(port) + " 6 1 40 "
                + QByteArray::number(1700000000 + port) + " " + QByteArray::number(1700000001 + port) + " REJECT OK\n";
        }
        const QString scan = write(m_dir, QStringLiteral("scan.log"), text);
        const Run json = cli({ QStringLiteral("findings"), QStringLiteral("--output"), QStringLiteral("json"), scan });
        QCOMPARE(json.exitCode, 0);
        const QJsonArray findings = jsonOf(json);
        QJsonObject portScan;
        for (const auto& f : findings) {
            if (f.toObject().value(QLatin1String("kind")).toString() == QLatin1String("port-scan")) {
                portScan = f.toObject();
            }
        }
        QVERIFY(!portScan.isEmpty());
        QCOMPARE(portScan.value(QLatin1String("evidenceCount")).toInt(), 150);
        const QJsonArray evidence = portScan.value(QLatin1String("evidence")).toArray();
        QCOMPARE(evidence.size(), 150);
        QSet<int> lines;
        for (const auto& e : evidence) {
            QCOMPARE(e.toObject().value(QLatin1String("file")).toString(), scan);
            lines.insert(e.toObject().value(QLatin1String("line")).toInt());
        }
        QCOMPARE(lines.size(), 150);
        QVERIFY(lines.contains(2) && lines.contains(151));
        QVERIFY(!portScan.value(QLatin1String("guardDutyType")).toString().isEmpty());
        // The finding's filter, run as a query, selects exactly its evidence.
        const QString filter = portScan.value(QLatin1String("filter")).toString();
        const Run count = cli({ QStringLiteral("query"), QStringLiteral("--output"), QStringLiteral("json"),
            QStringLiteral("filter ") + filter + QStringLiteral(" | stats count(*) as n"), scan });
        QCOMPARE(count.exitCode, 0);
        QCOMPARE(jsonOf(count)[0].toObject().value(QLatin1String("n")).toInt(), 150);

        const Run textRun = cli({ QStringLiteral("findings"), scan });
        QCOMPARE(textRun.exitCode, 0);
        QVERIFY(textRun.out.contains("port-scan"));
        QVERIFY(textRun.out.contains(QByteArray("  at " + scan.toUtf8() + ":2\n")));
    }
};

QTEST_GUILESS_MAIN(TestQueryCli)
#include "tst_querycli.moc"
