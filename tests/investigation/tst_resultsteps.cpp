// The investigation's result in steps (panes, then statistics, then findings) and its cache of
// recent results: the panes' figures against brute-force counts over the records the test wrote,
// the staged result against the synchronous one, a cache hit against the numbers it stands for,
// and the rule that a step of an older request never replaces a newer result.
#include "flowfixture.h"
#include "ingest/loader.h"
#include "investigation/investigation.h"
#include "investigation/resultsteps.h"
#include "investigation/workerpool.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <map>

using namespace flowlens;
using fixture::Flow;

namespace {

using ResultPtr = std::shared_ptr<const InvestigationResult>;

// Occupies every thread of the investigation's pool until released, so the jobs started meanwhile
// wait in its queue: what a busy machine does by chance, made certain.
class PoolBlocker {
public:
    PoolBlocker()
    {
        m_threads = investigationPool()->maxThreadCount();
        for (int i = 0; i < m_threads; ++i) {
            (void)QtConcurrent::run(investigationPool(), [this] {
                m_started.release();
                m_release.acquire();
            });
        }
        m_started.acquire(m_threads);
    }
    ~PoolBlocker() { release(); }
    void release()
    {
        m_release.release(m_threads);
        m_threads = 0;
    }

private:
    int m_threads = 0;
    QSemaphore m_started;
    QSemaphore m_release;
};

} // namespace

