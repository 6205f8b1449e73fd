// The evaluator against brute force: the test writes its own flow records, loads them, runs
// queries, and computes every expected answer with plain loops over its own copy of the records
// (evaluatorfixture.h). Many groups and the first rows of sorts: tst_querygroups.
#include "evaluatorfixture.h"

#include <QFile>
#include <cmath>

using namespace queryfixture;

class TestQueryEvaluator : public QObject, private EvaluatorFixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { loadRecords(); }
    void sampleQueries_data();
    void sampleQueries();
    void filters_data();
    void filters();
    void aggregates();
    void timeBins();
    void dedupKeepsFirstAndNulls();
    void fieldsAndStatsAfterStats();
    void errorsPointAtTheProblem_data();
    void errorsPointAtTheProblem();
    void missingFieldWarns();
};

void TestQueryEvaluator::sampleQueries_data()
{
    // The sample queries the CloudWatch console offers for VPC flow logs, word for word.
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("sample");
    QTest::addRow("average, min and max bytes by pair")
        << QStringLiteral("stats avg(bytes), min(bytes), max(bytes) by srcAddr, dstAddr") << 0;
    QTest::addRow("UDP records by source") << QStringLiteral("filter protocol=17 | stats count(*) by srcAddr") << 1;
    QTest::addRow("top 10 byte transfers") << QStringLiteral(
        "stats sum(bytes) as bytesTransferred by srcAddr, dstAddr | sort bytesTransferred desc | limit 10")
                                           << 2;
    QTest::addRow("top 20 rejected sources") << QStringLiteral(
        "filter action=\"REJECT\" | stats count(*) as numRejections by srcAddr | sort "
        "numRejections desc | limit 20") << 3;
    QTest::addRow("top 15 packet transfers") << QStringLiteral(
        "stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred "
        "desc | limit 15") << 4;
    QTest::addRow("top 15 destinations of a subnet")
        << QStringLiteral("filter isIpv4InSubnet(srcAddr, \"192.0.2.0/24\") | stats sum(bytes) as bytesTransferred "
                          "by dstAddr | sort bytesTransferred desc | limit 15")
        << 5;
    QTest::addRow("skipped records per hour")
        << QStringLiteral("filter logStatus=\"SKIPDATA\" | stats count(*) by bin(1h) as t | sort t") << 6;
}

