// Loads files written by the test itself, whose records the test knows field by field, and
// compares what the store holds with those known values.
#include "ingest/loader.h"
#include "loadtestfiles.h"
#include "store/flowstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <set>
#include <zlib.h>

using namespace flowlens;
using namespace flowlens::test;

namespace {

const char* kV2Header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start "
                        "end action log-status";

struct Record {
    int eni;
    int srcHost;
    int dstPort;
    std::int64_t bytes;
    bool reject;
};

std::vector<Record> makeRecords(int n)
{
    std::vector<Record> out;
    for (int i = 0; i < n; ++i) {
        out.push_back(
            { i % 37, i % 251, (i % 3 == 0) ? 22 : 443, 40 + (std::int64_t(i) * 7919) % 1000000, i % 11 == 0 });
    }
    return out;
}

std::string v2Line(const Record& r, int i)
{
    char line[256];
    std::snprintf(line, sizeof line, "2 123456789012 eni-%017d 10.1.0.%d 10.2.0.1 %d %d 6 %d %lld %d %d %s OK", r.eni,
        r.srcHost, 1024 + i % 60000, r.dstPort, 1 + i % 50, static_cast<long long>(r.bytes), 1700000000 + i,
        1700000060 + i, r.reject ? "REJECT" : "ACCEPT");
    return line;
}

struct Totals {
    std::uint64_t rows = 0;
    std::int64_t bytes = 0;
    std::uint64_t rejects = 0;
    std::uint64_t nullBytes = 0;
};

Totals totals(const FlowStore& store)
{
    Totals t;
    const auto snapshot = store.snapshot();
    for (const auto& chunk : snapshot.chunks) {
        for (std::uint32_t r = 0; r < chunk->rowCount(); ++r) {
            ++t.rows;
            const std::int64_t b = chunk->value(FieldId::Bytes, r);
            b == kNull ? ++t.nullBytes : t.bytes += b;
            t.rejects += chunk->value(FieldId::Action, r) == 1 ? 1 : 0; // REJECT is seeded as id 1
        }
    }
    return t;
}

} // namespace

