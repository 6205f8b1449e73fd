// The investigation's filter, history and background results, checked against counts computed by
// brute force over the records the test wrote.
#include "analysis/findingdetector.h"
#include "flowfixture.h"
#include "ingest/loader.h"
#include "investigation/filterhistory.h"
#include "investigation/investigation.h"
#include "investigation/rowsorter.h"
#include "investigation/sourceline.h"
#include "synth/flowgenerator.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <set>

using namespace flowlens;
using fixture::Flow;

Q_DECLARE_METATYPE(std::function<bool(const fixture::Flow&)>)

namespace {

using FlowTest = std::function<bool(const Flow&)>;

// Selects rows whose bytes are odd: a stand-in for a compiled query expression.
class OddBytes : public RowPredicate {
public:
    void narrow(const FlowStore::Snapshot& snapshot, std::size_t c, Selection::ChunkRows& rows) const override
    {
        const Chunk& chunk = *snapshot.chunks[c];
        for (std::uint32_t r = 0; r < chunk.rowCount(); ++r) {
            if ((rows.bits[r / 64] >> (r % 64) & 1U) != 0 && chunk.value(FieldId::Bytes, r) % 2 == 0) {
                rows.bits[r / 64] &= ~(std::uint64_t { 1 } << (r % 64));
                --rows.count;
            }
        }
    }
    QString text() const override { return QStringLiteral("bytes % 2 = 1"); }
};

} // namespace