class TestResultSteps : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    QString m_morePath;
    std::vector<Flow> m_flows;
    std::vector<Flow> m_more;
    std::shared_ptr<FlowStore> m_store = std::make_shared<FlowStore>();

    FilterState rejectOnly(const FlowStore& store) const
    {
        return FilterState {}.with(
            FilterClause::equals(store, FieldId::Action, store.dictionary(FieldId::Action).find("REJECT")->value));
    }
    // Every step of the current filter's result is done and nothing is being computed.
    static bool settled(const Investigation& investigation, bool statistics = true)
    {
        const ResultPtr r = investigation.result();
        return r && !r->loading && r->filter == investigation.filter() && !investigation.isComputing()
            && !investigation.isLoading() && r->findingsComputed
            && (!statistics || (r->endpointsComputed && r->conversationsComputed));
    }
    // The count of each value of `field` in the flows `keep` passes, as the store spells the value.
    template <class Keep, class Value>
    static std::map<std::string, std::uint64_t> countBy(const std::vector<Flow>& flows, Keep keep, Value value)
    {
        std::map<std::string, std::uint64_t> counts;
        for (const Flow& f : flows) {
            if (keep(f)) {
                ++counts[value(f)];
            }
        }
        return counts;
    }
    static void compareFacet(
        const FlowStore& store, const Facet& facet, const std::map<std::string, std::uint64_t>& expected)
    {
        QCOMPARE(facet.distinct, expected.size());
        std::uint64_t total = 0;
        for (const FacetValue& v : facet.values) {
            const std::string text = store.text(facet.field, v.value);
            QVERIFY2(expected.count(text) == 1, text.c_str());
            QCOMPARE(v.count, expected.at(text));
            total += v.count;
        }
        if (facet.values.size() == expected.size()) {
            std::uint64_t all = 0;
            for (const auto& [value, n] : expected) {
                all += n;
            }
            QCOMPARE(total, all);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_flows = fixture::makeFlows(150'000); // three chunks
        m_path = m_dir.filePath(QStringLiteral("flows.log"));
        QVERIFY(fixture::writeFlows(m_path, m_flows));
        m_more = fixture::makeFlows(5'000, 7);
        m_morePath = m_dir.filePath(QStringLiteral("more.log"));
        QVERIFY(fixture::writeFlows(m_morePath, m_more));
        QCOMPARE(Loader::load(*m_store, { m_path }).records, m_flows.size());
        QVERIFY(m_store->snapshot().chunks.size() >= 3);
    }

    void panesMatchBruteForce_data()
    {
        QTest::addColumn<int>("which");
        QTest::addRow("every record") << 0;
        QTest::addRow("REJECT only") << 1;
        QTest::addRow("dstPort != 22") << 2;
        QTest::addRow("an hour") << 3;
        QTest::addRow("REJECT to port 22: few rows per chunk, read one by one") << 4;
    }
    void panesMatchBruteForce()
    {
        QFETCH(int, which);
        const FlowStore& store = *m_store;
        const std::int64_t from = fixture::kT0 + 3600;
        const std::int64_t to = fixture::kT0 + 7200;
        FilterState filter;
        std::function<bool(const Flow&)> keep = [](const Flow&) { return true; };
        if (which == 1) {
            filter = rejectOnly(store);
            keep = [](const Flow& f) { return f.action == "REJECT"; };
        } else if (which == 2) {
            filter = filter.with(FilterClause::notEquals(store, FieldId::DstPort, 22));
            keep = [](const Flow& f) { return f.dstPort != 22; };
        } else if (which == 3) {
            filter = filter.with(FilterClause::timeRange(from, to));
            keep = [&](const Flow& f) { return f.start >= from && f.start < to; };
        } else if (which == 4) {
            filter = rejectOnly(store).with(FilterClause::equals(store, FieldId::DstPort, 22));
            keep = [](const Flow& f) { return f.action == "REJECT" && f.dstPort == 22; };
        }
        const auto result = computePanes(m_store, filter, {}, false, 1);
        QVERIFY(result);
        QVERIFY(!result->endpointsComputed && !result->conversationsComputed && !result->findingsComputed);

        // The rows, in store order (not the file's: parser threads publish chunks as they fill);
        // line i of the file is flow i - 1.
        QVERIFY(*result->rows == result->selection.rowIds());
        std::vector<std::uint64_t> lines;
        for (RowId id : *result->rows) {
            lines.push_back(result->selection.snapshot().chunk(id).line(rowOf(id)));
        }
        std::vector<std::uint64_t> expectedLines;
        std::uint64_t bytes = 0;
        std::uint64_t packets = 0;
        std::uint64_t rejects = 0;
        std::int64_t first = INT64_MAX;
        std::int64_t last = INT64_MIN;
        for (std::size_t i = 0; i < m_flows.size(); ++i) {
            const Flow& f = m_flows[i];
            if (keep(f)) {
                expectedLines.push_back(i + 1);
                bytes += static_cast<std::uint64_t>(f.bytes);
                packets += static_cast<std::uint64_t>(f.packets);
                rejects += f.action == "REJECT";
                first = std::min(first, f.start);
                last = std::max(last, f.end);
            }
        }
        QVERIFY(!expectedLines.empty());
        std::sort(lines.begin(), lines.end());
        QVERIFY(lines == expectedLines);
        QCOMPARE(result->selection.count(), expectedLines.size());
        QCOMPARE(result->totalRecords, m_flows.size());
        QCOMPARE(result->selectedBytes, bytes);
        QCOMPARE(result->selectedPackets, packets);
        QCOMPARE(*result->firstStart, first);
        QCOMPARE(*result->lastEnd, last);
        QCOMPARE(result->rejectedRecords, rejects);

        // Facets: every value of the fields the file has, counted by hand.
        std::map<FieldId, std::map<std::string, std::uint64_t>> facets;
        facets[FieldId::Action] = countBy(m_flows, keep, [](const Flow& f) { return f.action; });
        facets[FieldId::Protocol] = countBy(m_flows, keep, [](const Flow& f) { return std::to_string(f.protocol); });
        facets[FieldId::DstPort] = countBy(m_flows, keep, [](const Flow& f) { return std::to_string(f.dstPort); });
        facets[FieldId::InterfaceId] = countBy(m_flows, keep, [](const Flow& f) { return f.eni; });
        facets[FieldId::LogStatus] = countBy(m_flows, keep, [](const Flow&) { return std::string("OK"); });
        facets[FieldId::AccountId] = countBy(m_flows, keep, [](const Flow&) { return std::string("123456789012"); });
        QCOMPARE(result->facets.facets.size(), facets.size());
        for (const Facet& facet : result->facets.facets) {
            QVERIFY(facets.count(facet.field) == 1);
            compareFacet(store, facet, facets[facet.field]);
        }
        // The REJECT pane: sources, ports and interfaces of the REJECT records among them.
        auto rejected = [&](const Flow& f) { return keep(f) && f.action == "REJECT"; };
        QCOMPARE(result->rejected.facets.size(), 3U);
        compareFacet(
            store, result->rejected.facets[0], countBy(m_flows, rejected, [](const Flow& f) { return f.src; }));
        compareFacet(store, result->rejected.facets[1],
            countBy(m_flows, rejected, [](const Flow& f) { return std::to_string(f.dstPort); }));
        compareFacet(
            store, result->rejected.facets[2], countBy(m_flows, rejected, [](const Flow& f) { return f.eni; }));

        // The timeline: records per bucket at their start.
        const TimeHistogram& h = result->histogram;
        std::map<std::int64_t, std::pair<double, double>> buckets;
        for (const Flow& f : m_flows) {
            if (keep(f)) {
                auto& b = buckets[h.origin + (f.start - h.origin) / h.bucketSeconds * h.bucketSeconds];
                (f.action == "REJECT" ? b.second : b.first) += 1;
            }
        }
        QVERIFY(h.bucketCount() > 1);
        for (std::size_t i = 0; i < h.bucketCount(); ++i) {
            QCOMPARE(h.accept[i], buckets[h.bucketStart(i)].first);
            QCOMPARE(h.reject[i], buckets[h.bucketStart(i)].second);
        }
        QCOMPARE(h.bucketStart(0), buckets.begin()->first);
    }

    void everyRecordSharesItsRows()
    {
        // Two results of every record of the same snapshot share one vector of row ids.
        const auto a = computePanes(m_store, {}, {}, false, 1);
        const auto b = computePanes(m_store, {}, {}, false, 2);
        QCOMPARE(a->rows.get(), b->rows.get());
        QVERIFY(*a->rows == a->selection.rowIds());
        const auto rejects = computePanes(m_store, rejectOnly(*m_store), {}, false, 3);
        QVERIFY(rejects->rows != a->rows);
        QVERIFY(*rejects->rows == rejects->selection.rowIds());
    }

    void stepsEqualTheSynchronousResult_data()
    {
        QTest::addColumn<bool>("reject");
        QTest::addRow("every record") << false;
        QTest::addRow("REJECT only") << true;
    }
    void stepsEqualTheSynchronousResult()
    {
        QFETCH(bool, reject);
        Investigation investigation;
        investigation.open({ m_path });
        QTRY_VERIFY_WITH_TIMEOUT(settled(investigation), 30000);
        if (reject) {
            investigation.setFilter(rejectOnly(investigation.store()));
            QTRY_VERIFY_WITH_TIMEOUT(settled(investigation), 30000);
        }
        const ResultPtr staged = investigation.result();
        const ResultPtr sync = computeInvestigationResult(
            investigation.storePointer(), investigation.filter(), investigation.histogramOptions(), false, 1);
        QVERIFY(*staged->rows == *sync->rows);
        QCOMPARE(staged->selectedBytes, sync->selectedBytes);
        QCOMPARE(staged->rejectedRecords, sync->rejectedRecords);
        QVERIFY(staged->histogram.accept == sync->histogram.accept);
        QVERIFY(staged->histogram.reject == sync->histogram.reject);
        QCOMPARE(staged->facets.facets.size(), sync->facets.facets.size());
        for (std::size_t f = 0; f < sync->facets.facets.size(); ++f) {
            QCOMPARE(staged->facets.facets[f].values.size(), sync->facets.facets[f].values.size());
            for (std::size_t v = 0; v < sync->facets.facets[f].values.size(); ++v) {
                QCOMPARE(staged->facets.facets[f].values[v].value, sync->facets.facets[f].values[v].value);
                QCOMPARE(staged->facets.facets[f].values[v].count, sync->facets.facets[f].values[v].count);
            }
        }
        QVERIFY(!sync->endpoints.rows.empty());
        QCOMPARE(staged->endpoints.rows.size(), sync->endpoints.rows.size());
        for (std::size_t i = 0; i < sync->endpoints.rows.size(); ++i) {
            const EndpointRow& x = staged->endpoints.rows[i];
            const EndpointRow& y = sync->endpoints.rows[i];
            QCOMPARE(x.address, y.address);
            QCOMPARE(x.bytesOut, y.bytesOut);
            QCOMPARE(x.bytesIn, y.bytesIn);
            QCOMPARE(x.records, y.records);
            QCOMPARE(x.peers, y.peers);
            QCOMPARE(x.dstPorts, y.dstPorts);
        }
        QVERIFY(!sync->conversations.rows.empty());
        QCOMPARE(staged->conversations.rows.size(), sync->conversations.rows.size());
        for (std::size_t i = 0; i < sync->conversations.rows.size(); ++i) {
            const ConversationRow& x = staged->conversations.rows[i];
            const ConversationRow& y = sync->conversations.rows[i];
            QCOMPARE(x.a, y.a);
            QCOMPARE(x.b, y.b);
            QCOMPARE(x.protocol, y.protocol);
            QCOMPARE(x.totalBytes(), y.totalBytes());
            QCOMPARE(x.recordsAtoB, y.recordsAtoB);
            QCOMPARE(x.rejects, y.rejects);
        }
        QCOMPARE(staged->findings.size(), sync->findings.size());
        for (std::size_t i = 0; i < sync->findings.size(); ++i) {
            QCOMPARE(staged->findings[i].title, sync->findings[i].title);
            QCOMPARE(staged->findings[i].evidenceCount, sync->findings[i].evidenceCount);
        }
    }

    void statisticsFollowWhatIsWanted()
    {
        Investigation investigation;
        investigation.setWantedStatistics(false, false);
        investigation.open({ m_path });
        QTRY_VERIFY_WITH_TIMEOUT(settled(investigation, false), 30000);
        ResultPtr result = investigation.result();
        QVERIFY(!result->endpointsComputed && result->endpoints.rows.empty());
        QVERIFY(!result->conversationsComputed && result->conversations.rows.empty());
        // The conversations tab shown: the same result comes again with its conversations only.
        QSignalSpy ready(&investigation, &Investigation::resultReady);
        investigation.setWantedStatistics(false, true);
        QTRY_VERIFY_WITH_TIMEOUT(investigation.result()->conversationsComputed, 30000);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(investigation.result()->generation, result->generation);
        QVERIFY(!investigation.result()->endpointsComputed);
        QVERIFY(!investigation.result()->conversations.rows.empty());
        QVERIFY(!investigation.runningStep());
    }

    void cacheHitsAndStoreChanges()
    {
        Investigation investigation;
        investigation.open({ m_path });
        QTRY_VERIFY_WITH_TIMEOUT(settled(investigation), 30000);
        const ResultPtr all = investigation.result();
        investigation.setFilter(rejectOnly(investigation.store()));
        QTRY_VERIFY_WITH_TIMEOUT(settled(investigation), 30000);
        const ResultPtr rejects = investigation.result();
        QCOMPARE(investigation.cache().size(), 2U);

        // Back: the kept result at once, nothing computed, every step already done.
        QSignalSpy ready(&investigation, &Investigation::resultReady);
        investigation.back();
        QCOMPARE(ready.count(), 1);
        QVERIFY(!investigation.isComputing());
        QCOMPARE(investigation.result(), all);
        QCOMPARE(investigation.result()->selection.count(), m_flows.size());
        std::uint64_t bytes = 0;
        for (const Flow& f : m_flows) {
            bytes += static_cast<std::uint64_t>(f.bytes);
        }
        QCOMPARE(investigation.result()->selectedBytes, bytes);
        investigation.forward();
        QCOMPARE(investigation.result(), rejects);

        // F5 computes afresh: a new result with the same numbers.
        investigation.refresh();
        QVERIFY(investigation.isComputing());
        QTRY_VERIFY_WITH_TIMEOUT(settled(investigation) && investigation.result() != rejects, 30000);
        QCOMPARE(investigation.result()->selection.count(), rejects->selection.count());

        // More records: what was kept is for fewer rows, so the filters are computed again.
        investigation.open({ m_morePath });
        QTRY_VERIFY_WITH_TIMEOUT(settled(investigation), 30000);
        QCOMPARE(investigation.result()->totalRecords, m_flows.size() + m_more.size());
        std::uint64_t moreRejects = 0;
        for (const auto* flows : { &m_flows, &m_more }) {
            for (const Flow& f : *flows) {
                moreRejects += f.action == "REJECT";
            }
        }
        QCOMPARE(investigation.result()->selection.count(), moreRejects);
        ready.clear();
        investigation.back();
        QVERIFY(investigation.isComputing()); // not from the cache
        QTRY_VERIFY_WITH_TIMEOUT(settled(investigation), 30000);
        QCOMPARE(investigation.result()->selection.count(), m_flows.size() + m_more.size());
        QVERIFY(investigation.result() != all);
        for (const QVariantList& args : ready) {
            QCOMPARE(args.at(0).value<ResultPtr>()->totalRecords, m_flows.size() + m_more.size());
        }
    }

    void cachedResultContinuesItsSteps()
    {
        // A kept result shown while another filter's panes are being computed gets the steps it
        // lacks once that computation has stopped.
        Investigation investigation;
        investigation.setWantedStatistics(false, false);
        investigation.open({ m_path });
        QTRY_VERIFY_WITH_TIMEOUT(settled(investigation, false), 30000);
        const ResultPtr all = investigation.result();
        {
            PoolBlocker blocker;
            investigation.setFilter(rejectOnly(investigation.store()));
            QVERIFY(investigation.isComputing());
            investigation.back(); // every record again: from the cache
            QCOMPARE(investigation.result(), all);
            investigation.setWantedStatistics(true, false);
        }
        QTRY_VERIFY_WITH_TIMEOUT(investigation.result()->endpointsComputed && !investigation.isComputing(), 30000);
        QCOMPARE(investigation.result()->generation, all->generation);
        QVERIFY(investigation.result()->filter.isEmpty());
        QVERIFY(!investigation.result()->endpoints.rows.empty());
    }

    void staleStepsNeverReplaceNewerResults()
    {
        Investigation investigation;
        investigation.setWantedStatistics(false, false);
        investigation.open({ m_path });
        QTRY_VERIFY_WITH_TIMEOUT(settled(investigation, false), 30000);
        const FilterState rejects = rejectOnly(investigation.store());
        const FilterState ssh = rejects.with(FilterClause::equals(investigation.store(), FieldId::DstPort, 22));
        QSignalSpy ready(&investigation, &Investigation::resultReady);
        {
            // The statistics of every record start, then wait in the pool's queue while the filter
            // changes twice: the first new filter's panes and the old statistics must never show.
            PoolBlocker blocker;
            investigation.setWantedStatistics(true, true);
            QVERIFY(investigation.runningStep() == std::optional(ResultStep::Endpoints));
            investigation.setFilter(rejects);
            QVERIFY(!investigation.runningStep());
            QVERIFY(investigation.isComputing());
            investigation.setFilter(ssh);
        }
        QTRY_VERIFY_WITH_TIMEOUT(settled(investigation), 30000);
        QVERIFY(ready.count() >= 3); // panes, endpoints, conversations, findings of the last filter
        for (const QVariantList& args : ready) {
            QVERIFY(args.at(0).value<ResultPtr>()->filter == ssh);
        }
        std::uint64_t expected = 0;
        for (const Flow& f : m_flows) {
            expected += f.action == "REJECT" && f.dstPort == 22;
        }
        QCOMPARE(investigation.result()->selection.count(), expected);
    }
};

QTEST_GUILESS_MAIN(TestResultSteps)
#include "tst_resultsteps.moc"
