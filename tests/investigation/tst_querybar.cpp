// The query bar's model side: completion contexts and the values offered (against counts computed
// from the written flows), recent expressions and saved filters in QSettings, what the bar takes as
// a filter or a query, query tables and their chart plans, and the .flowlens file format.
#include "flowfixture.h"
#include "ingest/loader.h"
#include "investigation/filtercompletion.h"
#include "investigation/filterlibrary.h"
#include "investigation/investigationfile.h"
#include "investigation/querypredicate.h"
#include "investigation/queryrunner.h"
#include "items/querytablemodel.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <map>
#include <set>

using namespace flowlens;
using namespace Qt::StringLiterals;
using fixture::Flow;

namespace {

// value → count over the flows, most frequent first.
template <class Key>
std::vector<std::pair<Key, std::size_t>> ranked(const std::vector<Flow>& flows, Key (*key)(const Flow&))
{
    std::map<Key, std::size_t> counts;
    for (const Flow& f : flows) {
        ++counts[key(f)];
    }
    std::vector<std::pair<Key, std::size_t>> out(counts.begin(), counts.end());
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    return out;
}

} // namespace

class TestQueryBar : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::vector<Flow> m_flows;
    std::shared_ptr<FlowStore> m_store = std::make_shared<FlowStore>();

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowLensTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_querybar"));
        QSettings().clear();
        m_flows = fixture::makeFlows(30'000, 7);
        const QString path = m_dir.filePath(QStringLiteral("flows.log"));
        QVERIFY(fixture::writeFlows(path, m_flows));
        QCOMPARE(Loader::load(*m_store, { path }).records, m_flows.size());
    }

    void vocabularyIsTheMostFrequentValues()
    {
        const FieldVocabulary v = FieldVocabulary::compute(*m_store, 12);
        // Every value of dstPort (12 of them) with its count.
        const auto ports = ranked<int>(m_flows, [](const Flow& f) { return f.dstPort; });
        QCOMPARE(ports.size(), std::size_t { 12 });
        const auto& offered = v.values[index(FieldId::DstPort)];
        QCOMPARE(offered.size(), ports.size());
        std::map<int, std::size_t> portCount(ports.begin(), ports.end());
        for (const FieldVocabulary::Value& value : offered) {
            QCOMPARE(value.count, portCount.at(value.text.toInt()));
        }
        // srcAddr has 25 values: the 12 offered have the right counts and none left out has more.
        const auto sources = ranked<std::string>(m_flows, [](const Flow& f) { return f.src; });
        std::map<std::string, std::size_t> srcCount(sources.begin(), sources.end());
        const auto& top = v.values[index(FieldId::SrcAddr)];
        QCOMPARE(top.size(), std::size_t { 12 });
        std::size_t least = SIZE_MAX;
        std::set<std::string> shown;
        for (const FieldVocabulary::Value& value : top) {
            QCOMPARE(value.count, srcCount.at(value.text.toStdString()));
            least = std::min<std::size_t>(least, value.count);
            shown.insert(value.text.toStdString());
        }
        for (const auto& [src, n] : sources) {
            if (!shown.contains(src)) {
                QVERIFY(n <= least);
            }
        }
        // Actions; bytes are not offered; a v2 file has no vpcId.
        QCOMPARE(v.values[index(FieldId::Action)].size(), std::size_t { 2 });
        QVERIFY(v.values[index(FieldId::Bytes)].empty());
        QVERIFY(v.present.test(index(FieldId::DstPort)));
        QVERIFY(!v.present.test(index(FieldId::VpcId)));
    }

    void completionContexts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("cursor"); // -1: the end
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<int>("from");
        QTest::addRow("a name at the start") << "dst" << -1 << int(Completions::Kind::Name) << ""
                                             << "dst" << 0;
        QTest::addRow("a name after and") << "action = \"REJECT\" and src" << -1 << int(Completions::Kind::Name) << ""
                                          << "src" << 22;
        QTest::addRow("after =") << "dstPort = " << -1 << int(Completions::Kind::Value) << "dstPort"
                                 << "" << 10;
        QTest::addRow("after = while typing") << "dstPort=44" << -1 << int(Completions::Kind::Value) << "dstPort"
                                              << "44" << 8;
        QTest::addRow("in an open string") << "action = \"REJ" << -1 << int(Completions::Kind::Value) << "action"
                                           << "REJ" << 9;
        QTest::addRow("hyphenated alias") << "log-status != \"" << -1 << int(Completions::Kind::Value) << "logStatus"
                                          << "" << 14;
        QTest::addRow("in a list") << "dstPort in [22, " << -1 << int(Completions::Kind::Value) << "dstPort"
                                   << "" << 16;
        QTest::addRow("not like") << "srcAddr not like \"10." << -1 << int(Completions::Kind::Value) << "srcAddr"
                                  << "10." << 17;
        QTest::addRow("address, cursor mid-text")
            << "srcAddr = \"10.0\" and x" << 15 << int(Completions::Kind::Value) << "srcAddr"
            << "10.0" << 10;
        QTest::addRow("a command after a pipe")
            << "filter action = \"REJECT\" | st" << -1 << int(Completions::Kind::Name) << ""
            << "st" << 27;
        QTest::addRow("after a value: nothing") << "dstPort = 22 " << -1 << int(Completions::Kind::None) << ""
                                                << "" << 13;
        QTest::addRow("inside a string that is no value")
            << "isIpv4InSubnet(srcAddr, \"10." << -1 << int(Completions::Kind::None) << ""
            << "10." << 24;
    }
    void completionContexts()
    {
        QFETCH(QString, text);
        QFETCH(int, cursor);
        QFETCH(int, kind);
        QFETCH(QString, field);
        QFETCH(QString, prefix);
        QFETCH(int, from);
        const FieldVocabulary v = FieldVocabulary::compute(*m_store);
        const Completions c = Completions::at(text, cursor < 0 ? int(text.size()) : cursor, v);
        QCOMPARE(int(c.kind), kind);
        if (!field.isEmpty()) {
            QCOMPARE(QString::fromLatin1(fieldInfo(c.field).insightsName), field);
        }
        QCOMPARE(c.prefix, prefix);
        QCOMPARE(c.from, from);
    }

    void completionItemsAndInsertion()
    {
        const FieldVocabulary v = FieldVocabulary::compute(*m_store);
        // Names: the v2 fields starting with "dst" — nothing else has that prefix.
        Completions c = Completions::at(QStringLiteral("dst"), 3, v);
        QStringList names;
        for (const CompletionItem& item : c.items) {
            names.append(item.insertion);
        }
        QCOMPARE(names, (QStringList { QStringLiteral("dstAddr"), QStringLiteral("dstPort") }));
        // A text value is quoted, and a closing quote typed ahead is replaced, not doubled.
        const QString text = QStringLiteral("action = \"RE\" and dstPort = 22");
        c = Completions::at(text, 12, v);
        QCOMPARE(c.items.size(), std::size_t { 1 });
        QVERIFY(c.items[0].label.startsWith(QStringLiteral("REJECT — ")));
        int cursor = 0;
        QCOMPARE(c.apply(text, c.items[0], cursor), QStringLiteral("action = \"REJECT\" and dstPort = 22"));
        QCOMPARE(cursor, 17);
        // A number is written bare; values filter by the typed prefix.
        c = Completions::at(QStringLiteral("dstPort = 80"), 12, v);
        QVERIFY(!c.items.empty());
        for (const CompletionItem& item : c.items) {
            QVERIFY2(item.insertion.startsWith(QStringLiteral("80")), qPrintable(item.insertion));
            QVERIFY(!item.insertion.contains(u'"'));
        }
        QCOMPARE(c.items.size(), std::size_t { 10 }); // 8000 … 8009
    }

    void libraryPersistsInSettings()
    {
        QSettings().clear();
        {
            FilterLibrary library;
            library.bindToSettings();
            library.addRecent(QStringLiteral("dstPort = 22"));
            library.addRecent(QStringLiteral("action = \"REJECT\""));
            library.addRecent(QStringLiteral("  dstPort = 22 ")); // again: moves to the front
            QVERIFY(library.save(QStringLiteral("ssh"), QStringLiteral("dstPort = 22")));
            QVERIFY(library.save(QStringLiteral("rejects"), QStringLiteral("action = \"REJECT\"")));
            QVERIFY(!library.save(QStringLiteral(" "), QStringLiteral("x = 1")));
            QVERIFY(!library.rename(QStringLiteral("ssh"), QStringLiteral("rejects"))); // taken
            QVERIFY(library.rename(QStringLiteral("ssh"), QStringLiteral("SSH")));
            QVERIFY(library.save(QStringLiteral("web"), QStringLiteral("dstPort = 443")));
            QVERIFY(library.remove(QStringLiteral("web")));
            QVERIFY(!library.remove(QStringLiteral("web")));
        }
        FilterLibrary again;
        again.bindToSettings();
        QCOMPARE(
            again.recent(), (QStringList { QStringLiteral("dstPort = 22"), QStringLiteral("action = \"REJECT\"") }));
        QCOMPARE(again.saved().size(), std::size_t { 2 });
        QCOMPARE(again.saved()[0], (SavedFilter { QStringLiteral("SSH"), QStringLiteral("dstPort = 22") }));
        QCOMPARE(again.saved()[1], (SavedFilter { QStringLiteral("rejects"), QStringLiteral("action = \"REJECT\"") }));
        for (int i = 0; i < FilterLibrary::kMaxRecent + 5; ++i) {
            again.addRecent(QStringLiteral("dstPort = %1").arg(i));
        }
        QCOMPARE(again.recent().size(), FilterLibrary::kMaxRecent);
        QCOMPARE(again.recent().front(), QStringLiteral("dstPort = %1").arg(FilterLibrary::kMaxRecent + 4));
        QSettings().clear();
    }

    void barInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("error");
        QTest::addRow("empty") << "  " << int(BarInput::Kind::Empty) << "";
        QTest::addRow("condition") << "action = \"REJECT\"" << int(BarInput::Kind::Filter) << "";
        QTest::addRow("filters only") << "filter action = \"REJECT\" | filter dstPort = 22"
                                      << int(BarInput::Kind::Filter) << "";
        QTest::addRow("stats") << "stats count(*) by srcAddr" << int(BarInput::Kind::Query) << "";
        QTest::addRow("sort and limit") << "filter dstPort = 22 | sort bytes desc | limit 5"
                                        << int(BarInput::Kind::Query) << "";
        QTest::addRow("bad field in a condition") << "dstPrt = 22" << int(BarInput::Kind::Invalid) << "column 1";
        QTest::addRow("bad field in a query")
            << "stats sum(bytez) by srcAddr" << int(BarInput::Kind::Invalid) << "column 11";
    }
    void barInput()
    {
        QFETCH(QString, text);
        QFETCH(int, kind);
        QFETCH(QString, error);
        const BarInput input = BarInput::classify(text);
        QCOMPARE(int(input.kind), kind);
        QVERIFY2(input.error.contains(error), qPrintable(input.error));
    }

    void filterOnlyQueryIsAPredicate()
    {
        QString error;
        const auto predicate = QueryPredicate::compile(
            m_store, QStringLiteral("filter action = \"REJECT\" | filter dstPort = 22"), error);
        QVERIFY2(predicate, qPrintable(error));
        FilterState state;
        state.predicate = predicate;
        const Selection s = evaluateFilter(m_store->snapshot(), state);
        const auto expected = std::count_if(
            m_flows.begin(), m_flows.end(), [](const Flow& f) { return f.action == "REJECT" && f.dstPort == 22; });
        QCOMPARE(s.count(), static_cast<std::uint64_t>(expected));
        QVERIFY(!QueryPredicate::compile(m_store, QStringLiteral("stats count(*)"), error));
    }

    void statsTableAndModel()
    {
        QueryTable table;
        QString error;
        const QString q = QStringLiteral("filter action = \"REJECT\" | stats sum(bytes) as b, count(*) as n by srcAddr "
                                         "| sort b desc | limit 20");
        QVERIFY2(
            QueryRunner::evaluate(*m_store, Selection::all(m_store->snapshot()), q, table, error), qPrintable(error));
        std::map<std::string, std::pair<qint64, qint64>> expected;
        for (const Flow& f : m_flows) {
            if (f.action == "REJECT") {
                expected[f.src].first += f.bytes;
                ++expected[f.src].second;
            }
        }
        QCOMPARE(table.columns, (QStringList { QStringLiteral("srcAddr"), QStringLiteral("b"), QStringLiteral("n") }));
        QCOMPARE(table.keyColumns, 1);
        QCOMPARE(table.rowCount(), 20);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (const QVariantList& row : table.rows) {
            const auto& e = expected.at(row[0].toString().toStdString());
            QCOMPARE(row[1].toLongLong(), e.first);
            QCOMPARE(row[2].toLongLong(), e.second);
            QVERIFY(row[1].toLongLong() <= previous);
            previous = row[1].toLongLong();
        }
        QueryTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTable(table);
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("b"));
        QCOMPARE(model.index(0, 1).data(QueryTableModel::RawValueRole).typeId(), QMetaType::LongLong);
        QCOMPARE(model.index(0, 0).data(QueryTableModel::SortRole).typeId(), QMetaType::QString);
        QCOMPARE(QueryChartPlan::of(table).kind, QueryChartPlan::Kind::Bars);
        QCOMPARE(QueryChartPlan::of(table).values, (std::vector<int> { 1, 2 }));
        model.setTable({});
        QCOMPARE(model.rowCount(), 0);
    }

    void runnerCancelsAndDropsStaleAnswers()
    {
        QueryRunner runner;
        QSignalSpy started(&runner, &QueryRunner::started);
        QSignalSpy finished(&runner, &QueryRunner::finished);
        QSignalSpy cancelled(&runner, &QueryRunner::cancelled);
        const Selection all = Selection::all(m_store->snapshot());
        runner.run(m_store, all, QStringLiteral("stats count(*) as n by srcAddr"));
        QVERIFY(runner.isRunning());
        runner.cancel();
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!runner.isRunning());
        // A query replaced by a newer one is abandoned too; only the newest answer arrives.
        runner.run(m_store, all, QStringLiteral("stats count(*) as n by dstPort"));
        runner.run(m_store, all, QStringLiteral("stats count(*) as n by action"));
        QCOMPARE(cancelled.count(), 2);
        QCOMPARE(started.count(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        const auto table = finished.front().front().value<QueryTable>();
        QCOMPARE(table.query, QStringLiteral("stats count(*) as n by action"));
        QCOMPARE(table.rowCount(), 2);
        QVERIFY(!runner.isRunning());
        // Later answers of the abandoned queries are dropped: one more run, one more answer.
        runner.run(m_store, all, QStringLiteral("stats count(*) as n"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
        QCOMPARE(finished.back().front().value<QueryTable>().rows.front().front().toLongLong(),
            static_cast<qlonglong>(m_flows.size()));
    }

    void binQueryIsATimeSeries()
    {
        QueryTable table;
        QString error;
        QVERIFY2(QueryRunner::evaluate(*m_store, Selection::all(m_store->snapshot()),
                     QStringLiteral("stats count(*) as n by bin(1h)"), table, error),
            qPrintable(error));
        std::map<qint64, qint64> perHour;
        for (const Flow& f : m_flows) {
            ++perHour[f.start / 3600 * 3600 * 1000];
        }
        QCOMPARE(table.rowCount(), static_cast<int>(perHour.size()));
        for (const QVariantList& row : table.rows) {
            QCOMPARE(row[0].typeId(), QMetaType::QDateTime);
            QCOMPARE(row[1].toLongLong(), perHour.at(row[0].toDateTime().toMSecsSinceEpoch()));
        }
        const QueryChartPlan plan = QueryChartPlan::of(table);
        QCOMPARE(plan.kind, QueryChartPlan::Kind::TimeSeries);
        QCOMPARE(plan.time, 0);
        QCOMPARE(plan.series, -1);
    }

    void chartPlanOfTextTables_data()
    {
        QTest::addColumn<QStringList>("columns");
        QTest::addColumn<QVariantList>("row");
        QTest::addColumn<int>("keys");
        QTest::addColumn<int>("kind");
        // As Logs Insights returns them: every cell text.
        QTest::addRow("insights bin + count")
            << QStringList { u"bin(5m)"_s, u"count(*)"_s }
            << QVariantList { QVariant(u"2024-05-01 10:05:00.000"_s), QVariant(u"42"_s) } << -1
            << int(QueryChartPlan::Kind::TimeSeries);
        QTest::addRow("insights by address")
            << QStringList { u"srcAddr"_s, u"bytes"_s } << QVariantList { QVariant(u"10.0.0.1"_s), QVariant(u"1e3"_s) }
            << -1 << int(QueryChartPlan::Kind::Bars);
        QTest::addRow("numeric key, told") << QStringList { u"dstPort"_s, u"n"_s } << QVariantList { 22LL, 5LL } << 1
                                           << int(QueryChartPlan::Kind::Bars);
        QTest::addRow("one row of totals")
            << QStringList { u"n"_s, u"b"_s } << QVariantList { 5LL, 7.5 } << 0 << int(QueryChartPlan::Kind::Bars);
        QTest::addRow("no numbers") << QStringList { u"srcAddr"_s, u"action"_s }
                                    << QVariantList { QVariant(u"10.0.0.1"_s), QVariant(u"REJECT"_s) } << -1
                                    << int(QueryChartPlan::Kind::None);
    }
    void chartPlanOfTextTables()
    {
        QFETCH(QStringList, columns);
        QFETCH(QVariantList, row);
        QFETCH(int, keys);
        QFETCH(int, kind);
        QueryTable table;
        table.columns = columns;
        table.rows = { row };
        table.keyColumns = keys;
        QCOMPARE(int(QueryChartPlan::of(table).kind), kind);
    }

    void textTimesAndNumbers()
    {
        QCOMPARE(QueryTable::time(QStringLiteral("2024-05-01 10:05:00.000")).value_or(0),
            QDateTime(QDate(2024, 5, 1), QTime(10, 5), QTimeZone::utc()).toMSecsSinceEpoch());
        QVERIFY(!QueryTable::time(QStringLiteral("10.0.0.1")));
        QCOMPARE(QueryTable::number(QStringLiteral(" 12.5 ")).value_or(0), 12.5);
        QVERIFY(!QueryTable::number(QStringLiteral("eni-1")));
        QCOMPARE(QueryTable::text(QVariant()), QString());
    }

    void fileRoundTrip()
    {
        const FlowStore& store = *m_store;
        auto address = [&](const char* a) { return store.findAddress(*Address::parse(a))->value; };
        const std::int64_t reject = store.dictionary(FieldId::Action).find("REJECT")->value;
        FilterState first;
        first.clauses.push_back(FilterClause::equals(store, FieldId::Action, reject));
        FilterState second = first.with(FilterClause::notEquals(store, FieldId::DstPort, 22));
        second = second.with(FilterClause::timeRange(fixture::kT0 + 60, fixture::kT0 + 7200));
        second = second.with(FilterClause::host(store, address("10.0.0.3")));
        second = second.with(FilterClause::conversation(store, address("10.0.0.3"), address("10.0.1.4"), 6));
        QString error;
        second.predicate = QueryPredicate::compile(m_store, QStringLiteral("bytes > 100"), error);
        QVERIFY(second.predicate);

        InvestigationFile file;
        file.sources = { QStringLiteral("/data/a.log"), QStringLiteral("/data/b d.log.gz") };
        file.history = { FilterSpec::of({}, store), FilterSpec::of(first, store), FilterSpec::of(second, store) };
        file.position = 1;
        file.recentExpressions = { QStringLiteral("bytes > 100") };
        file.savedFilters = { { QStringLiteral("big"), QStringLiteral("bytes > 1000000") } };
        file.columnLayout = { QStringLiteral("srcAddr"), QStringLiteral("-version") };
        file.sortField = QStringLiteral("bytes");
        file.sortDescending = true;
        file.histogram.metric = Metric::Packets;
        file.histogram.bucketSeconds = 600;
        file.logScale = true;
        file.query = QStringLiteral("stats count(*) by srcAddr");

        const QString path = m_dir.filePath(QStringLiteral("case.flowlens"));
        QVERIFY2(file.write(path, error), qPrintable(error));
        const std::optional<InvestigationFile> back = InvestigationFile::read(path, error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->sources, file.sources);
        QCOMPARE(back->history.size(), std::size_t { 3 });
        QVERIFY(back->history == file.history);
        QCOMPARE(back->position, std::size_t { 1 });
        QCOMPARE(back->recentExpressions, file.recentExpressions);
        QVERIFY(back->savedFilters == file.savedFilters);
        QCOMPARE(back->columnLayout, file.columnLayout);
        QCOMPARE(back->sortField, file.sortField);
        QCOMPARE(back->sortDescending, true);
        QCOMPARE(back->histogram.metric, Metric::Packets);
        QCOMPARE(back->histogram.bucketSeconds, std::int64_t { 600 });
        QCOMPARE(back->logScale, true);
        QCOMPARE(back->query, file.query);
        // Resolved over the store, the states are the ones saved.
        QStringList problems;
        const FilterState resolved = back->history[2].resolve(m_store, problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QVERIFY(resolved.clauses == second.clauses);
        QCOMPARE(resolved.predicate->text(), QStringLiteral("bytes > 100"));
        QCOMPARE(
            evaluateFilter(m_store->snapshot(), resolved).count(), evaluateFilter(m_store->snapshot(), second).count());
        // Over another store: an IPv4 address is its own value in every store, so the host and
        // conversation clauses resolve too, as do the action (every store knows ACCEPT and REJECT),
        // the port number and the time range.
        auto other = std::make_shared<FlowStore>();
        const FilterState partial = back->history[2].resolve(other, problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        QCOMPARE(partial.clauses.size(), std::size_t { 5 });
    }

    void malformedFiles_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("not JSON") << QByteArray("{\"format\": ") << "not valid JSON";
        QTest::addRow("another format") << QByteArray("{\"format\": \"other\", \"version\": 1}")
                                        << "not a FlowLens investigation";
        QTest::addRow("newer version") << QByteArray("{\"format\": \"flowlens-investigation\", \"version\": 99}")
                                       << "format version 99";
        QTest::addRow("no version") << QByteArray("{\"format\": \"flowlens-investigation\"}") << "version";
        QTest::addRow("sources not strings")
            << QByteArray("{\"format\": \"flowlens-investigation\", \"version\": 1, \"sources\": [1]}")
            << "$.sources[0]: expected a string";
        QTest::addRow("unknown clause kind")
            << QByteArray("{\"format\": \"flowlens-investigation\", \"version\": 1, \"history\": {\"states\": "
                          "[{\"clauses\": []}, {\"clauses\": [{\"kind\": \"between\"}]}], \"position\": 0}}")
            << "history.states[1].clauses[0].kind: unknown kind \"between\"";
        QTest::addRow("unknown field") << QByteArray(
            "{\"format\": \"flowlens-investigation\", \"version\": 1, \"filter\": {\"clauses\": "
            "[{\"kind\": \"equals\", \"field\": \"srcadr\", \"value\": \"x\"}]}}")
                                       << "filter.clauses[0].field: unknown field \"srcadr\"";
        QTest::addRow("position out of range") << QByteArray(
            "{\"format\": \"flowlens-investigation\", \"version\": 1, \"history\": {\"states\": "
            "[{}], \"position\": 3}}") << "history.position: 3 is not one of the 1 states";
        QTest::addRow("time range backwards")
            << QByteArray("{\"format\": \"flowlens-investigation\", \"version\": 1, \"filter\": {\"clauses\": "
                          "[{\"kind\": \"time-range\", \"from\": 20, \"to\": 10}]}}")
            << "\"from\" must be before \"to\"";
        QTest::addRow("bad metric") << QByteArray(
            "{\"format\": \"flowlens-investigation\", \"version\": 1, \"timeline\": {\"metric\": \"x\"}}")
                                    << "timeline.metric: unknown metric \"x\"";
    }
    void malformedFiles()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QString message;
        QVERIFY(!InvestigationFile::fromJson(json, message));
        QVERIFY2(message.contains(error), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestQueryBar)
#include "tst_querybar.moc"
