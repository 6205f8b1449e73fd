// Walkthrough conditions evaluated against investigation results, compared with counts computed by
// brute force over the records the test wrote.
#include "analysis/findingdetector.h"
#include "flowfixture.h"
#include "ingest/loader.h"
#include "investigation/investigation.h"
#include "investigation/querypredicate.h"
#include "walkthrough/labmanifest.h"
#include "walkthrough/walkthroughchecker.h"

#include <QLocale>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace flowlens;
using fixture::Flow;
using FlowTest = std::function<bool(const Flow&)>;
using Kind = WalkthroughCheck::Kind;

Q_DECLARE_METATYPE(FlowTest)
Q_DECLARE_METATYPE(WalkthroughCheck::Kind)

namespace {
bool isTen(const std::string& a)
{
    return a.rfind("10.", 0) == 0;
}
} // namespace

class TestWalkthroughChecks : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::vector<Flow> m_flows;
    std::shared_ptr<FlowStore> m_store = std::make_shared<FlowStore>();

    std::shared_ptr<const InvestigationResult> resultFor(
        const QString& expression, std::optional<std::pair<qint64, qint64>> range = {})
    {
        FilterState filter;
        if (!expression.isEmpty()) {
            QString error;
            filter.predicate = QueryPredicate::compile(m_store, expression, error);
            if (!filter.predicate) {
                qWarning("%s", qPrintable(error));
                return nullptr;
            }
        }
        if (range) {
            filter.clauses.push_back(FilterClause::timeRange(range->first, range->second));
        }
        return computeInvestigationResult(m_store, filter, {}, false, 1);
    }
    std::uint64_t count(const FlowTest& test) const
    {
        return static_cast<std::uint64_t>(std::count_if(m_flows.begin(), m_flows.end(), test));
    }
    static QString number(std::uint64_t n) { return QLocale().toString(static_cast<qulonglong>(n)); }

