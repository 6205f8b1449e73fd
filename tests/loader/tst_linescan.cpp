// The parsers read common lines straight from the reader's blocks, finding each line's end with its
// tokens (RecordParser::parseAt), and fall back to a line-by-line path near a block's end and for
// anything unusual. This test writes lines of every awkward kind — tabs and runs of spaces, CRLF,
// a CR inside a line, lines of 254 to 258 bytes around the vector path's limit, IPv6, `-`, start
// times in milliseconds, blank and malformed lines, a last line without a newline — computes each
// record's expected cells itself, and checks every stored cell and every malformed line number,
// with blocks cut at many different places, one or two parsers, every field or a few.
#include "ingest/loader.h"
#include "loadtestfiles.h"

#include <QTest>
#include <algorithm>
#include <map>
#include <random>

using namespace flowlens;
using namespace flowlens::test;

namespace {

// The v2 fields in file order, as the store shows them.
constexpr FieldId kFields[] = { FieldId::Version, FieldId::AccountId, FieldId::InterfaceId, FieldId::SrcAddr,
    FieldId::DstAddr, FieldId::SrcPort, FieldId::DstPort, FieldId::Protocol, FieldId::Packets, FieldId::Bytes,
    FieldId::Start, FieldId::End, FieldId::Action, FieldId::LogStatus };
constexpr std::size_t kFieldCount = std::size(kFields);

struct Expected {
    std::string text;
    std::map<std::uint64_t, std::vector<std::string>> records; // line → cells as the store shows them
    std::vector<std::uint64_t> malformed; // line numbers
};

std::string addressText(std::mt19937_64& random)
{
    switch (random() % 10) {
    case 0:
        return "-";
    case 1:
        return "2001:db8::" + std::to_string(1 + random() % 500);
    case 2:
        return "fe80::1:" + std::to_string(random() % 9000);
    default:
        return std::to_string(random() % 256) + "." + std::to_string(random() % 256) + "."
            + std::to_string(random() % 256) + "." + std::to_string(random() % 256);
    }
}

Expected generate(std::uint64_t seed, bool newlineAtEnd)
{
    std::mt19937_64 random(seed);
    Expected g;
    std::uint64_t line = 0;
    const int lines = 5000;
    for (int i = 0; i < lines; ++i) {
        ++line;
        const std::uint64_t kind = random() % 1000;
        const std::string eol = random() % 8 == 0 ? "\r\n" : "\n";
        if (kind < 20) {
            g.text += random() % 2 ? "" : " \t ";
            g.text += eol; // blank: neither record nor error
            continue;
        }
        std::vector<std::string> tokens;
        std::vector<std::string> cells;
        auto add = [&](const std::string& token, const std::string& cell) {
            tokens.push_back(token);
            cells.push_back(cell);
        };
        add("2", "2");
        add("123456789012", "123456789012");
        const std::string eni = "eni-" + std::to_string(random() % 50);
        add(eni, eni);
        for (int a = 0; a < 2; ++a) {
            const std::string address = addressText(random);
            add(address, address);
        }
        for (int p = 0; p < 5; ++p) { // ports, protocol, packets, bytes
            if (random() % 15 == 0) {
                add("-", "-");
            } else if (random() % 40 == 0) {
                const std::uint64_t value = random() % 1000;
                add("000000000000000" + std::to_string(1000 + value), std::to_string(1000 + value)); // 19 digits
            } else {
                const std::uint64_t value = random() % 70000;
                add(std::to_string(value), std::to_string(value));
            }
        }
        const std::uint64_t start = 1'700'000'000 + random() % 100'000;
        if (random() % 6 == 0) {
            add(std::to_string(start * 1000 + random() % 1000), std::to_string(start)); // milliseconds
        } else {
            add(std::to_string(start), std::to_string(start));
        }
        add(std::to_string(start + 60), std::to_string(start + 60));
        const std::string action = random() % 3 == 0 ? "REJECT" : "ACCEPT";
        add(action, action);
        add("OK", "OK");

        bool malformed = false;
        if (kind < 35) {
            tokens[9] = "12x"; // bytes not a number
            malformed = true;
        } else if (kind < 45) {
            tokens[3] = "10.0.0.256";
            malformed = true;
        } else if (kind < 52) {
            tokens.pop_back(); // a field short
            malformed = true;
        } else if (kind < 60) {
            tokens[6] = "4\r43"; // a CR inside
            malformed = true;
        }
        // Separators: mostly one space; some tabs, runs of spaces, and some lines padded so their
        // length lands around the vector path's 256-byte limit.
        std::string text;
        if (random() % 30 == 0) {
            text += "  ";
        }
        for (std::size_t t = 0; t < tokens.size(); ++t) {
            if (t > 0) {
                const std::uint64_t s = random() % 30;
                text += s == 0 ? "\t" : s == 1 ? "   " : " ";
            }
            text += tokens[t];
        }
        if (random() % 10 == 0) {
            const std::size_t target = 254 + random() % 5 - (eol.size() - 1); // with its CR: 254 to 258
            while (text.size() < target) {
                text.insert(text.find(' ') == std::string::npos ? text.size() : text.find(' '), " ");
            }
        } else if (random() % 30 == 0) {
            text += " \t";
        }
        g.text += text + eol;
        if (malformed) {
            g.malformed.push_back(line);
        } else {
            g.records[line] = cells;
        }
    }
    if (!newlineAtEnd) {
        while (!g.text.empty() && (g.text.back() == '\n' || g.text.back() == '\r')) {
            g.text.pop_back();
        }
    }
    return g;
}

} // namespace

