#include "topologytools.h"

#include "containmentdialog.h"
#include "investigation/investigation.h"
#include "items/recordtablemodel.h"
#include "mainwindow.h"
#include "reachabilitydialog.h"
#include "recordtableview.h"
#include "stagecomparedialog.h"
#include "stagecompareview.h"
#include "topology/awsjsonloader.h"
#include "topology/recordflowquery.h"
#include "topologyview.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <set>

namespace flowlens {

TopologyTools::TopologyTools(MainWindow* window)
    : QObject(window)
    , m_window(window)
{
}

void TopologyTools::addActions(QMenu* menu)
{
    QAction* explain = menu->addAction(tr("&Explain Reachability…"), this, [this] { explainTyped(); });
    explain->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    explain->setStatusTip(tr("Why a flow can or cannot pass: routes, peering, network ACLs, security groups "
                             "(right-click a record for its flow)"));
    QAction* compare = menu->addAction(tr("&Compare Topology Snapshots…"), this, [this] { askCompare(); });
    compare->setStatusTip(tr("Two describe-* folders (before and after a change) side by side with their traffic"));
    QAction* save = menu->addAction(tr("Export &Topology Picture…"), this, [this] { exportTopology(); });
    save->setStatusTip(tr("Save the whole topology with its traffic as PNG, SVG or PDF"));
}

void TopologyTools::exportTopology()
{
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export the topology"),
        QDir::home().filePath(QStringLiteral("flowlens-topology.png")), tr("PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"));
    if (path.isEmpty()) {
        return;
    }
    const QString error = m_window->topologyView()->exportTo(path);
    if (!error.isEmpty()) {
        QMessageBox::warning(m_window, tr("Export failed"), error);
        return;
    }
    m_window->statusBar()->showMessage(tr("Topology saved to %1").arg(QDir::toNativeSeparators(path)));
}

ReachabilityDialog* TopologyTools::reachDialog()
{
    if (!m_reach) {
        m_reach = new ReachabilityDialog(m_window);
    }
    m_reach->setTopology(m_window->topologyModel());
    m_reach->setStore(m_window->investigation()->storePointer());
    m_reach->show();
    m_reach->raise();
    m_reach->activateWindow();
    return m_reach;
}

ReachabilityDialog* TopologyTools::reachabilityDialog() const
{
    return m_reach;
}

StageCompareView* TopologyTools::compareView() const
{
    return m_compare;
}

ReachabilityDialog* TopologyTools::explainRow(int row)
{
    const RecordTableModel* model = m_window->tableModel();
    if (row < 0 || row >= model->rowCount() || model->store() == nullptr) {
        return nullptr;
    }
    QString error;
    const auto query = flowQueryOfRecord(*model->store(), model->rowIdAt(row), &error);
    if (!query) {
        m_window->statusBar()->showMessage(tr("Cannot explain this record: %1").arg(error), 15000);
        return nullptr;
    }
    ReachabilityDialog* dialog = reachDialog();
    dialog->explain(*query);
    return dialog;
}

ContainmentDialog* TopologyTools::contain(const QString& address)
{
    if (!m_contain) {
        m_contain = new ContainmentDialog(m_window);
        connect(m_contain, &ContainmentDialog::filterRequested, this, &TopologyTools::filterRequested);
    }
    QStringList candidates;
    for (const TrafficOverlay::External& e : m_window->topologyView()->topologyScene()->busiestExternal()) {
        candidates << QString::fromStdString(e.address.toString());
    }
    m_contain->setTopology(m_window->topologyModel());
    m_contain->setStore(m_window->investigation()->storePointer());
    m_contain->setCandidates(candidates);
    if (!address.isEmpty()) {
        m_contain->contain(address);
    }
    m_contain->show();
    m_contain->raise();
    m_contain->activateWindow();
    return m_contain;
}

ContainmentDialog* TopologyTools::containmentDialog() const
{
    return m_contain;
}

ContainmentDialog* TopologyTools::containStoreAddress(qint64 address)
{
    if (address == kNull) {
        return nullptr;
    }
    return contain(QString::fromStdString(m_window->investigation()->store().address(AddressId(address)).toString()));
}

ReachabilityDialog* TopologyTools::explainTyped()
{
    return reachDialog();
}