void TestQueryEvaluator::sampleQueries()
{
    QFETCH(QString, query);
    QFETCH(int, sample);
    const QueryOutput out = run(query);
    QVERIFY(out.aggregated);
    std::vector<Row> expected;
    auto pairKey = [](const Rec& r) { return Pair { r.src, r.dst }; };
    auto srcKey = [](const Rec& r) { return r.src; };
    switch (sample) {
    case 0:
        for (const auto& [key, rows] : groupBy<Pair>(all, pairKey, pairLess)) {
            std::int64_t sum = 0, n = 0, lo = 0, hi = 0;
            for (const Rec* r : rows) {
                if (r->bytes) {
                    lo = n == 0 ? *r->bytes : std::min(lo, *r->bytes);
                    hi = n == 0 ? *r->bytes : std::max(hi, *r->bytes);
                    sum += *r->bytes;
                    ++n;
                }
            }
            expected.push_back({ cell(key.first), cell(key.second), n ? Cell(double(sum) / double(n)) : Cell(),
                n ? Cell(double(lo)) : Cell(), n ? Cell(double(hi)) : Cell() });
        }
        break;
    case 1:
        for (const auto& [key, rows] :
            groupBy<Text>([](const Rec& r) { return r.protocol == 17; }, srcKey, addressLess)) {
            expected.push_back({ cell(key), double(rows.size()) });
        }
        break;
    case 2:
        expected = topBySum(groupBy<Pair>(all, pairKey, pairLess), &Rec::bytes, 10, true);
        break;
    case 3: {
        auto groups = groupBy<Text>([](const Rec& r) { return r.action == "REJECT"; }, srcKey, addressLess);
        std::stable_sort(groups.begin(), groups.end(),
            [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
        for (std::size_t i = 0; i < std::min<std::size_t>(20, groups.size()); ++i) {
            expected.push_back({ cell(groups[i].first), double(groups[i].second.size()) });
        }
        break;
    }
    case 4:
        expected = topBySum(groupBy<Pair>(all, pairKey, pairLess), &Rec::packets, 15, true);
        break;
    case 5: {
        auto inSubnet = [](const Rec& r) { return r.src && inNetwork(*r.src, "192.0.2.0", 24); };
        std::vector<std::pair<Pair, std::vector<const Rec*>>> groups;
        for (auto& [key, rows] : groupBy<Text>(
                 inSubnet, [](const Rec& r) { return r.dst; }, addressLess)) {
            groups.push_back({ Pair { key, Text() }, rows });
        }
        expected = topBySum(groups, &Rec::bytes, 15, false);
        break;
    }
    case 6: {
        std::map<std::int64_t, int> perHour;
        for (const Rec& r : m_records) {
            if (r.logStatus == "SKIPDATA") {
                ++perHour[r.start * 1000 / 3'600'000 * 3'600'000];
            }
        }
        QVERIFY(!perHour.empty());
        for (const auto& [hour, n] : perHour) {
            expected.push_back({ utcText(hour), double(n) });
        }
        break;
    }
    }
    QVERIFY(!expected.empty());
    QVERIFY(sameRows(out.table, expected));
}

void TestQueryEvaluator::filters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<std::function<std::optional<bool>(const Rec&)>>("expected");
    using Test = std::function<std::optional<bool>(const Rec&)>;
    // Three-valued, as the engine is: nullopt where a null decides.
    auto known = [](bool b) { return std::optional<bool>(b); };
    QTest::addRow("address equals") << QStringLiteral("srcAddr = \"10.0.0.5\"") << Test([=](const Rec& r) {
        return r.src ? known(*r.src == "10.0.0.5") : std::nullopt;
    });
    QTest::addRow("address differs, nulls out")
        << QStringLiteral("srcAddr != '10.0.0.5'")
        << Test([=](const Rec& r) { return r.src ? known(*r.src != "10.0.0.5") : std::nullopt; });
    QTest::addRow("addresses order as addresses")
        << QStringLiteral("srcAddr > \"10.0.0.20\"")
        << Test([=](const Rec& r) { return r.src ? known(addressLess(Text("10.0.0.20"), r.src)) : std::nullopt; });
    QTest::addRow("literal on the left") << QStringLiteral("\"10.0.1.20\" >= dstAddr") << Test([=](const Rec& r) {
        return r.dst ? known(!addressLess(Text("10.0.1.20"), r.dst)) : std::nullopt;
    });
    QTest::addRow("ipv6 literal") << QStringLiteral("srcAddr = \"2001:DB8::7\"") << Test([=](const Rec& r) {
        return r.src ? known(*r.src == "2001:db8::7") : std::nullopt;
    });
    QTest::addRow("ipv6 subnet") << QStringLiteral("isIpv6InSubnet(pktSrcAddr, \"2001:db8:1::/48\")")
                                 << Test([=](const Rec& r) {
                                        return r.pktSrc ? known(inNetwork(*r.pktSrc, "2001:db8:1::", 48))
                                                        : std::nullopt;
                                    });
    QTest::addRow("any-family subnet") << QStringLiteral("isIpInSubnet(srcAddr, \"10.0.0.64/26\")")
                                       << Test([=](const Rec& r) {
                                              return r.src ? known(inNetwork(*r.src, "10.0.0.64", 26)) : std::nullopt;
                                          });
    QTest::addRow("addresses of both families compared")
        << QStringLiteral("pktSrcAddr > srcAddr")
        << Test([=](const Rec& r) { return r.src && r.pktSrc ? known(addressLess(r.src, r.pktSrc)) : std::nullopt; });
    QTest::addRow("in list") << QStringLiteral("dstPort in [22, 3389]") << Test([=](const Rec& r) {
        return r.dstPort ? known(*r.dstPort == 22 || *r.dstPort == 3389) : std::nullopt;
    });
    QTest::addRow("not in strings") << QStringLiteral("action not in [\"ACCEPT\"]") << Test([=](const Rec& r) {
        return r.action ? known(*r.action != "ACCEPT") : std::nullopt;
    });
    QTest::addRow("and, not, parentheses")
        << QStringLiteral("bytes > 1000 and not (protocol = 6)") << Test([=](const Rec& r) -> std::optional<bool> {
               const std::optional<bool> a = r.bytes ? known(*r.bytes > 1000) : std::nullopt;
               const std::optional<bool> b = r.protocol ? known(*r.protocol != 6) : std::nullopt;
               if (a == false || b == false) {
                   return false;
               }
               return a && b ? known(true) : std::nullopt;
           });
    QTest::addRow("or with a null side") << QStringLiteral(
        "bytes < 100 or dstPort = 22") << Test([=](const Rec& r) -> std::optional<bool> {
        const std::optional<bool> a = r.bytes ? known(*r.bytes < 100) : std::nullopt;
        const std::optional<bool> b = r.dstPort ? known(*r.dstPort == 22) : std::nullopt;
        if (a == true || b == true) {
            return true;
        }
        return a && b ? known(false) : std::nullopt;
    });
    QTest::addRow("substring like") << QStringLiteral("vpcId like \"c-1\"") << Test([=](const Rec& r) {
        return r.vpc ? known(r.vpc->find("c-1") != std::string::npos) : std::nullopt;
    });
    QTest::addRow("regex like") << QStringLiteral("vpcId like /^vpc-[0-3]$/") << Test([=](const Rec& r) {
        return r.vpc ? known(r.vpc->size() == 5 && (*r.vpc)[4] >= '0' && (*r.vpc)[4] <= '3') : std::nullopt;
    });
    QTest::addRow("regex operator, case-insensitive")
        << QStringLiteral("action =~ /rej/i")
        << Test([=](const Rec& r) { return r.action ? known(*r.action == "REJECT") : std::nullopt; });
    QTest::addRow("regex over addresses")
        << QStringLiteral("srcAddr like /^192\\.0\\.2\\.1\\d$/") << Test([=](const Rec& r) {
               return r.src ? known(r.src->size() == 10 && r.src->starts_with("192.0.2.1")) : std::nullopt;
           });
    QTest::addRow("regex over a computed text")
        << QStringLiteral("concat(action, \"/\", dstPort) like /^REJECT\\/22$/")
        << Test([=](const Rec& r) { return known(r.action == "REJECT" && r.dstPort == 22); });
    QTest::addRow("ispresent") << QStringLiteral("ispresent(vpcId)")
                               << Test([=](const Rec& r) { return known(bool(r.vpc)); });
    QTest::addRow("not ispresent") << QStringLiteral("not ispresent(bytes)")
                                   << Test([=](const Rec& r) { return known(!r.bytes); });
    QTest::addRow("modulo") << QStringLiteral("bytes % 7 = 3")
                            << Test([=](const Rec& r) { return r.bytes ? known(*r.bytes % 7 == 3) : std::nullopt; });
    QTest::addRow("division is not integer division")
        << QStringLiteral("bytes / packets > 1000") << Test([=](const Rec& r) {
               return r.bytes ? known(double(*r.bytes) / double(*r.packets) > 1000) : std::nullopt;
           });
    QTest::addRow("strlen") << QStringLiteral("strlen(vpcId) = 5")
                            << Test([=](const Rec& r) { return r.vpc ? known(r.vpc->size() == 5) : std::nullopt; });
    QTest::addRow("tolower") << QStringLiteral("tolower(action) = \"reject\"") << Test([=](const Rec& r) {
        return r.action ? known(*r.action == "REJECT") : std::nullopt;
    });
    QTest::addRow("coalesce of addresses")
        << QStringLiteral("coalesce(pktSrcAddr, srcAddr) = \"10.0.0.3\"") << Test([=](const Rec& r) {
               const Text a = r.pktSrc ? r.pktSrc : r.src;
               return a ? known(*a == "10.0.0.3") : std::nullopt;
           });
    QTest::addRow("abs of a difference") << QStringLiteral("abs(srcPort - dstPort) < 100") << Test([=](const Rec& r) {
        return r.srcPort ? known(std::abs(*r.srcPort - *r.dstPort) < 100) : std::nullopt;
    });
    QTest::addRow("time functions") << QStringLiteral("toMillis(datefloor(@timestamp, 1d)) = 1700006400000")
                                    << Test([=](const Rec& r) { return known(r.start / 86400 * 86400 == 1700006400); });
    QTest::addRow("string not in the data") << QStringLiteral("vpcId != \"vpc-99\"")
                                            << Test([=](const Rec& r) { return r.vpc ? known(true) : std::nullopt; });
}

void TestQueryEvaluator::filters()
{
    QFETCH(QString, filter);
    QFETCH(std::function<std::optional<bool>(const Rec&)>, expected);
    const QueryResult parsed = Query::parseFilter(filter);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().toString()));
    const Selection selection = QueryEvaluator(m_store).filter(parsed.query(), Selection::all(m_store.snapshot()));
    std::set<std::uint64_t> want;
    for (const Rec& r : m_records) {
        if (expected(r) == true) {
            want.insert(r.line);
        }
    }
    QVERIFY(!want.empty());
    QCOMPARE(selection.count(), want.size());
    QVERIFY(linesOf(selection) == want);
    // The negation keeps exactly the rows where the test is known to be false.
    const QueryResult negated = Query::parseFilter(QStringLiteral("not (") + filter + QStringLiteral(")"));
    QVERIFY(negated.ok());
    const Selection complement = QueryEvaluator(m_store).filter(negated.query(), Selection::all(m_store.snapshot()));
    std::size_t falseCount = 0;
    for (const Rec& r : m_records) {
        falseCount += expected(r) == false ? 1 : 0;
    }
    QCOMPARE(complement.count(), falseCount);
}