class TestInvestigation : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    std::vector<Flow> m_flows;
    FlowStore m_store;

    std::int64_t address(const std::string& text) const { return m_store.findAddress(*Address::parse(text))->value; }
    std::int64_t string(FieldId field, const std::string& text) const
    {
        return m_store.dictionary(field).find(text)->value;
    }
    // The flows behind the selected rows, as line numbers, from the store's provenance.
    std::set<std::uint64_t> lines(const Selection& selection) const
    {
        std::set<std::uint64_t> out;
        for (RowId id : selection.rowIds()) {
            out.insert(selection.snapshot().chunk(id).line(rowOf(id)));
        }
        return out;
    }
    std::set<std::uint64_t> expectedLines(const FlowTest& test) const
    {
        std::set<std::uint64_t> out;
        for (std::size_t i = 0; i < m_flows.size(); ++i) {
            if (test(m_flows[i])) {
                out.insert(i + 1);
            }
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_flows = fixture::makeFlows(80'000); // two chunks
        m_path = m_dir.filePath(QStringLiteral("flows.log"));
        QVERIFY(fixture::writeFlows(m_path, m_flows));
        const LoadReport report = Loader::load(m_store, { m_path });
        QCOMPARE(report.records, m_flows.size());
        QVERIFY(m_store.snapshot().chunks.size() >= 2);
    }

    void filterMatchesBruteForce_data()
    {
        QTest::addColumn<int>("which");
        QTest::addRow("action = REJECT") << 0;
        QTest::addRow("dstPort != 22") << 1;
        QTest::addRow("time range") << 2;
        QTest::addRow("host") << 3;
        QTest::addRow("conversation, TCP") << 4;
        QTest::addRow("REJECT to port 22 from one interface") << 5;
        QTest::addRow("no clause") << 6;
    }
    void filterMatchesBruteForce()
    {
        QFETCH(int, which);
        FilterState filter;
        FlowTest test;
        const std::int64_t from = fixture::kT0 + 3600;
        const std::int64_t to = fixture::kT0 + 5400;
        switch (which) {
        case 0:
            filter = filter.with(FilterClause::equals(m_store, FieldId::Action, string(FieldId::Action, "REJECT")));
            test = [](const Flow& f) { return f.action == "REJECT"; };
            break;
        case 1:
            filter = filter.with(FilterClause::notEquals(m_store, FieldId::DstPort, 22));
            test = [](const Flow& f) { return f.dstPort != 22; };
            break;
        case 2:
            filter = filter.with(FilterClause::timeRange(from, to));
            test = [&](const Flow& f) { return f.start >= from && f.start < to; };
            break;
        case 3:
            filter = filter.with(FilterClause::host(m_store, address("10.0.0.7")));
            test = [](const Flow& f) { return f.src == "10.0.0.7" || f.dst == "10.0.0.7"; };
            break;
        case 4:
            filter = filter.with(FilterClause::conversation(m_store, address("10.0.1.3"), address("10.0.0.4"), 6));
            test = [](const Flow& f) {
                return f.protocol == 6
                    && ((f.src == "10.0.1.3" && f.dst == "10.0.0.4") || (f.src == "10.0.0.4" && f.dst == "10.0.1.3"));
            };
            break;
        case 5:
            filter
                = filter.with(FilterClause::equals(m_store, FieldId::Action, string(FieldId::Action, "REJECT")))
                      .with(FilterClause::equals(m_store, FieldId::DstPort, 22))
                      .with(FilterClause::equals(m_store, FieldId::InterfaceId, string(FieldId::InterfaceId, "eni-2")));
            test = [](const Flow& f) { return f.action == "REJECT" && f.dstPort == 22 && f.eni == "eni-2"; };
            break;
        default:
            test = [](const Flow&) { return true; };
        }
        const Selection selection = evaluateFilter(m_store.snapshot(), filter);
        const auto expected = expectedLines(test);
        QVERIFY(!expected.empty());
        QCOMPARE(selection.count(), expected.size());
        QVERIFY(lines(selection) == expected);
    }

    void clausesReplaceAndDescribe()
    {
        const std::int64_t reject = string(FieldId::Action, "REJECT");
        const std::int64_t accept = string(FieldId::Action, "ACCEPT");
        FilterState f = FilterState {}
                            .with(FilterClause::equals(m_store, FieldId::Action, reject))
                            .with(FilterClause::notEquals(m_store, FieldId::DstPort, 22))
                            .with(FilterClause::notEquals(m_store, FieldId::DstPort, 443))
                            .with(FilterClause::equals(m_store, FieldId::Action, accept));
        QCOMPARE(f.clauses.size(), 3U); // the second action replaced the first; exclusions add up
        QCOMPARE(f.describe(), QStringLiteral("dstPort ≠ 22, dstPort ≠ 443, action = ACCEPT"));
        QCOMPARE(f.toQuery(), QStringLiteral("dstPort != 22 and dstPort != 443 and action = \"ACCEPT\""));
        f = f.with(FilterClause::timeRange(1'700'000'000, 1'700'000'300));
        QCOMPARE(f.clauses.back().describe(), QStringLiteral("time 2023-11-14 22:13:20 – 2023-11-14 22:18:20 UTC"));
        QCOMPARE(f.clauses.back().toQuery(), QStringLiteral("startTime >= 1700000000 and startTime < 1700000300"));
        QCOMPARE(FilterState {}.describe(), QStringLiteral("all records"));
    }

    void predicateHook()
    {
        FilterState filter
            = FilterState {}.with(FilterClause::equals(m_store, FieldId::Action, string(FieldId::Action, "REJECT")));
        filter.predicate = std::make_shared<OddBytes>();
        const Selection selection = evaluateFilter(m_store.snapshot(), filter);
        const auto expected = expectedLines([](const Flow& f) { return f.action == "REJECT" && f.bytes % 2 == 1; });
        QCOMPARE(selection.count(), expected.size());
        QVERIFY(lines(selection) == expected);
        QVERIFY(filter.toQuery().endsWith(QStringLiteral("and (bytes % 2 = 1)")));
        // A predicate alone narrows every row of the store.
        filter.clauses.clear();
        QCOMPARE(evaluateFilter(m_store.snapshot(), filter).count(),
            expectedLines([](const Flow& f) { return f.bytes % 2 == 1; }).size());
    }

    void history()
    {
        FilterHistory h;
        QVERIFY(!h.canGoBack());
        const FilterState a = FilterState {}.with(FilterClause::equals(m_store, FieldId::DstPort, 22));
        const FilterState b = a.with(FilterClause::timeRange(1, 2));
        QVERIFY(h.push(a));
        QVERIFY(!h.push(a)); // the same state is not recorded twice
        QVERIFY(h.push(b));
        QVERIFY(h.back());
        QVERIFY(h.current() == a);
        QVERIFY(h.back());
        QVERIFY(h.current().isEmpty());
        QVERIFY(!h.back());
        QVERIFY(h.forward());
        QVERIFY(h.current() == a);
        // A new state drops the ones ahead.
        const FilterState c = a.with(FilterClause::host(m_store, address("10.0.0.1")));
        QVERIFY(h.push(c));
        QVERIFY(!h.canGoForward());
        QCOMPARE(h.size(), 3U);
    }

    void sortRowsMatchesStdSort()
    {
        const auto snapshot = m_store.snapshot();
        const std::vector<RowId> all = Selection::all(snapshot).rowIds();
        // Bytes descending, equal bytes in row order.
        auto sorted = sortRows(m_store, snapshot, all, FieldId::Bytes, true);
        QVERIFY(sorted.has_value());
        std::vector<std::int64_t> bytes;
        for (const Flow& f : m_flows) {
            bytes.push_back(f.bytes);
        }
        std::sort(bytes.begin(), bytes.end(), std::greater<>());
        QCOMPARE(sorted->size(), bytes.size());
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            const RowId id = (*sorted)[i];
            QCOMPARE(snapshot.chunk(id).value(FieldId::Bytes, rowOf(id)), bytes[i]);
            if (i > 0 && bytes[i] == bytes[i - 1]) {
                QVERIFY((*sorted)[i - 1] < id);
            }
        }
        // Addresses in address order, not text order: 10.0.0.9 before 10.0.0.10.
        sorted = sortRows(m_store, snapshot, all, FieldId::SrcAddr, false);
        std::vector<std::string> seen;
        for (RowId id : *sorted) {
            const std::string text
                = m_store.text(FieldId::SrcAddr, snapshot.chunk(id).value(FieldId::SrcAddr, rowOf(id)));
            if (seen.empty() || seen.back() != text) {
                seen.push_back(text);
            }
        }
        QCOMPARE(seen.size(), 25U);
        QCOMPARE(seen[9], std::string("10.0.0.9"));
        QCOMPARE(seen[10], std::string("10.0.0.10"));
        // Interface ids alphabetically, whatever order the dictionary interned them in.
        sorted = sortRows(m_store, snapshot, all, FieldId::InterfaceId, true);
        const RowId first = sorted->front();
        QCOMPARE(m_store.text(FieldId::InterfaceId, snapshot.chunk(first).value(FieldId::InterfaceId, rowOf(first))),
            std::string("eni-3"));
        std::atomic<bool> cancel { true };
        QVERIFY(!sortRows(m_store, snapshot, all, FieldId::Bytes, false, &cancel).has_value());
    }

    // The radix sort against std::stable_sort on keys worked out from the records' text, over
    // enough rows for several workers, with nulls, IPv6 addresses, rows given out of order and a
    // subset.
    void sortRowsMatchesStableSortBruteForce()
    {
        std::vector<Flow> flows = fixture::makeFlows(100'000, 7);
        std::vector<std::string> lines;
        for (std::size_t i = 0; i < flows.size(); ++i) {
            Flow& f = flows[i];
            if (i % 11 == 3) {
                f.src = i % 2 == 0 ? "2001:db8::" + std::to_string(i % 7) : "::" + std::to_string(1 + i % 3);
            }
            f.bytes = i % 5 == 0 ? f.bytes * 100'000 : f.bytes; // a span past 32 bits
            std::string line = f.line();
            if (i % 13 == 1) { // bytes and srcaddr '-'
                line = "2 123456789012 " + f.eni + " - " + f.dst + " " + std::to_string(f.srcPort) + " "
                    + std::to_string(f.dstPort) + " 6 1 - " + std::to_string(f.start) + " " + std::to_string(f.end)
                    + " " + f.action + " OK";
            }
            lines.push_back(line);
        }
        const QString path = m_dir.filePath(QStringLiteral("sort.log"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            for (const std::string& line : lines) {
                file.write(line.data(), static_cast<qint64>(line.size()));
                file.write("\n", 1);
            }
        }
        FlowStore store;
        const LoadReport report = Loader::load(store, { path });
        QCOMPARE(report.records, flows.size());
        const auto snapshot = store.snapshot();
        QVERIFY(snapshot.chunks.size() >= 2);
        // Each row's key from its line: nullopt for '-'.
        struct Key {
            std::optional<std::int64_t> number;
            std::optional<Address> address;
            std::optional<std::string> text;
        };
        auto keyOf = [&](std::size_t lineIndex, FieldId field) {
            const bool dashed = lineIndex % 13 == 1;
            const Flow& f = flows[lineIndex];
            Key k;
            if (field == FieldId::Bytes && !dashed) {
                k.number = f.bytes;
            } else if (field == FieldId::DstPort) {
                k.number = f.dstPort;
            } else if (field == FieldId::SrcAddr && !dashed) {
                k.address = *Address::parse(f.src);
            } else if (field == FieldId::InterfaceId) {
                k.text = f.eni;
            }
            return k;
        };
        auto less = [](const Key& x, const Key& y) { // null first
            if (x.number || y.number) {
                return x.number < y.number;
            }
            if (x.address || y.address) {
                return x.address < y.address;
            }
            return x.text < y.text;
        };
        std::vector<RowId> all = Selection::all(snapshot).rowIds();
        std::vector<RowId> subset;
        for (RowId id : all) {
            if (id.value % 3 != 0) {
                subset.push_back(id);
            }
        }
        std::vector<RowId> shuffled = all;
        std::mt19937 random(5);
        std::shuffle(shuffled.begin(), shuffled.end(), random);
        for (FieldId field : { FieldId::Bytes, FieldId::SrcAddr, FieldId::DstPort, FieldId::InterfaceId }) {
            std::vector<Key> keys(all.back().value + 1);
            for (RowId id : all) {
                keys[id.value] = keyOf(snapshot.chunk(id).line(rowOf(id)) - 1, field);
            }
            for (bool descending : { false, true }) {
                for (const std::vector<RowId>* input : { &all, &subset, &shuffled }) {
                    // Equal keys in row order whatever the direction and the order given.
                    std::vector<RowId> expected = *input;
                    std::sort(expected.begin(), expected.end());
                    std::stable_sort(expected.begin(), expected.end(), [&](RowId a, RowId b) {
                        return descending ? less(keys[b.value], keys[a.value]) : less(keys[a.value], keys[b.value]);
                    });
                    const auto sorted = sortRows(store, snapshot, *input, field, descending);
                    QVERIFY(sorted.has_value());
                    QVERIFY2(*sorted == expected,
                        qPrintable(QStringLiteral("field %1, %2, input of %3 rows")
                                       .arg(int(field))
                                       .arg(descending ? QStringLiteral("descending") : QStringLiteral("ascending"))
                                       .arg(input->size())));
                }
            }
        }
    }

    void sourceLine()
    {
        QString error;
        QCOMPARE(readSourceLine(m_path, 1, error), QString::fromStdString(m_flows[0].line()));
        QCOMPARE(readSourceLine(m_path, 12345, error), QString::fromStdString(m_flows[12344].line()));
        QVERIFY(readSourceLine(m_path, m_flows.size() + 5, error).isNull());
        QVERIFY2(error.contains(QStringLiteral("has only")), qPrintable(error));
        QVERIFY(readSourceLine(m_dir.filePath(QStringLiteral("missing.log")), 1, error).isNull());
        QVERIFY(error.contains(QStringLiteral("missing.log")));
    }

    void investigationLoadsFiltersAndGoesBack()
    {
        Investigation investigation;
        QSignalSpy finished(&investigation, &Investigation::loadFinished);
        investigation.open({ m_path });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        // The final result: every record, then the same with its findings.
        QTRY_VERIFY_WITH_TIMEOUT(investigation.result() && !investigation.result()->loading
                && !investigation.isComputing() && investigation.result()->findingsComputed,
            20000);
        auto result = investigation.result();
        QCOMPARE(result->selection.count(), m_flows.size());
        QCOMPARE(result->totalRecords, m_flows.size());
        QVERIFY(result->findingsComputed);
        std::uint64_t bytes = 0;
        std::int64_t first = INT64_MAX;
        for (const Flow& f : m_flows) {
            bytes += static_cast<std::uint64_t>(f.bytes);
            first = std::min(first, f.start);
        }
        QCOMPARE(result->selectedBytes, bytes);
        QCOMPARE(*result->firstStart, first);

        const FlowStore& store = investigation.store();
        const std::int64_t reject = store.dictionary(FieldId::Action).find("REJECT")->value;
        QSignalSpy ready(&investigation, &Investigation::resultReady);
        investigation.addClause(FilterClause::equals(store, FieldId::Action, reject));
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() && !investigation.isComputing(), 20000);
        result = investigation.result();
        const auto rejects = expectedLines([](const Flow& f) { return f.action == "REJECT"; });
        QCOMPARE(result->selection.count(), rejects.size());
        QCOMPARE(result->rejectedRecords, rejects.size());
        // The REJECT pane's top sources equal a brute-force count.
        std::map<std::string, std::uint64_t> bySource;
        for (const Flow& f : m_flows) {
            bySource[f.src] += f.action == "REJECT" ? 1 : 0;
        }
        const Facet& sources = result->rejected.facets[0];
        QCOMPARE(sources.field, FieldId::SrcAddr);
        for (const FacetValue& v : sources.values) {
            QCOMPARE(v.count, bySource[store.text(FieldId::SrcAddr, v.value)]);
        }

        investigation.addClause(FilterClause::equals(store, FieldId::DstPort, 22));
        QTRY_VERIFY_WITH_TIMEOUT(
            investigation.result()->filter.clauses.size() == 2 && !investigation.isComputing(), 20000);
        QCOMPARE(investigation.result()->selection.count(),
            expectedLines([](const Flow& f) { return f.action == "REJECT" && f.dstPort == 22; }).size());

        // Back restores the previous state and its result; forward comes back.
        QVERIFY(investigation.canGoBack());
        investigation.back();
        QCOMPARE(investigation.filter().clauses.size(), 1U);
        QTRY_VERIFY_WITH_TIMEOUT(
            investigation.result()->filter.clauses.size() == 1 && !investigation.isComputing(), 20000);
        QCOMPARE(investigation.result()->selection.count(), rejects.size());
        investigation.back();
        QTRY_VERIFY_WITH_TIMEOUT(investigation.result()->filter.isEmpty() && !investigation.isComputing(), 20000);
        QCOMPARE(investigation.result()->selection.count(), m_flows.size());
        QVERIFY(!investigation.canGoBack());
        investigation.forward();
        investigation.forward();
        QTRY_VERIFY_WITH_TIMEOUT(
            investigation.result()->filter.clauses.size() == 2 && !investigation.isComputing(), 20000);
        QVERIFY(!investigation.canGoForward());

        // Histogram options: records per bucket equal a brute-force count at start.
        HistogramOptions options;
        options.bucketSeconds = 600;
        investigation.resetFilter();
        investigation.setHistogramOptions(options);
        QTRY_VERIFY_WITH_TIMEOUT(investigation.result()->histogramOptions.bucketSeconds == 600
                && investigation.result()->filter.isEmpty() && !investigation.isComputing(),
            20000);
        const TimeHistogram& h = investigation.result()->histogram;
        QCOMPARE(h.bucketSeconds, 600);
        std::map<std::int64_t, std::pair<double, double>> buckets;
        for (const Flow& f : m_flows) {
            auto& b = buckets[f.start - ((f.start % 600) + 600) % 600];
            (f.action == "REJECT" ? b.second : b.first) += 1;
        }
        for (std::size_t i = 0; i < h.bucketCount(); ++i) {
            QCOMPARE(h.accept[i], buckets[h.bucketStart(i)].first);
            QCOMPARE(h.reject[i], buckets[h.bucketStart(i)].second);
        }
    }

    void findingsFollowEachFilter()
    {
        // Generated traffic with incidents (a port scan, SSH brute force, exfiltration): after each
        // filter change the findings shown are those the detector finds afresh in that filter's
        // records, also when the filter changes again while the findings are being computed.
        FlowGeneratorOptions options;
        options.records = 60000;
        options.seed = 5;
        const QString path = m_dir.filePath(QStringLiteral("incidents.log"));
        QVERIFY(FlowGenerator(options).writeTo(path).ok);
        Investigation investigation;
        investigation.open({ path });
        auto settled = [&] {
            const auto r = investigation.result();
            return r && !r->loading && r->filter == investigation.filter() && !investigation.isComputing()
                && r->findingsComputed && !investigation.isComputingFindings();
        };
        auto checkFindings = [&](bool expectSome) {
            const auto result = investigation.result();
            const FlowStore& store = investigation.store();
            const Selection selection = evaluateFilter(store.snapshot(), investigation.filter());
            QCOMPARE(result->selection.count(), selection.count());
            const std::vector<Finding> fresh = FindingDetector(store).detect(selection);
            QCOMPARE(result->findings.size(), fresh.size());
            QCOMPARE(!fresh.empty(), expectSome);
            for (std::size_t i = 0; i < fresh.size(); ++i) {
                QCOMPARE(result->findings[i].kind, fresh[i].kind);
                QCOMPARE(result->findings[i].title, fresh[i].title);
                QCOMPARE(result->findings[i].evidenceCount, fresh[i].evidenceCount);
                QVERIFY(result->findings[i].evidence == fresh[i].evidence);
            }
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 30000);
        checkFindings(true);

        const FlowStore& store = investigation.store();
        const std::int64_t reject = store.dictionary(FieldId::Action).find("REJECT")->value;
        QSignalSpy ready(&investigation, &Investigation::resultReady);
        investigation.addClause(FilterClause::equals(store, FieldId::Action, reject));
        // The panes' result comes first, without findings; the same result with them follows.
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 30000);
        QVERIFY(ready.count() >= 2);
        const auto first = ready.first().at(0).value<std::shared_ptr<const InvestigationResult>>();
        QVERIFY(!first->findingsComputed);
        QCOMPARE(first->generation, investigation.result()->generation);
        checkFindings(true);

        // Two changes in a row: only the last filter's findings are shown.
        investigation.addClause(FilterClause::equals(store, FieldId::DstPort, 22));
        investigation.back();
        investigation.addClause(FilterClause::equals(store, FieldId::Protocol, 6));
        QTRY_VERIFY_WITH_TIMEOUT(settled(), 30000);
        QCOMPARE(investigation.result()->filter.clauses.size(), 2U);
        checkFindings(true);

        // Other histogram options over the same records keep the findings without a new search.
        HistogramOptions histogram;
        histogram.bucketSeconds = 600;
        const std::vector<Finding> before = investigation.result()->findings;
        investigation.setHistogramOptions(histogram);
        QTRY_VERIFY_WITH_TIMEOUT(investigation.result()->histogramOptions.bucketSeconds == 600 && settled(), 30000);
        QCOMPARE(investigation.result()->findings.size(), before.size());
        checkFindings(true);
    }

    void tooManyBucketsFallBackToAutomatic()
    {
        auto store = std::make_shared<FlowStore>();
        QCOMPARE(Loader::load(*store, { m_path }).records, m_flows.size());
        HistogramOptions options;
        options.bucketSeconds = 1; // six hours of one-second bars: 21,600 > kMaxBuckets
        auto result = computeInvestigationResult(store, {}, options, true, 1);
        QVERIFY(result->histogramClamped);
        QCOMPARE(result->histogramOptions.bucketSeconds, 1); // what was asked stays recorded
        QVERIFY(result->histogram.bucketSeconds >= 60);
        QVERIFY(result->histogram.bucketCount() <= std::size_t(Investigation::kMaxBuckets));
        options.bucketSeconds = 60; // 360 bars: kept
        result = computeInvestigationResult(store, {}, options, true, 2);
        QVERIFY(!result->histogramClamped);
        QCOMPARE(result->histogram.bucketSeconds, 60);
    }

    void clearForgetsEverything()
    {
        Investigation investigation;
        QSignalSpy finished(&investigation, &Investigation::loadFinished);
        investigation.open({ m_path });
        investigation.clear(); // cancels the load
        QCOMPARE(investigation.store().rowCount(), 0U);
        QVERIFY(investigation.openedPaths().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(investigation.result() && !investigation.isComputing(), 20000);
        QCOMPARE(investigation.result()->selection.count(), 0U);
    }
};

QTEST_GUILESS_MAIN(TestInvestigation)
#include "tst_investigation.moc"
