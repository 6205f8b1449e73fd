// Loading only the fields a query reads (what `flowlens-cli query` does for a stats query) must give
// the answer loading every field gives, and count the same malformed lines. The test writes its
// own records (IPv4 and IPv6 addresses, `-` values, tabs, CRLF, start times in milliseconds,
// malformed lines, a custom header, gzip), loads them both ways and compares the results cell by
// cell; the top pairs are also checked against sums computed by the test from its own records.
#include "../loader/loadtestfiles.h"
#include "ingest/loader.h"
#include "query/queryevaluator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>
#include <optional>
#include <random>
#include <zlib.h>

using namespace flowlens;
using namespace flowlens::test;
using namespace flowlens::query;
using namespace Qt::StringLiterals;

namespace {

using Key = std::pair<std::string, std::string>; // "-" for a null address

struct Generated {
    std::string v2; // a file in the default format, no header
    std::string custom; // a file with a header line naming its own field order
    std::map<Key, std::optional<std::int64_t>> pairBytes; // sum(bytes) by (srcAddr, dstAddr) of good records
    std::uint64_t records = 0;
    std::uint64_t malformed = 0;
};

std::string address(std::mt19937_64& random, bool source)
{
    const std::uint64_t r = random() % 100;
    if (r < 4) {
        return "-";
    }
    if (r < 12) {
        return "2001:db8::" + std::to_string(1 + random() % 40); // canonical IPv6 text
    }
    const std::uint64_t host = random() % (source ? 400 : 300);
    return (source ? "10.0." : "10.1.") + std::to_string(host / 200) + "." + std::to_string(host % 200);
}

Generated generate()
{
    std::mt19937_64 random(7);
    Generated g;
    g.custom = "srcaddr dstaddr bytes start end action log-status version account-id interface-id srcport dstport "
               "protocol packets x-note\n";
    auto addGood = [&](const std::string& src, const std::string& dst, const std::string& bytesText,
                       std::optional<std::int64_t> bytes, const std::string& start, const std::string& action,
                       const std::string& sep, const std::string& eol, bool custom) {
        const std::string port = std::to_string(1024 + random() % 60000);
        const std::string packets = random() % 50 == 0 ? "-" : std::to_string(1 + random() % 90);
        std::string line;
        if (custom) {
            line = src + sep + dst + sep + bytesText + sep + start + sep + start + sep + action + sep + "OK" + sep + "2"
                + sep + "123456789012" + sep + "eni-" + std::to_string(random() % 30) + sep + port + sep + "443" + sep
                + "6" + sep + packets + sep + "note" + std::to_string(random() % 3);
            g.custom += line + eol;
        } else {
            line = "2" + sep + "123456789012" + sep + "eni-" + std::to_string(random() % 30) + sep + src + sep + dst
                + sep + port + sep + "443" + sep + "6" + sep + packets + sep + bytesText + sep + start + sep + start
                + sep + action + sep + "OK";
            g.v2 += line + eol;
        }
        ++g.records;
        auto& sum = g.pairBytes[{ src, dst }];
        if (bytes) {
            sum = sum.value_or(0) + *bytes;
        } else if (!sum) {
            sum = std::nullopt; // present, null so far
        }
    };
    for (int i = 0; i < 120000; ++i) {
        const bool custom = i % 5 == 4;
        const std::string sep = random() % 40 == 0 ? "\t" : (random() % 40 == 0 ? "  " : " ");
        const std::string eol = random() % 20 == 0 ? "\r\n" : "\n";
        const std::uint64_t kind = random() % 1000;
        if (kind < 20) { // malformed: a bad number, a bad address, a field short, a field over
            static const char* const bad[] = {
                "2 123456789012 eni-1 10.0.0.1 10.1.0.1 80 443 6 5 12x 1700000000 1700000000 ACCEPT OK",
                "2 123456789012 eni-1 10.0.0.300 10.1.0.1 80 443 6 5 100 1700000000 1700000000 ACCEPT OK",
                "2 123456789012 eni-1 10.0.0.1 10.1.0.1 80 443 6 5 100 1700000000 1700000000 ACCEPT",
                "2 123456789012 eni-1 10.0.0.1 10.1.0.1 80 443 6 5 100 1700000000 1700000000 ACCEPT OK extra",
                "2 123456789012 eni-1 10.0.0.1 10.1.0.1 80 4\r43 6 5 100 1700000000 1700000000 ACCEPT OK",
                "2 123456789012 eni-1 10.0.0.1 10.1.0.1 80 443 6 5 -7- 1700000000 1700000000 ACCEPT OK",
            };
            g.v2 += bad[kind % 6];
            g.v2 += eol;
            ++g.malformed;
            continue;
        }
        if (kind < 25) {
            g.v2 += kind % 2 ? "\n" : " \t\r\n"; // blank lines are neither records nor errors
            continue;
        }
        const std::string src = address(random, true);
        const std::string dst = address(random, false);
        std::optional<std::int64_t> bytes = static_cast<std::int64_t>(random() % 5000);
        std::string bytesText = std::to_string(*bytes);
        if (kind < 60) {
            bytes.reset();
            bytesText = "-";
        } else if (kind < 65) {
            bytesText = "+" + bytesText; // a sign: valid, read by the general path
        } else if (kind < 68) {
            bytesText = std::string(19 - bytesText.size(), '0') + bytesText; // 19 digits: past the vector path's 18
        }
        std::int64_t start = 1700000000 + static_cast<std::int64_t>(random() % 86400);
        const std::string startText = kind < 80 ? std::to_string(start * 1000) : std::to_string(start); // ms
        const std::string action = kind < 90 ? "-" : (random() % 10 == 0 ? "REJECT" : "ACCEPT");
        addGood(src, dst, bytesText, bytes, startText, action, sep, eol, custom);
    }
    // Twelve new pairs tie far above the rest: limit 10 must take ten of them.
    for (int i = 0; i < 12; ++i) {
        addGood("192.0.2." + std::to_string(i), "198.51.100.1", "9000000000", 9'000'000'000, "1700000000", "ACCEPT",
            " ", "\n", false);
    }
    return g;
}

Query parse(const QString& text)
{
    const QueryResult parsed = Query::parse(text);
    if (!parsed.ok()) {
        qFatal("bad test query %s", qPrintable(text));
    }
    return parsed.query();
}

std::vector<std::vector<std::string>> cells(const Result& table)
{
    std::vector<std::vector<std::string>> rows(table.rowCount());
    for (std::size_t r = 0; r < table.rowCount(); ++r) {
        for (std::size_t c = 0; c < table.columnCount(); ++c) {
            rows[r].push_back(table.text(c, r));
        }
    }
    return rows;
}

} // namespace

