// The evaluator against brute force: the test writes its own flow records, loads them, runs
// queries, and computes every expected answer with plain loops over its own copy of the records.
#include "ingest/loader.h"
#include "query/queryevaluator.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <arpa/inet.h>
#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <variant>

using namespace flowlens;
using namespace flowlens::query;

namespace {

using Opt = std::optional<std::int64_t>;
using Text = std::optional<std::string>;

struct Rec {
    std::uint64_t line = 0;
    Text src, dst, pktSrc;
    Opt srcPort, dstPort, protocol, packets, bytes;
    std::int64_t start = 0, end = 0;
    Text action, vpc;
    std::string logStatus;
};

// An address as 16 bytes, IPv4 mapped into IPv6, parsed by the C library (not by FlowLens).
std::array<unsigned char, 16> parseAddress(const std::string& text)
{
    std::array<unsigned char, 16> bytes {};
    in_addr v4 {};
    if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
        bytes[10] = bytes[11] = 0xFF;
        std::memcpy(bytes.data() + 12, &v4, 4);
        return bytes;
    }
    in6_addr v6 {};
    if (inet_pton(AF_INET6, text.c_str(), &v6) != 1) {
        qFatal("bad test address %s", text.c_str());
    }
    std::memcpy(bytes.data(), &v6, 16);
    return bytes;
}

const std::array<unsigned char, 16>& addressBytes(const std::string& text)
{
    static std::unordered_map<std::string, std::array<unsigned char, 16>> cache;
    auto it = cache.find(text);
    if (it == cache.end()) {
        it = cache.emplace(text, parseAddress(text)).first;
    }
    return it->second;
}

bool inNetwork(const std::string& address, const std::string& network, int prefix)
{
    const auto a = addressBytes(address);
    const auto n = addressBytes(network);
    const bool v4 = network.find(':') == std::string::npos;
    if (v4 != (address.find(':') == std::string::npos)) {
        return false;
    }
    const int bits = (v4 ? 96 : 0) + prefix;
    for (int b = 0; b < bits; ++b) {
        const int mask = 0x80 >> (b % 8);
        if ((a[b / 8] & mask) != (n[b / 8] & mask)) {
            return false;
        }
    }
    return true;
}

// Address order with nulls last.
bool addressLess(const Text& a, const Text& b)
{
    if (!a || !b) {
        return a && !b;
    }
    return addressBytes(*a) < addressBytes(*b);
}

std::string field(const Text& t)
{
    return t ? *t : "-";
}
std::string field(const Opt& v)
{
    return v ? std::to_string(*v) : "-";
}

std::vector<Rec> makeRecords()
{
    std::vector<Rec> records;
    std::uint64_t x = 987654321;
    auto next = [&x](std::uint64_t mod) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::int64_t>((x >> 33) % mod);
    };
    for (int i = 0; i < 100000; ++i) { // two chunks of 64K, so workers merge
        Rec r;
        r.line = static_cast<std::uint64_t>(i) + 2;
        r.start = 1'700'000'000 + next(3 * 86400);
        r.end = r.start + next(120);
        const std::int64_t kind = next(100);
        if (kind < 2) { // NODATA / SKIPDATA: no addresses, ports or counters
            r.logStatus = kind == 0 ? "NODATA" : "SKIPDATA";
            records.push_back(r);
            continue;
        }
        r.logStatus = "OK";
        const std::int64_t s = next(100);
        r.src = s < 8 ? "192.0.2." + std::to_string(next(40))
            : s < 12  ? "2001:db8::" + std::to_string(next(30) + 1)
                      : "10.0.0." + std::to_string(next(130));
        r.dst = next(5) == 0 ? "198.51.100." + std::to_string(next(10)) : "10.0.1." + std::to_string(next(60));
        r.pktSrc = next(10) == 0 ? Text() : next(3) == 0 ? Text("2001:db8:1::" + std::to_string(next(9))) : r.src;
        r.srcPort = next(65536);
        r.dstPort = next(4) == 0 ? 22 : next(10) == 0 ? 3389 : 1024 + next(200);
        r.protocol = next(8) == 0 ? 17 : next(30) == 0 ? 1 : 6;
        r.bytes = next(50) == 0 ? Opt() : Opt(40 + next(200000));
        r.packets = r.bytes ? Opt(1 + *r.bytes / 1400) : Opt();
        r.action = next(6) == 0 ? "REJECT" : "ACCEPT";
        r.vpc = next(7) == 0 ? Text() : Text("vpc-" + std::to_string(next(12)));
        records.push_back(r);
    }
    return records;
}

