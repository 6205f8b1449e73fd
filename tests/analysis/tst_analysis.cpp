// Aggregates over a store built from records the test made itself, checked against brute-force
// sums over those same records.
#include "analysis/conversationstatistics.h"
#include "analysis/endpointstatistics.h"
#include "analysis/facets.h"
#include "analysis/timehistogram.h"
#include "ingest/loader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

using namespace flowlens;

namespace {

struct Flow {
    std::string src, dst;
    int dstPort;
    int protocol;
    std::int64_t bytes, packets;
    std::int64_t start, end;
    std::string action; // "-" for NODATA
};

std::vector<Flow> makeFlows()
{
    std::vector<Flow> flows;
    std::uint64_t x = 12345;
    auto next = [&x](std::uint64_t mod) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        return (x >> 33) % mod;
    };
    for (int i = 0; i < 150000; ++i) { // more than two chunks
        Flow f;
        f.src = "10.0.0." + std::to_string(next(40));
        f.dst = next(4) == 0 ? "203.0.113." + std::to_string(next(5)) : "10.0.1." + std::to_string(next(30));
        f.dstPort = static_cast<int>(next(3) == 0 ? 22 : 1000 + next(50));
        f.protocol = next(10) == 0 ? 17 : 6;
        f.bytes = static_cast<std::int64_t>(40 + next(100000));
        f.packets = 1 + f.bytes / 1000;
        f.start = 1'700'000'000 + static_cast<std::int64_t>(next(86400));
        f.end = f.start + static_cast<std::int64_t>(next(600));
        f.action = next(12) == 0 ? "REJECT" : "ACCEPT";
        flows.push_back(f);
    }
    // One NODATA record: no addresses, no bytes, no action.
    flows.push_back({ "-", "-", 0, 0, -1, -1, 1'700'000'100, 1'700'000'160, "-" });
    return flows;
}

std::string line(const Flow& f)
{
    if (f.action == "-") {
        return "2 123456789012 eni-0 - - - - - - - " + std::to_string(f.start) + " " + std::to_string(f.end)
            + " - NODATA";
    }
    return "2 123456789012 eni-0 " + f.src + " " + f.dst + " 40000 " + std::to_string(f.dstPort) + " "
        + std::to_string(f.protocol) + " " + std::to_string(f.packets) + " " + std::to_string(f.bytes) + " "
        + std::to_string(f.start) + " " + std::to_string(f.end) + " " + f.action + " OK";
}

} // namespace

