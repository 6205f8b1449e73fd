// The MainWindow's walkthrough part: the panel's dock, the Help ▸ Walkthroughs menu, the first-start
// lab, and the WalkthroughHost methods through which Show me acts on the window.
#include "filterbar.h"
#include "investigation/investigation.h"
#include "investigation/querypredicate.h"
#include "labreport.h"
#include "mainwindow.h"
#include "recordtableview.h"
#include "rejectpane.h"
#include "stagecompareview.h"
#include "statisticspane.h"
#include "timelineview.h"
#include "topology/awsjsonloader.h"
#include "topology/stagecomparison.h"
#include "topology/topologydiff.h"
#include "topologypane.h"
#include "topologytools.h"
#include "topologyview.h"
#include "walkthrough/labmanifest.h"
#include "walkthrough/walkthroughlibrary.h"
#include "walkthrough/walkthroughsession.h"
#include "walkthroughpanel.h"

#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSet>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QUrl>

namespace flowlens {

namespace {
const QString kStartWalkthrough = QStringLiteral(":/flowlens/walkthroughs/peering-lab.json");
} // namespace

void MainWindow::createWalkthroughDock()
{
    m_walkthrough = new WalkthroughPanel(this, this);
    m_walkthroughDock = new QDockWidget(tr("Walkthrough"), this);
    m_walkthroughDock->setObjectName(QStringLiteral("walkthroughDock"));
    m_walkthroughDock->setWidget(m_walkthrough);
    // A tab beside Facets and Sources: the full height of the left column for the steps' text, and
    // the REJECT pane, which steps point at, stays in view on the right.
    addDockWidget(Qt::LeftDockWidgetArea, m_walkthroughDock);
    if (auto* facets = findChild<QDockWidget*>(QStringLiteral("facetsDock"))) {
        tabifyDockWidget(facets, m_walkthroughDock);
        facets->raise();
    }
    m_walkthrough->setMinimumWidth(340);
    m_walkthroughDock->hide(); // until a walkthrough opens; a saved window state may show it

    connect(m_investigation, &Investigation::resultReady, m_walkthrough, &WalkthroughPanel::setResult);
    connect(m_walkthrough, &WalkthroughPanel::compareRequested, this, &MainWindow::showStageComparison);
    connect(m_walkthrough, &WalkthroughPanel::reportRequested, this, &MainWindow::exportLabReport);
    connect(m_walkthrough, &WalkthroughPanel::walkthroughOpened, this, [this] { m_reportCaptures.clear(); });
    connect(m_walkthrough, &WalkthroughPanel::stepDone, this, &MainWindow::captureStepForReport);
    connect(m_walkthrough, &WalkthroughPanel::showMeFinished, this, [this](bool ok, const QString& error) {
        if (!ok) {
            statusBar()->showMessage(tr("Show me stopped: %1").arg(error), 15000);
        }
    });
}

void MainWindow::createWalkthroughMenu(QMenu* help)
{
    m_walkthroughMenu = help->addMenu(tr("&Walkthroughs"));
    m_walkthroughMenu->setToolTipsVisible(true);
    connect(m_walkthroughMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildWalkthroughMenu);
    rebuildWalkthroughMenu();
    help->addSeparator();
}

void MainWindow::rebuildWalkthroughMenu()
{
    m_walkthroughMenu->clear();
    for (const WalkthroughEntry& entry : WalkthroughLibrary::list()) {
        QAction* action
            = m_walkthroughMenu->addAction(entry.title, this, [this, path = entry.path] { openWalkthrough(path); });
        action->setEnabled(entry.error.isEmpty());
        action->setToolTip(entry.error.isEmpty() ? QDir::toNativeSeparators(entry.path) : entry.error);
    }
    m_walkthroughMenu->addSeparator();
    m_walkthroughMenu->addAction(tr("Open Walkthrough &File…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open a walkthrough script"), WalkthroughLibrary::userFolder(), tr("Walkthroughs (*.json)"));
        if (!path.isEmpty()) {
            openWalkthrough(path);
        }
    });
    QAction* folder = m_walkthroughMenu->addAction(tr("Show Your Walkthroughs &Folder"), this, [] {
        QDir().mkpath(WalkthroughLibrary::userFolder());
        QDesktopServices::openUrl(QUrl::fromLocalFile(WalkthroughLibrary::userFolder()));
    });
    folder->setToolTip(tr("Scripts dropped here are listed above: %1")
                           .arg(QDir::toNativeSeparators(WalkthroughLibrary::userFolder())));
}

