// Stats by address pairs with far more groups than a worker keeps in a table of its own, against
// brute force over the test's own records: keys that pack into one word and keys that do not
// (255.0.0.0/8, nulls, IPv6, numbers past 32 bits), byte counts past 32 bits and null, ties across
// the limit between both kinds of key, every pair distinct, a single pair, and fewer non-null
// sums than the limit.
#include "evaluatorfixture.h"

using namespace queryfixture;

namespace {

// The records, in groups told apart by their VPC id.
std::vector<Rec> pairRecords()
{
    std::vector<Rec> records;
    TestRandom next(424242);
    auto add = [&](Text src, Text dst, Opt bytes, const char* vpc) {
        Rec r;
        r.line = records.size() + 2;
        r.src = std::move(src);
        r.dst = std::move(dst);
        r.srcPort = 1024 + next(60000);
        r.dstPort = 443;
        r.protocol = 6;
        r.packets = 1 + next(20);
        r.bytes = bytes;
        r.start = 1'700'000'000 + next(86400);
        r.end = r.start + next(60);
        r.action = "ACCEPT";
        r.logStatus = "OK";
        r.vpc = std::string(vpc);
        records.push_back(std::move(r));
    };
    // Mixed: about 60K pairs of every kind of address; byte counts small, past 32 bits, or null.
    for (int i = 0; i < 100000; ++i) {
        const std::int64_t s = next(100);
        Text src = s < 60
            ? "10." + std::to_string(next(4)) + "." + std::to_string(next(30)) + "." + std::to_string(next(25))
            : s < 70 ? "203.0.113." + std::to_string(next(200))
            : s < 78 ? "2001:db8::" + std::to_string(1 + next(400))
            : s < 82 ? "255.255.255." + std::to_string(next(5))
            : s < 85 ? "0.0.0." + std::to_string(next(3))
            : s < 87 ? Text()
            : s < 90 ? Text(next(2) == 0 ? "254.255.255.255" : "255.0.0.0")
                     : "198.51.100." + std::to_string(next(250));
        const std::int64_t d = next(40);
        Text dst = d < 25 ? "10.1.0." + std::to_string(d)
            : d < 32      ? "2001:db8:1::" + std::to_string(d)
            : d < 35      ? "255.255.255.255"
            : d < 37      ? Text()
                          : "192.0.2." + std::to_string(d);
        const std::int64_t b = next(100);
        Opt bytes = b < 5 ? Opt()
            : b < 15      ? Opt((std::int64_t { 1 } << 33) + next(1000000))
            : b < 17      ? Opt((std::int64_t { 1 } << 44) + next(1000))
                          : Opt(next(5000));
        add(std::move(src), std::move(dst), bytes, "vpc-mixed");
    }
    // Twelve pairs tie far above the rest, six that pack into a word and six that do not.
    for (int i = 0; i < 12; ++i) {
        for (int k = 0; k < 3; ++k) {
            const std::string src = i < 6 ? "10.99.0." + std::to_string(i) : "255.255.255." + std::to_string(20 + i);
            add(src, std::string("2001:db8::ff"), std::int64_t { 1 } << 50, "vpc-mixed");
        }
    }
    // Every pair distinct, one record each.
    for (int i = 0; i < 70000; ++i) {
        add("10." + std::to_string(200 + i / 65536) + "." + std::to_string(i / 256 % 256) + "."
                + std::to_string(i % 256),
            "192.0.2." + std::to_string(i % 7), (static_cast<std::int64_t>(i) * 7919) % 100000, "vpc-distinct");
    }
    // One pair only.
    for (int i = 0; i < 20000; ++i) {
        add(std::string("10.5.5.5"), std::string("2001:db8::5"), i % 9 == 0 ? Opt() : Opt(i % 1000), "vpc-single");
    }
    // 6000 pairs whose bytes are all null but for three.
    for (int i = 0; i < 6000; ++i) {
        add("10.77." + std::to_string(i / 200) + "." + std::to_string(i % 200), std::string("10.1.0.1"),
            i % 2000 == 7 ? Opt(i) : Opt(), "vpc-nulls");
    }
    return records;
}

// An address in sort order: (null, its 16 bytes), nulls last.
using AddressKey = std::pair<bool, std::array<unsigned char, 16>>;
AddressKey addressOf(const Text& t)
{
    return t ? AddressKey(false, addressBytes(*t)) : AddressKey(true, {});
}

} // namespace