void TestQueryEvaluator::aggregates()
{
    const QueryOutput out = run(QStringLiteral(
        "stats count(*) as n, count(bytes) as nb, count_distinct(dstAddr) as d, sum(bytes) as s, avg(bytes) as a, "
        "pct(bytes, 90) as p90, stddev(bytes) as sd, earliest(dstPort) as e, latest(dstPort) as l, "
        "min(srcAddr) as lo, max(vpcId) as hi, sum(bytes) / count(*) as perRecord by action"));
    QVERIFY(out.aggregated);
    const QStringList names { QStringLiteral("action"), QStringLiteral("n"), QStringLiteral("nb"), QStringLiteral("d"),
        QStringLiteral("s"), QStringLiteral("a"), QStringLiteral("p90"), QStringLiteral("sd"), QStringLiteral("e"),
        QStringLiteral("l"), QStringLiteral("lo"), QStringLiteral("hi"), QStringLiteral("perRecord") };
    QCOMPARE(out.table.columnCount(), std::size_t(names.size()));
    for (int c = 0; c < names.size(); ++c) {
        QCOMPARE(out.table.column(std::size_t(c)).name, names[c]);
    }
    // Keys in order: ACCEPT, REJECT, then null (NODATA/SKIPDATA records have no action).
    const std::vector<Text> actions { Text("ACCEPT"), Text("REJECT"), Text() };
    QCOMPARE(out.table.rowCount(), actions.size());
    for (std::size_t g = 0; g < actions.size(); ++g) {
        std::vector<const Rec*> rows;
        for (const Rec& r : m_records) {
            if (r.action == actions[g]) {
                rows.push_back(&r);
            }
        }
        std::vector<std::int64_t> bytes;
        std::set<std::array<unsigned char, 16>> destinations;
        Text lo, hi;
        for (const Rec* r : rows) {
            if (r->bytes) {
                bytes.push_back(*r->bytes);
            }
            if (r->dst) {
                destinations.insert(addressBytes(*r->dst));
            }
            if (r->src && (!lo || addressLess(r->src, lo))) {
                lo = r->src;
            }
            if (r->vpc && (!hi || *r->vpc > *hi)) {
                hi = r->vpc;
            }
        }
        Row row { cell(actions[g]), double(rows.size()), double(bytes.size()), double(destinations.size()) };
        if (bytes.empty()) {
            row.insert(row.end(), { Cell(), Cell(), Cell(), Cell() });
        } else {
            double sum = 0;
            for (auto b : bytes) {
                sum += double(b);
            }
            const double mean = sum / double(bytes.size());
            double squares = 0;
            for (auto b : bytes) {
                squares += (double(b) - mean) * (double(b) - mean);
            }
            auto sorted = bytes;
            std::sort(sorted.begin(), sorted.end());
            // Nearest rank: the smallest value with at least 90% of the values at or below it.
            std::size_t rank = 0;
            while (double(rank) < 0.9 * double(sorted.size())) {
                ++rank;
            }
            row.insert(
                row.end(), { sum, mean, double(sorted[rank - 1]), std::sqrt(squares / double(bytes.size() - 1)) });
        }
        QVERIFY(sameRows(
            [&] {
                Result part;
                for (std::size_t c = 0; c < 8; ++c) {
                    Values v;
                    v.type = out.table.column(c).values.type;
                    v.append(out.table.column(c).values, g);
                    part.addColumn(out.table.column(c).name, v);
                }
                return part;
            }(),
            { row }));
        // earliest/latest: the value of a record with the smallest/largest start (ties: any of them).
        std::set<std::string> first, last;
        std::int64_t minStart = INT64_MAX, maxStart = INT64_MIN;
        for (const Rec* r : rows) {
            if (r->dstPort) {
                minStart = std::min(minStart, r->start);
                maxStart = std::max(maxStart, r->start);
            }
        }
        for (const Rec* r : rows) {
            if (r->dstPort && r->start == minStart) {
                first.insert(std::to_string(*r->dstPort));
            }
            if (r->dstPort && r->start == maxStart) {
                last.insert(std::to_string(*r->dstPort));
            }
        }
        if (actions[g]) {
            QVERIFY(first.count(out.table.text(8, g)) == 1);
            QVERIFY(last.count(out.table.text(9, g)) == 1);
            QCOMPARE(out.table.text(10, g), *lo);
            QCOMPARE(out.table.text(11, g), *hi);
            const double perRecord = std::stod(out.table.text(4, g)) / double(rows.size());
            QVERIFY(std::fabs(std::stod(out.table.text(12, g)) - perRecord) < 1e-6);
        } else {
            for (std::size_t c = 8; c < 13; ++c) {
                QVERIFY(out.table.isNull(c, g));
            }
        }
    }
}