bool MainWindow::openWalkthrough(const QString& path)
{
    QString error;
    if (!m_walkthrough->openWalkthrough(path, error)) {
        auto* box
            = new QMessageBox(QMessageBox::Warning, tr("Walkthrough not opened"), error, QMessageBox::Close, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        return false;
    }
    showWalkthroughDock();
    return true;
}

void MainWindow::showWalkthroughDock()
{
    if (!m_walkthroughDock->isVisible()) {
        m_walkthroughDock->show();
        resizeDocks({ m_walkthroughDock }, { 400 }, Qt::Horizontal);
    }
    m_walkthroughDock->raise();
}

bool MainWindow::openStartLab()
{
    // The peering lab's data (resources/labs/peering-lab) comes from its own branch; until it is
    // bundled the walkthrough cannot open its lab and openAtStart falls back to the plain sample.
    if (!QFile::exists(kStartWalkthrough)) {
        return false;
    }
    QString error;
    if (!m_walkthrough->openWalkthrough(kStartWalkthrough, error)) {
        qInfo("First start without the peering lab: %s", qPrintable(error));
        return false;
    }
    showWalkthroughDock();
    m_walkthrough->goToStep(0);
    m_walkthrough->showMe(); // step 1 opens the lab's flow logs and its first topology
    return true;
}

void MainWindow::showStageComparison(const LabStage& before, const LabStage& after)
{
    auto snapshot = [this](const LabStage& stage, StageSnapshot& out) {
        const TopologyLoadResult loaded = AwsJsonLoader::load(stage.topology);
        if (!loaded.ok()) {
            statusBar()->showMessage(
                tr("The topology of stage \"%1\" does not load: %2").arg(stage.id, loaded.errors.front().toString()),
                15000);
            return false;
        }
        out.title = stage.title.isEmpty() ? stage.id : stage.title;
        out.topology = std::make_shared<const Topology>(loaded.topology);
        out.store = m_investigation->storePointer();
        out.timeRange = std::make_pair(stage.start, stage.end);
        return true;
    };
    StageSnapshot a;
    StageSnapshot b;
    if (!snapshot(before, a) || !snapshot(after, b)) {
        return;
    }
    StageCompareView* view = m_topologyTools->showComparison(a, b);
    // The report keeps the picture of the comparison in the step that asked for it.
    const int step = m_walkthrough->session() ? m_walkthrough->session()->current() : -1;
    if (step >= 0) {
        // Once per comparison asked for (the view is reused; Qt 6.4's single-shot connections free
        // the functor while it runs, so a flag instead).
        auto taken = std::make_shared<bool>(false);
        const QString title = a.title + QStringLiteral(" → ") + b.title;
        connect(view, &StageCompareView::comparisonReady, this, [this, view, step, title, taken] {
            if (*taken) {
                return;
            }
            *taken = true;
            m_reportCaptures[step].images.push_back({ view->toImage(), tr("Compare: %1").arg(title) });
        });
    }
}

void MainWindow::captureStepForReport(int step)
{
    // What the learner had on screen when the step became done: the filter, the timeline and (when
    // it shows anything) the topology, for the lab report.
    ReportCapture& capture = m_reportCaptures[step];
    if (capture.captured) {
        return;
    }
    capture.captured = true;
    const QString query = m_investigation->filter().toQuery();
    if (!query.isEmpty()) {
        capture.queries.append(query);
    }
    capture.images.push_back(
        { m_timeline->grab().toImage(), tr("Timeline: %1").arg(m_investigation->filter().describe()) });
    if (m_topologyPane->topology() && m_topologyPane->dock()->isVisible()) {
        capture.images.push_back({ m_topologyPane->view()->grab().toImage(), m_topologyPane->dock()->windowTitle() });
    }
}

void MainWindow::exportLabReport()
{
    const WalkthroughSession* session = m_walkthrough->session();
    if (!session) {
        statusBar()->showMessage(tr("Open a walkthrough first (Help ▸ Walkthroughs)."), 10000);
        return;
    }
    const QString suggested
        = QDir(QDir::homePath()).filePath(session->walkthrough().id + QStringLiteral("-report.pdf"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Lab Report"), suggested, tr("PDF (*.pdf)"));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!writeLabReport(labReport(), path, &error)) {
        QMessageBox::warning(this, tr("Export Lab Report"), error);
        return;
    }
    statusBar()->showMessage(tr("Lab report saved to %1").arg(QDir::toNativeSeparators(path)));
}

LabReport MainWindow::labReport() const
{
    LabReport report;
    const WalkthroughSession* session = m_walkthrough->session();
    if (!session) {
        return report;
    }
    report.title = session->walkthrough().title;
    report.lab = m_walkthrough->lab() ? m_walkthrough->lab()->title : QString();
    report.finished = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < session->stepCount(); ++i) {
        const WalkthroughStep& step = session->step(i);
        LabReportStep out;
        out.title = step.title;
        out.text = step.text;
        out.done = session->isDone(i);
        if (auto it = m_reportCaptures.find(i); it != m_reportCaptures.end()) {
            out.queries = it->second.queries;
            out.images = it->second.images;
        }
        report.steps.push_back(std::move(out));
    }
    return report;
}

// --- WalkthroughHost

bool MainWindow::openLab(const LabManifest& lab, QString& error)
{
    const QStringList opened = m_investigation->openedPaths();
    if (!opened.isEmpty()
        && QSet<QString>(opened.begin(), opened.end()) == QSet<QString>(lab.flowLogs.begin(), lab.flowLogs.end())) {
        return true; // already open: keep the learner's filter history
    }
    for (const QString& path : lab.flowLogs) {
        if (!QFileInfo::exists(path)) {
            error = tr("The lab's flow log %1 is missing.").arg(QDir::toNativeSeparators(path));
            return false;
        }
    }
    m_investigation->clear();
    m_topologyPane->forgetLoadedTopology(); // the lab's stage topology replaces what was shown
    openPaths(lab.flowLogs);
    statusBar()->showMessage(tr("Opening the lab: %1").arg(lab.title));
    return true;
}

bool MainWindow::showTopologyStage(const LabStage& stage, QString& error)
{
    if (!openTopology(stage.topology)) {
        error = tr("The topology of stage \"%1\" does not load (see the status bar).").arg(stage.id);
        return false;
    }
    m_topologyPane->dock()->setWindowTitle(tr("Topology — %1").arg(stage.title.isEmpty() ? stage.id : stage.title));
    return true;
}

bool MainWindow::applyFilterExpression(const QString& expression, QString& error)
{
    auto predicate = QueryPredicate::compile(m_investigation->storePointer(), expression, error);
    if (!predicate) {
        return false;
    }
    FilterState next;
    if (const auto range = m_investigation->filter().timeRange()) {
        next.clauses.push_back(FilterClause::timeRange(range->first, range->second));
    }
    next.predicate = std::move(predicate);
    m_filterBar->expressionEdit()->setText(expression);
    m_investigation->setFilter(next);
    return true;
}

void MainWindow::resetFilter()
{
    m_filterBar->expressionEdit()->clear();
    m_investigation->resetFilter();
}

void MainWindow::setTimeRange(std::int64_t from, std::int64_t to)
{
    m_investigation->addClause(FilterClause::timeRange(from, to));
}

void MainWindow::setActionOnly(const QString& choice)
{
    const auto value = choice == QLatin1String("REJECT") ? RejectPane::ActionChoice::RejectOnly
        : choice == QLatin1String("ACCEPT")              ? RejectPane::ActionChoice::AcceptOnly
                                                         : RejectPane::ActionChoice::All;
    Q_EMIT m_reject->actionChosen(value);
}

void MainWindow::showPane(WalkthroughPane pane)
{
    auto raise = [this](const char* name) {
        if (auto* dock = findChild<QDockWidget*>(QString::fromLatin1(name))) {
            dock->show();
            dock->raise();
        }
    };
    auto statistics = [&](StatisticsPane::Tab tab) {
        raise("statisticsDock");
        m_statistics->tabs()->setCurrentIndex(tab);
    };
    switch (pane) {
    case WalkthroughPane::Table:
        m_table->setFocus();
        break;
    case WalkthroughPane::Timeline:
        m_timeline->setFocus();
        break;
    case WalkthroughPane::Topology:
        raise("topologyDock");
        break;
    case WalkthroughPane::Statistics:
        raise("statisticsDock");
        break;
    case WalkthroughPane::TopTalkers:
        statistics(StatisticsPane::TopTalkersTab);
        break;
    case WalkthroughPane::Conversations:
        statistics(StatisticsPane::ConversationsTab);
        break;
    case WalkthroughPane::Endpoints:
        statistics(StatisticsPane::EndpointsTab);
        break;
    case WalkthroughPane::Findings:
        statistics(StatisticsPane::FindingsTab);
        break;
    case WalkthroughPane::Reject:
        raise("rejectDock");
        break;
    case WalkthroughPane::Facets:
        raise("facetsDock");
        break;
    case WalkthroughPane::Sources:
        raise("sourcesDock");
        break;
    }
}

bool MainWindow::highlightTopologyElement(const QString& id)
{
    return m_topologyPane->highlightElement(id);
}

void MainWindow::whenLoaded(std::function<void()> continuation)
{
    if (!m_investigation->isLoading()) {
        continuation();
        return;
    }
    // After the load's own handlers, and again if another queued load starts right after it.
    auto* context = new QObject(this);
    connect(m_investigation, &Investigation::loadFinished, context, [this, context, continuation] {
        context->deleteLater();
        QTimer::singleShot(0, this, [this, continuation] { whenLoaded(continuation); });
    });
}

std::shared_ptr<const InvestigationResult> MainWindow::currentResult() const
{
    return m_investigation->result();
}

} // namespace flowlens