std::string line(const Rec& r)
{
    return "5 123456789012 eni-0abc " + field(r.src) + " " + field(r.dst) + " " + field(r.srcPort) + " "
        + field(r.dstPort) + " " + field(r.protocol) + " " + field(r.packets) + " " + field(r.bytes) + " "
        + std::to_string(r.start) + " " + std::to_string(r.end) + " " + field(r.action) + " " + r.logStatus + " "
        + field(r.vpc) + " " + field(r.pktSrc);
}

// An expected cell: null, text, or a number compared with a relative tolerance.
using Cell = std::variant<std::monostate, std::string, double>;
using Row = std::vector<Cell>;

Cell cell(const Text& t)
{
    return t ? Cell(*t) : Cell();
}
Cell cell(const Opt& v)
{
    return v ? Cell(double(*v)) : Cell();
}

QString describe(const Cell& c)
{
    if (std::holds_alternative<std::monostate>(c)) {
        return QStringLiteral("null");
    }
    if (const auto* s = std::get_if<std::string>(&c)) {
        return QString::fromStdString(*s);
    }
    return QString::number(std::get<double>(c), 'g', 17);
}

std::string utcText(std::int64_t ms)
{
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm tm {};
    gmtime_r(&seconds, &tm);
    char buffer[40];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
    return std::string(buffer) + ".000";
}

} // namespace

