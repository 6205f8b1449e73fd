#include "ingest/bytestream.h"
#include "ingest/containers.h"
#include "ingesttestfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <vector>

using namespace flowlens;
using namespace flowlens::testing;

Q_DECLARE_METATYPE(ContainerKind)

namespace {

const QString ConformanceFiles = conformanceFilesDir();

// The first `size` bytes of a source after inflating, read through ByteStream.
QByteArray headOf(const QString& path, std::size_t size)
{
    std::string error;
    auto stream = openByteStream(path, error);
    if (!stream) {
        qFatal("%s", error.c_str());
    }
    QByteArray head(static_cast<qsizetype>(size), Qt::Uninitialized);
    const ReadResult r = stream->read(head.data(), size);
    head.truncate(static_cast<qsizetype>(r.size));
    return head;
}

QByteArray fixture(const char* name)
{
    return readWholeFile(ingestDataDir() + QLatin1String(name));
}

struct Expected {
    const char* message;
    qint64 timestampMs; // -1: none
    const char* stream;
};
using ExpectedEvents = std::vector<Expected>;

} // namespace

class TestContainers : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kindNames()
    {
        QCOMPARE(
            QLatin1String(containerKindName(ContainerKind::CloudWatchJson)), QLatin1String("CloudWatch Logs JSON"));
        QCOMPARE(QLatin1String(containerKindName(ContainerKind::Parquet)), QLatin1String("Parquet"));
        QCOMPARE(QLatin1String(containerKindName(ContainerKind::Unknown)), QLatin1String("unknown"));
    }

    void sniff_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<ContainerKind>("expected");
        const QByteArray record = "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 1680674400 1680674460 ACCEPT OK";
        QTest::addRow("empty") << QByteArray() << ContainerKind::PlainText;
        QTest::addRow("plain, header") << QByteArray("version account-id interface-id srcaddr dstaddr\n" + record)
                                       << ContainerKind::PlainText;
        QTest::addRow("plain, no header, cut mid-line") << record.left(30) << ContainerKind::PlainText;
        QTest::addRow("plain, UTF-8 BOM") << QByteArray("\xEF\xBB\xBF" + record) << ContainerKind::PlainText;
        QTest::addRow("plain, CRLF and Cyrillic")
            << QByteArray(record + " \xD0\x96\r\n" + record + "\r\n") << ContainerKind::PlainText;
        QTest::addRow("filter-log-events, pretty")
            << fixture("filter-log-events.json") << ContainerKind::CloudWatchJson;
        QTest::addRow("filter-log-events, head cut inside")
            << fixture("filter-log-events.json").left(200) << ContainerKind::CloudWatchJson;
        QTest::addRow("get-log-events") << fixture("get-log-events.json") << ContainerKind::CloudWatchJson;
        QTest::addRow("subscription") << fixture("subscription.json") << ContainerKind::CloudWatchJson;
        QTest::addRow("control message") << fixture("control-message.json") << ContainerKind::CloudWatchJson;
        QTest::addRow("pages concatenated")
            << QByteArray(fixture("get-log-events.json") + '\n' + fixture("get-log-events.json"))
            << ContainerKind::CloudWatchJson;
        QTest::addRow("array of events") << QByteArray("[\n  {\"timestamp\": 1, \"message\": \"" + record + "\"}\n]")
                                         << ContainerKind::CloudWatchJson;
        QTest::addRow("empty array") << QByteArray("[]\n") << ContainerKind::CloudWatchJson;
        QTest::addRow("single event, pretty")
            << QByteArray("{\n  \"message\": \"" + record + "\"\n}\n") << ContainerKind::CloudWatchJson;
        QTest::addRow("json lines") << QByteArray("{\"message\":\"" + record + "\"}\n{\"message\":\"" + record
            + "\"}\n") << ContainerKind::JsonLines;
        QTest::addRow("json lines, message not first") << QByteArray(
            "{\"@timestamp\":\"2023-04-05T06:07:08Z\",\"logStream\":\"eni-1\",\"message\":\"" + record + "\"}\n")
                                                       << ContainerKind::JsonLines;
        QTest::addRow("json lines, first line longer than head")
            << QByteArray("{\"message\":\"" + record + record) << ContainerKind::JsonLines;
        QTest::addRow("json without message") << QByteArray("{\"a\":1}\n{\"a\":2}\n") << ContainerKind::Unknown;
        QTest::addRow("json with nested message only")
            << QByteArray("{\"data\":{\"message\":\"x\"}}\n") << ContainerKind::Unknown;
        QTest::addRow("export") << QByteArray("2023-04-05T06:07:08.123Z " + record + "\n2023-04-05T06:07:09.000Z "
            + record) << ContainerKind::CloudWatchExport;
        QTest::addRow("export, no fraction")
            << QByteArray("2023-04-05T06:07:08Z " + record) << ContainerKind::CloudWatchExport;
        QTest::addRow("date-like but not a timestamp")
            << QByteArray("2023-04-05 06:07:08 " + record) << ContainerKind::PlainText;
        QTest::addRow("parquet") << QByteArray("PAR1\x15\x04\x15\x10", 8) << ContainerKind::Parquet;
        QTest::addRow("gzip bytes") << QByteArray("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xcb\x48\xcd", 13)
                                    << ContainerKind::Unknown;
        QByteArray garbage;
        for (int i = 0; i < 512; ++i) {
            garbage += static_cast<char>((i * 73 + 11) % 256);
        }
        QTest::addRow("binary garbage") << garbage << ContainerKind::Unknown;
        QByteArray noNul = garbage;
        noNul.replace('\0', '\x01');
        QTest::addRow("binary garbage without NUL") << noNul << ContainerKind::Unknown;
        QTest::addRow("one NUL in text") << QByteArray(record + QByteArray(1, '\0') + record) << ContainerKind::Unknown;
    }
    void sniff()
    {
        QFETCH(QByteArray, head);
        QFETCH(ContainerKind, expected);
        QCOMPARE(sniffContainer(view(head)), expected);
    }

    // Every sample file of the conformance corpus, by what its README says it is.
    void sniffConformanceFiles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<ContainerKind>("expected");
        if (!QFile::exists(ConformanceFiles)) {
            QSKIP("the conformance corpus is not beside the repository");
        }
        QDirIterator it(ConformanceFiles, QDir::Files, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext()) {
            files << it.next();
        }
        files.sort();
        int rows = 0;
        for (const QString& path : files) {
            const QString name = QFileInfo(path).fileName();
            if (name == QLatin1String("README.md") || name.endsWith(QLatin1String(".expected.json"))) {
                continue;
            }
            ContainerKind expected = ContainerKind::PlainText;
            if (name.endsWith(QLatin1String(".json"))) {
                expected = ContainerKind::CloudWatchJson;
            } else if (name.endsWith(QLatin1String(".parquet"))) {
                expected = ContainerKind::Parquet;
            } else if (name == QLatin1String("test-with-message-field.log")) {
                expected = ContainerKind::JsonLines;
            }
            QTest::addRow("%s", qPrintable(QDir(ConformanceFiles).relativeFilePath(path))) << path << expected;
            ++rows;
        }
        QVERIFY(rows >= 20);
    }
    void sniffConformanceFiles()
    {
        QFETCH(QString, path);
        QFETCH(ContainerKind, expected);
        const QByteArray head = headOf(path, 4096);
        QCOMPARE(sniffContainer(view(head)), expected);
    }

    void extract_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<ExpectedEvents>("expected");
        const char* r1 = "2 123456789012 eni-0a1b2c3d4e5f60718 10.0.1.5 10.0.2.7 44321 443 6 10 8400 1680674400 "
                         "1680674460 ACCEPT OK";
        const char* r2 = "2 123456789012 eni-0ffff000011112222 - - - - - - - 1680674401 1680674461 - NODATA";
        const char* r3 = "2 123456789012 eni-1 10.0.0.1 10.0.0.2 1 2 17 1 76 1680674400 1680674460 REJECT OK";
        const ExpectedEvents filterPage { { r1, 1680674460000, "eni-0a1b2c3d4e5f60718-all" },
            { r2, 1680674461000, "eni-0ffff000011112222-all" } };
        const ExpectedEvents getPage { { r3, 1680674460000, "" } };
        const ExpectedEvents subscription { { r1, 1680674460000, "eni-0a1b2c3d4e5f60718-all" },
            { "second record", 1680674462000, "eni-0a1b2c3d4e5f60718-all" } };

        QTest::addRow("filter-log-events") << fixture("filter-log-events.json") << filterPage;
        QTest::addRow("get-log-events") << fixture("get-log-events.json") << getPage;
        QTest::addRow("subscription DATA_MESSAGE") << fixture("subscription.json") << subscription;
        QTest::addRow("subscription CONTROL_MESSAGE") << fixture("control-message.json") << ExpectedEvents {};
        QTest::addRow("empty document") << QByteArray(" \n") << ExpectedEvents {};
        QTest::addRow("pages separated by newlines")
            << QByteArray(fixture("filter-log-events.json") + "\n\n" + fixture("get-log-events.json") + '\n'
                   + fixture("control-message.json") + '\n' + fixture("subscription.json"))
            << ExpectedEvents { filterPage[0], filterPage[1], getPage[0], subscription[0], subscription[1] };
        QTest::addRow("pages back to back")
            << QByteArray(fixture("get-log-events.json") + fixture("get-log-events.json"))
            << ExpectedEvents { getPage[0], getPage[0] };
        QTest::addRow("UTF-8 BOM, CRLF") << QByteArray("\xEF\xBB\xBF" + fixture("get-log-events.json") + "\r\n")
                                         << getPage;
        QTest::addRow("array of events") << QByteArray(
            "[{\"logStreamName\":\"s1\",\"timestamp\":5,\"message\":\"a\"},{\"message\":\"b \\\"quoted\\\" }{ ]\"}]")
                                         << ExpectedEvents { { "a", 5, "s1" }, { "b \"quoted\" }{ ]", -1, "" } };
        QTest::addRow("single event object")
            << QByteArray("{\"message\":\"x\",\"timestamp\":\"2023-04-05T06:07:08.123Z\"}")
            << ExpectedEvents { { "x", 1680674828123, "" } };
        QTest::addRow("escapes and non-ASCII")
            << QByteArray("{\"events\":[{\"message\":\"tab\\tslash\\/ \\u0416 \\u00e9\"}]}")
            << ExpectedEvents { { "tab\tslash/ \xD0\x96 \xC3\xA9", -1, "" } };
    }
    void extract()
    {
        QFETCH(QByteArray, document);
        QFETCH(ExpectedEvents, expected);
        const EventExtraction got = extractCloudWatchEvents(view(document));
        QVERIFY2(got.error.empty(), got.error.c_str());
        QCOMPARE(got.events.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i) {
            QCOMPARE(got.events[i].message, std::string(expected[i].message));
            QCOMPARE(got.events[i].timestampMs.value_or(-1), expected[i].timestampMs);
            QCOMPARE(got.events[i].logStream, std::string(expected[i].stream));
        }
    }

    void extractErrors_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("pattern"); // a regular expression the error must match
        QTest::addColumn<int>("eventsBefore");
        const QByteArray page(fixture("get-log-events.json"));
        const QString second = QString::number(page.size() + 1);
        QTest::addRow("cut off") << page.left(page.size()
            - 10) << QStringLiteral("^the JSON document at byte 0 is cut off at byte %1").arg(page.size() - 10)
                                 << 0;
        QTest::addRow("second page cut off")
            << QByteArray(page + '\n' + page.left(40))
            << QStringLiteral("^the JSON document at byte %1 is cut off at byte %2").arg(second).arg(page.size() + 41)
            << 1;
        QTest::addRow("invalid JSON") << QByteArray("{\"events\": [ {\"message\": \"a\",, } ]}")
                                      << QStringLiteral("^invalid JSON at byte 3[0-9]: ") << 0;
        QTest::addRow("mismatched bracket") << QByteArray("{\"events\": [ {\"message\": \"a\"} }}")
                                            << QStringLiteral("unmatched '\\}' at byte 30") << 0;
        QTest::addRow("text after a page") << QByteArray(page + "\nnextToken: abc")
                                           << QStringLiteral("^unexpected character 'n' at byte %1").arg(second) << 1;
        QTest::addRow("plain text") << QByteArray("2 123 eni-1 ...") << QStringLiteral("character '2' at byte 0") << 0;
        QTest::addRow("not CloudWatch") << QByteArray("{\"Records\":[]}")
                                        << QStringLiteral("at byte 0 has no \"events\" or \"logEvents\"") << 0;
        QTest::addRow("event without message")
            << QByteArray("{\"events\":[{\"message\":\"ok\"},{\"timestamp\":1}]}")
            << QStringLiteral("at byte 0: event 2 of \"events\" has no \"message\" field") << 1;
        QTest::addRow("message not text")
            << QByteArray("{\"logEvents\":[{\"message\":12}]}")
            << QStringLiteral("event 1 of \"logEvents\" has a \"message\" that is not text") << 0;
        QTest::addRow("event not an object")
            << QByteArray("[{\"message\":\"a\"}, 3]") << QStringLiteral("event 2 of the list is not an object") << 1;
        QTest::addRow("events not a list")
            << QByteArray("{\"events\":{}}") << QStringLiteral("has an \"events\" that is not a list") << 0;
        QTest::addRow("unknown messageType") << QByteArray("{\"messageType\":\"DATA_MESSAGE_V2\",\"logEvents\":[]}")
                                             << QStringLiteral("unknown messageType \"DATA_MESSAGE_V2\"") << 0;
    }
    void extractErrors()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, pattern);
        QFETCH(int, eventsBefore);
        const EventExtraction got = extractCloudWatchEvents(view(document));
        QVERIFY2(QString::fromStdString(got.error).contains(QRegularExpression(pattern)), got.error.c_str());
        QCOMPARE(int(got.events.size()), eventsBefore);
    }

    // The OTel subscription sample: its two messages, found in the raw text with a plain regular
    // expression (no JSON parser), must be exactly what extraction returns.
    void extractConformanceSubscription()
    {
        const QString path
            = ConformanceFiles + QStringLiteral("otel-collector-contrib_vpc-flow-log/valid_vpc_flow_cw.json");
        if (!QFile::exists(path)) {
            QSKIP("the conformance corpus is not beside the repository");
        }
        const QByteArray text = readWholeFile(path);
        QStringList messages;
        const QRegularExpression messageRe(QStringLiteral("\"message\":\"([^\"]*)\""));
        for (auto it = messageRe.globalMatch(QString::fromUtf8(text)); it.hasNext();) {
            messages << it.next().captured(1);
        }
        QCOMPARE(messages.size(), 2);
        const QString stream = QRegularExpression(QStringLiteral("\"logStream\":\"([^\"]*)\""))
                                   .match(QString::fromUtf8(text))
                                   .captured(1);
        QCOMPARE(stream, QStringLiteral("eni-1235b8ca123456789"));

        QCOMPARE(sniffContainer(view(text)), ContainerKind::CloudWatchJson);
        const EventExtraction got = extractCloudWatchEvents(view(text));
        QVERIFY2(got.error.empty(), got.error.c_str());
        QCOMPARE(got.events.size(), std::size_t(2));
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(QString::fromStdString(got.events[std::size_t(i)].message), messages.at(i));
            QCOMPARE(got.events[std::size_t(i)].timestampMs.value_or(-1), qint64(1418530010000));
            QCOMPARE(QString::fromStdString(got.events[std::size_t(i)].logStream), stream);
        }
    }

    void jsonLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("message"); // empty: an error is expected
        QTest::addColumn<qint64>("timestampMs");
        QTest::addColumn<QString>("stream");
        QTest::addColumn<QString>("errorPart");
        QTest::addRow("message only") << QByteArray("{\"message\":\"2 123 eni-1 - - - - - - - 1 2 - NODATA\"}")
                                      << QStringLiteral("2 123 eni-1 - - - - - - - 1 2 - NODATA") << qint64(-1)
                                      << QString() << QString();
        QTest::addRow("timestamp in ms, logStreamName, CRLF")
            << QByteArray("  {\"timestamp\": 1680674460000, \"logStreamName\": \"eni-1\", \"message\": \"r\"}\r\n")
            << QStringLiteral("r") << qint64(1680674460000) << QStringLiteral("eni-1") << QString();
        QTest::addRow("ISO timestamp, logStream")
            << QByteArray("{\"timestamp\":\"2023-04-05T08:07:08.5+02:00\",\"logStream\":\"s\",\"message\":\"m\"}")
            << QStringLiteral("m") << qint64(1680674828500) << QStringLiteral("s") << QString();
        QTest::addRow("unusable timestamp ignored") << QByteArray("{\"timestamp\":\"yesterday\",\"message\":\"m\"}")
                                                    << QStringLiteral("m") << qint64(-1) << QString() << QString();
        QTest::addRow("not JSON") << QByteArray("{\"message\": \"unterminated") << QString() << qint64(-1) << QString()
                                  << QStringLiteral("not valid JSON at column ");
        QTest::addRow("trailing text") << QByteArray("{\"message\":\"a\"} extra") << QString() << qint64(-1)
                                       << QString() << QStringLiteral("not valid JSON at column 17");
        QTest::addRow("no message") << QByteArray("{\"msg\":\"a\"}") << QString() << qint64(-1) << QString()
                                    << QStringLiteral("has no \"message\" field");
        QTest::addRow("message not text") << QByteArray("{\"message\":[\"a\"]}") << QString() << qint64(-1) << QString()
                                          << QStringLiteral("\"message\" that is not text");
        QTest::addRow("array") << QByteArray("[\"message\"]") << QString() << qint64(-1) << QString()
                               << QStringLiteral("not an object");
        QTest::addRow("empty") << QByteArray("  \r\n") << QString() << qint64(-1) << QString()
                               << QStringLiteral("the line is empty");
    }
    void jsonLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(QString, message);
        QFETCH(qint64, timestampMs);
        QFETCH(QString, stream);
        QFETCH(QString, errorPart);
        std::string error;
        const std::optional<LogEvent> event = parseJsonLine(view(line), error);
        if (errorPart.isEmpty()) {
            QVERIFY2(event.has_value(), error.c_str());
            QCOMPARE(QString::fromStdString(event->message), message);
            QCOMPARE(event->timestampMs.value_or(-1), timestampMs);
            QCOMPARE(QString::fromStdString(event->logStream), stream);
        } else {
            QVERIFY(!event.has_value());
            QVERIFY2(QString::fromStdString(error).contains(errorPart), error.c_str());
        }
    }

    // The elastic sample wraps each record as {"message": ...}: every line parses to its record.
    void jsonLineConformance()
    {
        const QString path
            = ConformanceFiles + QStringLiteral("elastic-integrations_aws-vpcflow/test-with-message-field.log");
        if (!QFile::exists(path)) {
            QSKIP("the conformance corpus is not beside the repository");
        }
        const QByteArray text = readWholeFile(path).trimmed();
        std::string error;
        const std::optional<LogEvent> event = parseJsonLine(view(text), error);
        QVERIFY2(event, error.c_str());
        QCOMPARE(QByteArray::fromStdString(event->message),
            QByteArray("2 428961148399 eni-0e0bf7be352692297 - - - - - - - 1671029698 1671029728 - NODATA"));
    }

    void exportLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<qint64>("timestampMs"); // -1: an error is expected
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("errorPart");
        QTest::addRow("milliseconds") << QByteArray("2023-04-05T06:07:08.123Z 2 123 eni-1 - - - - - - - 1 2 - NODATA")
                                      << qint64(1680674828123)
                                      << QStringLiteral("2 123 eni-1 - - - - - - - 1 2 - NODATA") << QString();
        QTest::addRow("no fraction, CRLF") << QByteArray("2023-04-05T06:07:08Z rec\r\n") << qint64(1680674828000)
                                           << QStringLiteral("rec") << QString();
        QTest::addRow("microseconds, leap day") << QByteArray("2024-02-29T23:59:59.999999Z rec")
                                                << qint64(1709251199999) << QStringLiteral("rec") << QString();
        QTest::addRow("offset") << QByteArray("2023-04-05T08:07:08.5+02:00 rec") << qint64(1680674828500)
                                << QStringLiteral("rec") << QString();
        QTest::addRow("before the epoch")
            << QByteArray("1969-12-31T23:59:59Z rec") << qint64(-1000) << QStringLiteral("rec") << QString();
        QTest::addRow("century leap day")
            << QByteArray("2000-03-01T00:00:00Z rec") << qint64(951868800000) << QStringLiteral("rec") << QString();
        QTest::addRow("plain record") << QByteArray("2 123 eni-1 - - - - - - - 1 2 - NODATA") << qint64(-1) << QString()
                                      << QStringLiteral("does not start with an ISO-8601");
        QTest::addRow("month 13") << QByteArray("2023-13-05T06:07:08Z rec") << qint64(-1) << QString()
                                  << QStringLiteral("does not start with an ISO-8601");
        QTest::addRow("29 February 2023") << QByteArray("2023-02-29T06:07:08Z rec") << qint64(-1) << QString()
                                          << QStringLiteral("does not start with an ISO-8601");
        QTest::addRow("no zone") << QByteArray("2023-04-05T06:07:08 rec") << qint64(-1) << QString()
                                 << QStringLiteral("does not start with an ISO-8601");
        QTest::addRow("no space") << QByteArray("2023-04-05T06:07:08Z\trec") << qint64(-1) << QString()
                                  << QStringLiteral("not followed by a space at column 21");
        QTest::addRow("no record") << QByteArray("2023-04-05T06:07:08Z ") << qint64(-1) << QString()
                                   << QStringLiteral("no record after the timestamp");
    }
    void exportLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(qint64, timestampMs);
        QFETCH(QString, message);
        QFETCH(QString, errorPart);
        std::string error;
        const std::optional<LogEvent> event = parseExportLine(view(line), error);
        if (errorPart.isEmpty()) {
            QVERIFY2(event.has_value(), error.c_str());
            QCOMPARE(event->timestampMs.value_or(-2), timestampMs);
            QCOMPARE(QString::fromStdString(event->message), message);
        } else {
            QVERIFY(!event.has_value());
            QVERIFY2(QString::fromStdString(error).contains(errorPart), error.c_str());
        }
    }

    void s3Key_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("account");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("flowLogId");
        QTest::addColumn<qint64>("fileTime");
        const QString name
            = QStringLiteral("123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.gz");
        const QString acct = QStringLiteral("123456789012");
        const QString region = QStringLiteral("us-east-1");
        const QString fl = QStringLiteral("fl-1234abcd");
        const qint64 t = 1529511600; // 2018-06-20T16:20:00Z
        auto add = [&](const char* row, const QString& path) {
            QTest::addRow("%s", row) << path << true << acct << region << fl << t;
        };
        auto reject = [](const char* row, const QString& path) {
            QTest::addRow("%s", row) << path << false << QString() << QString() << QString() << qint64(0);
        };
        add("AWS documentation example", name);
        add("default layout",
            QStringLiteral("my-bucket/AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/") + name);
        add("default layout, prefix, s3 URL",
            QStringLiteral("s3://my-bucket/team/flow/AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/") + name);
        add("per-hour partition", QStringLiteral("AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/16/") + name);
        add("Hive-compatible",
            QStringLiteral("b/AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/"
                           "year=2018/month=06/day=20/")
                + name);
        add("Hive-compatible, per hour",
            QStringLiteral("AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1/"
                           "year=2018/month=06/day=20/hour=16/")
                + name);
        add("local copy, Windows separators",
            QStringLiteral("C:\\logs\\AWSLogs\\123456789012\\vpcflowlogs\\us-east-1\\2018\\06\\20\\") + name);
        add("local copy without AWSLogs", QStringLiteral("/home/me/Downloads/") + name);
        add("plain .log", QString(name).replace(QLatin1String(".log.gz"), QLatin1String(".log")));
        add("parquet", QString(name).replace(QLatin1String(".log.gz"), QLatin1String(".log.parquet")));
        QTest::addRow("conformance sample name")
            << QStringLiteral("AWSLogs/123456789010/vpcflowlogs/pangaea-1/2015/08/12/"
                              "123456789010_vpcflowlogs_pangaea-1_fl-102010_20150812T1200Z_h45h.log.gz")
            << true << QStringLiteral("123456789010") << QStringLiteral("pangaea-1") << QStringLiteral("fl-102010")
            << qint64(1439380800);

        reject("not a flow-log name",
            QStringLiteral("AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/flows.log.gz"));
        reject("other service",
            QString(name).replace(QLatin1String("_vpcflowlogs_"), QLatin1String("_elasticloadbalancing_")));
        reject("eleven-digit account", QString(name).mid(1));
        reject("no hash", QString(name).replace(QLatin1String("_fe123456"), QString()));
        reject("text extension", name + QStringLiteral(".txt"));
        reject("month 13 in the name", QString(name).replace(QLatin1String("20180620T"), QLatin1String("20181320T")));
        reject("hour 24 in the name", QString(name).replace(QLatin1String("T1620Z"), QLatin1String("T2420Z")));
        reject("account differs from folder",
            QStringLiteral("AWSLogs/210987654321/vpcflowlogs/us-east-1/2018/06/20/") + name);
        reject("region differs from folder",
            QStringLiteral("AWSLogs/123456789012/vpcflowlogs/eu-west-1/2018/06/20/") + name);
        reject("missing day folder", QStringLiteral("AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/") + name);
        reject("hour 25 folder", QStringLiteral("AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/25/") + name);
        reject("Hive key missing",
            QStringLiteral("AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/us-east-1/year=2018/"
                           "month=06/day=20/")
                + name);
    }
    void s3Key()
    {
        QFETCH(QString, path);
        QFETCH(bool, valid);
        QFETCH(QString, account);
        QFETCH(QString, region);
        QFETCH(QString, flowLogId);
        QFETCH(qint64, fileTime);
        const std::optional<S3KeyInfo> info = parseS3Key(path);
        QCOMPARE(info.has_value(), valid);
        if (valid) {
            QCOMPARE(info->accountId, account);
            QCOMPARE(info->region, region);
            QCOMPARE(info->flowLogId, flowLogId);
            QCOMPARE(info->fileTime.value_or(-1), fileTime);
        }
    }

    void expandSources()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QStringList files { QStringLiteral("b.log"), QStringLiteral("a.log.gz"), QStringLiteral("sub/z.json"),
            QStringLiteral("sub/deeper/flows"), QStringLiteral("sub/flows.parquet"), QStringLiteral("sub/.hidden.log"),
            QStringLiteral(".git/objects/x.log"), QStringLiteral("notes.md"), QStringLiteral("chart.PNG"),
            QStringLiteral("backup.tar.gz"), QStringLiteral("A.txt"), QStringLiteral("other/c.log") };
        for (const QString& f : files) {
            QVERIFY(QDir(dir.path()).mkpath(QFileInfo(dir.filePath(f)).path()));
            QFile file(dir.filePath(f));
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        const QString root = QDir::cleanPath(QFileInfo(dir.path()).absoluteFilePath());
        auto in
            = [&root](const char* relative) -> QString { return root + QLatin1Char('/') + QLatin1String(relative); };

        QStringList errors;
        const QStringList got = flowlens::expandSources(
            { dir.path(), in("b.log"), in("notes.md"), in("sub/.hidden.log"), in("missing.log"), in("other") }, errors);
        // Sorted by path (code units: upper case first), each once; explicit files kept whatever their name.
        const QStringList expected { in("A.txt"), in("a.log.gz"), in("b.log"), in("notes.md"), in("other/c.log"),
            in("sub/.hidden.log"), in("sub/deeper/flows"), in("sub/flows.parquet"), in("sub/z.json") };
        QCOMPARE(got, expected);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(QDir::toNativeSeparators(in("missing.log"))), qPrintable(errors.first()));
        QVERIFY(errors.first().contains(QLatin1String("does not exist")));

        errors.clear();
        QCOMPARE(flowlens::expandSources({ in("sub/deeper") }, errors), QStringList { in("sub/deeper/flows") });
        QVERIFY(errors.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestContainers)
#include "tst_containers.moc"