class TestQueryPairs : public QObject, private EvaluatorFixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { loadRecords(pairRecords()); }
    void topPairs_data();
    void topPairs();
    void everyPair_data();
    void everyPair();
    void wideNumberKeys();
    void oneKey();

private:
    using Groups = std::vector<std::pair<Pair, std::vector<const Rec*>>>;
    // The groups by (srcAddr, dstAddr) of the records of one VPC (of all, for ""), in key order
    // (addresses as their 16 bytes, nulls last), computed once.
    const Groups& pairsOf(const std::string& vpc)
    {
        auto [it, added] = m_pairs.try_emplace(vpc);
        if (added) {
            std::map<std::pair<AddressKey, AddressKey>, Groups::value_type> groups;
            for (const Rec& r : m_records) {
                if (vpc.empty() || r.vpc == vpc) {
                    auto& group = groups[{ addressOf(r.src), addressOf(r.dst) }];
                    group.first = Pair(r.src, r.dst);
                    group.second.push_back(&r);
                }
            }
            for (auto& [key, group] : groups) {
                it->second.push_back(std::move(group));
            }
        }
        return it->second;
    }
    std::map<std::string, Groups> m_pairs;

    static double average(const std::vector<const Rec*>& members)
    {
        double sum = 0;
        double n = 0;
        for (const Rec* r : members) {
            if (r->bytes) {
                sum += double(*r->bytes);
                ++n;
            }
        }
        return n == 0 ? std::nan("") : sum / n;
    }
};

// `sort … | limit N` after stats by srcAddr, dstAddr: the first N of a stable sort of every group
// (in key order) by the value, nulls last, ties broken by key order.
void TestQueryPairs::topPairs_data()
{
    QTest::addColumn<QString>("vpc");
    QTest::addColumn<QString>("aggregate");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<int>("limit");
    QTest::addRow("all, sum desc") << QString() << QStringLiteral("sum") << true << 10;
    QTest::addRow("all, sum asc") << QString() << QStringLiteral("sum") << false << 7;
    QTest::addRow("mixed, sum desc 11") << QStringLiteral("vpc-mixed") << QStringLiteral("sum") << true << 11;
    QTest::addRow("mixed, sum desc 40") << QStringLiteral("vpc-mixed") << QStringLiteral("sum") << true << 40;
    QTest::addRow("distinct, sum desc") << QStringLiteral("vpc-distinct") << QStringLiteral("sum") << true << 10;
    QTest::addRow("distinct, avg desc") << QStringLiteral("vpc-distinct") << QStringLiteral("avg") << true << 5;
    QTest::addRow("distinct, avg asc") << QStringLiteral("vpc-distinct") << QStringLiteral("avg") << false << 5;
    QTest::addRow("single pair") << QStringLiteral("vpc-single") << QStringLiteral("sum") << true << 10;
    QTest::addRow("nulls, sum desc") << QStringLiteral("vpc-nulls") << QStringLiteral("sum") << true << 10;
    QTest::addRow("nulls, sum asc") << QStringLiteral("vpc-nulls") << QStringLiteral("sum") << false << 5;
}

void TestQueryPairs::topPairs()
{
    QFETCH(QString, vpc);
    QFETCH(QString, aggregate);
    QFETCH(bool, descending);
    QFETCH(int, limit);
    const bool avg = aggregate == QStringLiteral("avg");
    std::vector<std::pair<Row, std::optional<double>>> rows;
    for (const auto& [key, members] : pairsOf(vpc.toStdString())) {
        std::optional<double> value;
        Cell shown;
        if (avg) {
            const double m = average(members);
            value = m == m ? std::optional(m) : std::nullopt;
            shown = value ? Cell(*value) : Cell();
        } else {
            const Opt sum = sumOf(members, &Rec::bytes);
            value = sum ? std::optional(double(*sum)) : std::nullopt;
            shown = cell(sum);
        }
        rows.push_back({ Row { cell(key.first), cell(key.second), shown }, value });
    }
    QVERIFY(vpc == QStringLiteral("vpc-single") || rows.size() > 5000); // past a worker's own table
    // The sums here are exact in a double (below 2^53).
    std::stable_sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
        if (!a.second || !b.second) {
            return a.second && !b.second;
        }
        return descending ? *a.second > *b.second : *a.second < *b.second;
    });
    std::vector<Row> expected;
    for (std::size_t i = 0; i < std::min<std::size_t>(std::size_t(limit), rows.size()); ++i) {
        expected.push_back(rows[i].first);
    }
    const QString filter = vpc.isEmpty() ? QString() : QStringLiteral("filter vpcId = \"%1\" | ").arg(vpc);
    const QString query = filter
        + QStringLiteral("stats %1(bytes) as v by srcAddr, dstAddr | sort v %2 | limit %3")
              .arg(aggregate, descending ? QStringLiteral("desc") : QStringLiteral("asc"))
              .arg(limit);
    const QueryOutput out = run(query);
    QVERIFY2(sameRows(out.table, expected), qPrintable(query));
}

