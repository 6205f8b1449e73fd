// Before/after comparison of two stages: the figures of each stage against a brute-force count over
// the records this test writes, the route changes of the peering-lab fixtures (worked out from the
// JSON by hand), flows seen in one stage only, the widget filled in the background, and the picture
// for reports. Set FLOWLENS_COMPARE_SCREENSHOT=path.png to keep the widget and the report picture;
// with FLOWLENS_COMPARE_LAB=a peering-lab folder (flowlogs/, topology/1-before-peering and
// 2-after-peering, as `flowlens-cli generate --scenario peering-lab` writes it) labScreenshot()
// pictures its stage 2 against stage 4 too.
#include "ingest/loader.h"
#include "investigation/latestjob.h"
#include "stagecompareview.h"
#include "topology/awsjsonloader.h"
#include "topologyview.h"

#include <QDateTime>
#include <QFile>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <array>

using namespace flowlens;

namespace {

constexpr std::int64_t kT0 = 1700000000; // stage A: [kT0, kT0 + 600), stage B: [kT0 + 600, kT0 + 1200)

struct Record {
    const char* src;
    const char* dst;
    int dport;
    int protocol;
    int bytes;
    std::int64_t start;
    bool reject;
};

// Stage A: instance a1 pings b1 (no reply), the scanner is rejected on 22 and 23, a1 downloads from
// a mirror, a2 reaches b1:5432. Stage B: the pings get replies, the scanner is rejected on 80, and
// a2 → b1:5432 is now rejected. One record after both stages belongs to neither.
const std::vector<Record> kRecords {
    { "10.1.1.10", "10.2.1.30", 0, 1, 84, kT0 + 10, false },
    { "10.1.1.10", "10.2.1.30", 0, 1, 84, kT0 + 70, false },
    { "10.1.1.10", "10.2.1.30", 0, 1, 84, kT0 + 130, false },
    { "192.0.2.66", "10.1.1.10", 22, 6, 40, kT0 + 20, true },
    { "192.0.2.66", "10.1.1.10", 23, 6, 40, kT0 + 21, true },
    { "203.0.113.200", "10.1.1.10", 50000, 6, 90000, kT0 + 300, false },
    { "10.1.2.20", "10.2.1.30", 5432, 6, 700, kT0 + 400, false },
    { "10.1.1.10", "10.2.1.30", 0, 1, 84, kT0 + 610, false },
    { "10.2.1.30", "10.1.1.10", 0, 1, 84, kT0 + 611, false },
    { "10.1.1.10", "10.2.1.30", 0, 1, 84, kT0 + 670, false },
    { "10.2.1.30", "10.1.1.10", 0, 1, 84, kT0 + 671, false },
    { "192.0.2.66", "10.1.1.10", 80, 6, 40, kT0 + 700, true },
    { "10.1.2.20", "10.2.1.30", 5432, 6, 60, kT0 + 800, true },
    { "10.1.2.20", "10.2.1.30", 5432, 6, 60, kT0 + 801, true },
    { "10.1.1.10", "10.2.1.30", 0, 1, 84, kT0 + 5000, false },
};

std::shared_ptr<const Topology> lab(const char* name)
{
    const TopologyLoadResult r = AwsJsonLoader::load(QStringLiteral(FLOWLENS_TOPOLOGY_DATA "/") + QLatin1String(name));
    return std::make_shared<const Topology>(r.topology);
}

struct Expected {
    std::uint64_t records = 0;
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;
    std::uint64_t bytes = 0;
};

Expected bruteForce(std::int64_t from, std::int64_t to, bool rejectsOnly = false)
{
    Expected e;
    for (const Record& r : kRecords) {
        if (r.start >= from && r.start < to && (!rejectsOnly || r.reject)) {
            ++e.records;
            (r.reject ? e.rejected : e.accepted) += 1;
            e.bytes += std::uint64_t(r.bytes);
        }
    }
    return e;
}

StageSnapshot stage(
    const char* title, const char* topology, std::shared_ptr<const FlowStore> store, std::int64_t from, std::int64_t to)
{
    StageSnapshot s;
    s.title = QLatin1String(title);
    s.topology = lab(topology);
    s.store = std::move(store);
    s.timeRange = std::make_pair(from, to);
    return s;
}

// Stage 2 (09:10-09:20, before the peering) and stage 4 (09:25-09:40, through it) of a peering-lab
// folder as `flowlens-cli generate --scenario peering-lab` writes it (the bundled one is the same).
std::array<StageSnapshot, 2> peeringLabStages(const QString& labDir, std::shared_ptr<const FlowStore> store)
{
    auto topology = [&](const char* name) {
        return std::make_shared<const Topology>(
            AwsJsonLoader::load(labDir + QStringLiteral("/topology/") + QLatin1String(name)).topology);
    };
    const std::int64_t day = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC).toSecsSinceEpoch();
    return { StageSnapshot { QStringLiteral("Stage 2: ping the private address"), topology("1-before-peering"), store,
                 std::make_pair(day + 600, day + 1200), {} },
        StageSnapshot { QStringLiteral("Stage 4: ping through the peering"), topology("2-after-peering"), store,
            std::make_pair(day + 1500, day + 2400), {} } };
}

} // namespace

