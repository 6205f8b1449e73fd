// The window's topology tools, offscreen on the real MainWindow: the overlay computed in the
// background and redrawn for a new filter, table rows highlighted on the topology, "Explain
// Reachability" from a record's context menu, and View ▸ Compare Topology Snapshots. Expected links
// and nodes follow from the records written here and the fixtures' addresses (eni-a1 10.1.1.10 with
// public 203.0.113.10, eni-a2 10.1.2.20, eni-b1 10.2.1.30; 10.1.1.77 has no interface).
#include "containmentdialog.h"
#include "investigation/investigation.h"
#include "items/recordtablemodel.h"
#include "mainwindow.h"
#include "reachabilitydialog.h"
#include "recordtableview.h"
#include "stagecompareview.h"
#include "statisticspane.h"
#include "topology/awsjsonloader.h"
#include "topologyitems.h"
#include "topologytools.h"
#include "topologyview.h"

#include <QApplication>
#include <QFile>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace flowlens;

namespace {

const QString kData = QStringLiteral(FLOWLENS_TEST_DATA "/../topology/data/");

QStringList trafficIds(const TopologyView* view)
{
    QStringList ids;
    for (const TopologyLinkItem* item : view->topologyScene()->trafficItems()) {
        ids.append(item->data(IdKey).toString());
    }
    ids.sort();
    return ids;
}

QStringList highlightedBoxes(const TopologyView* view)
{
    QStringList ids;
    for (const TopologyBoxItem* box : view->topologyScene()->boxItems()) {
        if (box->isHighlighted()) {
            ids.append(box->id());
        }
    }
    ids.sort();
    return ids;
}

} // namespace