StageCompareView* TopologyTools::showComparison(StageSnapshot before, StageSnapshot after)
{
    if (!m_compare) {
        m_compare = new StageCompareView(m_window);
        m_compare->setWindowFlag(Qt::Window);
        m_compare->setAttribute(Qt::WA_DeleteOnClose);
        m_compare->setWindowTitle(tr("Compare Topology Snapshots — FlowLens"));
        m_compare->resize(1500, 900);
    }
    m_compare->setStages(std::move(before), std::move(after));
    m_compare->show();
    m_compare->raise();
    return m_compare;
}

bool TopologyTools::compareFolders(const QString& before, const QString& after,
    std::optional<std::pair<std::int64_t, std::int64_t>> beforeRange,
    std::optional<std::pair<std::int64_t, std::int64_t>> afterRange, bool applyFilter, QString* error)
{
    std::array<StageSnapshot, 2> stages;
    const std::array<QString, 2> folders { before, after };
    for (std::size_t i = 0; i < 2; ++i) {
        if (folders[i].isEmpty()) {
            stages[i].topology = m_window->topologyModel();
            stages[i].title = (i == 0 ? tr("Before: ") : tr("After: ")) + tr("the topology shown");
        } else {
            TopologyLoadResult loaded = AwsJsonLoader::load(folders[i]);
            if (!loaded.ok()) {
                QStringList lines;
                for (const TopologyProblem& p : loaded.errors) {
                    lines.append(p.toString());
                }
                if (error) {
                    *error = lines.join(QLatin1Char('\n'));
                }
                return false;
            }
            stages[i].topology = std::make_shared<const Topology>(std::move(loaded.topology));
            stages[i].title = (i == 0 ? tr("Before: ") : tr("After: ")) + QFileInfo(folders[i]).fileName();
        }
        if (!stages[i].topology) {
            if (error) {
                *error = tr("No topology is shown: open one with File ▸ Open Topology, or choose a folder");
            }
            return false;
        }
        stages[i].store = m_window->investigation()->storePointer();
        stages[i].timeRange = i == 0 ? beforeRange : afterRange;
        if (applyFilter) {
            stages[i].filter = m_window->investigation()->filter();
        }
    }
    showComparison(std::move(stages[0]), std::move(stages[1]));
    return true;
}

void TopologyTools::askCompare()
{
    const auto result = m_window->investigation()->result();
    std::optional<std::pair<std::int64_t, std::int64_t>> span;
    if (result && result->firstStart && result->lastEnd) {
        span = std::make_pair(*result->firstStart, *result->lastEnd + 1);
    }
    StageCompareDialog dialog(m_window->topologyModel() != nullptr, span, m_window);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    QString error;
    if (!compareFolders(dialog.side(0).folder, dialog.side(1).folder, dialog.side(0).timeRange,
            dialog.side(1).timeRange, dialog.applyFilter(), &error)) {
        QMessageBox::warning(m_window, tr("Cannot compare"), error);
    }
}

void TopologyTools::highlightSelection()
{
    const RecordTableModel* model = m_window->tableModel();
    TopologyView* view = m_window->topologyView();
    if (model->store() == nullptr || view->topologyScene()->topology() == nullptr) {
        return;
    }
    const FlowStore& store = *model->store();
    std::vector<std::pair<Address, Address>> flows;
    // Range by range, not selectedRows(): a select-all of millions of rows lists no indexes here.
    const QItemSelection selection = m_window->table()->selectionModel()->selection();
    std::set<int> seen; // a row selected in several columns' ranges counts once
    for (const QItemSelectionRange& range : selection) {
        for (int row = range.top(); row <= range.bottom() && seen.size() < std::size_t(kMaxHighlightedRows); ++row) {
            if (!seen.insert(row).second) {
                continue;
            }
            const std::int64_t src = model->valueAt(row, FieldId::SrcAddr);
            const std::int64_t dst = model->valueAt(row, FieldId::DstAddr);
            if (src != kNull && dst != kNull) {
                flows.emplace_back(store.address(AddressId(src)), store.address(AddressId(dst)));
            }
        }
    }
    view->highlightFlows(flows);
}

} // namespace flowlens