class TestNarrowLoad : public QObject {
    Q_OBJECT

private:
    Generated m_data = generate();
    QTemporaryDir m_dir;
    QStringList m_paths;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_paths = { write(m_dir, QStringLiteral("plain.log"), m_data.v2),
            write(m_dir, QStringLiteral("custom.log.gz"), gzip(m_data.custom)) };
    }

    void fieldsRead_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QStringList>("fields"); // empty: every field
        QTest::addRow("top pairs") << u"stats sum(bytes) as b by srcAddr, dstAddr | sort b desc | limit 10"_s
                                   << QStringList { u"srcAddr"_s, u"dstAddr"_s, u"bytes"_s };
        QTest::addRow("bins read the time")
            << u"stats count(*) by bin(5m)"_s << QStringList { u"@timestamp"_s, u"startTime"_s };
        QTest::addRow("fields before stats") << u"fields bytes * 2 as b | filter action = \"REJECT\" | stats sum(b)"_s
                                             << QStringList { u"bytes"_s, u"action"_s };
        QTest::addRow("earliest") << u"stats earliest(srcPort)"_s
                                  << QStringList { u"srcPort"_s, u"@timestamp"_s, u"startTime"_s };
        QTest::addRow("no stats: whole records") << u"filter bytes > 5"_s << QStringList {};
        QTest::addRow("@message") << u"stats count(*) by @message"_s << QStringList {};
    }
    void fieldsRead()
    {
        QFETCH(QString, query);
        QFETCH(QStringList, fields);
        const auto read = parse(query).fieldsRead();
        QCOMPARE(read.has_value(), !fields.isEmpty());
        if (!read) {
            return;
        }
        QStringList names;
        for (std::size_t f = 0; f < FieldCount; ++f) {
            if ((*read)[f]) {
                names.append(QString::fromUtf8(fieldInfo(static_cast<FieldId>(f)).insightsName));
            }
        }
        std::sort(names.begin(), names.end());
        std::sort(fields.begin(), fields.end());
        QCOMPARE(names, fields);
    }

    void sameAnswer_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addRow("top pairs") << u"stats sum(bytes) as b by srcAddr, dstAddr | sort b desc | limit 10"_s;
        QTest::addRow("top pairs, ascending") << u"stats sum(bytes) as b by srcAddr, dstAddr | sort b asc | limit 7"_s;
        QTest::addRow("all pairs") << u"stats sum(packets), avg(bytes), max(bytes) by srcAddr, dstAddr"_s;
        QTest::addRow("rejects by source") << u"filter action=\"REJECT\" | stats count(*) as n by srcAddr"_s;
        QTest::addRow("five-minute bins") << u"stats count(*) as n by bin(5m) as t"_s;
        QTest::addRow("distinct") << u"stats count_distinct(dstAddr) as d by interfaceId | sort d desc"_s;
        QTest::addRow("missing field") << u"stats count(*) by vpcId"_s;
        QTest::addRow("subnet filter")
            << u"filter isIpv4InSubnet(srcAddr, \"10.0.1.0/24\") | stats sum(bytes) as b by dstAddr | sort b desc | limit 5"_s;
    }
    void sameAnswer()
    {
        QFETCH(QString, query);
        const Query q = parse(query);
        const auto fields = q.fieldsRead();
        QVERIFY(fields.has_value());

        FlowStore full;
        const LoadReport fullReport = Loader::load(full, m_paths);
        FlowStore narrow;
        LoadOptions options;
        options.fields = *fields;
        const LoadReport narrowReport = Loader::load(narrow, m_paths, options);

        QCOMPARE(fullReport.records, m_data.records);
        QCOMPARE(fullReport.errors, m_data.malformed);
        QCOMPARE(narrowReport.records, fullReport.records);
        QCOMPARE(narrowReport.errors, fullReport.errors);
        for (std::size_t s = 0; s < fullReport.sources.size(); ++s) {
            const SourceInfo a = full.source(fullReport.sources[s]);
            const SourceInfo b = narrow.source(narrowReport.sources[s]);
            QCOMPARE(b.records, a.records);
            QCOMPARE(b.errors, a.errors);
            QCOMPARE(b.error, a.error);
        }
        auto errorTexts = [](const FlowStore& store) {
            std::vector<std::pair<std::uint64_t, std::string>> out;
            for (const LineError& e : store.errorSamples()) {
                out.emplace_back(e.line, e.reason);
            }
            std::sort(out.begin(), out.end());
            return out;
        };
        QVERIFY(errorTexts(narrow) == errorTexts(full));
        QVERIFY(narrow.presentFields().count() < full.presentFields().count());

        const QueryOutput a = QueryEvaluator(full).run(q, Selection::all(full.snapshot()));
        const QueryOutput b = QueryEvaluator(narrow).run(q, Selection::all(narrow.snapshot()));
        QCOMPARE(b.warnings, a.warnings);
        QCOMPARE(b.table.columnCount(), a.table.columnCount());
        for (std::size_t c = 0; c < a.table.columnCount(); ++c) {
            QCOMPARE(b.table.column(c).name, a.table.column(c).name);
        }
        QVERIFY(a.table.rowCount() > 0);
        QVERIFY(cells(b.table) == cells(a.table));
    }

    // A field the query does not read is still checked: the same lines are records either way.
    void unreadFieldsAreChecked_data()
    {
        QTest::addColumn<QString>("srcaddr");
        QTest::addColumn<QString>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::addRow("dotted quad") << u"10.0.0.1"_s << u"5"_s << true;
        QTest::addRow("largest") << u"255.255.255.255"_s << u"5"_s << true;
        QTest::addRow("leading zeros") << u"01.002.000.9"_s << u"5"_s << true;
        QTest::addRow("IPv6") << u"2001:db8::1"_s << u"5"_s << true;
        QTest::addRow("null") << u"-"_s << u"5"_s << true;
        QTest::addRow("IPv6 with a dotted quad") << u"::ffff:10.0.0.1"_s << u"5"_s << true;
        QTest::addRow("IPv6, full") << u"2001:0db8:0000:0000:0000:0000:0000:0001"_s << u"5"_s << true;
        QTest::addRow("IPv6, three colons") << u"2001:db8:::1"_s << u"5"_s << false;
        QTest::addRow("IPv6, not hex") << u"2001:db8::g1"_s << u"5"_s << false;
        QTest::addRow("IPv4 with a port") << u"10.0.0.1:80"_s << u"5"_s << false;
        QTest::addRow("octet 256") << u"10.0.0.256"_s << u"5"_s << false;
        QTest::addRow("octet 300 first") << u"300.1.1.1"_s << u"5"_s << false;
        QTest::addRow("four digits") << u"1000.1.1.1"_s << u"5"_s << false;
        QTest::addRow("three octets") << u"10.0.0"_s << u"5"_s << false;
        QTest::addRow("five octets") << u"10.0.0.1.2"_s << u"5"_s << false;
        QTest::addRow("empty octet") << u"10..0.1"_s << u"5"_s << false;
        QTest::addRow("leading dot") << u".10.0.0.1"_s << u"5"_s << false;
        QTest::addRow("trailing dot") << u"10.0.0.1."_s << u"5"_s << false;
        QTest::addRow("letters") << u"10.0.0.a"_s << u"5"_s << false;
        QTest::addRow("long") << u"100.100.100.1000"_s << u"5"_s << false;
        QTest::addRow("bytes with a letter") << u"10.0.0.1"_s << u"5a"_s << false;
        QTest::addRow("bytes signed") << u"10.0.0.1"_s << u"-5"_s << true;
    }
    void unreadFieldsAreChecked()
    {
        QFETCH(QString, srcaddr);
        QFETCH(QString, bytes);
        QFETCH(bool, valid);
        QTemporaryDir dir;
        const std::string line = "2 123456789012 eni-1 " + srcaddr.toStdString() + " 10.1.0.1 80 443 6 5 "
            + bytes.toStdString() + " 1700000000 1700000060 ACCEPT OK\n";
        const QString path = write(dir, u"one.log"_s, line + line);
        for (const bool keepAll : { true, false }) {
            FlowStore store;
            LoadOptions options;
            if (!keepAll) {
                options.fields.reset();
                options.fields.set(index(FieldId::Action));
            }
            const LoadReport report = Loader::load(store, { path }, options);
            QCOMPARE(report.records, valid ? 2U : 0U);
            QCOMPARE(report.errors, valid ? 0U : 2U);
        }
    }

    // The top pairs against the test's own sums: every row's value is its pair's sum, and the values
    // are the ten largest sums (ten of the twelve tied pairs).
    void topPairsByBruteForce()
    {
        const Query q = parse(u"stats sum(bytes) as b by srcAddr, dstAddr | sort b desc | limit 10"_s);
        FlowStore narrow;
        LoadOptions options;
        options.fields = *q.fieldsRead();
        Loader::load(narrow, m_paths, options);
        const Result table = QueryEvaluator(narrow).run(q, Selection::all(narrow.snapshot())).table;
        QCOMPARE(table.rowCount(), std::size_t { 10 });
        std::vector<std::int64_t> sums;
        for (const auto& [key, sum] : m_data.pairBytes) {
            if (sum) {
                sums.push_back(*sum);
            }
        }
        QVERIFY(sums.size() > 40000); // enough groups that workers partition their rows
        std::sort(sums.rbegin(), sums.rend());
        for (std::size_t r = 0; r < 10; ++r) {
            auto text = [&](std::size_t c) {
                const std::string t = table.text(c, r);
                return t.empty() ? std::string("-") : t;
            };
            const auto it = m_data.pairBytes.find({ text(0), text(1) });
            QVERIFY2(it != m_data.pairBytes.end(), (text(0) + " " + text(1)).c_str());
            QCOMPARE(table.text(2, r), std::to_string(it->second.value()));
            QCOMPARE(table.text(2, r), std::to_string(sums[r]));
        }
        QCOMPARE(sums[11], std::int64_t { 9'000'000'000 });
    }
};

QTEST_GUILESS_MAIN(TestNarrowLoad)
#include "tst_narrowload.moc"