void TestQueryEvaluator::timeBins()
{
    // bin(5m) over @timestamp (start, as these records have no CloudWatch time), as a key and
    // through datefloor in `fields`, with a condition on the bins.
    const QueryOutput five = run(QStringLiteral("stats sum(bytes) as b, count(*) as n by bin(5m)"));
    std::map<std::int64_t, std::pair<Opt, int>> perBin;
    for (const Rec& r : m_records) {
        auto& [sum, n] = perBin[r.start / 300 * 300 * 1000];
        if (r.bytes) {
            sum = sum.value_or(0) + *r.bytes;
        }
        ++n;
    }
    std::vector<Row> expected;
    for (const auto& [bin, v] : perBin) {
        expected.push_back({ utcText(bin), cell(v.first), double(v.second) });
    }
    QVERIFY(sameRows(five.table, expected));

    const QueryOutput days = run(QStringLiteral(
        "fields datefloor(@timestamp, 1d) as day | filter protocol = 17 | stats count(*) as n by day | sort n desc"));
    std::map<std::int64_t, int> perDay;
    for (const Rec& r : m_records) {
        if (r.protocol == 17) {
            ++perDay[r.start / 86400 * 86400 * 1000];
        }
    }
    std::vector<std::pair<std::int64_t, int>> byCount(perDay.begin(), perDay.end());
    std::stable_sort(byCount.begin(), byCount.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    expected.clear();
    for (const auto& [day, n] : byCount) {
        expected.push_back({ utcText(day), double(n) });
    }
    QVERIFY(sameRows(days.table, expected));

    // Weeks start on Monday: 1700000000 is Tuesday 2023-11-14, and the records span three days.
    const QueryOutput weeks = run(QStringLiteral("stats count(*) by bin(1w)"));
    QVERIFY(sameRows(weeks.table, { { std::string("2023-11-13 00:00:00.000"), double(m_records.size()) } }));

    // Calendar periods: every record falls in November 2023.
    const QueryOutput months = run(QStringLiteral("stats count(*) by datefloor(@timestamp, 1mo) as m"));
    QVERIFY(sameRows(months.table, { { std::string("2023-11-01 00:00:00.000"), double(m_records.size()) } }));
}

void TestQueryEvaluator::dedupKeepsFirstAndNulls()
{
    const QueryOutput out = run(QStringLiteral("display srcAddr, start | sort start desc | dedup srcAddr"));
    std::map<std::string, std::int64_t> latest;
    std::size_t nulls = 0;
    for (const Rec& r : m_records) {
        if (!r.src) {
            ++nulls;
        } else if (!latest.count(*r.src) || latest[*r.src] < r.start) {
            latest[*r.src] = r.start;
        }
    }
    QCOMPARE(out.table.rowCount(), latest.size() + nulls);
    std::size_t nullRows = 0;
    for (std::size_t r = 0; r < out.table.rowCount(); ++r) {
        if (out.table.isNull(0, r)) {
            ++nullRows;
            continue;
        }
        QCOMPARE(out.table.text(1, r), std::to_string(latest.at(out.table.text(0, r))));
    }
    QCOMPARE(nullRows, nulls);
}

void TestQueryEvaluator::fieldsAndStatsAfterStats()
{
    const QueryOutput out = run(QStringLiteral(
        "fields bytes * 2 as doubled | filter doubled > 300000 | stats count(*) as n, sum(doubled) as s by protocol "
        "| filter n > 10 | fields s / n as mean | sort protocol desc | display protocol, mean"));
    std::map<std::int64_t, std::pair<std::int64_t, std::int64_t>, std::greater<>> perProtocol;
    for (const Rec& r : m_records) {
        if (r.bytes && *r.bytes * 2 > 300000) {
            auto& [n, s] = perProtocol[*r.protocol];
            ++n;
            s += *r.bytes * 2;
        }
    }
    std::vector<Row> expected;
    for (const auto& [protocol, v] : perProtocol) {
        if (v.first > 10) {
            expected.push_back({ double(protocol), double(v.second) / double(v.first) });
        }
    }
    QVERIFY(expected.size() >= 2);
    QVERIFY(sameRows(out.table, expected));
}

void TestQueryEvaluator::errorsPointAtTheProblem_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    QTest::addRow("misspelt field") << QStringLiteral("filter srcadr = \"10.0.0.1\"") << 1 << 8
                                    << QStringLiteral("did you mean `srcAddr`");
    QTest::addRow("second line") << QStringLiteral("stats count(*) by srcAddr\n| sort cnt desc") << 2 << 8
                                 << QStringLiteral("cnt");
    QTest::addRow("misspelt function") << QStringLiteral("stats cuont(bytes) by srcAddr") << 1 << 7
                                       << QStringLiteral("did you mean `count`");
    QTest::addRow("address against a number")
        << QStringLiteral("filter srcAddr = 17") << 1 << 18 << QStringLiteral("is an address");
    QTest::addRow("bad network") << QStringLiteral("filter isIpv4InSubnet(srcAddr, \"10.0.0.1/8\")") << 1 << 32
                                 << QStringLiteral("host bits");
    QTest::addRow("bad regex") << QStringLiteral("filter action like /(/") << 1 << 20
                               << QStringLiteral("regular expression");
    QTest::addRow("unit") << QStringLiteral("stats count(*) by bin(5x)") << 1 << 24
                          << QStringLiteral("unknown time unit");
    QTest::addRow("star outside count") << QStringLiteral("stats sum(*) by srcAddr") << 1 << 11
                                        << QStringLiteral("only allowed in count(*)");
}

void TestQueryEvaluator::errorsPointAtTheProblem()
{
    QFETCH(QString, query);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, message);
    const QueryResult parsed = Query::parse(query);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().line(), line);
    QCOMPARE(parsed.error().column(), column);
    QVERIFY2(parsed.error().message().contains(message), qPrintable(parsed.error().message()));
}

void TestQueryEvaluator::missingFieldWarns()
{
    const QueryOutput out = run(QStringLiteral("filter tgwId = \"tgw-1\" | stats count(*)"));
    QVERIFY(sameRows(out.table, { { 0.0 } }));
    QCOMPARE(out.warnings.size(), 1);
    QVERIFY(out.warnings[0].contains(QStringLiteral("tgwId")));
    QVERIFY(run(QStringLiteral("filter vpcId = \"vpc-1\"")).warnings.isEmpty());
}

QTEST_GUILESS_MAIN(TestQueryEvaluator)
#include "tst_queryevaluator.moc"