class TestStageCompare : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::shared_ptr<FlowStore> m_store;

private Q_SLOTS:
    void initTestCase()
    {
        QFile f(m_dir.filePath(QStringLiteral("stages.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                "action log-status\n");
        for (const Record& r : kRecords) {
            f.write(QStringLiteral("2 111122223333 eni-a1 %1 %2 %3 %4 %5 1 %6 %7 %8 %9 OK\n")
                        .arg(QLatin1String(r.src), QLatin1String(r.dst))
                        .arg(r.protocol == 1 ? 0 : 40000)
                        .arg(r.dport)
                        .arg(r.protocol)
                        .arg(r.bytes)
                        .arg(r.start)
                        .arg(r.start + 50)
                        .arg(r.reject ? QStringLiteral("REJECT") : QStringLiteral("ACCEPT"))
                        .toLatin1());
        }
        f.close();
        m_store = std::make_shared<FlowStore>();
        Loader::load(*m_store, { f.fileName() });
        QCOMPARE(m_store->rowCount(), kRecords.size());
    }

    void figures()
    {
        const StageSnapshot a = stage("A", "peering-lab-broken", m_store, kT0, kT0 + 600);
        const StageSnapshot b = stage("B", "peering-lab-fixed", m_store, kT0 + 600, kT0 + 1200);
        const StageComparison c = StageComparison::compute(a, b);
        for (int i = 0; i < 2; ++i) {
            const Expected e = bruteForce(kT0 + 600 * i, kT0 + 600 * (i + 1));
            const StageTraffic& t = c.stages[std::size_t(i)];
            QCOMPARE(t.records, e.records);
            QCOMPARE(t.accepted, e.accepted);
            QCOMPARE(t.rejected, e.rejected);
            QCOMPARE(t.bytes, e.bytes);
            // Every record with both addresses lands on exactly one link (or inside one node).
            std::uint64_t linked = 0;
            for (const auto& link : t.overlay.links()) {
                linked += link.stats.records;
            }
            QCOMPARE(linked, e.records);
        }
        // By hand from the fixtures: the fixed topology adds 10.2.0.0/16 → pcx-0ab to VPC A's two route
        // tables and 10.1.0.0/16 → pcx-0ab to VPC B's; nothing is removed or retargeted.
        QCOMPARE(c.routeChanges.size(), 3U);
        for (const TopologyChange& change : c.routeChanges) {
            QCOMPARE(change.kind, TopologyChange::Kind::Added);
            QCOMPARE(change.category, QStringLiteral("route"));
            QVERIFY2(change.detail.contains(QStringLiteral("pcx-0ab")), qPrintable(change.toString()));
        }
        // Only in A: the mirror download (203.0.113.200 → 10.1.1.10 TCP). Only in B: the replies.
        QCOMPARE(c.onlyIn[0].size(), 1U);
        QCOMPARE(QString::fromStdString(c.onlyIn[0][0].source.toString()), QStringLiteral("203.0.113.200"));
        QCOMPARE(c.onlyIn[1].size(), 1U);
        QCOMPARE(c.onlyIn[1][0].toString(), QStringLiteral("10.2.1.30 → 10.1.1.10 ICMP: 2 records (ACCEPT)"));
        // The scanner: rejected in both stages (REJECT both times, not a change); a2 → b1:5432 changed.
        QCOMPARE(c.outcomeChanged.size(), 1U);
        QCOMPARE(
            c.outcomeChanged[0].first.toString(), QStringLiteral("10.1.2.20 → 10.2.1.30 TCP 5432: 1 record (ACCEPT)"));
        QCOMPARE(c.outcomeChanged[0].second.outcome(), QStringLiteral("REJECT"));

        const QStringList before = c.summary(0);
        const Expected ea = bruteForce(kT0, kT0 + 600);
        QCOMPARE(before.first(),
            QStringLiteral("%1 records: %2 ACCEPT, %3 REJECT").arg(ea.records).arg(ea.accepted).arg(ea.rejected));
        QVERIFY(before.contains(QStringLiteral("  203.0.113.200 → 10.1.1.10 TCP 50000: 1 record (ACCEPT)")));
        const QStringList after = c.summary(1);
        QCOMPARE(after.filter(QStringLiteral("New here: route")).size(), 3);
        QVERIFY(before.filter(QStringLiteral("route")).isEmpty());
    }

    void filterAndNoStore()
    {
        // The stage's filter narrows its records; its time range replaces a time clause in the filter.
        StageSnapshot a = stage("A", "peering-lab-broken", m_store, kT0, kT0 + 1200);
        const auto reject = m_store->dictionary(FieldId::Action).find("REJECT");
        QVERIFY(reject);
        a.filter = FilterState {}
                       .with(FilterClause::timeRange(0, 1))
                       .with(FilterClause::equals(*m_store, FieldId::Action, reject->value));
        const StageTraffic t = StageComparison::trafficOf(a);
        const Expected e = bruteForce(kT0, kT0 + 1200, true);
        QCOMPARE(t.records, e.records);
        QCOMPARE(t.rejected, e.records);
        // Without a time range: every record (the one after both stages too).
        a.timeRange.reset();
        a.filter = {};
        QCOMPARE(StageComparison::trafficOf(a).records, std::uint64_t(kRecords.size()));
        // Without a store: a topology and no traffic.
        a.store.reset();
        const StageTraffic none = StageComparison::trafficOf(a);
        QCOMPARE(none.records, 0U);
        QVERIFY(none.overlay.links().empty());
    }

    void latestJobDropsStale()
    {
        // The first run blocks until released; a second run finishes first. Only the second result
        // reaches apply(); the first one is dropped when it arrives.
        LatestJob job;
        QObject context;
        QSemaphore release;
        std::vector<int> applied;
        job.run(
            &context,
            [&release] {
                release.acquire();
                return 1;
            },
            [&applied](int v) { applied.push_back(v); });
        job.run(
            &context, [] { return 2; }, [&applied](int v) { applied.push_back(v); });
        QVERIFY(job.isRunning());
        QTRY_COMPARE(applied, std::vector<int> { 2 });
        QVERIFY(!job.isRunning());
        release.release();
        QTRY_COMPARE(job.droppedResults(), 1U);
        QCOMPARE(applied, std::vector<int> { 2 });
        // cancel() drops the run in flight.
        job.run(
            &context, [] { return 3; }, [&applied](int v) { applied.push_back(v); });
        job.cancel();
        QTRY_COMPARE(job.droppedResults(), 2U);
        QCOMPARE(applied, std::vector<int> { 2 });
    }

    void view()
    {
        StageCompareView view;
        view.resize(1500, 850);
        QSignalSpy ready(&view, &StageCompareView::comparisonReady);
        view.setStages(stage("Before: no route to the peer", "peering-lab-broken", m_store, kT0, kT0 + 600),
            stage("After: routes through pcx-0ab", "peering-lab-fixed", m_store, kT0 + 600, kT0 + 1200));
        // The topologies show at once, the traffic when the background computation is done.
        QCOMPARE(view.topologyView(0)->topologyScene()->peeringItems().size(), 1U);
        QVERIFY(view.topologyView(1)->topologyScene()->trafficItems().empty());
        QVERIFY(view.titleText(0).startsWith(
            QStringLiteral("Before: no route to the peer · 2023-11-14 22:13:20 – 22:23:20 UTC")));
        QTRY_COMPARE(ready.size(), 1);
        QVERIFY(!view.isComputing());
        QVERIFY(view.comparison());
        const Expected eb = bruteForce(kT0 + 600, kT0 + 1200);
        QVERIFY(view.summaryText(1).startsWith(
            QStringLiteral("%1 records: %2 ACCEPT, %3 REJECT").arg(eb.records).arg(eb.accepted).arg(eb.rejected)));
        QVERIFY(view.summaryText(1).contains(QStringLiteral("New here: route")));
        // Stage B's pings have replies: the a1–b1 link is two-way there and one-way in stage A.
        auto pingLink = [&](int i) -> const TopologyLinkItem* {
            for (const TopologyLinkItem* item : view.topologyView(i)->topologyScene()->trafficItems()) {
                if (item->data(IdKey).toString() == QStringLiteral("eni-a1|eni-b1")) {
                    return item;
                }
            }
            return nullptr;
        };
        QVERIFY(pingLink(0) && pingLink(1));
        QCOMPARE(pingLink(0)->pen().style(), Qt::DashLine);
        QCOMPARE(pingLink(1)->pen().style(), Qt::SolidLine);

        // A second setStages before the first is done: only the newer comparison shows.
        view.setStages(stage("X", "peering-lab-fixed", m_store, kT0, kT0 + 600),
            stage("Y", "peering-lab-fixed", m_store, kT0, kT0 + 600));
        view.setStages(stage("A again", "peering-lab-broken", m_store, kT0, kT0 + 600),
            stage("B again", "peering-lab-fixed", m_store, kT0 + 600, kT0 + 1200));
        QTRY_COMPARE(ready.size(), 2);
        QTRY_VERIFY(!view.isComputing());
        QCOMPARE(ready.size(), 2);
        QVERIFY(view.summaryText(1).contains(QStringLiteral("New here: route")));

        const QImage image = view.toImage(1600);
        QCOMPARE(image.width(), 1600);
        QVERIFY(image.height() > 400);
        // The picture is not blank: the left half holds the red of the scanner's REJECT link.
        bool red = false;
        for (int y = 0; y < image.height() && !red; y += 2) {
            for (int x = 0; x < image.width() / 2 && !red; x += 2) {
                const QColor c = image.pixelColor(x, y);
                red = c.red() > 170 && c.green() < 110 && c.blue() < 110;
            }
        }
        QVERIFY(red);
        if (const QByteArray shot = qgetenv("FLOWLENS_COMPARE_SCREENSHOT"); !shot.isEmpty()) {
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QVERIFY(view.grab().save(QString::fromLocal8Bit(shot)));
            QVERIFY(image.save(
                QString::fromLocal8Bit(shot).replace(QStringLiteral(".png"), QStringLiteral("-report.png"))));
        }
    }

    void bundledLabStageTwo()
    {
        // The bundled peering lab's stage 2 (09:10-09:20, before the peering): instance-1 pings
        // instance-2's private address (no answer) and its public one 198.51.100.20 (answered, over
        // the internet). The private link stays one-way; the public ping is on the internet link.
        const QString labDir = QStringLiteral(FLOWLENS_TEST_DATA "/../../resources/labs/peering-lab");
        auto store = std::make_shared<FlowStore>();
        Loader::load(*store, { labDir + QStringLiteral("/flowlogs") });
        QVERIFY(store->rowCount() > 0);
        const std::int64_t day = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC).toSecsSinceEpoch();
        const auto range = std::make_pair(day + 600, day + 1200); // stage 2, as peeringLabStages() has it
        // Brute force over the records of the range.
        std::uint64_t privateOut = 0, privateBack = 0, publicOut = 0, publicBack = 0;
        const FlowStore::Snapshot snapshot = store->snapshot();
        for (std::size_t c = 0; c < snapshot.chunks.size(); ++c) {
            const Chunk& chunk = *snapshot.chunks[c];
            for (std::uint32_t r = 0; r < chunk.rowCount(); ++r) {
                const std::int64_t start = chunk.value(FieldId::Start, r);
                if (start < range.first || start >= range.second) {
                    continue;
                }
                const QString src = QString::fromStdString(store->text(chunk, FieldId::SrcAddr, r));
                const QString dst = QString::fromStdString(store->text(chunk, FieldId::DstAddr, r));
                privateOut += src == QLatin1String("10.1.1.10") && dst == QLatin1String("10.2.1.20");
                privateBack += src == QLatin1String("10.2.1.20") && dst == QLatin1String("10.1.1.10");
                publicOut += src == QLatin1String("10.1.1.10") && dst == QLatin1String("198.51.100.20");
                publicBack += src == QLatin1String("198.51.100.20") && dst == QLatin1String("10.1.1.10");
            }
        }
        QVERIFY(privateOut > 0 && privateBack == 0 && publicOut > 0 && publicBack > 0);
        const auto [two, four] = peeringLabStages(labDir, store);
        StageCompareView view;
        view.resize(1500, 900);
        QSignalSpy ready(&view, &StageCompareView::comparisonReady);
        view.setStages(two, four);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
        const TrafficOverlay& overlay = view.comparison()->stages[0].overlay;
        const TrafficOverlay::Link* peer = overlay.link(QStringLiteral("eni-0lab1"), QStringLiteral("eni-0lab2"));
        QVERIFY(peer);
        QCOMPARE(peer->recordsAtoB, privateOut);
        QCOMPARE(peer->recordsBtoA, 0U);
        QVERIFY(peer->oneWay());
        const TrafficOverlay::Link* internet = overlay.link(QStringLiteral("eni-0lab1"), TrafficOverlay::kInternet);
        QVERIFY(internet);
        QVERIFY(internet->recordsAtoB >= publicOut && internet->recordsBtoA >= publicBack);
        bool dashed = false;
        for (const TopologyLinkItem* item : view.topologyView(0)->topologyScene()->trafficItems()) {
            if (item->data(IdKey).toString() == QStringLiteral("eni-0lab1|eni-0lab2")) {
                dashed = item->pen().style() == Qt::DashLine;
            }
        }
        QVERIFY(dashed);

        // One legend for both views (the status line), not one in each view.
        QVERIFY(!view.topologyView(0)->trafficLegendShown() && !view.topologyView(1)->trafficLegendShown());
        // The lab is wide (two VPCs side by side): the stages stack so each topology fills its view's
        // width, and the scene covers most of its view.
        QCOMPARE(view.orientation(), Qt::Vertical);
        for (int i = 0; i < 2; ++i) {
            const TopologyView* v = view.topologyView(i);
            const QRect drawn = v->mapFromScene(v->sceneRect()).boundingRect() & v->viewport()->rect();
            const double covered
                = double(drawn.width()) * drawn.height() / (v->viewport()->width() * v->viewport()->height());
            QVERIFY2(covered > 0.6,
                qPrintable(QStringLiteral("%1 of a %2x%3 viewport, scene %4x%5")
                               .arg(covered)
                               .arg(v->viewport()->width())
                               .arg(v->viewport()->height())
                               .arg(v->sceneRect().width())
                               .arg(v->sceneRect().height())));
        }
        if (const QByteArray shot = qgetenv("FLOWLENS_COMPARE_SCREENSHOT"); !shot.isEmpty()) {
            QVERIFY(view.grab().save(
                QString::fromLocal8Bit(shot).replace(QStringLiteral(".png"), QStringLiteral("-bundled.png"))));
        }
    }

    void labScreenshot()
    {
        const QString labDir = qEnvironmentVariable("FLOWLENS_COMPARE_LAB");
        const QString shot = qEnvironmentVariable("FLOWLENS_COMPARE_SCREENSHOT");
        if (labDir.isEmpty() || shot.isEmpty()) {
            QSKIP("set FLOWLENS_COMPARE_LAB and FLOWLENS_COMPARE_SCREENSHOT to picture a lab");
        }
        auto store = std::make_shared<FlowStore>();
        Loader::load(*store, { labDir + QStringLiteral("/flowlogs") });
        QVERIFY(store->rowCount() > 0);
        const auto [a, b] = peeringLabStages(labDir, store);
        StageCompareView view;
        view.resize(1600, 900);
        QSignalSpy ready(&view, &StageCompareView::comparisonReady);
        view.setStages(a, b);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 20000);
        QVERIFY(view.grab().save(QString(shot).replace(QStringLiteral(".png"), QStringLiteral("-lab.png"))));
        QVERIFY(view.toImage().save(QString(shot).replace(QStringLiteral(".png"), QStringLiteral("-lab-report.png"))));
        qInfo().noquote() << view.summaryText(0) << "\n----\n" << view.summaryText(1);
    }
};

QTEST_MAIN(TestStageCompare)
#include "tst_stagecompare.moc"