class TestQueryEvaluator : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::vector<Rec> m_records;
    FlowStore m_store;
    std::map<std::uint64_t, const Rec*> m_byLine;

    QueryOutput run(const QString& text)
    {
        const QueryResult parsed = Query::parse(text);
        if (!parsed.ok()) {
            qWarning() << parsed.error().render(text);
            return {};
        }
        return QueryEvaluator(m_store).run(parsed.query(), Selection::all(m_store.snapshot()));
    }

    // The lines of the records a selection holds.
    std::set<std::uint64_t> linesOf(const Selection& selection) const
    {
        std::set<std::uint64_t> lines;
        for (RowId id : selection.rowIds()) {
            lines.insert(selection.snapshot().chunk(id).line(rowOf(id)));
        }
        return lines;
    }

    static bool sameRows(const Result& table, const std::vector<Row>& expected)
    {
        if (table.rowCount() != expected.size()) {
            qWarning("rows: got %zu, expected %zu", table.rowCount(), expected.size());
            return false;
        }
        for (std::size_t r = 0; r < expected.size(); ++r) {
            if (expected[r].size() != table.columnCount()) {
                qWarning("columns: got %zu, expected %zu", table.columnCount(), expected[r].size());
                return false;
            }
            for (std::size_t c = 0; c < table.columnCount(); ++c) {
                const Cell& want = expected[r][c];
                const std::string got = table.text(c, r);
                bool ok = false;
                if (std::holds_alternative<std::monostate>(want)) {
                    ok = table.isNull(c, r);
                } else if (const auto* s = std::get_if<std::string>(&want)) {
                    ok = !table.isNull(c, r) && got == *s;
                } else {
                    const double w = std::get<double>(want);
                    ok = !table.isNull(c, r) && std::fabs(std::stod(got) - w) <= 1e-9 * std::max(1.0, std::fabs(w));
                }
                if (!ok) {
                    qWarning() << "row" << r << "column" << table.column(c).name << "got"
                               << (table.isNull(c, r) ? QStringLiteral("null") : QString::fromStdString(got))
                               << "expected" << describe(want);
                    return false;
                }
            }
        }
        return true;
    }

    // Groups of records by a key, in key order (addresses as addresses, nulls last).
    template <class Key, class Less>
    std::vector<std::pair<Key, std::vector<const Rec*>>> groupBy(
        std::function<bool(const Rec&)> keep, std::function<Key(const Rec&)> key, Less less) const
    {
        std::vector<std::pair<Key, std::vector<const Rec*>>> groups;
        std::map<Key, std::size_t, Less> index(less);
        for (const Rec& r : m_records) {
            if (!keep(r)) {
                continue;
            }
            const Key k = key(r);
            auto [it, inserted] = index.emplace(k, groups.size());
            if (inserted) {
                groups.push_back({ k, {} });
            }
            groups[it->second].second.push_back(&r);
        }
        std::stable_sort(
            groups.begin(), groups.end(), [&](const auto& a, const auto& b) { return less(a.first, b.first); });
        return groups;
    }

    static Opt sumOf(const std::vector<const Rec*>& rows, Opt Rec::*member)
    {
        Opt sum;
        for (const Rec* r : rows) {
            if (r->*member) {
                sum = sum.value_or(0) + *(r->*member);
            }
        }
        return sum;
    }

    static bool all(const Rec&) { return true; }

    using Pair = std::pair<Text, Text>;
    static bool pairLess(const Pair& a, const Pair& b)
    {
        if (addressLess(a.first, b.first)) {
            return true;
        }
        if (addressLess(b.first, a.first)) {
            return false;
        }
        return addressLess(a.second, b.second);
    }

    // Top `n` groups by a sum, descending, nulls last; ties keep key order (the sort is stable).
    std::vector<Row> topBySum(const std::vector<std::pair<Pair, std::vector<const Rec*>>>& groups, Opt Rec::*member,
        std::size_t n, bool pairs) const
    {
        std::vector<std::pair<Row, Opt>> rows;
        for (const auto& [key, members] : groups) {
            const Opt sum = sumOf(members, member);
            Row row = pairs ? Row { cell(key.first), cell(key.second), cell(sum) } : Row { cell(key.first), cell(sum) };
            rows.push_back({ row, sum });
        }
        std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
            if (!a.second || !b.second) {
                return a.second && !b.second;
            }
            return *a.second > *b.second;
        });
        std::vector<Row> top;
        for (std::size_t i = 0; i < std::min(n, rows.size()); ++i) {
            top.push_back(rows[i].first);
        }
        return top;
    }

private Q_SLOTS:
    void initTestCase();
    void sampleQueries_data();
    void sampleQueries();
    void filters_data();
    void filters();
    void aggregates();
    void manyGroups();
    void timeBins();
    void recordsSortedAndLimited();
    void dedupKeepsFirstAndNulls();
    void fieldsAndStatsAfterStats();
    void errorsPointAtTheProblem_data();
    void errorsPointAtTheProblem();
    void missingFieldWarns();
};

void TestQueryEvaluator::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_records = makeRecords();
    std::string text = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start "
                       "end action log-status vpc-id pkt-srcaddr\n";
    for (const Rec& r : m_records) {
        text += line(r) + "\n";
        m_byLine[r.line] = &r;
    }
    QFile f(m_dir.filePath(QStringLiteral("flows.log")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.data(), static_cast<qint64>(text.size()));
    f.close();
    const LoadReport report = Loader::load(m_store, { f.fileName() });
    QCOMPARE(report.records, m_records.size());
    QVERIFY(m_store.snapshot().chunks.size() >= 2);
}

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

// Far more groups than a worker keeps in a table of its own (every srcPort, every srcPort and
// dstAddr pair): the rows go through hash partitions. Then the first rows of a sort right after
// stats, with many ties (counts) and null sums.
void TestQueryEvaluator::manyGroups()
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

void TestQueryEvaluator::recordsSortedAndLimited()
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
