// flowlens-cli end to end: the dump/summary contract and the exit statuses other tools rely on.
#include "clirun.h"

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

const QByteArray kSample = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                           "start end action log-status\n"
                           "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 "
                           "1418530010 1418530070 ACCEPT OK\n"
                           "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA\n"
                           "this line is broken\n"
                           "2 123456789010 eni-1235b8ca123456789 2001:db8::1 172.31.9.12 49761 3389 6 20 4249 "
                           "1418530010 1418530070 REJECT OK\n";

} // namespace

class TestCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_sample;

private Q_SLOTS:
    void initTestCase() { m_sample = write(m_dir, QStringLiteral("sample.log"), kSample); }

    void dumpJsonLines()
    {
        const Run r = cli({ QStringLiteral("dump"), m_sample });
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QJsonObject first = QJsonDocument::fromJson(lines[0]).object();
        QStringList expectedKeys
            = QString::fromLatin1("version account-id interface-id srcaddr dstaddr srcport dstport "
                                  "protocol packets bytes start end action log-status @file @line")
                  .split(QLatin1Char(' '));
        QStringList keys = first.keys();
        keys.sort();
        expectedKeys.sort();
        QCOMPARE(keys, expectedKeys);
        QVERIFY(first.value(QLatin1String("srcport")).isDouble());
        QCOMPARE(first.value(QLatin1String("srcport")).toInt(), 20641);
        QCOMPARE(first.value(QLatin1String("account-id")).toString(), QStringLiteral("123456789010"));
        QCOMPARE(first.value(QLatin1String("@line")).toInt(), 2);
        QCOMPARE(first.value(QLatin1String("@file")).toString(), m_sample);
        const QJsonObject nodata = QJsonDocument::fromJson(lines[1]).object();
        QVERIFY(nodata.value(QLatin1String("srcaddr")).isNull());
        QVERIFY(nodata.value(QLatin1String("bytes")).isNull());
        QCOMPARE(nodata.value(QLatin1String("log-status")).toString(), QStringLiteral("NODATA"));
        const QJsonObject third = QJsonDocument::fromJson(lines[2]).object();
        QCOMPARE(third.value(QLatin1String("srcaddr")).toString(), QStringLiteral("2001:db8::1"));
        QCOMPARE(third.value(QLatin1String("@line")).toInt(), 5);
        QVERIFY(r.err.contains("1 malformed line"));
    }

    void dumpCsv()
    {
        const Run r = cli({ QStringLiteral("dump"), QStringLiteral("--output"), QStringLiteral("csv"), m_sample });
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith("version,account-id,interface-id,srcaddr,"));
        QVERIFY(lines[0].endsWith("@file,@line"));
        QVERIFY2(lines[2].startsWith("2,123456789010,eni-1235b8ca123456789,,,,,,,,1431280876,"), lines[2]);
    }

    void summaryJson()
    {
        const Run r = cli({ QStringLiteral("summary"), QStringLiteral("--output"), QStringLiteral("json"), m_sample });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject s = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(s.value(QLatin1String("records")).toInt(), 3);
        QCOMPARE(s.value(QLatin1String("errors")).toInt(), 1);
        const QJsonObject sample = s.value(QLatin1String("error_samples")).toArray().at(0).toObject();
        QCOMPARE(sample.value(QLatin1String("line")).toInt(), 4);
        QCOMPARE(sample.value(QLatin1String("file")).toString(), m_sample);
        QVERIFY(sample.value(QLatin1String("reason")).toString().contains(QLatin1String("has 4 fields")));
        const QJsonObject actions = s.value(QLatin1String("actions")).toObject();
        QCOMPARE(actions.value(QLatin1String("ACCEPT")).toInt(), 1);
        QCOMPARE(actions.value(QLatin1String("REJECT")).toInt(), 1);
        QCOMPARE(actions.value(QLatin1String("null")).toInt(), 1);
        QCOMPARE(s.value(QLatin1String("log_status")).toObject().value(QLatin1String("NODATA")).toInt(), 1);
        QCOMPARE(s.value(QLatin1String("first_start")).toInteger(), 1418530010);
        QCOMPARE(s.value(QLatin1String("last_end")).toInteger(), 1431280934);
        const QJsonObject source = s.value(QLatin1String("sources")).toArray().at(0).toObject();
        QCOMPARE(source.value(QLatin1String("path")).toString(), m_sample);
        QCOMPARE(source.value(QLatin1String("records")).toInt(), 3);
        QCOMPARE(source.value(QLatin1String("errors")).toInt(), 1);
        QVERIFY(source.value(QLatin1String("format")).toString().startsWith(QLatin1String("version account-id")));
        for (const char* key :
            { "load_seconds", "records_per_second", "store_bytes", "bytes_per_record", "peak_rss_bytes" }) {
            QVERIFY2(s.value(QLatin1String(key)).toDouble() > 0, key);
        }
    }

    void exitStatuses_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString notLog = write(m_dir, QStringLiteral("notes.txt"), "hello\nworld\n");
        QTest::addRow("no command") << QStringList {} << 2 << QStringLiteral("Usage");
        QTest::addRow("unknown command") << QStringList { QStringLiteral("frobnicate") } << 2
                                         << QStringLiteral("unknown command");
        QTest::addRow("no input") << QStringList { QStringLiteral("summary") } << 2 << QStringLiteral("no input");
        QTest::addRow("bad output") << QStringList { QStringLiteral("dump"), QStringLiteral("--output"),
            QStringLiteral("xml"), m_sample }
                                    << 2 << QStringLiteral("--output");
        QTest::addRow("bad format") << QStringList { QStringLiteral("dump"), QStringLiteral("--format"),
            QStringLiteral("srcaddr nosuchfield"), m_sample }
                                    << 2 << QStringLiteral("nosuchfield");
        QTest::addRow("not a flow log") << QStringList { QStringLiteral("summary"), notLog } << 3
                                        << QStringLiteral("is not a VPC flow log");
        QTest::addRow("missing file") << QStringList { QStringLiteral("dump"), m_dir.filePath(QStringLiteral("nope")) }
                                      << 3 << QStringLiteral("nope");
        QTest::addRow("one good one bad") << QStringList { QStringLiteral("summary"), notLog, m_sample } << 0
                                          << QStringLiteral("is not a VPC flow log");
    }
    void exitStatuses()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Run r = cli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
