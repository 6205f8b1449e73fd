// The evaluator against brute force, over the records of evaluatorfixture.h: far more groups than
// a worker keeps in a table of its own, and the first rows of sorts (top N), with ties and nulls.
#include "evaluatorfixture.h"

using namespace queryfixture;

class TestQueryGroups : public QObject, private EvaluatorFixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { loadRecords(); }
    void manyGroups();
    void recordsSortedAndLimited();
};

// Far more groups than a worker keeps in a table of its own (every srcPort, every srcPort and
// dstAddr pair): the rows go through hash partitions. Then the first rows of a sort right after
// stats, with many ties (counts) and null sums.
void TestQueryGroups::manyGroups()
{
    using PortPair = std::pair<Opt, Text>;
    auto optLess = [](const Opt& a, const Opt& b) { return a && b ? *a < *b : a && !b; };
    auto pairLess = [&](const PortPair& a, const PortPair& b) {
        if (optLess(a.first, b.first) || optLess(b.first, a.first)) {
            return optLess(a.first, b.first);
        }
        return addressLess(a.second, b.second);
    };
    const auto pairs = groupBy<PortPair>(
        all, [](const Rec& r) { return PortPair(r.srcPort, r.dst); }, pairLess);
    QVERIFY(pairs.size() > 60000);
    std::vector<Row> expected;
    for (const auto& [key, members] : pairs) {
        Opt lo;
        for (const Rec* r : members) {
            if (r->packets && (!lo || *r->packets < *lo)) {
                lo = r->packets;
            }
        }
        expected.push_back({ cell(key.first), cell(key.second), cell(sumOf(members, &Rec::bytes)),
            Cell(double(members.size())), cell(lo) });
    }
    QueryOutput out
        = run(QStringLiteral("stats sum(bytes) as s, count(*) as n, min(packets) as lo by srcPort, dstAddr"));
    QVERIFY(sameRows(out.table, expected));

    // Sorted by the sum, ascending: groups whose bytes are all null have a null sum and come last.
    std::vector<std::pair<Row, Opt>> bySum;
    for (const auto& [key, members] : pairs) {
        const Opt sum = sumOf(members, &Rec::bytes);
        bySum.push_back({ Row { cell(key.first), cell(key.second), cell(sum) }, sum });
    }
    std::stable_sort(bySum.begin(), bySum.end(), [](const auto& a, const auto& b) {
        return a.second && b.second ? *a.second < *b.second : a.second && !b.second;
    });
    expected.clear();
    for (std::size_t i = 0; i < 7; ++i) {
        expected.push_back(bySum[i].first);
    }
    out = run(QStringLiteral("stats sum(bytes) as s by srcPort, dstAddr | sort s asc | limit 7"));
    QVERIFY(sameRows(out.table, expected));

    // Counts by source port tie a lot: the rows kept are the first of each tie in port order.
    const auto ports = groupBy<Opt>(
        all, [](const Rec& r) { return r.srcPort; }, optLess);
    QVERIFY(ports.size() > 40000);
    std::vector<std::pair<Row, std::size_t>> byCount;
    for (const auto& [port, members] : ports) {
        byCount.push_back({ Row { cell(port), Cell(double(members.size())) }, members.size() });
    }
    std::stable_sort(byCount.begin(), byCount.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    expected.clear();
    for (std::size_t i = 0; i < 25; ++i) {
        expected.push_back(byCount[i].first);
    }
    out = run(QStringLiteral("stats count(*) as n by srcPort | sort n desc | limit 25"));
    QVERIFY(sameRows(out.table, expected));
}

void TestQueryGroups::recordsSortedAndLimited()
{
    const QueryOutput out
        = run(QStringLiteral("filter dstPort = 22 | sort bytes desc, srcAddr | limit 25 | display srcAddr, bytes"));
    QVERIFY(!out.aggregated);
    std::vector<const Rec*> rows;
    for (const Rec& r : m_records) {
        if (r.dstPort == 22) {
            rows.push_back(&r);
        }
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Rec* a, const Rec* b) {
        if (a->bytes != b->bytes) {
            if (!a->bytes || !b->bytes) {
                return bool(a->bytes);
            }
            return *a->bytes > *b->bytes;
        }
        return addressLess(a->src, b->src);
    });
    std::vector<Row> expected;
    for (std::size_t i = 0; i < 25; ++i) {
        expected.push_back({ cell(rows[i]->src), cell(rows[i]->bytes) });
    }
    QCOMPARE(out.records.size(), std::size_t(25));
    QVERIFY(sameRows(out.table, expected));

    // Sorting by address puts IPv4 before IPv6 and nulls last, whichever the direction.
    for (const bool descending : { false, true }) {
        const QueryOutput sorted = run(QStringLiteral("sort srcAddr ")
            + (descending ? QStringLiteral("desc") : QStringLiteral("asc")) + QStringLiteral(" | display srcAddr"));
        QCOMPARE(sorted.table.rowCount(), m_records.size());
        std::vector<Text> addresses;
        for (const Rec& r : m_records) {
            addresses.push_back(r.src);
        }
        std::stable_sort(addresses.begin(), addresses.end(), [&](const Text& a, const Text& b) {
            if (!a || !b) {
                return a && !b;
            }
            return descending ? addressLess(b, a) : addressLess(a, b);
        });
        for (std::size_t i = 0; i < addresses.size(); i += 997) {
            QCOMPARE(sorted.table.isNull(0, i), !addresses[i]);
            if (addresses[i]) {
                QCOMPARE(sorted.table.text(0, i), *addresses[i]);
            }
        }
        QVERIFY(sorted.table.isNull(0, addresses.size() - 1));
    }
}

QTEST_GUILESS_MAIN(TestQueryGroups)
#include "tst_querygroups.moc"
