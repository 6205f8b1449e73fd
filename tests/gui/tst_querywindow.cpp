// The query bar and investigation files in the real window, offscreen: completion offers the
// fields and the most frequent values of the loaded flows, recent expressions and saved filters
// outlive the window, a stats query typed in the bar shows exactly the groups computed here by
// brute force, and an investigation saved and reopened in a new window is the same, field by field.
#include "chartexport.h"
#include "filterbar.h"
#include "flowfixture.h"
#include "investigation/filterlibrary.h"
#include "investigation/investigation.h"
#include "investigationdocument.h"
#include "items/querytablemodel.h"
#include "items/recordtablemodel.h"
#include "mainwindow.h"
#include "queryresultchart.h"
#include "queryresultpane.h"
#include "recordtableview.h"
#include "timelineview.h"

#include <QAbstractItemModelTester>
#include <QAbstractItemView>
#include <QCompleter>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <set>

using namespace flowlens;
using fixture::Flow;

class TestQueryWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    std::vector<Flow> m_flows;
    std::unique_ptr<MainWindow> m_window;

    static bool settle(MainWindow& window)
    {
        Investigation* inv = window.investigation();
        return QTest::qWaitFor(
            [&] {
                const auto r = inv->result();
                return r && !r->loading && !inv->isComputing() && r->filter == inv->filter() && !inv->isLoading()
                    && !window.tableModel()->isSorting();
            },
            20000);
    }
    static std::unique_ptr<MainWindow> newWindow()
    {
        auto window = std::make_unique<MainWindow>();
        window->resize(1400, 900);
        window->show();
        return window;
    }
    void type(const QString& text)
    {
        QLineEdit* edit = m_window->filterBar()->expressionEdit();
        edit->clear();
        edit->setFocus();
        QTest::keyClicks(edit, text);
    }
    // The record counts of a field's values in the written flows.
    template <class Key> std::map<Key, std::size_t> counts(Key (*key)(const Flow&)) const
    {
        std::map<Key, std::size_t> out;
        for (const Flow& f : m_flows) {
            ++out[key(f)];
        }
        return out;
    }
    void runQuery(const QString& query)
    {
        type(query);
        QTest::keyClick(m_window->filterBar()->expressionEdit(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->queryResultPane()->isRunning(), 20000);
        QCOMPARE(m_window->queryResultPane()->table().query, query);
    }
    void screenshot(QWidget* widget, const QString& name, bool wholeScreen = false)
    {
        // Under xvfb with FLOWLENS_SCREENSHOTS=folder, for people to look at; not an assertion.
        const QString folder = qEnvironmentVariable("FLOWLENS_SCREENSHOTS");
        if (!folder.isEmpty()) {
            QTest::qWait(300); // only when asked for pictures: let the display server paint
            // The whole screen when there is one, so popups (the completion list) show too.
            const bool screen = wholeScreen && QGuiApplication::platformName() == QLatin1String("xcb");
            (screen ? QGuiApplication::primaryScreen()->grabWindow(0) : widget->grab()).save(folder + u'/' + name);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowLensTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_querywindow"));
        QSettings().clear();
        m_flows = fixture::makeFlows(20'000, 5);
        m_path = m_dir.filePath(QStringLiteral("flows.log"));
        QVERIFY(fixture::writeFlows(m_path, m_flows));
        m_window = newWindow();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->openPaths({ m_path });
        QVERIFY(settle(*m_window));
        QCOMPARE(m_window->tableModel()->rowCount(), static_cast<int>(m_flows.size()));
        // Completion waits for the values of the loaded records.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                type(QStringLiteral("act"));
                return !m_window->filterBar()->completionLabels().isEmpty();
            }(),
            10000);
    }

    void completesFieldNames()
    {
        type(QStringLiteral("dst"));
        QCOMPARE(m_window->filterBar()->completionLabels(),
            (QStringList { QStringLiteral("dstAddr"), QStringLiteral("dstPort") }));
        QVERIFY(m_window->filterBar()->completer()->popup()->isVisible());
        // Down, Enter: the name is written and nothing is applied.
        const FilterState before = m_window->investigation()->filter();
        QTest::keyClick(m_window->filterBar()->completer()->popup(), Qt::Key_Down);
        QTest::keyClick(m_window->filterBar()->completer()->popup(), Qt::Key_Return);
        QCOMPARE(m_window->filterBar()->expressionEdit()->text(), QStringLiteral("dstAddr"));
        QVERIFY(m_window->investigation()->filter() == before);
    }

    void completesValuesOfTheFieldBeforeTheCursor()
    {
        type(QStringLiteral("action = \"REJECT\" and dstPort = "));
        screenshot(m_window.get(), QStringLiteral("completion.png"), true);
        const QStringList labels = m_window->filterBar()->completionLabels();
        const auto ports = counts<int>([](const Flow& f) { return f.dstPort; });
        QCOMPARE(labels.size(), static_cast<qsizetype>(ports.size())); // 12 ports, all offered
        std::size_t previous = SIZE_MAX;
        for (const QString& label : labels) {
            // "443 — 4,512 records"
            const int port = label.section(QStringLiteral(" — "), 0, 0).toInt();
            const std::size_t n
                = label.section(QStringLiteral(" — "), 1).section(u' ', 0, 0).remove(u',').remove(u'.').toULongLong();
            QCOMPARE(n, ports.at(port));
            QVERIFY(n <= previous); // most frequent first
            previous = n;
        }
        // Addresses: quoted when chosen; only values with the typed prefix.
        type(QStringLiteral("srcAddr = \"10.0.0.1"));
        const auto sources = counts<std::string>([](const Flow& f) { return f.src; });
        const QStringList offered = m_window->filterBar()->completionLabels();
        QVERIFY(!offered.isEmpty());
        for (const QString& label : offered) {
            const QString address = label.section(QStringLiteral(" — "), 0, 0);
            QVERIFY2(address.startsWith(QStringLiteral("10.0.0.1")), qPrintable(label));
            QVERIFY(sources.contains(address.toStdString()));
        }
        QTest::keyClick(m_window->filterBar()->completer()->popup(), Qt::Key_Down);
        QTest::keyClick(m_window->filterBar()->completer()->popup(), Qt::Key_Return);
        QCOMPARE(m_window->filterBar()->expressionEdit()->text(),
            QStringLiteral("srcAddr = \"%1\"").arg(offered.front().section(QStringLiteral(" — "), 0, 0)));
        m_window->filterBar()->expressionEdit()->clear();
        m_window->filterBar()->completer()->popup()->hide();
    }

    void historyAndSavedFiltersOutliveTheWindow()
    {
        QLineEdit* edit = m_window->filterBar()->expressionEdit();
        for (const QString& e : { QStringLiteral("dstPort = 22"), QStringLiteral("action = \"REJECT\"") }) {
            type(e);
            m_window->filterBar()->completer()->popup()->hide();
            QTest::keyClick(edit, Qt::Key_Return);
            QVERIFY(settle(*m_window));
        }
        QCOMPARE(m_window->filterLibrary()->recent().mid(0, 2),
            (QStringList { QStringLiteral("action = \"REJECT\""), QStringLiteral("dstPort = 22") }));
        // Up recalls them, newest first; Down goes back to what was typed.
        edit->setText(QStringLiteral("draft"));
        QTest::keyClick(edit, Qt::Key_Up);
        QCOMPARE(edit->text(), QStringLiteral("action = \"REJECT\""));
        QTest::keyClick(edit, Qt::Key_Up);
        QCOMPARE(edit->text(), QStringLiteral("dstPort = 22"));
        QTest::keyClick(edit, Qt::Key_Down);
        QTest::keyClick(edit, Qt::Key_Down);
        QCOMPARE(edit->text(), QStringLiteral("draft"));
        // Alt+Left still goes back a filter state (shortcuts need the active window).
        QVERIFY(m_window->investigation()->canGoBack());
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        const QString current = m_window->investigation()->filter().describe();
        QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
        QVERIFY(settle(*m_window));
        QVERIFY(m_window->investigation()->filter().describe() != current);
        QTest::keyClick(m_window.get(), Qt::Key_Right, Qt::AltModifier);
        QVERIFY(settle(*m_window));
        QCOMPARE(m_window->investigation()->filter().describe(), current);

        FilterLibrary* library = m_window->filterLibrary();
        QVERIFY(library->save(QStringLiteral("ssh"), QStringLiteral("dstPort = 22")));
        QVERIFY(library->save(QStringLiteral("temp"), QStringLiteral("bytes > 1000")));
        QVERIFY(library->rename(QStringLiteral("ssh"), QStringLiteral("SSH rejects")));
        // The ▾ menu lists them; its Delete entry removes one.
        m_window->filterBar()->rebuildLibraryMenu();
        QMenu* temp = nullptr;
        for (QAction* a : m_window->filterBar()->libraryMenu()->actions()) {
            if (a->menu() != nullptr && a->text() == QStringLiteral("temp")) {
                temp = a->menu();
            }
        }
        QVERIFY(temp != nullptr);
        for (QAction* a : temp->actions()) {
            if (a->text() == QStringLiteral("Delete")) {
                a->trigger();
            }
        }
        auto other = newWindow();
        QCOMPARE(other->filterLibrary()->recent(), library->recent());
        QCOMPARE(other->filterLibrary()->saved().size(), std::size_t { 1 });
        QCOMPARE(other->filterLibrary()->saved().front(),
            (SavedFilter { QStringLiteral("SSH rejects"), QStringLiteral("dstPort = 22") }));
        other.reset();
        m_window->investigation()->resetFilter();
        QVERIFY(settle(*m_window));
    }

    void statsQueryShowsTheBruteForceGroups()
    {
        const QString query = QStringLiteral(
            "filter action = \"REJECT\" | stats sum(bytes) as b, count(*) as n by srcAddr | sort b desc "
            "| limit 20");
        runQuery(query);
        std::map<std::string, std::pair<qint64, qint64>> expected;
        for (const Flow& f : m_flows) {
            if (f.action == "REJECT") {
                expected[f.src].first += f.bytes;
                ++expected[f.src].second;
            }
        }
        std::vector<qint64> sums;
        for (const auto& [src, e] : expected) {
            sums.push_back(e.first);
        }
        std::sort(sums.rbegin(), sums.rend());
        QueryResultPane* pane = m_window->queryResultPane();
        QAbstractItemModelTester tester(
            pane->tableView()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModel* shown = pane->tableView()->model();
        QCOMPARE(shown->rowCount(), 20);
        for (int r = 0; r < 20; ++r) {
            const auto& e = expected.at(shown->index(r, 0).data().toString().toStdString());
            QCOMPARE(shown->index(r, 1).data().toString().toLongLong(), e.first);
            QCOMPARE(shown->index(r, 2).data().toString().toLongLong(), e.second);
            QCOMPARE(e.first, sums[static_cast<std::size_t>(r)]); // the 20 largest, in order
        }
        // The chart: a bar per group, the first value column, in table order.
        QCOMPARE(pane->chart()->plan().kind, QueryChartPlan::Kind::Bars);
        QCOMPARE(pane->chart()->categories().size(), 20);
        QCOMPARE(pane->chart()->barValues().front(), static_cast<double>(sums.front()));
        QCOMPARE(pane->chart()->categories().front(), shown->index(0, 0).data().toString());
        screenshot(pane, QStringLiteral("result-bars.png"));
        // Click the n header: the table sorts by count.
        pane->tableView()->sortByColumn(2, Qt::DescendingOrder);
        for (int r = 1; r < 20; ++r) {
            QVERIFY(shown->index(r, 2).data().toString().toLongLong()
                <= shown->index(r - 1, 2).data().toString().toLongLong());
        }
        // The rows, chart and filter of the window did not change.
        QCOMPARE(m_window->tableModel()->rowCount(), static_cast<int>(m_flows.size()));
    }

    void queryRunsOverTheCurrentFilter()
    {
        const std::int64_t reject
            = m_window->investigation()->store().dictionary(FieldId::Action).find("REJECT")->value;
        m_window->investigation()->addClause(
            FilterClause::equals(m_window->investigation()->store(), FieldId::Action, reject));
        QVERIFY(settle(*m_window));
        runQuery(QStringLiteral("stats count(*) as n by bin(1h)"));
        std::map<qint64, qint64> perHour;
        for (const Flow& f : m_flows) {
            if (f.action == "REJECT") {
                ++perHour[f.start / 3600 * 3600];
            }
        }
        const QueryTable& table = m_window->queryResultPane()->table();
        QCOMPARE(table.rowCount(), static_cast<int>(perHour.size()));
        for (const QVariantList& row : table.rows) {
            QCOMPARE(row[1].toLongLong(), perHour.at(row[0].toDateTime().toSecsSinceEpoch()));
        }
        QCOMPARE(m_window->queryResultPane()->chart()->plan().kind, QueryChartPlan::Kind::TimeSeries);
        QCOMPARE(m_window->queryResultPane()->chart()->lineNames(), QStringList { QStringLiteral("n") });
        screenshot(m_window->queryResultPane(), QStringLiteral("result-time.png"));
        m_window->investigation()->resetFilter();
        QVERIFY(settle(*m_window));
    }

    void badQueryChangesNothing()
    {
        runQuery(QStringLiteral("stats count(*) as n by dstPort"));
        const QueryTable before = m_window->queryResultPane()->table();
        const FilterState filter = m_window->investigation()->filter();
        type(QStringLiteral("stats sum(bytez) by srcAddr"));
        QVERIFY2(m_window->filterBar()->message().contains(QStringLiteral("column 11")),
            qPrintable(m_window->filterBar()->message()));
        QTest::keyClick(m_window->filterBar()->expressionEdit(), Qt::Key_Return);
        QVERIFY(!m_window->queryResultPane()->isRunning());
        QCOMPARE(m_window->queryResultPane()->table().query, before.query);
        QCOMPARE(m_window->queryResultPane()->table().rows, before.rows);
        QVERIFY(m_window->investigation()->filter() == filter);
        m_window->filterBar()->expressionEdit()->clear();
    }

    void exportsTheResult()
    {
        runQuery(QStringLiteral("stats count(*) as n, sum(bytes) as b by dstPort | sort n desc"));
        const auto ports = counts<int>([](const Flow& f) { return f.dstPort; });
        QueryResultPane* pane = m_window->queryResultPane();
        QString error;
        const QString csv = m_dir.filePath(QStringLiteral("result.csv"));
        QVERIFY2(pane->exportTable(csv, error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.front(), QStringLiteral("dstPort,n,b"));
        QCOMPARE(lines.size(), static_cast<qsizetype>(ports.size() + 1));
        for (const QString& line : lines.mid(1)) {
            QCOMPARE(line.section(u',', 1, 1).toULongLong(), ports.at(line.section(u',', 0, 0).toInt()));
        }
        const QString json = m_dir.filePath(QStringLiteral("result.json"));
        QVERIFY2(pane->exportTable(json, error), qPrintable(error));
        QFile jsonFile(json);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonArray rows = QJsonDocument::fromJson(jsonFile.readAll()).array();
        QCOMPARE(rows.size(), static_cast<qsizetype>(ports.size()));
        QVERIFY(rows[0].toObject().value(QStringLiteral("n")).isDouble()); // numbers stay numbers
        const QString svg = m_dir.filePath(QStringLiteral("result.svg"));
        QVERIFY2(pane->exportChart(svg, {}, error), qPrintable(error));
        QFile svgFile(svg);
        QVERIFY(svgFile.open(QIODevice::ReadOnly));
        const QByteArray bytes = svgFile.readAll();
        QVERIFY(QSvgRenderer(bytes).isValid());
        QVERIFY(bytes.contains("stats count(*) as n")); // the title
        if (const QString folder = qEnvironmentVariable("FLOWLENS_SCREENSHOTS"); !folder.isEmpty()) {
            ChartExportOptions options;
            options.size = QSize(1200, 700);
            QVERIFY2(
                pane->exportChart(folder + QStringLiteral("/result-export.png"), options, error), qPrintable(error));
        }
    }

    void saveAndReopenIsTheSameInvestigation()
    {
        Investigation* inv = m_window->investigation();
        const FlowStore& store = inv->store();
        // A history of three states, standing on the second, with a clause of every kind in use.
        const std::int64_t reject = store.dictionary(FieldId::Action).find("REJECT")->value;
        inv->addClause(FilterClause::equals(store, FieldId::Action, reject));
        inv->addClause(FilterClause::notEquals(store, FieldId::DstPort, 22));
        inv->addClause(FilterClause::timeRange(fixture::kT0 + 1800, fixture::kT0 + 4 * 3600));
        QVERIFY(settle(*m_window));
        type(QStringLiteral("bytes > 2000"));
        m_window->filterBar()->completer()->popup()->hide();
        QTest::keyClick(m_window->filterBar()->expressionEdit(), Qt::Key_Return);
        QVERIFY(settle(*m_window));
        const auto host = store.findAddress(*Address::parse("10.0.0.7"))->value;
        inv->addClause(FilterClause::host(store, host));
        QVERIFY(settle(*m_window));
        inv->back();
        QVERIFY(settle(*m_window));
        // Columns, sort, timeline and a query.
        QStringList layout = m_window->table()->columnLayout();
        layout.move(layout.indexOf(QStringLiteral("bytes")), 0);
        layout[layout.indexOf(QStringLiteral("version"))] = QStringLiteral("-version");
        m_window->table()->setColumnLayout(layout);
        m_window->table()->sortByColumn(m_window->tableModel()->columnOf(FieldId::Bytes), Qt::DescendingOrder);
        m_window->timeline()->setOptions(Metric::Bytes, 600, true);
        QVERIFY(settle(*m_window));
        runQuery(QStringLiteral("stats count(*) as n by srcAddr | sort n desc | limit 5"));
        QVERIFY(m_window->filterLibrary()->save(QStringLiteral("big"), QStringLiteral("bytes > 40000")));

        qputenv("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        const QString path = m_dir.filePath(QStringLiteral("case.flowlens"));
        QVERIFY(m_window->saveInvestigation(path));
        qunsetenv("AWS_SECRET_ACCESS_KEY");
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray json = saved.readAll();
        QVERIFY(!json.contains("wJalrXUtnFEMI"));
        QVERIFY(json.contains("\"format\": \"flowlens-investigation\""));
        const InvestigationFile before = m_window->document()->capture();
        QVERIFY(before.history.size() >= 6);
        QCOMPARE(before.position, before.history.size() - 2);
        QCOMPARE(before.filter().clauses.size(), std::size_t { 3 });
        QCOMPARE(before.filter().expression, QStringLiteral("bytes > 2000"));
        QCOMPARE(before.sortField, QStringLiteral("bytes"));

        auto reopened = newWindow();
        QSignalSpy restored(reopened->document(), &InvestigationDocument::restored);
        QVERIFY(reopened->openInvestigation(path));
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 20000);
        QVERIFY(settle(*reopened));
        QTRY_VERIFY_WITH_TIMEOUT(
            !reopened->queryResultPane()->table().query.isEmpty() && !reopened->queryResultPane()->isRunning(), 20000);
        QVERIFY(restored.front().front().toStringList().isEmpty());
        const InvestigationFile after = reopened->document()->capture();
        QCOMPARE(after.sources, before.sources);
        QCOMPARE(after.history.size(), before.history.size());
        for (std::size_t i = 0; i < before.history.size(); ++i) {
            QVERIFY2(after.history[i] == before.history[i], qPrintable(QString::number(i)));
        }
        QCOMPARE(after.position, before.position);
        QCOMPARE(after.recentExpressions, before.recentExpressions);
        QVERIFY(after.savedFilters == before.savedFilters);
        QCOMPARE(after.columnLayout, before.columnLayout);
        QCOMPARE(after.sortField, QStringLiteral("bytes"));
        QCOMPARE(after.sortDescending, true);
        QCOMPARE(after.histogram.metric, Metric::Bytes);
        QCOMPARE(after.histogram.bucketSeconds, std::int64_t { 600 });
        QCOMPARE(after.logScale, true);
        QCOMPARE(after.query, before.query);
        // The rows, in the same order, and the query's table.
        QCOMPARE(reopened->tableModel()->rowCount(), m_window->tableModel()->rowCount());
        const int bytes = m_window->tableModel()->columnOf(FieldId::Bytes);
        for (int r = 0; r < std::min(50, m_window->tableModel()->rowCount()); ++r) {
            QCOMPARE(reopened->tableModel()->index(r, bytes).data(RecordTableModel::SortRole),
                m_window->tableModel()->index(r, bytes).data(RecordTableModel::SortRole));
        }
        QCOMPARE(reopened->queryResultPane()->table().rows, m_window->queryResultPane()->table().rows);
        QVERIFY(reopened->investigation()->canGoForward());
        QVERIFY(reopened->windowTitle().startsWith(QStringLiteral("case.flowlens")));
        // File ▸ New forgets the file: Ctrl+S then asks for a new name instead of overwriting it.
        reopened->investigation()->clear();
        QVERIFY(reopened->document()->path().isEmpty());
        QCOMPARE(reopened->windowTitle(), QStringLiteral("FlowLens"));
    }

    void malformedFileKeepsTheInvestigation_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::addRow("truncated") << QByteArray("{\"format\": \"flowlens-investigation\", \"vers") << "not valid JSON";
        QTest::addRow("newer") << QByteArray("{\"format\": \"flowlens-investigation\", \"version\": 7}")
                               << "format version 7";
    }
    void malformedFileKeepsTheInvestigation()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        const QString path = m_dir.filePath(QStringLiteral("bad.flowlens"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json);
        file.close();
        const FilterState filter = m_window->investigation()->filter();
        const int rows = m_window->tableModel()->rowCount();
        const QStringList sources = m_window->investigation()->openedPaths();
        QVERIFY(!m_window->openInvestigation(path));
        QVERIFY2(m_window->lastError().contains(error), qPrintable(m_window->lastError()));
        QVERIFY(m_window->lastError().contains(QStringLiteral("bad.flowlens")));
        QVERIFY(m_window->investigation()->filter() == filter);
        QCOMPARE(m_window->investigation()->openedPaths(), sources);
        QCOMPARE(m_window->tableModel()->rowCount(), rows);
        for (QWidget* w : QApplication::topLevelWidgets()) {
            if (w->inherits("QMessageBox")) {
                w->close();
            }
        }
    }

    void opensFromTheCommandLineAndRecentFiles()
    {
        const QString path = m_dir.filePath(QStringLiteral("case.flowlens"));
        QVERIFY(QSettings().value(QStringLiteral("recentFiles")).toStringList().contains(path));
        auto window = newWindow();
        QSignalSpy restored(window->document(), &InvestigationDocument::restored);
        window->openAtStart({ path });
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 1, 20000);
        QCOMPARE(window->investigation()->openedPaths(), QStringList { m_path });
        window->investigation()->clear();
        // File ▸ Open Recent lists the investigation file; choosing it restores it.
        QAction* recent = nullptr;
        for (QMenu* menu : window->menuBar()->findChildren<QMenu*>()) {
            for (QAction* a : menu->actions()) {
                if (a->text() == QDir::toNativeSeparators(path)) {
                    recent = a;
                }
            }
        }
        QVERIFY(recent != nullptr);
        recent->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(restored.count(), 2, 20000);
        QVERIFY(settle(*window));
        QCOMPARE(window->tableModel()->rowCount(), m_window->tableModel()->rowCount());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        QSettings().clear();
    }
};

QTEST_MAIN(TestQueryWindow)
#include "tst_querywindow.moc"