class TestLoader : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plainFilesAcrossBlockSizes_data()
    {
        QTest::addColumn<bool>("header");
        QTest::addColumn<bool>("crlf");
        QTest::addColumn<int>("blockBytes");
        QTest::addColumn<int>("parserThreads");
        QTest::addRow("header, large blocks") << true << false << (2 << 20) << 2;
        QTest::addRow("header, tiny blocks split lines") << true << false << 777 << 2;
        QTest::addRow("no header, one thread") << false << false << 4096 << 1;
        QTest::addRow("crlf and trailing spaces") << true << true << 1000 << 3;
    }
    void plainFilesAcrossBlockSizes()
    {
        QFETCH(bool, header);
        QFETCH(bool, crlf);
        QFETCH(int, blockBytes);
        QFETCH(int, parserThreads);
        const auto records = makeRecords(20000);
        std::string text = header ? std::string(kV2Header) + (crlf ? "\r\n" : "\n") : std::string();
        Totals expected;
        for (int i = 0; i < int(records.size()); ++i) {
            text += v2Line(records[i], i) + (crlf ? "  \r\n" : "\n");
            expected.bytes += records[i].bytes;
            expected.rejects += records[i].reject;
        }
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("a.log"), text);
        FlowStore store;
        LoadOptions options;
        options.blockBytes = static_cast<std::size_t>(blockBytes);
        options.parserThreads = parserThreads;
        const LoadReport report = Loader::load(store, { path }, options);
        QCOMPARE(report.records, records.size());
        QCOMPARE(report.errors, 0ULL);
        const Totals got = totals(store);
        QCOMPARE(got.rows, records.size());
        QCOMPARE(got.bytes, expected.bytes);
        QCOMPARE(got.rejects, expected.rejects);
        QCOMPARE(store.dictionary(FieldId::InterfaceId).size(), 37U);
        // Every row can be traced to its line: line = index + 1 (+1 with a header).
        const auto snapshot = store.snapshot();
        std::set<std::int64_t> addressIds;
        for (const auto& chunk : snapshot.chunks) {
            for (std::uint32_t r = 0; r < chunk->rowCount(); ++r) {
                addressIds.insert(chunk->value(FieldId::SrcAddr, r));
                addressIds.insert(chunk->value(FieldId::DstAddr, r));
            }
        }
        QCOMPARE(addressIds.size(), std::size_t { 251 + 1 });
        std::uint64_t lineSum = 0;
        for (const auto& chunk : snapshot.chunks) {
            for (std::uint32_t r = 0; r < chunk->rowCount(); ++r) {
                lineSum += chunk->line(r);
            }
        }
        const std::uint64_t n = records.size();
        QCOMPARE(lineSum, n * (n + 1) / 2 + (header ? n : 0));
    }

    void malformedLinesAreCountedWithFileAndLine()
    {
        std::string text = std::string(kV2Header) + "\n";
        const auto records = makeRecords(10);
        for (int i = 0; i < 10; ++i) {
            text += v2Line(records[i], i) + "\n";
            if (i == 3) {
                text += "2 123 eni-x 10.0.0.1 10.0.0.2 abc 22 6 1 1 1 2 ACCEPT OK\n"; // line 6
            }
            if (i == 6) {
                text += "2 123 eni-x 10.0.0.1\n"; // line 10
            }
        }
        text += "\n\n"; // blank lines are not errors
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("mixed.log"), text);
        FlowStore store;
        const LoadReport report = Loader::load(store, { path });
        QCOMPARE(report.records, 10ULL);
        QCOMPARE(report.errors, 2ULL);
        const auto errors = store.errorSamples();
        QCOMPARE(errors.size(), std::size_t(2));
        QCOMPARE(errors[0].line, 6ULL);
        QVERIFY2(errors[0].reason.find("srcport") != std::string::npos, errors[0].reason.c_str());
        QVERIFY(errors[0].reason.find("not a number") != std::string::npos);
        QCOMPARE(errors[1].line, 10ULL);
        QVERIFY2(errors[1].reason.find("has 4 fields") != std::string::npos, errors[1].reason.c_str());
        const SourceInfo info = store.source(report.sources.front());
        QCOMPARE(info.records, 10ULL);
        QCOMPARE(info.errors, 2ULL);
        QVERIFY(info.error.isEmpty());
    }

    void headerChangesMidFile()
    {
        // Two S3 objects joined: a v2 body, a blank line, then a custom-format body.
        std::string text = std::string(kV2Header) + "\n" + v2Line(makeRecords(1)[0], 0) + "\n\n"
            + "srcaddr dstaddr bytes log-status\n" + "10.9.9.9 10.8.8.8 777 OK\n" + "- - - NODATA\n";
        QTemporaryDir dir;
        FlowStore store;
        const LoadReport report = Loader::load(store, { write(dir, QStringLiteral("joined.log"), text) });
        QCOMPARE(report.records, 3ULL);
        QCOMPARE(report.errors, 0ULL);
        const Totals t = totals(store);
        QCOMPARE(t.bytes, makeRecords(1)[0].bytes + 777);
        QCOMPARE(t.nullBytes, 1ULL);
        const SourceInfo info = store.source(report.sources.front());
        QVERIFY2(info.format.contains(QLatin1String(" | ")), qPrintable(info.format));
        QCOMPARE(store.presentFields().test(index(FieldId::Version)), true);
    }

    void formatOptionAppliesWithoutHeader()
    {
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("custom.log"), "443 10.0.0.1 1000\n22 10.0.0.2 2000\n");
        FlowStore store;
        LoadOptions options;
        std::string error;
        options.format = std::make_shared<const RecordFormat>(*RecordFormat::parseSpec("dstport srcaddr bytes", error));
        const LoadReport report = Loader::load(store, { path }, options);
        QCOMPARE(report.records, 2ULL);
        QCOMPARE(totals(store).bytes, 3000);
    }

    void notAFlowLogSaysSoInOneSentence()
    {
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("notes.txt"), "Dear diary,\nthe VPC was quiet today.\n");
        FlowStore store;
        const LoadReport report = Loader::load(store, { path });
        QCOMPARE(report.records, 0ULL);
        const SourceInfo info = store.source(report.sources.front());
        QVERIFY2(info.error.startsWith(QLatin1String("is not a VPC flow log")), qPrintable(info.error));
        QVERIFY2(info.error.contains(QLatin1String("line 1")), qPrintable(info.error));
        QVERIFY(!info.error.contains(QLatin1Char('\n')));
    }

    void emptyAndMissingFiles()
    {
        QTemporaryDir dir;
        const QString empty = write(dir, QStringLiteral("empty.log"), "");
        FlowStore store;
        const LoadReport report = Loader::load(store, { empty, dir.filePath(QStringLiteral("missing.log")) });
        QCOMPARE(report.records, 0ULL);
        QCOMPARE(report.problems.size(), 1);
        QVERIFY(report.problems.front().contains(QLatin1String("missing.log")));
        QCOMPARE(store.source(report.sources.front()).error, QStringLiteral("is empty"));
    }

    void folderTreeLoadsEveryFile()
    {
        QTemporaryDir dir;
        const auto records = makeRecords(3000);
        Totals expected;
        for (int f = 0; f < 3; ++f) {
            std::string text = std::string(kV2Header) + "\n";
            for (int i = f * 1000; i < (f + 1) * 1000; ++i) {
                text += v2Line(records[i], i) + "\n";
                expected.bytes += records[i].bytes;
            }
            const QString name = QStringLiteral("AWSLogs/123456789012/vpcflowlogs/us-east-1/2026/11/0%1/"
                                                "123456789012_vpcflowlogs_us-east-1_fl-0abc_2026110%1T0000Z_h.log.gz")
                                     .arg(f + 1);
            write(dir, name, gzip(text));
        }
        FlowStore store;
        const LoadReport report = Loader::load(store, { dir.path() });
        QCOMPARE(report.sources.size(), std::size_t(3));
        QCOMPARE(report.records, 3000ULL);
        QCOMPARE(totals(store).bytes, expected.bytes);
    }

    void truncatedGzipKeepsRecordsBeforeTheDamage()
    {
        std::string text = std::string(kV2Header) + "\n";
        const auto records = makeRecords(50000);
        for (int i = 0; i < int(records.size()); ++i) {
            text += v2Line(records[i], i) + "\n";
        }
        std::string gz = gzip(text);
        gz.resize(gz.size() / 2);
        QTemporaryDir dir;
        FlowStore store;
        const LoadReport report = Loader::load(store, { write(dir, QStringLiteral("cut.log.gz"), gz) });
        const SourceInfo info = store.source(report.sources.front());
        QVERIFY2(!info.error.isEmpty(), "a truncated gzip must be reported");
        QVERIFY(report.records > 10000 && report.records < records.size());
        // What was kept is exactly the first records of the file.
        Totals expected;
        for (std::uint64_t i = 0; i < report.records; ++i) {
            expected.bytes += records[i].bytes;
        }
        QCOMPARE(totals(store).bytes, expected.bytes);
        QCOMPARE(report.errors, 0ULL);
    }

    void cancelKeepsWhatWasRead()
    {
        std::string text = std::string(kV2Header) + "\n";
        const auto records = makeRecords(200000);
        for (int i = 0; i < int(records.size()); ++i) {
            text += v2Line(records[i], i) + "\n";
        }
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("big.log"), text);
        FlowStore store;
        LoadOptions options;
        options.blockBytes = 64 * 1024;
        int calls = 0;
        const LoadReport report = Loader::load(store, { path }, options, [&calls](const LoadProgress&) {
            return ++calls < 1; // cancel at the first report
        });
        QVERIFY(report.cancelled);
        QVERIFY(report.records < records.size());
        QCOMPARE(store.rowCount(), report.records);
        // The kept rows are whole records: their bytes match the test's own values by line.
        const auto snapshot = store.snapshot();
        for (const auto& chunk : snapshot.chunks) {
            for (std::uint32_t r = 0; r < chunk->rowCount(); r += 101) {
                const std::uint64_t line = chunk->line(r);
                QCOMPARE(chunk->value(FieldId::Bytes, r), records[line - 2].bytes);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestLoader)
#include "tst_loader.moc"