class TestLineScan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyCell_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::addColumn<bool>("newlineAtEnd");
        QTest::addColumn<int>("blockBytes");
        QTest::addColumn<int>("parserThreads");
        QTest::addColumn<bool>("narrow");
        QTest::addRow("default blocks, two parsers") << quint64(1) << true << 2 * 1024 * 1024 << 2 << false;
        QTest::addRow("no newline at the end") << quint64(2) << false << 2 * 1024 * 1024 << 2 << false;
        QTest::addRow("4 KiB blocks") << quint64(3) << true << 4096 << 2 << false;
        QTest::addRow("odd blocks, one parser") << quint64(4) << false << 4099 << 1 << false;
        QTest::addRow("blocks of 300 bytes") << quint64(5) << true << 300 << 2 << false;
        QTest::addRow("blocks of 257 bytes, narrow") << quint64(6) << false << 257 << 1 << true;
        QTest::addRow("narrow, two parsers") << quint64(7) << true << 8191 << 2 << true;
    }
    void everyCell()
    {
        QFETCH(quint64, seed);
        QFETCH(bool, newlineAtEnd);
        QFETCH(int, blockBytes);
        QFETCH(int, parserThreads);
        QFETCH(bool, narrow);
        const Expected expected = generate(seed, newlineAtEnd);
        QTemporaryDir dir;
        const QString path = write(dir, QStringLiteral("scan.log"), expected.text);

        LoadOptions options;
        options.blockBytes = static_cast<std::size_t>(blockBytes);
        options.parserThreads = parserThreads;
        std::vector<FieldId> kept(std::begin(kFields), std::end(kFields));
        if (narrow) {
            kept = { FieldId::SrcAddr, FieldId::Bytes, FieldId::Start };
            options.fields.reset();
            for (FieldId f : kept) {
                options.fields.set(index(f));
            }
        }
        FlowStore store;
        const LoadReport report = Loader::load(store, { path }, options);
        QCOMPARE(report.records, expected.records.size());
        QCOMPARE(report.errors, expected.malformed.size());
        QVERIFY(expected.malformed.size() < FlowStore::kMaxErrorSamples); // every error is sampled

        std::vector<std::uint64_t> errorLines;
        for (const LineError& e : store.errorSamples()) {
            errorLines.push_back(e.line);
            QVERIFY2(e.reason.find("field") != std::string::npos, e.reason.c_str());
        }
        std::sort(errorLines.begin(), errorLines.end());
        QVERIFY(errorLines == expected.malformed);

        std::size_t seen = 0;
        const auto snapshot = store.snapshot();
        for (const auto& chunk : snapshot.chunks) {
            for (std::uint32_t r = 0; r < chunk->rowCount(); ++r) {
                const auto it = expected.records.find(chunk->line(r));
                QVERIFY2(it != expected.records.end(), std::to_string(chunk->line(r)).c_str());
                for (FieldId f : kept) {
                    const std::size_t column
                        = static_cast<std::size_t>(std::find(std::begin(kFields), std::end(kFields), f) - kFields);
                    QVERIFY(column < kFieldCount);
                    const std::string got = store.text(*chunk, f, r);
                    if (got != it->second[column]) {
                        QFAIL(qPrintable(
                            QStringLiteral("line %1, %2: %3, expected %4")
                                .arg(it->first)
                                .arg(QString::fromUtf8(fieldInfo(f).awsName))
                                .arg(QString::fromStdString(got), QString::fromStdString(it->second[column]))));
                    }
                }
                ++seen;
            }
        }
        QCOMPARE(seen, expected.records.size());
    }
};

QTEST_GUILESS_MAIN(TestLineScan)
#include "tst_linescan.moc"