class TestAnalysis : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::vector<Flow> m_flows;
    FlowStore m_store;
    std::map<std::uint64_t, std::size_t> m_flowOfLine; // file line → flow index

    std::string addressText(AddressId id) const { return m_store.address(id).toString(); }

    // Every third flow, by the line each row came from.
    Selection everyThird(std::set<std::size_t>& chosen) const
    {
        const auto snapshot = m_store.snapshot();
        Selection s = Selection::none(snapshot);
        for (std::size_t c = 0; c < snapshot.chunks.size(); ++c) {
            for (std::uint32_t r = 0; r < snapshot.chunks[c]->rowCount(); ++r) {
                const std::size_t flow = m_flowOfLine.at(snapshot.chunks[c]->line(r));
                if (flow % 3 == 0) {
                    s.chunk(c).bits[r / 64] |= std::uint64_t(1) << (r % 64);
                    ++s.chunk(c).count;
                    chosen.insert(flow);
                }
            }
        }
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_flows = makeFlows();
        std::string text
            = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
              "action log-status\n";
        for (std::size_t i = 0; i < m_flows.size(); ++i) {
            text += line(m_flows[i]) + "\n";
            m_flowOfLine[i + 2] = i;
        }
        QFile f(m_dir.filePath(QStringLiteral("flows.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.data(), static_cast<qint64>(text.size()));
        f.close();
        const LoadReport report = Loader::load(m_store, { f.fileName() });
        QCOMPARE(report.records, m_flows.size());
    }

    void niceBuckets_data()
    {
        QTest::addColumn<qint64>("span");
        QTest::addColumn<qint64>("bucket");
        // span / step + 1 buckets must not exceed 120: 1 s would give 121 buckets for two minutes.
        QTest::addRow("two minutes") << qint64(120) << qint64(5);
        QTest::addRow("an hour") << qint64(3600) << qint64(60);
        QTest::addRow("a day") << qint64(86400) << qint64(900);
        QTest::addRow("a month") << qint64(30 * 86400) << qint64(43200);
    }
    void niceBuckets()
    {
        QFETCH(qint64, span);
        QFETCH(qint64, bucket);
        QCOMPARE(TimeHistogram::niceBucketSeconds(span, 120), bucket);
    }

    void histogramAtStartMatchesBruteForce()
    {
        const Selection all = Selection::all(m_store.snapshot());
        HistogramOptions options;
        options.metric = Metric::Bytes;
        options.bucketSeconds = 3600;
        const TimeHistogram h = TimeHistogram::compute(all, options);
        QCOMPARE(h.bucketSeconds, 3600);
        std::map<std::int64_t, double> accept, reject;
        for (const Flow& f : m_flows) {
            if (f.action == "ACCEPT") {
                accept[f.start / 3600 * 3600] += double(f.bytes);
            } else if (f.action == "REJECT") {
                reject[f.start / 3600 * 3600] += double(f.bytes);
            }
        }
        QCOMPARE(h.origin, accept.begin()->first);
        for (std::size_t b = 0; b < h.bucketCount(); ++b) {
            QCOMPARE(h.accept[b], accept[h.bucketStart(b)]);
            QCOMPARE(h.reject[b], reject[h.bucketStart(b)]);
        }
        // Records: the NODATA record lands in "other".
        options.metric = Metric::Records;
        const TimeHistogram records = TimeHistogram::compute(all, options);
        double other = 0;
        for (double v : records.other) {
            other += v;
        }
        QCOMPARE(other, 1.0);
    }

    void histogramSpreadSplitsAFlowByOverlap()
    {
        // One flow starting 40 s past a bucket edge, lasting 120 s, over 60 s buckets: 20/60/40 s.
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("one.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("2 1 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 1200 1700000080 1700000200 ACCEPT OK\n");
        f.close();
        FlowStore store;
        Loader::load(store, { f.fileName() });
        HistogramOptions options;
        options.metric = Metric::Bytes;
        options.bucketSeconds = 60;
        options.attribution = Attribution::Spread;
        const TimeHistogram h = TimeHistogram::compute(Selection::all(store.snapshot()), options);
        QCOMPARE(1700000080 % 60, 40);
        QCOMPARE(h.origin, 1700000040);
        QCOMPARE(h.bucketCount(), std::size_t(3));
        QCOMPARE(h.accept[0], 1200.0 * 20 / 120);
        QCOMPARE(h.accept[1], 1200.0 * 60 / 120);
        QCOMPARE(h.accept[2], 1200.0 * 40 / 120);
    }

    void histogramSpreadConservesTotals()
    {
        HistogramOptions options;
        options.metric = Metric::Bytes;
        options.attribution = Attribution::Spread;
        const TimeHistogram h = TimeHistogram::compute(Selection::all(m_store.snapshot()), options);
        double got = 0;
        for (std::size_t b = 0; b < h.bucketCount(); ++b) {
            got += h.accept[b] + h.reject[b];
        }
        double expected = 0;
        for (const Flow& f : m_flows) {
            expected += f.bytes > 0 ? double(f.bytes) : 0;
        }
        QVERIFY(std::abs(got - expected) / expected < 1e-9);
    }

    void endpointsMatchBruteForce()
    {
        std::set<std::size_t> chosen;
        const Selection subset = everyThird(chosen);
        QCOMPARE(subset.count(), chosen.size());
        const EndpointStatistics stats = EndpointStatistics::compute(subset, 10);
        struct Expect {
            std::uint64_t out = 0, in = 0, records = 0, rejects = 0;
            std::set<std::string> peers;
            std::set<int> ports;
        };
        std::map<std::string, Expect> expected;
        for (std::size_t i : chosen) {
            const Flow& f = m_flows[i];
            if (f.action == "-") {
                continue;
            }
            Expect& s = expected[f.src];
            s.out += std::uint64_t(f.bytes);
            ++s.records;
            s.rejects += f.action == "REJECT";
            s.peers.insert(f.dst);
            s.ports.insert(f.dstPort);
            Expect& d = expected[f.dst];
            d.in += std::uint64_t(f.bytes);
            ++d.records;
            d.rejects += f.action == "REJECT";
            d.peers.insert(f.src);
        }
        QCOMPARE(stats.rows.size(), std::size_t(10));
        std::uint64_t previous = UINT64_MAX;
        for (const EndpointRow& row : stats.rows) {
            const Expect& e = expected.at(addressText(row.address));
            QCOMPARE(row.bytesOut, e.out);
            QCOMPARE(row.bytesIn, e.in);
            QCOMPARE(row.records, e.records);
            QCOMPARE(row.rejects, e.rejects);
            QCOMPARE(row.peers, std::uint32_t(e.peers.size()));
            QCOMPARE(row.dstPorts, std::uint32_t(e.ports.size()));
            QVERIFY(row.totalBytes() <= previous);
            previous = row.totalBytes();
        }
        // The first row is the largest of all endpoints.
        std::uint64_t largest = 0;
        for (const auto& [address, e] : expected) {
            largest = std::max(largest, e.in + e.out);
        }
        QCOMPARE(stats.rows.front().totalBytes(), largest);
    }

    void conversationsPairBothDirections()
    {
        const ConversationStatistics stats = ConversationStatistics::compute(Selection::all(m_store.snapshot()));
        std::map<std::tuple<std::string, std::string, int>, std::pair<std::uint64_t, std::uint64_t>> expected;
        for (const Flow& f : m_flows) {
            if (f.action == "-") {
                continue;
            }
            // Direction is judged here by text order; compare totals, which do not depend on it.
            const bool forward = f.src < f.dst;
            auto& e = expected[{ forward ? f.src : f.dst, forward ? f.dst : f.src, f.protocol }];
            (forward ? e.first : e.second) += std::uint64_t(f.bytes);
        }
        QCOMPARE(stats.rows.size(), expected.size());
        for (const ConversationRow& row : stats.rows) {
            std::string a = addressText(row.a);
            std::string b = addressText(row.b);
            if (b < a) {
                std::swap(a, b);
            }
            const auto& e = expected.at({ a, b, int(row.protocol) });
            QCOMPARE(row.totalBytes(), e.first + e.second);
        }
    }

    // Every figure of every endpoint and conversation, in order, against std::map and std::set
    // sums over the rows' values read one by one, on records with many addresses (IPv6 among
    // them), nulls, and traffic from an address to itself, over all rows and a subset.
    void statisticsMatchBruteForceOnManyAddresses()
    {
        std::string text;
        std::uint64_t x = 99;
        auto next = [&x](std::uint64_t mod) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            return (x >> 33) % mod;
        };
        auto address = [&next]() -> std::string {
            const std::uint64_t n = next(3000);
            return n % 50 == 0 ? "2001:db8::" + std::to_string(n)
                               : "10." + std::to_string(n / 250) + ".0." + std::to_string(n % 250);
        };
        for (int i = 0; i < 80'000; ++i) {
            const std::string src = address();
            const std::string dst = i % 23 == 0 ? src : i % 17 == 0 ? "-" : address();
            const std::string port = i % 17 == 0 ? "-" : std::to_string(next(3) == 0 ? 22 : next(2000));
            const std::string protocol = i % 29 == 0 ? "-" : next(5) == 0 ? "17" : "6";
            const std::uint64_t bytes = 40 + next(1'000'000);
            const std::string counts
                = i % 19 == 0 ? "- -" : std::to_string(1 + bytes / 1000) + " " + std::to_string(bytes);
            const std::uint64_t start = 1'700'000'000 + next(86400);
            text += "2 123456789012 eni-1 " + src + " " + dst + " 40000 " + port + " " + protocol + " " + counts + " "
                + std::to_string(start) + " " + std::to_string(start + next(300)) + " "
                + (next(7) == 0 ? "REJECT" : "ACCEPT") + " OK\n";
        }
        QFile f(m_dir.filePath(QStringLiteral("many.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.data(), static_cast<qint64>(text.size()));
        f.close();
        FlowStore store;
        QCOMPARE(Loader::load(store, { f.fileName() }).records, std::uint64_t(80'000));
        const auto snapshot = store.snapshot();
        QVERIFY(snapshot.chunks.size() >= 2);
        Selection subset = Selection::none(snapshot);
        for (std::size_t c = 0; c < snapshot.chunks.size(); ++c) {
            for (std::uint32_t r = 0; r < snapshot.chunks[c]->rowCount(); r += 3) {
                subset.chunk(c).bits[r / 64] |= std::uint64_t(1) << (r % 64);
                ++subset.chunk(c).count;
            }
        }
        for (const Selection& selection : { Selection::all(snapshot), subset }) {
            struct Endpoint {
                EndpointRow row;
                std::set<std::int64_t> peers, ports;
            };
            std::map<std::int64_t, Endpoint> endpoints;
            std::map<std::tuple<std::int64_t, std::int64_t, std::int64_t>, ConversationRow> conversations;
            auto add = [](std::uint64_t& sum, std::int64_t v) { sum += v == kNull ? 0 : std::uint64_t(v); };
            for (std::size_t c = 0; c < snapshot.chunks.size(); ++c) {
                selection.forEachRow(c, [&](std::uint32_t r) {
                    const Chunk& chunk = *snapshot.chunks[c];
                    const std::int64_t src = chunk.value(FieldId::SrcAddr, r);
                    const std::int64_t dst = chunk.value(FieldId::DstAddr, r);
                    const std::int64_t bytes = chunk.value(FieldId::Bytes, r);
                    const std::int64_t packets = chunk.value(FieldId::Packets, r);
                    const std::int64_t port = chunk.value(FieldId::DstPort, r);
                    const bool reject = chunk.value(FieldId::Action, r) == 1;
                    if (src != kNull) {
                        Endpoint& e = endpoints[src];
                        add(e.row.bytesOut, bytes);
                        add(e.row.packetsOut, packets);
                        ++e.row.records;
                        e.row.rejects += reject;
                        if (dst != kNull) {
                            e.peers.insert(dst);
                        }
                        if (port != kNull) {
                            e.ports.insert(port);
                        }
                    }
                    if (dst != kNull) {
                        Endpoint& e = endpoints[dst];
                        add(e.row.bytesIn, bytes);
                        add(e.row.packetsIn, packets);
                        if (src != dst) {
                            ++e.row.records;
                            e.row.rejects += reject;
                        }
                        if (src != kNull) {
                            e.peers.insert(src);
                        }
                    }
                    if (src == kNull || dst == kNull) {
                        return;
                    }
                    const std::int64_t protocol = chunk.value(FieldId::Protocol, r);
                    ConversationRow& row = conversations[{ std::min(src, dst), std::max(src, dst), protocol }];
                    row.a = AddressId(std::min(src, dst));
                    row.b = AddressId(std::max(src, dst));
                    row.protocol = protocol;
                    const bool forward = src <= dst;
                    add(forward ? row.bytesAtoB : row.bytesBtoA, bytes);
                    add(forward ? row.packetsAtoB : row.packetsBtoA, packets);
                    ++(forward ? row.recordsAtoB : row.recordsBtoA);
                    row.rejects += reject;
                    const std::int64_t start = chunk.value(FieldId::Start, r);
                    const std::int64_t end = chunk.value(FieldId::End, r);
                    if (row.firstSeen == kNull || start < row.firstSeen) {
                        row.firstSeen = start;
                    }
                    if (row.lastSeen == kNull || end > row.lastSeen) {
                        row.lastSeen = end;
                    }
                });
            }
            std::vector<EndpointRow> expectedEndpoints;
            for (auto& [id, e] : endpoints) {
                e.row.address = AddressId(id);
                e.row.peers = std::uint32_t(e.peers.size());
                e.row.dstPorts = std::uint32_t(e.ports.size());
                expectedEndpoints.push_back(e.row);
            }
            QVERIFY(expectedEndpoints.size() > 2000);
            // Largest bytes out first, equal ones by address id.
            std::stable_sort(expectedEndpoints.begin(), expectedEndpoints.end(),
                [](const EndpointRow& p, const EndpointRow& q) { return p.bytesOut > q.bytesOut; });
            const EndpointStatistics gotEndpoints = EndpointStatistics::compute(selection, 0, EndpointOrder::BytesOut);
            QCOMPARE(gotEndpoints.rows.size(), expectedEndpoints.size());
            for (std::size_t i = 0; i < expectedEndpoints.size(); ++i) {
                const EndpointRow& got = gotEndpoints.rows[i];
                const EndpointRow& want = expectedEndpoints[i];
                QCOMPARE(got.address.value, want.address.value);
                QCOMPARE(got.bytesOut, want.bytesOut);
                QCOMPARE(got.bytesIn, want.bytesIn);
                QCOMPARE(got.packetsOut, want.packetsOut);
                QCOMPARE(got.packetsIn, want.packetsIn);
                QCOMPARE(got.records, want.records);
                QCOMPARE(got.rejects, want.rejects);
                QCOMPARE(got.peers, want.peers);
                QCOMPARE(got.dstPorts, want.dstPorts);
            }
            // With a limit, by total bytes: the first rows of the same order.
            std::stable_sort(expectedEndpoints.begin(), expectedEndpoints.end(),
                [](const EndpointRow& p, const EndpointRow& q) { return p.totalBytes() > q.totalBytes(); });
            const EndpointStatistics top = EndpointStatistics::compute(selection, 100);
            QCOMPARE(top.rows.size(), std::size_t(100));
            for (std::size_t i = 0; i < top.rows.size(); ++i) {
                QCOMPARE(top.rows[i].address.value, expectedEndpoints[i].address.value);
                QCOMPARE(top.rows[i].peers, expectedEndpoints[i].peers);
                QCOMPARE(top.rows[i].dstPorts, expectedEndpoints[i].dstPorts);
            }
            std::vector<ConversationRow> expectedConversations;
            for (const auto& [key, row] : conversations) {
                expectedConversations.push_back(row); // in (a, b, protocol) order
            }
            std::stable_sort(expectedConversations.begin(), expectedConversations.end(),
                [](const ConversationRow& p, const ConversationRow& q) { return p.totalBytes() > q.totalBytes(); });
            for (std::size_t limit : { std::size_t(0), std::size_t(500) }) {
                const ConversationStatistics got = ConversationStatistics::compute(selection, limit);
                QCOMPARE(got.rows.size(), limit == 0 ? expectedConversations.size() : limit);
                for (std::size_t i = 0; i < got.rows.size(); ++i) {
                    const ConversationRow& g = got.rows[i];
                    const ConversationRow& w = expectedConversations[i];
                    QCOMPARE(g.a.value, w.a.value);
                    QCOMPARE(g.b.value, w.b.value);
                    QCOMPARE(g.protocol, w.protocol);
                    QCOMPARE(g.bytesAtoB, w.bytesAtoB);
                    QCOMPARE(g.bytesBtoA, w.bytesBtoA);
                    QCOMPARE(g.packetsAtoB, w.packetsAtoB);
                    QCOMPARE(g.packetsBtoA, w.packetsBtoA);
                    QCOMPARE(g.recordsAtoB, w.recordsAtoB);
                    QCOMPARE(g.recordsBtoA, w.recordsBtoA);
                    QCOMPARE(g.rejects, w.rejects);
                    QCOMPARE(g.firstSeen, w.firstSeen);
                    QCOMPARE(g.lastSeen, w.lastSeen);
                }
            }
        }
    }

    void facetsCountValues()
    {
        const Facets facets
            = Facets::compute(Selection::all(m_store.snapshot()), { FieldId::DstPort, FieldId::Action }, 5);
        std::map<int, std::uint64_t> ports;
        std::uint64_t rejects = 0;
        for (const Flow& f : m_flows) {
            if (f.action != "-") {
                ++ports[f.dstPort];
            }
            rejects += f.action == "REJECT";
        }
        const Facet& port = facets.facets[0];
        QCOMPARE(port.distinct, ports.size() + 1); // + the NODATA record's null
        QCOMPARE(port.values.front().value, 22);
        QCOMPARE(port.values.front().count, ports[22]);
        const Facet& action = facets.facets[1];
        const auto reject = std::find_if(
            action.values.begin(), action.values.end(), [](const FacetValue& v) { return v.value == 1; });
        QCOMPARE(reject->count, rejects);
    }
};

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