class TestTopologyTools : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;

    bool settle()
    {
        Investigation* inv = m_window->investigation();
        return QTest::qWaitFor(
            [&] {
                const auto r = inv->result();
                return r && !r->loading && !inv->isComputing() && r->filter == inv->filter()
                    && !m_window->tableModel()->isSorting() && !m_window->isComputingOverlay();
            },
            20000);
    }
    // The table row of the record src → dst (the first one).
    int rowOf(const QString& src, const QString& dst) const
    {
        const RecordTableModel* model = m_window->tableModel();
        const int s = model->columnOf(FieldId::SrcAddr);
        const int d = model->columnOf(FieldId::DstAddr);
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row, s).data(RecordTableModel::RawValueRole).toString() == src
                && model->index(row, d).data(RecordTableModel::RawValueRole).toString() == dst) {
                return row;
            }
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowLensTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_topologytools"));
        QSettings().clear();
        QFile f(m_dir.filePath(QStringLiteral("flows.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                "action log-status\n"
                "2 1 eni-a1 10.1.1.10 10.2.1.30 40001 5432 6 3 1000 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a1 10.1.1.10 10.2.1.30 40002 5432 6 2 500 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a1 198.51.100.99 203.0.113.10 50000 22 6 1 60 1700000000 1700000060 REJECT OK\n"
                "2 1 eni-a1 203.0.113.10 198.51.100.99 22 50000 6 1 40 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a2 10.1.2.20 10.1.1.77 40003 80 6 4 4000 1700000600 1700000660 ACCEPT OK\n");
        f.close();
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy finished(m_window->investigation(), &Investigation::loadFinished);
        m_window->openPaths({ f.fileName() });
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QVERIFY(settle());
        m_window->topologyView()->parentWidget()->raise(); // the overlay is drawn while the pane is visible
        QVERIFY(m_window->openTopology(kData + QStringLiteral("peering-lab-fixed")));
        QVERIFY(settle());
    }

    void overlayInTheBackground()
    {
        // a1 ↔ b1 (two records), a1's public address ↔ the Internet (REJECT and reply), a2 → 10.1.1.77
        // (no interface: subnet-a-public).
        QTRY_COMPARE(trafficIds(m_window->topologyView()),
            (QStringList { QStringLiteral("eni-a1|eni-b1"), QStringLiteral("eni-a1|internet"),
                QStringLiteral("eni-a2|subnet-a-public") }));
        // A new filter: the overlay follows (REJECT only: the scanner's record alone).
        Investigation* inv = m_window->investigation();
        const auto reject = inv->store().dictionary(FieldId::Action).find("REJECT");
        inv->addClause(FilterClause::equals(inv->store(), FieldId::Action, reject->value));
        QVERIFY(settle());
        QTRY_COMPARE(trafficIds(m_window->topologyView()), QStringList { QStringLiteral("eni-a1|internet") });
        inv->resetFilter();
        QVERIFY(settle());
        QTRY_COMPARE(trafficIds(m_window->topologyView()).size(), 3);
    }

    void selectionHighlights()
    {
        const int row = rowOf(QStringLiteral("10.1.1.10"), QStringLiteral("10.2.1.30"));
        QVERIFY(row >= 0);
        RecordTableView* table = m_window->table();
        table->selectionModel()->select(
            table->model()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        // The whole path: a1 in subnet-a-public, whose route table rtb-a-public sends 10.2.0.0/16 to
        // pcx-0ab, into subnet-b-private and b1.
        QCOMPARE(highlightedBoxes(m_window->topologyView()),
            (QStringList { QStringLiteral("eni-a1"), QStringLiteral("eni-b1"), QStringLiteral("subnet-a-public"),
                QStringLiteral("subnet-b-private") }));
        auto linkHighlighted = [&](const QString& id) {
            const TopologyScene* scene = m_window->topologyView()->topologyScene();
            for (const auto* items : { &scene->trafficItems(), &scene->peeringItems() }) {
                for (const TopologyLinkItem* item : *items) {
                    if (item->data(IdKey).toString() == id) {
                        return item->isHighlighted();
                    }
                }
            }
            return false;
        };
        QVERIFY(linkHighlighted(QStringLiteral("eni-a1|eni-b1")));
        QVERIFY(linkHighlighted(QStringLiteral("pcx-0ab")));
        QVERIFY(!linkHighlighted(QStringLiteral("eni-a1|internet")));
        // A second row added: a2 in subnet-a-private, the local route, 10.1.1.77 in subnet-a-public.
        const int other = rowOf(QStringLiteral("10.1.2.20"), QStringLiteral("10.1.1.77"));
        table->selectionModel()->select(
            table->model()->index(other, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QCOMPARE(highlightedBoxes(m_window->topologyView()),
            (QStringList { QStringLiteral("eni-a1"), QStringLiteral("eni-a2"), QStringLiteral("eni-b1"),
                QStringLiteral("subnet-a-private"), QStringLiteral("subnet-a-public"),
                QStringLiteral("subnet-b-private") }));
        // The scanner's record: the Internet, the internet gateway igw-a, subnet-a-public, a1 — the
        // peering connection is not on that path.
        const int scan = rowOf(QStringLiteral("198.51.100.99"), QStringLiteral("203.0.113.10"));
        table->selectionModel()->select(
            table->model()->index(scan, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(highlightedBoxes(m_window->topologyView()),
            (QStringList { QStringLiteral("eni-a1"), QStringLiteral("igw-a"), QStringLiteral("internet"),
                QStringLiteral("subnet-a-public") }));
        QVERIFY(!linkHighlighted(QStringLiteral("pcx-0ab")));
        QVERIFY(linkHighlighted(QStringLiteral("eni-a1|internet")));
        table->selectionModel()->select(
            table->model()->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        // The highlight survives a recomputed overlay.
        m_window->investigation()->refresh();
        QVERIFY(settle());
        QVERIFY(linkHighlighted(QStringLiteral("eni-a1|eni-b1")));
        table->clearSelection();
        QVERIFY(highlightedBoxes(m_window->topologyView()).isEmpty());
    }

    void explainFromTheContextMenu()
    {
        QVERIFY(m_window->openTopology(kData + QStringLiteral("peering-lab-broken")));
        const int row = rowOf(QStringLiteral("10.1.1.10"), QStringLiteral("10.2.1.30"));
        RecordTableView* table = m_window->table();
        const QModelIndex index = table->model()->index(row, 0);
        table->scrollTo(index);
        // The cell menu is modal: pick its entry once it is open.
        bool found = false;
        QTimer::singleShot(0, this, [&] {
            auto* menu = qobject_cast<QMenu*>(QApplication::activePopupWidget());
            QVERIFY(menu);
            for (QAction* a : menu->actions()) {
                if (a->text() == QStringLiteral("Explain Reachability…")) {
                    found = true;
                    a->trigger();
                }
            }
            menu->close();
        });
        Q_EMIT table->customContextMenuRequested(table->visualRect(index).center());
        QVERIFY(found);
        ReachabilityDialog* dialog = m_window->topologyTools()->reachabilityDialog();
        QVERIFY(dialog && dialog->isVisible());
        // The record's flow, explained against the broken lab: VPC A has no route to 10.2.0.0/16.
        QVERIFY2(dialog->verdictText().startsWith(QStringLiteral("Not reachable: no route")),
            qPrintable(dialog->verdictText()));
        FlowQuery q;
        q.source = *Address::parse("10.1.1.10");
        q.destination = *Address::parse("10.2.1.30");
        q.protocol = 6;
        q.port = 5432;
        q.sourcePort = table->model()
                           ->index(row, m_window->tableModel()->columnOf(FieldId::SrcPort))
                           .data(RecordTableModel::RawValueRole)
                           .toInt();
        const ReachResult expected = ReachabilityAnalyzer(*m_window->topologyModel()).evaluate(q);
        QCOMPARE(dialog->result()->blockingId, expected.blockingId);
        QCOMPARE(dialog->steps()->topLevelItemCount(), int(expected.steps.size()));
        // Evidence: the record's own connection (its source port 40001 too): one request of 1,000 bytes,
        // no reply.
        QCOMPARE(q.sourcePort, std::optional<int>(40001));
        QTRY_VERIFY(!dialog->isSearchingEvidence());
        QCOMPARE(dialog->evidenceText(),
            QStringLiteral("Flow logs: 1 request record (0 REJECT, 1000 bytes), 0 reply records: one-way, requests got "
                           "no replies"));
        dialog->close();
    }

    void compareSnapshots()
    {
        bool listed = false;
        for (QAction* menu : m_window->menuBar()->actions()) {
            for (QAction* a : menu->menu() ? menu->menu()->actions() : QList<QAction*>()) {
                listed |= a->text() == QStringLiteral("&Compare Topology Snapshots…");
            }
        }
        QVERIFY(listed);
        TopologyTools* tools = m_window->topologyTools();
        QString error;
        QVERIFY(!tools->compareFolders({}, QStringLiteral("/nonexistent/after"), {}, {}, false, &error));
        QVERIFY2(error.contains(QStringLiteral("/nonexistent/after")), qPrintable(error));
        // The window shows the broken lab; compared with the fixed one, each with its time range.
        QVERIFY(tools->compareFolders({}, kData + QStringLiteral("peering-lab-fixed"),
            std::make_pair<std::int64_t, std::int64_t>(1700000000, 1700000600),
            std::make_pair<std::int64_t, std::int64_t>(1700000600, 1700001200), false, &error));
        StageCompareView* view = tools->compareView();
        QVERIFY(view && view->isVisible());
        QTRY_VERIFY(view->comparison() != nullptr);
        QVERIFY(view->titleText(0).startsWith(QStringLiteral("Before: the topology shown")));
        QVERIFY(view->titleText(1).startsWith(QStringLiteral("After: peering-lab-fixed")));
        // Four records start before 1700000600, one after.
        QVERIFY2(view->summaryText(0).startsWith(QStringLiteral("4 records: 3 ACCEPT, 1 REJECT")),
            qPrintable(view->summaryText(0)));
        QVERIFY(view->summaryText(1).startsWith(QStringLiteral("1 record: 1 ACCEPT, 0 REJECT")));
        QCOMPARE(view->comparison()->routeChanges.size(), 3U);
        view->close();
    }

    void containFromTheTable()
    {
        // "Block 198.51.100.99 with Network ACL Rules…" on a table cell opens the containment dialog for
        // that address. Its flows, by hand from the five records: the scanner's REJECT to a1's public
        // address (60 bytes) and a1's reply (40 bytes out): 2 records, behind acl-a through eni-a1.
        QVERIFY(m_window->openTopology(kData + QStringLiteral("peering-lab-fixed")));
        QVERIFY(settle());
        const auto id = m_window->investigation()->store().findAddress(*Address::parse("198.51.100.99"));
        QVERIFY(id);
        Q_EMIT m_window->table()->containRequested(qint64(id->value));
        ContainmentDialog* dialog = m_window->topologyTools()->containmentDialog();
        QVERIFY(dialog && dialog->isVisible());
        QTRY_VERIFY(dialog->plan() && !dialog->isCounting());
        QCOMPARE(dialog->plan()->address, *Address::parse("198.51.100.99"));
        QCOMPARE(dialog->plan()->blockedRecords, 2U);
        QCOMPARE(dialog->plan()->blockedBytes, 100U);
        QCOMPARE(dialog->plan()->blockedBytesOut, 40U);
        // Filter to These Flows: the table shows those two records.
        QTest::mouseClick(dialog->filterButton(), Qt::LeftButton);
        QVERIFY(settle());
        QCOMPARE(m_window->tableModel()->rowCount(), 2);
        dialog->close();
        m_window->investigation()->resetFilter();
        QVERIFY(settle());
        // The statistics pane's endpoints ask the same way.
        Q_EMIT m_window->statisticsPane()->containRequested(qint64(id->value));
        QCOMPARE(m_window->topologyTools()->containmentDialog(), dialog);
        QVERIFY(dialog->isVisible());
        dialog->close();
    }

    void cleanupTestCase()
    {
        m_window.reset();
        QSettings().clear();
    }
};

QTEST_MAIN(TestTopologyTools)
#include "tst_topologytools.moc"