// Every group of stats by srcAddr, dstAddr (no limit), in key order, with several aggregates.
void TestQueryPairs::everyPair_data()
{
    QTest::addColumn<QString>("vpc");
    QTest::addRow("mixed") << QStringLiteral("vpc-mixed");
    QTest::addRow("distinct") << QStringLiteral("vpc-distinct");
    QTest::addRow("single") << QStringLiteral("vpc-single");
}

void TestQueryPairs::everyPair()
{
    QFETCH(QString, vpc);
    std::vector<Row> expected;
    for (const auto& [key, members] : pairsOf(vpc.toStdString())) {
        Opt low;
        for (const Rec* r : members) {
            if (r->bytes && (!low || *r->bytes < *low)) {
                low = r->bytes;
            }
        }
        expected.push_back({ cell(key.first), cell(key.second), cell(sumOf(members, &Rec::bytes)),
            Cell(double(members.size())), cell(low) });
    }
    const QString query = QStringLiteral("filter vpcId = \"%1\" | stats sum(bytes) as s, count(*) as n, "
                                         "min(bytes) as lo by srcAddr, dstAddr")
                              .arg(vpc);
    QVERIFY2(sameRows(run(query).table, expected), qPrintable(query));
}

// Numbers past 32 bits as keys (byte counts): the rows of those groups keep both codes whole.
void TestQueryPairs::wideNumberKeys()
{
    // (null, bytes) sorts numbers first, then nulls.
    std::map<std::pair<std::pair<bool, std::int64_t>, AddressKey>, Row> groups;
    for (const Rec& r : m_records) {
        if (r.vpc == "vpc-mixed") {
            Row& row = groups[{ { !r.bytes, r.bytes.value_or(0) }, addressOf(r.src) }];
            if (row.empty()) {
                row = { cell(r.bytes), cell(r.src), Cell(0.0) };
            }
            row[2] = Cell(std::get<double>(row[2]) + 1);
        }
    }
    QVERIFY(groups.size() > 20000);
    std::vector<Row> expected;
    for (const auto& [key, row] : groups) {
        expected.push_back(row);
    }
    QVERIFY(sameRows(
        run(QStringLiteral("filter vpcId = \"vpc-mixed\" | stats count(*) as n by bytes, srcAddr")).table, expected));
}

// One key with many values goes the same way.
void TestQueryPairs::oneKey()
{
    std::map<AddressKey, std::pair<Text, Opt>> groups;
    for (const Rec& r : m_records) {
        auto& [src, sum] = groups[addressOf(r.src)];
        src = r.src;
        if (r.bytes) {
            sum = sum.value_or(0) + *r.bytes;
        }
    }
    QVERIFY(groups.size() > 70000);
    std::vector<std::pair<Row, Opt>> rows;
    for (const auto& [key, group] : groups) {
        rows.push_back({ Row { cell(group.first), cell(group.second) }, group.second });
    }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return a.second && b.second ? *a.second < *b.second : a.second && !b.second;
    });
    std::vector<Row> expected;
    for (std::size_t i = 0; i < 6; ++i) {
        expected.push_back(rows[i].first);
    }
    QVERIFY(sameRows(run(QStringLiteral("stats sum(bytes) as s by srcAddr | sort s asc | limit 6")).table, expected));
}

QTEST_GUILESS_MAIN(TestQueryPairs)
#include "tst_querypairs.moc"
