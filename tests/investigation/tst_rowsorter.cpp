// The table's radix sort (sortRows) against std::stable_sort over keys worked out from the text the
// test wrote: byte counts of every span the sorter packs differently (one digit, 32 bits packed
// with the row, past 32 bits, near the int64 limit, all equal, all null), addresses with IPv6 on
// both sides of IPv4, interface ids, both directions, and rows given in row order, as a sparse
// subset, shuffled and reversed.
#include "ingest/loader.h"
#include "investigation/rowsorter.h"
#include "store/address.h"
#include "store/selection.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <functional>
#include <optional>
#include <random>
#include <string>

using namespace flowlens;

namespace {

using BytesMaker = std::function<std::optional<std::int64_t>(std::size_t line, std::mt19937_64& random)>;

// What the test wrote on one line, as the sort must read it (nullopt: '-').
struct Line {
    std::optional<std::int64_t> bytes;
    std::optional<Address> src;
    std::string eni;
    std::int64_t dstPort = 0;
};

std::int64_t uniform(std::mt19937_64& random, std::int64_t low, std::int64_t high)
{
    return std::uniform_int_distribution<std::int64_t>(low, high)(random);
}

} // namespace

Q_DECLARE_METATYPE(BytesMaker)

class TestRowSorter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void matchesStableSort_data()
    {
        QTest::addColumn<BytesMaker>("makeBytes");
        QTest::addColumn<int>("lines");
        QTest::addColumn<bool>("everyField"); // else bytes only
        QTest::addRow("one digit, many ties") << BytesMaker([](std::size_t, std::mt19937_64& r) {
            return std::optional<std::int64_t>(uniform(r, 0, 300));
        }) << 140'000 << true;
        QTest::addRow("widest span packed with the row (2^32 - 1 apart)") << BytesMaker(
            [](std::size_t line, std::mt19937_64& r) {
                const std::int64_t low = 7;
                const std::int64_t high = low + 0xFFFF'FFFELL;
                return std::optional<std::int64_t>(line == 5 ? low : line == 9 ? high : uniform(r, low, high));
            }) << 140'000 << false;
        QTest::addRow("one past it (2^32 apart), with nulls") << BytesMaker(
            [](std::size_t line, std::mt19937_64& r) -> std::optional<std::int64_t> {
                if (line % 17 == 2) {
                    return std::nullopt;
                }
                return line == 3 ? 0 : line == 8 ? 0x1'0000'0000LL : uniform(r, 0, 0x1'0000'0000LL);
            }) << 140'000 << false;
        QTest::addRow("50-bit values with ties") << BytesMaker([](std::size_t, std::mt19937_64& r) {
            return std::optional<std::int64_t>(uniform(r, 0, 1000) << 40);
        }) << 140'000 << false;
        QTest::addRow("near the int64 limit") << BytesMaker([](std::size_t, std::mt19937_64& r) {
            const std::int64_t top = std::numeric_limits<std::int64_t>::max();
            return std::optional<std::int64_t>(r() % 3 == 0 ? uniform(r, 0, 100) : top - uniform(r, 0, 100));
        }) << 140'000 << false;
        QTest::addRow("all equal") << BytesMaker([](std::size_t, std::mt19937_64&) {
            return std::optional<std::int64_t>(1234);
        }) << 100'000 << false;
        QTest::addRow("all null") << BytesMaker([](std::size_t, std::mt19937_64&) {
            return std::optional<std::int64_t>();
        }) << 100'000 << false;
        QTest::addRow("mostly null, few rows") << BytesMaker([](std::size_t line, std::mt19937_64& r) {
            return line % 4 == 0 ? std::optional<std::int64_t>(uniform(r, 0, 9)) : std::nullopt;
        }) << 300 << false;
        QTest::addRow("one row") << BytesMaker([](std::size_t, std::mt19937_64&) {
            return std::optional<std::int64_t>(42);
        }) << 1 << false;
    }

    void matchesStableSort()
    {
        QFETCH(BytesMaker, makeBytes);
        QFETCH(int, lines);
        QFETCH(bool, everyField);
        std::mt19937_64 random(11);
        std::vector<Line> written;
        std::string text;
        for (std::size_t i = 0; i < static_cast<std::size_t>(lines); ++i) {
            Line line;
            line.bytes = makeBytes(i, random);
            std::string src;
            switch (i % 9) {
            case 0:
                src = "2001:db8::" + std::to_string(i % 13); // above every IPv4 address
                break;
            case 1:
                src = "::" + std::to_string(1 + i % 5); // below every IPv4 address
                break;
            case 2:
                src = i % 2 == 0 ? "-" : "10.0.0." + std::to_string(i % 7);
                break;
            default:
                src = std::to_string(uniform(random, 1, 223)) + "." + std::to_string(uniform(random, 0, 255)) + ".0."
                    + std::to_string(uniform(random, 0, 3));
            }
            if (src != "-") {
                line.src = *Address::parse(src);
            }
            line.eni = "eni-" + std::to_string(uniform(random, 0, 400));
            line.dstPort = uniform(random, 0, 65535);
            text += "2 123456789012 " + line.eni + " " + src + " 10.1.0.1 443 " + std::to_string(line.dstPort) + " 6 1 "
                + (line.bytes ? std::to_string(*line.bytes) : std::string("-")) + " 1700000000 1700000060 ACCEPT OK\n";
            written.push_back(std::move(line));
        }
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("sort.log"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(text.data(), qint64(text.size())), qint64(text.size()));
        }
        FlowStore store;
        const LoadReport report = Loader::load(store, { path });
        QCOMPARE(report.records, std::uint64_t(lines));
        QCOMPARE(report.errors, std::uint64_t(0));
        const auto snapshot = store.snapshot();

        const std::vector<RowId> all = Selection::all(snapshot).rowIds();
        std::vector<const Line*> lineOf(all.back().value + 1, nullptr);
        for (RowId id : all) {
            lineOf[id.value] = &written[snapshot.chunk(id).line(rowOf(id)) - 1];
        }
        // Inputs: every row; a subset sparse enough that its rows are read one by one, with a
        // dense run; shuffled; reversed.
        std::vector<RowId> sparse;
        for (std::size_t i = 0; i < all.size(); ++i) {
            if (i % 29 == 0 || (i > all.size() / 2 && i < all.size() / 2 + 20'000)) {
                sparse.push_back(all[i]);
            }
        }
        std::vector<RowId> shuffled = all;
        std::shuffle(shuffled.begin(), shuffled.end(), random);
        const std::vector<RowId> reversed(all.rbegin(), all.rend());
        const std::vector<std::pair<const char*, const std::vector<RowId>*>> inputs
            = { { "all", &all }, { "sparse", &sparse }, { "shuffled", &shuffled }, { "reversed", &reversed } };

        // Null first; IPv6 below ::ffff:0:0 first, then IPv4, then the other IPv6 addresses: the
        // order of Address, whose IPv4 addresses are IPv4-mapped.
        using Less = std::function<bool(const Line&, const Line&)>;
        const std::vector<std::pair<FieldId, Less>> fields = {
            { FieldId::Bytes, [](const Line& a, const Line& b) { return a.bytes < b.bytes; } },
            { FieldId::SrcAddr, [](const Line& a, const Line& b) { return a.src < b.src; } },
            { FieldId::InterfaceId, [](const Line& a, const Line& b) { return a.eni < b.eni; } },
            { FieldId::DstPort, [](const Line& a, const Line& b) { return a.dstPort < b.dstPort; } },
        };
        for (const auto& [field, less] : fields) {
            if (!everyField && field != FieldId::Bytes) {
                continue;
            }
            for (const bool descending : { false, true }) {
                for (const auto& [name, input] : inputs) {
                    // Equal keys in row order, whatever the direction and the order given.
                    std::vector<RowId> expected = *input;
                    std::sort(expected.begin(), expected.end());
                    std::stable_sort(expected.begin(), expected.end(), [&](RowId a, RowId b) {
                        return descending ? less(*lineOf[b.value], *lineOf[a.value])
                                          : less(*lineOf[a.value], *lineOf[b.value]);
                    });
                    const auto sorted = sortRows(store, snapshot, *input, field, descending);
                    QVERIFY(sorted.has_value());
                    QVERIFY2(*sorted == expected,
                        qPrintable(QStringLiteral("%1, %2, %3 input")
                                       .arg(QString::fromLatin1(fieldInfo(field).insightsName),
                                           descending ? QStringLiteral("descending") : QStringLiteral("ascending"),
                                           QString::fromLatin1(name))));
                }
            }
        }
    }

    void emptyAndCancelled()
    {
        FlowStore store;
        const auto snapshot = store.snapshot();
        const auto none = sortRows(store, snapshot, {}, FieldId::Bytes, false);
        QVERIFY(none.has_value());
        QVERIFY(none->empty());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("few.log"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            for (int i = 0; i < 1000; ++i) {
                file.write(QByteArray("2 123456789012 eni-1 10.0.0.1 10.1.0.1 443 80 6 1 ") + QByteArray::number(i % 7)
                    + " 1700000000 1700000060 ACCEPT OK\n");
            }
        }
        FlowStore loaded;
        QCOMPARE(Loader::load(loaded, { path }).records, std::uint64_t(1000));
        const auto full = loaded.snapshot();
        const std::atomic<bool> cancel { true };
        QVERIFY(!sortRows(loaded, full, Selection::all(full).rowIds(), FieldId::Bytes, true, &cancel).has_value());
    }
};

QTEST_GUILESS_MAIN(TestRowSorter)
#include "tst_rowsorter.moc"
