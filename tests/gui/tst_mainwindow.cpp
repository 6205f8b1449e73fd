// Drives the real window offscreen: opens a file the test wrote, clicks the panes and the chart,
// and checks what the table shows against counts computed from the written records.
#include "chartexport.h"
#include "countlist.h"
#include "filterbar.h"
#include "flowfixture.h"
#include "ingest/loader.h"
#include "investigation/investigation.h"
#include "items/conversationtablemodel.h"
#include "items/recordtablemodel.h"
#include "mainwindow.h"
#include "recordtableview.h"
#include "rejectpane.h"
#include "sourcespane.h"
#include "statisticspane.h"
#include "timelinechart.h"
#include "timelineview.h"
#include "topologyitems.h"
#include "topologyview.h"

#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QGraphicsScene>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace flowlens;
using fixture::Flow;

class TestMainWindow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    std::vector<Flow> m_flows;
    std::unique_ptr<MainWindow> m_window;

    std::size_t count(const std::function<bool(const Flow&)>& test) const
    {
        return static_cast<std::size_t>(std::count_if(m_flows.begin(), m_flows.end(), test));
    }
    // Waits until the panes show the result of the current filter.
    bool settle()
    {
        Investigation* inv = m_window->investigation();
        return QTest::qWaitFor(
            [&] {
                const auto r = inv->result();
                return r && !r->loading && !inv->isComputing() && r->filter == inv->filter()
                    && !m_window->tableModel()->isSorting();
            },
            20000);
    }
    int rows() const { return m_window->tableModel()->rowCount(); }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowLensTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        QSettings().clear();
        m_flows = fixture::makeFlows(20'000, 99);
        m_path = m_dir.filePath(QStringLiteral("flows.log"));
        QVERIFY(fixture::writeFlows(m_path, m_flows));
        // Two malformed lines appended: the source pane lists them with file:line.
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::Append));
        file.write("2 123456789012 eni-0 garbage\nnot a flow log line at all\n");
        file.close();

        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy finished(m_window->investigation(), &Investigation::loadFinished);
        m_window->openPaths({ m_path });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QVERIFY(settle());
    }

    void showsEveryRecord()
    {
        QCOMPARE(rows(), static_cast<int>(m_flows.size()));
        QVERIFY(m_window->recordCountText().contains(QStringLiteral(" of ")));
        QTreeWidget* sources = m_window->sourcesPane()->sources();
        QCOMPARE(sources->topLevelItemCount(), 1);
        QCOMPARE(sources->topLevelItem(0)->text(2), QStringLiteral("2"));
        sources->setCurrentItem(sources->topLevelItem(0));
        QListWidget* errors = m_window->sourcesPane()->errors();
        QCOMPARE(errors->count(), 2);
        QVERIFY2(
            errors->item(0)->text().startsWith(QStringLiteral("flows.log:20001")), qPrintable(errors->item(0)->text()));
    }

    void rejectOnlyButton()
    {
        QTest::mouseClick(m_window->rejectPane()->button(RejectPane::ActionChoice::RejectOnly), Qt::LeftButton);
        QVERIFY(settle());
        QCOMPARE(static_cast<std::size_t>(rows()), count([](const Flow& f) { return f.action == "REJECT"; }));
        const int action = m_window->tableModel()->columnOf(FieldId::Action);
        for (int r = 0; r < rows(); r += 101) {
            QCOMPARE(m_window->tableModel()->index(r, action).data().toString(), QStringLiteral("REJECT"));
        }
        QVERIFY(m_window->rejectPane()->button(RejectPane::ActionChoice::RejectOnly)->isChecked());

        // Ctrl+click a rejected destination port excludes it.
        CountList* ports = m_window->rejectPane()->list(FieldId::DstPort);
        QTreeWidgetItem* port22 = ports->findValue(FieldId::DstPort, QStringLiteral("22"));
        QVERIFY(port22 != nullptr);
        QCOMPARE(port22->text(1).remove(QLatin1Char(',')).toULongLong(),
            count([](const Flow& f) { return f.action == "REJECT" && f.dstPort == 22; }));
        ports->scrollToItem(port22);
        QTest::mouseClick(
            ports->viewport(), Qt::LeftButton, Qt::ControlModifier, ports->visualItemRect(port22).center());
        QVERIFY(settle());
        QCOMPARE(static_cast<std::size_t>(rows()),
            count([](const Flow& f) { return f.action == "REJECT" && f.dstPort != 22; }));

        QTest::mouseClick(m_window->rejectPane()->button(RejectPane::ActionChoice::All), Qt::LeftButton);
        QVERIFY(settle());
        QCOMPARE(static_cast<std::size_t>(rows()), count([](const Flow& f) { return f.dstPort != 22; }));
        m_window->investigation()->resetFilter();
        QVERIFY(settle());
    }

    void clickAndDragOnTheTimeline()
    {
        TimelineView* timeline = m_window->timeline();
        const TimeHistogram h = timeline->chart()->histogram();
        QVERIFY(h.bucketCount() > 6);
        const std::size_t bucket = 3;
        QTest::mouseClick(timeline->chartViewport(), Qt::LeftButton, {}, timeline->bucketPosition(bucket));
        QVERIFY(settle());
        const auto range = m_window->investigation()->filter().timeRange();
        QVERIFY(range.has_value());
        const std::int64_t from = h.bucketStart(bucket);
        const std::int64_t to = from + h.bucketSeconds;
        QCOMPARE(range->first, from);
        QCOMPARE(range->second, to);
        QCOMPARE(
            static_cast<std::size_t>(rows()), count([&](const Flow& f) { return f.start >= from && f.start < to; }));

        // Back to all records, then drag across buckets 1 to 4.
        QTest::keyClick(m_window.get(), Qt::Key_Left, Qt::AltModifier);
        QVERIFY(settle());
        QVERIFY(!m_window->investigation()->filter().timeRange());
        QCOMPARE(rows(), static_cast<int>(m_flows.size()));
        const TimeHistogram all = timeline->chart()->histogram();
        QTest::mousePress(timeline->chartViewport(), Qt::LeftButton, {}, timeline->bucketPosition(1));
        QTest::mouseRelease(timeline->chartViewport(), Qt::LeftButton, {}, timeline->bucketPosition(4));
        QVERIFY(settle());
        const std::int64_t dragFrom = all.bucketStart(1);
        const std::int64_t dragTo = all.bucketStart(4) + all.bucketSeconds;
        QCOMPARE(m_window->investigation()->filter().timeRange()->first, dragFrom);
        QCOMPARE(m_window->investigation()->filter().timeRange()->second, dragTo);
        QCOMPARE(static_cast<std::size_t>(rows()),
            count([&](const Flow& f) { return f.start >= dragFrom && f.start < dragTo; }));
        // Forward is gone after a new filter; back twice returns to all records.
        QVERIFY(!m_window->investigation()->canGoForward());
        m_window->investigation()->resetFilter();
        QVERIFY(settle());
    }

    void badExpressionChangesNothing()
    {
        const FilterState before = m_window->investigation()->filter();
        QLineEdit* edit = m_window->filterBar()->expressionEdit();
        QTest::keyClicks(edit, QStringLiteral("dstPrt = 22"));
        // Checked while typing: the positioned error and a suggestion, before Enter.
        QVERIFY(m_window->filterBar()->message().contains(QStringLiteral("column 1")));
        QVERIFY(m_window->filterBar()->message().contains(QStringLiteral("dstPort")));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(m_window->investigation()->filter() == before);
        QCOMPARE(rows(), static_cast<int>(m_flows.size()));
        edit->clear();
    }

    void expressionFilters()
    {
        QLineEdit* edit = m_window->filterBar()->expressionEdit();
        QTest::keyClicks(edit, QStringLiteral("action = \"REJECT\" and (dstPort = 22 or dstPort = 3389)"));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY(m_window->investigation()->filter().predicate);
        QVERIFY(settle());
        const std::size_t expected
            = count([](const Flow& f) { return f.action == "REJECT" && (f.dstPort == 22 || f.dstPort == 3389); });
        QVERIFY(expected > 0);
        QCOMPARE(static_cast<std::size_t>(rows()), expected);
        // A clause from a pane narrows the expression's rows further; back undoes it.
        m_window->investigation()->addClause(
            FilterClause::equals(m_window->investigation()->store(), FieldId::DstPort, 22));
        QVERIFY(settle());
        QCOMPARE(static_cast<std::size_t>(rows()),
            count([](const Flow& f) { return f.action == "REJECT" && f.dstPort == 22; }));
        m_window->investigation()->back();
        QVERIFY(settle());
        QCOMPARE(static_cast<std::size_t>(rows()), expected);
        m_window->investigation()->resetFilter();
        QVERIFY(settle());
        edit->clear();
    }

    void opensTopology()
    {
        // The peering-lab fixture of the topology tests: two VPCs, drawn in the docked view.
        const QString lab = QStringLiteral(FLOWLENS_TEST_DATA "/../topology/data/peering-lab-broken");
        QVERIFY(!m_window->openTopology(QStringLiteral("/nonexistent/topology")));
        QVERIFY(m_window->openTopology(lab));
        QStringList ids;
        for (QGraphicsItem* item : m_window->topologyView()->scene()->items()) {
            if (auto* box = dynamic_cast<TopologyBoxItem*>(item)) {
                ids.append(box->id());
            }
        }
        // The fixture's VPC ids, as written in tests/topology/data/peering-lab-broken.
        const bool sawVpc = ids.contains(QStringLiteral("vpc-0a1"));
        QVERIFY2(sawVpc, "the lab\'s VPC vpc-0a1 is not drawn");
    }

    void conversationDoubleClick()
    {
        StatisticsPane* stats = m_window->statisticsPane();
        // The Topology tab opened before covers the statistics: bring them back, as a user would.
        m_window->findChild<QDockWidget*>(QStringLiteral("statisticsDock"))->raise();
        stats->tabs()->setCurrentIndex(StatisticsPane::ConversationsTab);
        QTableView* table = stats->table(StatisticsPane::ConversationsTab);
        // The conversations are computed once their tab is shown; until then the tab says so.
        QVERIFY(stats->tabs()->tabText(StatisticsPane::ConversationsTab).contains(QStringLiteral("computing")));
        QTRY_VERIFY_WITH_TIMEOUT(m_window->investigation()->result()->conversationsComputed, 20000);
        QVERIFY(!stats->tabs()->tabText(StatisticsPane::ConversationsTab).contains(QStringLiteral("computing")));
        QVERIFY(table->model()->rowCount() > 0);
        const QModelIndex first = table->model()->index(0, ConversationTableModel::AddressAColumn);
        const std::string a = first.data().toString().toStdString();
        const std::string b
            = table->model()->index(0, ConversationTableModel::AddressBColumn).data().toString().toStdString();
        const int protocol = table->model()
                                 ->index(0, ConversationTableModel::ProtocolColumn)
                                 .data(ConversationTableModel::RawValueRole)
                                 .toInt();
        table->scrollTo(first);
        const QPoint p = table->visualRect(first).center();
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, p);
        QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, p);
        QVERIFY(settle());
        QCOMPARE(static_cast<std::size_t>(rows()), count([&](const Flow& f) {
            return f.protocol == protocol && ((f.src == a && f.dst == b) || (f.src == b && f.dst == a));
        }));
        m_window->investigation()->resetFilter();
        QVERIFY(settle());
    }

    void exportsChart_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addRow("png") << QStringLiteral("chart.png");
        QTest::addRow("svg") << QStringLiteral("chart.svg");
        QTest::addRow("pdf") << QStringLiteral("chart.pdf");
    }
    void exportsChart()
    {
        QFETCH(QString, name);
        const QString path = m_dir.filePath(name);
        ChartExportOptions options;
        options.size = QSize(1000, 500);
        options.dpi = 144;
        QString error;
        QVERIFY2(m_window->timeline()->exportChart(path, options, error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.size() > 2000);
        if (name.endsWith(QStringLiteral(".png"))) {
            const QImage image = QImage::fromData(bytes, "PNG");
            QCOMPARE(image.size(), QSize(1000, 500));
            QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 144);
            // Both action colours are drawn.
            bool green = false;
            bool red = false;
            for (int y = 0; y < image.height(); y += 2) {
                for (int x = 0; x < image.width(); x += 2) {
                    const QColor c = image.pixelColor(x, y);
                    green |= c == QColor(0x2e, 0x9d, 0x4a);
                    red |= c == QColor(0xd1, 0x34, 0x38);
                }
            }
            QVERIFY(green && red);
        } else if (name.endsWith(QStringLiteral(".svg"))) {
            QSvgRenderer renderer(bytes);
            QVERIFY(renderer.isValid());
            QVERIFY(bytes.contains("Filter: all records")); // the caption
            QVERIFY(bytes.contains("ACCEPT"));
        } else {
            QVERIFY(bytes.startsWith("%PDF-"));
            QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        }
        QVERIFY(!m_window->timeline()->exportChart(m_dir.filePath(QStringLiteral("chart.bmp")), options, error));
        QVERIFY(error.contains(QStringLiteral(".png, .svg or .pdf")));
    }

    void copyRowsAsCsv()
    {
        RecordTableView* table = m_window->table();
        table->sortByColumn(-1, Qt::AscendingOrder);
        QVERIFY(settle());
        table->selectRow(0);
        const QString csv = table->selectedRowsAsCsv();
        const QStringList lines = csv.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines[0].startsWith(QStringLiteral("version,accountId,interfaceId,srcAddr")));
        // The row is one of the written records, raw values.
        const QString row = lines[1];
        QVERIFY(std::any_of(m_flows.begin(), m_flows.end(), [&](const Flow& f) {
            return row.startsWith(
                QStringLiteral("2,123456789012,%1,%2,%3,")
                    .arg(QString::fromStdString(f.eni), QString::fromStdString(f.src), QString::fromStdString(f.dst)));
        }));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        QSettings().clear();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