private Q_SLOTS:
    void initTestCase()
    {
        m_flows = fixture::makeFlows(70'000, 7); // two chunks
        const QString path = m_dir.filePath(QStringLiteral("flows.log"));
        QVERIFY(fixture::writeFlows(path, m_flows));
        QCOMPARE(Loader::load(*m_store, { path }).records, m_flows.size());
        QVERIFY(m_store->snapshot().chunks.size() >= 2);
    }

    // every / some / none / includesAll against the brute-force overlap of filter and condition.
    void expressionConditions_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<FlowTest>("shown");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("condition");
        QTest::addColumn<FlowTest>("matches");
        const FlowTest reject = [](const Flow& f) { return f.action == "REJECT"; };
        const FlowTest ssh = [](const Flow& f) { return f.dstPort == 22; };
        const FlowTest rejectSsh = [](const Flow& f) { return f.action == "REJECT" && f.dstPort == 22; };
        const FlowTest outside = [](const Flow& f) { return !isTen(f.dst); };
        const FlowTest outsideTcp = [](const Flow& f) { return !isTen(f.dst) && f.protocol == 6; };
        const FlowTest none = [](const Flow&) { return false; };
        const QString rejectQ = QStringLiteral("action = \"REJECT\"");
        const QString sshQ = QStringLiteral("dstPort = 22");
        const QString outsideQ = QStringLiteral("not isIpv4InSubnet(dstAddr, \"10.0.0.0/8\")");
        QTest::addRow("REJECT shown, every REJECT") << rejectQ << reject << Kind::Every << rejectQ << reject;
        QTest::addRow("REJECT shown, every port 22") << rejectQ << reject << Kind::Every << sshQ << ssh;
        QTest::addRow("port 22 shown, some REJECT") << sshQ << ssh << Kind::Some << rejectQ << reject;
        QTest::addRow("port 22 shown, none REJECT") << sshQ << ssh << Kind::None << rejectQ << reject;
        QTest::addRow("port 22 shown, includesAll REJECT to 22")
            << sshQ << ssh << Kind::IncludesAll << QStringLiteral("action = \"REJECT\" and dstPort = 22") << rejectSsh;
        QTest::addRow("port 22 shown, includesAll REJECT") << sshQ << ssh << Kind::IncludesAll << rejectQ << reject;
        QTest::addRow("outside shown, every outside TCP")
            << outsideQ << outside << Kind::Every << outsideQ + QStringLiteral(" and protocol = 6") << outsideTcp;
        QTest::addRow("outside shown, every outside") << outsideQ << outside << Kind::Every << outsideQ << outside;
        QTest::addRow("nothing shown, every")
            << QStringLiteral("dstPort = 9") << none << Kind::Every << rejectQ << reject;
        QTest::addRow("nothing shown, none")
            << QStringLiteral("dstPort = 9") << none << Kind::None << rejectQ << reject;
        QTest::addRow("all shown, includesAll")
            << QString() << FlowTest([](const Flow&) { return true; }) << Kind::IncludesAll << rejectQ << reject;
    }
    void expressionConditions()
    {
        QFETCH(QString, filter);
        QFETCH(FlowTest, shown);
        QFETCH(Kind, kind);
        QFETCH(QString, condition);
        QFETCH(FlowTest, matches);
        const std::uint64_t shownCount = count(shown);
        const std::uint64_t shownMatching = count([&](const Flow& f) { return shown(f) && matches(f); });
        const std::uint64_t shownOther = shownCount - shownMatching;
        const std::uint64_t hiddenMatching = count([&](const Flow& f) { return !shown(f) && matches(f); });
        bool expected = false;
        QString expectedReason;
        switch (kind) {
        case Kind::Every:
            expected = shownCount > 0 && shownOther == 0;
            expectedReason = shownCount == 0 ? QStringLiteral("no records are shown")
                                             : number(shownOther) + QStringLiteral(" of the ") + number(shownCount);
            break;
        case Kind::Some:
            expected = shownMatching > 0;
            expectedReason = QStringLiteral("none of the ") + number(shownCount);
            break;
        case Kind::None:
            expected = shownMatching == 0;
            expectedReason = number(shownMatching) + QStringLiteral(" shown records match");
            break;
        case Kind::IncludesAll:
            expected = hiddenMatching == 0;
            expectedReason = number(hiddenMatching) + QStringLiteral(" records matching");
            break;
        default:
            QFAIL("not an expression condition");
        }
        const auto result = resultFor(filter);
        QVERIFY(result);
        QCOMPARE(result->selection.count(), shownCount);
        WalkthroughCheck check;
        check.kind = kind;
        check.expression = condition;
        QString reason;
        QCOMPARE(WalkthroughChecker::holds(check, *result, nullptr, reason), expected);
        if (!expected) {
            QVERIFY2(
                reason.contains(expectedReason), qPrintable(reason + QStringLiteral(" / expected ") + expectedReason));
        }
    }

    void rowCounts()
    {
        const auto result = resultFor(QStringLiteral("dstPort = 443 and protocol = 17"));
        const std::uint64_t n = count([](const Flow& f) { return f.dstPort == 443 && f.protocol == 17; });
        QVERIFY(n > 0);
        WalkthroughCheck check;
        QString reason;
        check.kind = Kind::MinRows;
        check.count = static_cast<qint64>(n);
        QVERIFY(WalkthroughChecker::holds(check, *result, nullptr, reason));
        check.count = static_cast<qint64>(n + 1);
        QVERIFY(!WalkthroughChecker::holds(check, *result, nullptr, reason));
        QCOMPARE(reason, number(n) + QStringLiteral(" records are shown"));
        check.kind = Kind::MaxRows;
        QVERIFY(WalkthroughChecker::holds(check, *result, nullptr, reason));
        check.count = static_cast<qint64>(n - 1);
        QVERIFY(!WalkthroughChecker::holds(check, *result, nullptr, reason));
    }

    void timeRange()
    {
        LabManifest lab;
        lab.stages.push_back({ QStringLiteral("first"), QString(), fixture::kT0, fixture::kT0 + 3600, QString() });
        WalkthroughCheck check;
        check.kind = Kind::TimeRangeWithin;
        check.stage = QStringLiteral("first");
        QString reason;
        QVERIFY(!WalkthroughChecker::holds(check, *resultFor(QString()), &lab, reason));
        QCOMPARE(reason, QStringLiteral("no time range is set"));
        const auto inside
            = resultFor(QStringLiteral("action = \"ACCEPT\""), std::make_pair(fixture::kT0 + 60, fixture::kT0 + 3600));
        QVERIFY(WalkthroughChecker::holds(check, *inside, &lab, reason));
        const auto across = resultFor(QString(), std::make_pair(fixture::kT0 + 60, fixture::kT0 + 3601));
        QVERIFY(!WalkthroughChecker::holds(check, *across, &lab, reason));
        check.stage = QStringLiteral("second");
        QVERIFY(!WalkthroughChecker::holds(check, *inside, &lab, reason));
        QVERIFY(reason.contains(QStringLiteral("second")));
        // An explicit window; and the time range restricts what "every" sees.
        check.stage.clear();
        check.from = fixture::kT0;
        check.to = fixture::kT0 + 7200;
        QVERIFY(WalkthroughChecker::holds(check, *across, nullptr, reason));
        WalkthroughCheck every;
        every.kind = Kind::Every;
        every.expression
            = QStringLiteral("startTime >= %1 and startTime < %2").arg(fixture::kT0 + 60).arg(fixture::kT0 + 3600);
        QVERIFY(WalkthroughChecker::holds(every, *inside, nullptr, reason));
        QCOMPARE(inside->selection.count(), count([](const Flow& f) {
            return f.action == "ACCEPT" && f.start >= fixture::kT0 + 60 && f.start < fixture::kT0 + 3600;
        }));
    }

    void filterContains_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("condition");
        QTest::addColumn<bool>("expected");
        const QString f = QStringLiteral("srcAddr = \"10.0.0.5\" and dstPort = 22 and ispresent(srcAddr)");
        QTest::addRow("same text") << f << QStringLiteral("srcAddr = \"10.0.0.5\"") << true;
        QTest::addRow("other spelling") << f << QStringLiteral("srcaddr=10.0.0.5") << true;
        QTest::addRow("AWS name") << QStringLiteral("`log-status` = \"OK\"") << QStringLiteral("logStatus = \"OK\"")
                                  << true;
        QTest::addRow("longer address") << f << QStringLiteral("srcAddr = \"10.0.0.50\"") << false;
        QTest::addRow("shorter address") << QStringLiteral("srcAddr = \"10.0.0.50\"")
                                         << QStringLiteral("srcAddr = \"10.0.0.5\"") << false;
        QTest::addRow("prefix of a port") << f << QStringLiteral("dstPort = 2") << false;
        QTest::addRow("other field") << f << QStringLiteral("dstAddr = \"10.0.0.5\"") << false;
        QTest::addRow("no filter") << QString() << QStringLiteral("dstPort = 22") << false;
    }
    void filterContains()
    {
        QFETCH(QString, filter);
        QFETCH(QString, condition);
        QFETCH(bool, expected);
        WalkthroughCheck check;
        check.kind = Kind::FilterContains;
        check.expression = condition;
        QString reason;
        const auto result = resultFor(filter);
        QVERIFY(result);
        QCOMPARE(WalkthroughChecker::holds(check, *result, nullptr, reason), expected);
    }

    void filterContainsClauses()
    {
        // A host clause from a pane reads as (srcAddr = "x" or dstAddr = "x").
        const auto address = m_store->findAddress(*Address::parse("10.0.0.7"));
        QVERIFY(address);
        FilterState filter;
        filter.clauses.push_back(FilterClause::host(*m_store, address->value));
        const auto result = computeInvestigationResult(m_store, filter, {}, false, 1);
        WalkthroughCheck check;
        check.kind = Kind::FilterContains;
        check.expression = QStringLiteral("dstAddr = \"10.0.0.7\"");
        QString reason;
        QVERIFY(WalkthroughChecker::holds(check, *result, nullptr, reason));
    }

    void findingsAndLoading()
    {
        const auto result = resultFor(QString());
        QVERIFY(result->findingsComputed);
        const std::vector<Finding> found = FindingDetector(*m_store).detect(result->selection);
        WalkthroughCheck check;
        check.kind = Kind::Finding;
        QString reason;
        check.expression = QStringLiteral("no-such-finding");
        QVERIFY(!WalkthroughChecker::holds(check, *result, nullptr, reason));
        for (const Finding& f : found) {
            check.expression = f.kind;
            QVERIFY2(WalkthroughChecker::holds(check, *result, nullptr, reason), qPrintable(f.kind));
        }
        // While loading nothing is done, whatever the conditions.
        WalkthroughStep step;
        step.hint = QStringLiteral("wait");
        WalkthroughCheck always;
        always.kind = Kind::MinRows;
        step.checks.push_back(always);
        QVERIFY(WalkthroughChecker::evaluate(step, *result, nullptr).passed);
        const auto loading = computeInvestigationResult(m_store, {}, {}, true, 2);
        const CheckOutcome outcome = WalkthroughChecker::evaluate(step, *loading, nullptr);
        QVERIFY(!outcome.passed);
        QCOMPARE(outcome.hint, QStringLiteral("wait"));
    }

    void firstFailingConditionGivesTheHint()
    {
        WalkthroughStep step;
        step.hint = QStringLiteral("step hint");
        WalkthroughCheck a;
        a.kind = Kind::Every;
        a.expression = QStringLiteral("action = \"REJECT\"");
        WalkthroughCheck b;
        b.kind = Kind::MaxRows;
        b.count = 0;
        b.hint = QStringLiteral("own hint");
        step.checks = { a, b };
        const auto result = resultFor(QStringLiteral("action = \"REJECT\""));
        CheckOutcome outcome = WalkthroughChecker::evaluate(step, *result, nullptr);
        QVERIFY(!outcome.passed);
        QCOMPARE(outcome.failedIndex, 1);
        QCOMPARE(outcome.hint, QStringLiteral("own hint"));
        outcome = WalkthroughChecker::evaluate(step, *resultFor(QString()), nullptr);
        QCOMPARE(outcome.failedIndex, 0);
        QCOMPARE(outcome.hint, QStringLiteral("step hint"));
    }
};

QTEST_GUILESS_MAIN(TestWalkthroughChecks)
#include "tst_walkthroughchecks.moc"
