#include "mainwindow.h"

#include "chartexportdialog.h"
#include "cloudwatchactions.h"
#include "facetspane.h"
#include "filterbar.h"
#include "ingest/loadjob.h"
#include "investigation/investigation.h"
#include "investigation/querypredicate.h"
#include "investigationdocument.h"
#include "items/plaintable.h"
#include "items/querytable.h"
#include "items/recordtablemodel.h"
#include "loadprogresswidget.h"
#include "queryresultpane.h"
#include "recordtableview.h"
#include "rejectpane.h"
#include "sourcespane.h"
#include "statisticspane.h"
#include "timelineview.h"
#include "topologypane.h"
#include "topologytools.h"
#include "topologyview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace flowlens {

namespace {
constexpr int kMaxRecent = 10;
const QString kSample = QStringLiteral(":/flowlens/sample/flowlens-sample.log.gz");
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_investigation(new Investigation(this))
    , m_filterBar(new FilterBar(this))
    , m_timeline(new TimelineView(this))
    , m_model(new RecordTableModel(this))
    , m_table(new RecordTableView(this))
    , m_reject(new RejectPane(this))
    , m_facets(new FacetsPane(this))
    , m_statistics(new StatisticsPane(this))
    , m_sources(new SourcesPane(this))
    , m_progress(new LoadProgressWidget(this))
    , m_count(new QLabel(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    setWindowTitle(tr("FlowLens"));
    setAcceptDrops(true);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
    m_table->setRecordModel(m_model);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_filterBar);
    m_splitter->addWidget(m_timeline);
    m_splitter->addWidget(m_table);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_count);
    m_count->setToolTip(tr("Records shown by the current filter, of all records loaded"));
    m_topologyTools = new TopologyTools(this);
    createDocks();
    createWalkthroughDock();
    createQueryPane();
    createActions();
    connectPanes();
    connectTopologyTools();
    connectQueryBar();
    readSettings();
    m_sources->setStore(m_investigation->storePointer());
    updateRecordCount();
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    auto dock = [this](QWidget* pane, const QString& title, const QString& name, Qt::DockWidgetArea area) {
        auto* d = new QDockWidget(title, this);
        d->setObjectName(name); // saveState() needs it
        d->setWidget(pane);
        d->toggleViewAction()->setStatusTip(tr("Show or hide the %1 pane").arg(title));
        addDockWidget(area, d);
        return d;
    };
    QDockWidget* sources = dock(m_sources, tr("Sources"), QStringLiteral("sourcesDock"), Qt::LeftDockWidgetArea);
    QDockWidget* facets = dock(m_facets, tr("Facets"), QStringLiteral("facetsDock"), Qt::LeftDockWidgetArea);
    tabifyDockWidget(sources, facets);
    facets->raise();
    QDockWidget* reject = dock(m_reject, tr("REJECT traffic"), QStringLiteral("rejectDock"), Qt::RightDockWidgetArea);
    QDockWidget* statistics
        = dock(m_statistics, tr("Statistics"), QStringLiteral("statisticsDock"), Qt::BottomDockWidgetArea);
    // isVisible() stays true for a dock tabbed behind another: what is on screen is what this says.
    connect(statistics, &QDockWidget::visibilityChanged, m_statistics, &StatisticsPane::setOnScreen);
    m_topologyPane = new TopologyPane(this, m_investigation);
    tabifyDockWidget(statistics, m_topologyPane->dock());
    statistics->raise();
    // First-run sizes; saved window state replaces them.
    resizeDocks({ sources, facets, reject }, { 270, 270, 320 }, Qt::Horizontal);
    resizeDocks({ statistics }, { 240 }, Qt::Vertical);
    m_timeline->setMinimumHeight(220);
    m_facets->setMinimumWidth(240);
    m_sources->setMinimumWidth(240);
    m_splitter->setSizes({ 300, 400 });
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    auto add = [](QMenu* menu, const QString& text, const QKeySequence& key, const QString& tip, auto slot,
                   QObject* context) {
        QAction* a = menu->addAction(text);
        a->setShortcut(key);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        QObject::connect(a, &QAction::triggered, context, slot);
        return a;
    };
    add(
        file, tr("&Open Files…"), QKeySequence::Open, tr("Add flow-log files: plain, .gz, CloudWatch JSON"),
        [this] {
            openPaths(QFileDialog::getOpenFileNames(this, tr("Open flow logs"), QString(),
                tr("Flow logs (*.log *.gz *.txt *.json *.jsonl);;All files (*)")));
        },
        this);
    add(
        file, tr("Open &Folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
        tr("Add every flow-log file below a folder, such as an S3 AWSLogs/ tree"),
        [this] {
            const QString path = QFileDialog::getExistingDirectory(this, tr("Open a folder of flow logs"));
            if (!path.isEmpty()) {
                openPaths({ path });
            }
        },
        this);
    m_topologyPane->addOpenAction(file);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    add(
        file, tr("Open &Sample"), {}, tr("Open the bundled sample flow logs"), [this] { openBundledSample(); }, this);
    add(
        file, tr("&New Investigation"), QKeySequence::New, tr("Close every source and start empty"),
        [this] { m_investigation->clear(); }, this);
    createInvestigationActions(file);
    file->addSeparator();
    add(
        file, tr("Export &Chart…"), QKeySequence(Qt::CTRL | Qt::Key_E),
        tr("Save the timeline as PNG, SVG or PDF with the filter and time range"), [this] { exportChart(); }, this);
    add(
        file, tr("Export &Records…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
        tr("Save the filtered records (visible columns) as CSV or JSON"), [this] { exportRecords(); }, this);
    add(
        file, tr("Export S&tatistics Table…"), {}, tr("Save the statistics tab shown as CSV or JSON"),
        [this] { exportStatistics(); }, this);
    file->addSeparator();
    add(
        file, tr("&Quit"), QKeySequence::Quit, tr("Quit FlowLens"), [this] { close(); }, this);

    QMenu* filter = menuBar()->addMenu(tr("F&ilter"));
    add(
        filter, tr("&Focus Filter Bar"), QKeySequence::Find, tr("Type a filter expression"),
        [this] { m_filterBar->focusExpression(); }, this);
    m_back = add(
        filter, tr("&Back"), QKeySequence(Qt::ALT | Qt::Key_Left), tr("Previous filter"),
        [this] { m_investigation->back(); }, this);
    m_forward = add(
        filter, tr("&Forward"), QKeySequence(Qt::ALT | Qt::Key_Right), tr("Next filter"),
        [this] { m_investigation->forward(); }, this);
    add(
        filter, tr("&Reset Filter"), QKeySequence(Qt::CTRL | Qt::Key_R), tr("Show all records"),
        [this] { m_investigation->resetFilter(); }, this);
    add(
        filter, tr("Re&fresh"), QKeySequence::Refresh, tr("Compute the panes again (F5)"),
        [this] { m_investigation->refresh(); }, this);
    filter->addSeparator();
    add(
        filter, tr("REJECT &Only"), QKeySequence(Qt::CTRL | Qt::Key_J), tr("Show only rejected records"),
        [this] { Q_EMIT m_reject->actionChosen(RejectPane::ActionChoice::RejectOnly); }, this);

    createCloudWatchActions(file, filter);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    auto toggle = [this](const QString& text, const QString& tip) {
        QAction* a = m_viewMenu->addAction(text);
        a->setCheckable(true);
        a->setToolTip(tip);
        a->setStatusTip(tip);
        connect(a, &QAction::toggled, this, &MainWindow::updateDisplayOptions);
        return a;
    };
    m_localTime = toggle(tr("&Local Time"), tr("Show times in the local time zone instead of UTC"));
    m_localTime->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_protocolNames = toggle(tr("&Protocol Names"), tr("Show TCP/UDP/ICMP instead of protocol numbers"));
    m_byteUnits = toggle(tr("&Byte Units"), tr("Show 1.5 KiB instead of 1536"));
    m_viewMenu->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        QAction* toggle = dock->toggleViewAction();
        if (toggle->statusTip().isEmpty()) { // the docks made outside createDocks()
            toggle->setStatusTip(tr("Show or hide the %1 pane").arg(dock->windowTitle()));
        }
        m_viewMenu->addAction(toggle);
    }
    m_viewMenu->addSeparator();
    m_topologyTools->addActions(m_viewMenu);

    createHelpMenu();
}

void MainWindow::createCloudWatchActions(QMenu* file, QMenu* query)
{
    m_cloudWatch = new CloudWatchActions(this, AwsEnvironment::fromSystem());
    m_cloudWatch->addActions(file, m_recentMenu->menuAction(), query);
}

void MainWindow::showQueryResultTable(const PlainTable& table, const QString& title, const QString& summary)
{
    // Logs Insights answers go to the same Query Result pane as the local engine's.
    QueryTable shown;
    shown.query = title;
    shown.columns = table.columns;
    shown.rows = table.rows;
    shown.note = summary;
    m_queryPane->setTable(std::move(shown));
    m_queryDock->show();
    m_queryDock->raise();
}

void MainWindow::connectPanes()
{
    Investigation* inv = m_investigation;
    connect(inv, &Investigation::resultReady, this, &MainWindow::showResult);
    connect(inv, &Investigation::filterChanged, this, [this] {
        m_filterBar->setFilter(
            m_investigation->filter(), m_investigation->canGoBack(), m_investigation->canGoForward());
        m_back->setEnabled(m_investigation->canGoBack());
        m_forward->setEnabled(m_investigation->canGoForward());
    });
    connect(inv, &Investigation::computingChanged, m_filterBar, &FilterBar::setBusy);
    connect(inv, &Investigation::loadProgress, m_progress, &LoadProgressWidget::showProgress);
    connect(inv, &Investigation::loadFinished, this, &MainWindow::onLoadFinished);
    connect(inv, &Investigation::rowsAppendedAfterLoad, m_topologyPane, &TopologyPane::rowsAppendedAfterLoad);
    connect(inv, &Investigation::loadStarted, this, [this](const QStringList& paths) {
        statusBar()->showMessage(tr("Opening %1…").arg(paths.join(QStringLiteral(", "))));
        addRecent(paths);
    });
    connect(inv, &Investigation::sourcesChanged, m_sources, &SourcesPane::refresh);
    connect(inv, &Investigation::cleared, this, [this] {
        m_model->clear();
        m_sources->setStore(m_investigation->storePointer());
        m_shown.reset();
        m_panesResult.reset();
        m_topologyPane->setResult(nullptr);
    });
    connect(m_progress, &LoadProgressWidget::cancelRequested, inv, &Investigation::cancelLoad);
    connect(m_sources, &SourcesPane::addSourcesRequested, this, [this] {
        openPaths(QFileDialog::getOpenFileNames(
            this, tr("Add flow logs"), QString(), tr("Flow logs (*.log *.gz *.txt *.json *.jsonl);;All files (*)")));
    });

    // Filter requests from every pane go to the investigation.
    auto addClause = [inv](const FilterClause& clause) { inv->addClause(clause); };
    connect(m_table, &RecordTableView::filterRequested, inv, addClause);
    connect(m_timeline, &TimelineView::filterRequested, inv, addClause);
    connect(m_reject, &RejectPane::filterRequested, inv, addClause);
    connect(m_facets, &FacetsPane::filterRequested, inv, addClause);
    connect(m_statistics, &StatisticsPane::filterRequested, inv, addClause);
    // The statistics are computed for the tab on screen (the others when shown).
    connect(m_statistics, &StatisticsPane::statisticsWanted, inv, &Investigation::setWantedStatistics);
    const StatisticsPane::Wanted wanted = m_statistics->wantedStatistics();
    inv->setWantedStatistics(wanted.endpoints, wanted.conversations);
    connect(m_table, &RecordTableView::endpointRequested, m_statistics, &StatisticsPane::showEndpoint);
    connect(m_reject, &RejectPane::endpointRequested, m_statistics, &StatisticsPane::showEndpoint);
    connect(m_facets, &FacetsPane::endpointRequested, m_statistics, &StatisticsPane::showEndpoint);
    connect(m_reject, &RejectPane::actionChosen, this, [this](RejectPane::ActionChoice choice) {
        FilterState next = m_investigation->filter()
                               .withoutKind(FilterClause::Kind::Equals, FieldId::Action)
                               .withoutKind(FilterClause::Kind::NotEquals, FieldId::Action);
        const FlowStore& store = m_investigation->store();
        if (choice != RejectPane::ActionChoice::All) {
            const auto id = store.dictionary(FieldId::Action)
                                .find(choice == RejectPane::ActionChoice::RejectOnly ? "REJECT" : "ACCEPT");
            next = next.with(FilterClause::equals(store, FieldId::Action, id ? id->value : kNull));
        }
        m_investigation->setFilter(next);
    });
    connect(m_timeline, &TimelineView::timeFilterCleared, this,
        [this] { m_investigation->setFilter(m_investigation->filter().withoutKind(FilterClause::Kind::TimeRange)); });
    connect(m_timeline, &TimelineView::histogramOptionsChanged, inv, &Investigation::setHistogramOptions);
    connect(m_timeline, &TimelineView::exportRequested, this, &MainWindow::exportChart);
    connect(m_statistics, &StatisticsPane::exportRequested, this, &MainWindow::exportStatistics);
    connect(m_filterBar, &FilterBar::backRequested, inv, &Investigation::back);
    connect(m_filterBar, &FilterBar::forwardRequested, inv, &Investigation::forward);
    connect(m_filterBar, &FilterBar::resetRequested, inv, &Investigation::resetFilter);
    connect(m_filterBar, &FilterBar::removeClauseRequested, this, [inv](int index) {
        if (index < 0) {
            FilterState next = inv->filter();
            next.predicate.reset();
            inv->setFilter(next);
        } else {
            inv->removeClause(static_cast<std::size_t>(index));
        }
    });
    connect(m_topologyPane, &TopologyPane::filterRequested, m_filterBar,
        qOverload<const QString&>(&FilterBar::applyExpression));
    connect(m_topologyPane, &TopologyPane::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(m_statistics, &StatisticsPane::expressionRequested, m_filterBar,
        qOverload<const QString&>(&FilterBar::applyExpression));
    connect(m_filterBar, &FilterBar::expressionApplied, this, [this, inv](const QString& expression) {
        QString error;
        auto predicate = QueryPredicate::compile(inv->storePointer(), expression, error);
        if (!predicate) {
            m_filterBar->showExpressionError(error);
            return;
        }
        FilterState next = inv->filter();
        next.predicate = std::move(predicate);
        inv->setFilter(next);
    });
    connect(m_model, &RecordTableModel::sortingChanged, this, &MainWindow::updateRecordCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateRecordCount);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateRecordCount);
}

void MainWindow::showResult(std::shared_ptr<const InvestigationResult> result)
{
    if (m_shown && m_shown->generation == result->generation && m_shown->store == result->store) {
        // The result shown, now with its findings: only the statistics pane lists them.
        const bool statisticsWait = m_panesResult && m_nextPane <= 2;
        if (m_panesResult == m_shown) {
            m_panesResult = result;
        }
        if (!statisticsWait) {
            m_statistics->setResult(result);
        }
        m_shown = std::move(result);
        return;
    }
    // During a load with the same filter, the new rows continue the ones shown.
    const bool extends = m_shown && m_shown->store == result->store && m_shown->filter == result->filter
        && result->rows->size() >= m_shown->rows->size();
    m_model->setRows(result->store, result->selection.snapshot(), result->rows, extends, result->loading);
    m_timeline->setResult(result);
    m_shown = std::move(result);
    updateRecordCount();
    const bool waiting = m_panesResult != nullptr;
    m_panesResult = m_shown;
    m_nextPane = 0;
    if (m_shown->loading) {
        if (!waiting) {
            QTimer::singleShot(0, this, &MainWindow::showNextPane);
        }
        return;
    }
    while (m_panesResult) { // the last result of a load, or of a filter: every pane now
        showNextPane();
    }
}

void MainWindow::showNextPane()
{
    if (!m_panesResult) {
        return;
    }
    switch (m_nextPane++) {
    case 0:
        m_reject->setResult(m_panesResult);
        break;
    case 1:
        m_facets->setResult(m_panesResult);
        break;
    case 2:
        m_statistics->setResult(m_panesResult);
        break;
    default:
        m_topologyPane->setResult(m_panesResult);
        m_panesResult.reset();
        return;
    }
    if (m_panesResult->loading) {
        QTimer::singleShot(0, this, &MainWindow::showNextPane);
    }
}

QString MainWindow::recordCountText() const
{
    return m_count->text();
}

void MainWindow::updateRecordCount()
{
    const QLocale locale;
    const qulonglong total = m_shown ? m_shown->totalRecords : 0;
    QString text = tr("%1 of %2 records").arg(locale.toString(qulonglong(m_model->rowCount())), locale.toString(total));
    if (m_model->isSorting()) {
        text += tr(" (sorting…)");
    }
    m_count->setText(text);
}

void MainWindow::updateDisplayOptions()
{
    DisplayOptions options;
    options.localTime = m_localTime->isChecked();
    options.protocolNames = m_protocolNames->isChecked();
    options.byteUnits = m_byteUnits->isChecked();
    m_model->setDisplayOptions(options);
    m_timeline->setLocalTime(options.localTime);
    m_statistics->setLocalTime(options.localTime);
}

void MainWindow::openPaths(const QStringList& paths)
{
    QStringList data;
    for (const QString& path : paths) {
        if (path.endsWith(QStringLiteral(".flowlens"), Qt::CaseInsensitive)) {
            openInvestigation(path);
        } else {
            data.append(path);
        }
    }
    if (!data.isEmpty()) {
        m_investigation->open(data);
    }
}

bool MainWindow::openBundledSample()
{
    // The loader reads real files, so the sample is copied out of the resources first: into this
    // user's cache folder, not a shared /tmp where another user's copy could be in the way.
    if (!QFile::exists(kSample)) {
        statusBar()->showMessage(
            tr("The bundled sample is not part of this build. Open flow logs with File ▸ Open (Ctrl+O)."));
        return false;
    }
    QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (folder.isEmpty() || !QDir().mkpath(folder)) {
        folder = QDir::tempPath();
    }
    const QString target = QDir(folder).filePath(QStringLiteral("flowlens-sample.log.gz"));
    QFile::remove(target);
    if (!QFile::copy(kSample, target)) {
        statusBar()->showMessage(tr("Cannot copy the bundled sample to %1").arg(QDir::toNativeSeparators(target)));
        return false;
    }
    // A copy from the resources is read-only; make it the user's to replace next time.
    QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    m_samplePath = target;
    openPaths({ target });
    statusBar()->showMessage(tr("Opened the bundled sample: synthetic flow logs of two peered VPCs"));
    return true;
}

void MainWindow::openAtStart(const QStringList& arguments)
{
    if (!arguments.isEmpty()) {
        openPaths(arguments);
        return;
    }
    if (QSettings().value(QStringLiteral("recentFiles")).toStringList().isEmpty()) {
        // The peering lab with its walkthrough; should its resources be missing, the plain sample.
        if (!openStartLab()) {
            openBundledSample();
        }
    } else {
        statusBar()->showMessage(tr("Open flow logs with File ▸ Open (Ctrl+O) or File ▸ Open Recent"));
    }
}

TopologyView* MainWindow::topologyView() const
{
    return m_topologyPane->view();
}

std::shared_ptr<const Topology> MainWindow::topologyModel() const
{
    return m_topologyPane->topology();
}

bool MainWindow::isComputingOverlay() const
{
    return m_topologyPane->isComputingOverlay();
}

bool MainWindow::openTopology(const QString& path)
{
    return m_topologyPane->open(path);
}

void MainWindow::showTopology(std::shared_ptr<const Topology> topology, const QString& message)
{
    m_topologyPane->show(std::move(topology), message);
}

void MainWindow::connectTopologyTools()
{
    connect(m_table, &RecordTableView::explainRequested, m_topologyTools, &TopologyTools::explainRow);
    connect(m_table, &RecordTableView::containRequested, m_topologyTools, &TopologyTools::containStoreAddress);
    connect(m_statistics, &StatisticsPane::containRequested, m_topologyTools, &TopologyTools::containStoreAddress);
    connect(topologyView(), &TopologyView::containRequested, m_topologyTools, &TopologyTools::contain);
    connect(m_topologyTools, &TopologyTools::filterRequested, m_filterBar,
        qOverload<const QString&>(&FilterBar::applyExpression));
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, m_topologyTools,
        &TopologyTools::highlightSelection);
    connect(m_model, &QAbstractItemModel::modelReset, m_topologyTools, &TopologyTools::highlightSelection);
}

void MainWindow::onLoadFinished(const LoadReport& report)
{
    m_topologyPane->loadFinished();
    m_progress->showFinished();
    QStringList problems = report.problems;
    for (SourceId id : report.sources) {
        const SourceInfo info = m_investigation->store().source(id);
        if (!info.error.isEmpty()) {
            problems.append(QDir::toNativeSeparators(info.path) + QStringLiteral(": ") + info.error);
        }
    }
    const QLocale locale;
    QString message = (report.sources.size() == 1 ? tr("Loaded %1 records from %2 file in %3 s")
                                                  : tr("Loaded %1 records from %2 files in %3 s"))
                          .arg(locale.toString(static_cast<qulonglong>(report.records)))
                          .arg(report.sources.size())
                          .arg(report.seconds, 0, 'f', 1);
    if (report.errors > 0) {
        message += tr("; %1 malformed lines skipped (see Sources)")
                       .arg(locale.toString(static_cast<qulonglong>(report.errors)));
    }
    if (report.cancelled) {
        message
            = tr("Loading cancelled; kept %1 records").arg(locale.toString(static_cast<qulonglong>(report.records)));
    }
    for (SourceId id : report.sources) {
        if (!m_samplePath.isEmpty() && m_investigation->store().source(id).path == m_samplePath) {
            message = tr("Bundled sample (synthetic flow logs of two peered VPCs): ") + message;
        }
    }
    statusBar()->showMessage(message);
    if (!problems.isEmpty()) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Some input could not be read"),
            problems.join(QLatin1Char('\n')), QMessageBox::Close, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open(); // not modal to the event loop: loading and tests go on
    }
}

void MainWindow::addRecent(const QStringList& paths)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : paths) {
        if (m_document->isRestoring() && !path.endsWith(QStringLiteral(".flowlens"), Qt::CaseInsensitive)) {
            continue; // the sources of an investigation file: the file is the recent entry
        }
        if (!m_samplePath.isEmpty() && QFileInfo(path) == QFileInfo(m_samplePath)) {
            continue; // the sample's copy is not a recent file
        }
        const QString absolute = QFileInfo(path).absoluteFilePath();
        recent.removeAll(absolute);
        recent.prepend(absolute);
    }
    while (recent.size() > kMaxRecent) {
        recent.removeLast();
    }
    settings.setValue(QStringLiteral("recentFiles"), recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : recent) {
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] { openPaths({ path }); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
    if (!recent.isEmpty()) {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear Recent Files"), this, [this] {
            QSettings().remove(QStringLiteral("recentFiles"));
            rebuildRecentMenu();
        });
    }
}

void MainWindow::exportChart()
{
    ChartExportOptions options;
    const QString suggested = QDir::home().filePath(QStringLiteral("flowlens-timeline.png"));
    ChartExportDialog dialog(suggested, options, this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    QString error;
    if (!m_timeline->exportChart(dialog.path(), dialog.options(), error)) {
        QMessageBox::warning(this, tr("Export failed"), error);
        return;
    }
    statusBar()->showMessage(tr("Chart saved to %1").arg(QDir::toNativeSeparators(dialog.path())));
}

void MainWindow::readSettings()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_table->setColumnLayout(settings.value(QStringLiteral("table/columns")).toStringList());
    m_localTime->setChecked(settings.value(QStringLiteral("view/localTime"), false).toBool());
    m_protocolNames->setChecked(settings.value(QStringLiteral("view/protocolNames"), true).toBool());
    m_byteUnits->setChecked(settings.value(QStringLiteral("view/byteUnits"), true).toBool());
    updateDisplayOptions();
    m_timeline->setOptions(static_cast<Metric>(settings.value(QStringLiteral("timeline/metric"), 0).toInt()),
        settings.value(QStringLiteral("timeline/bucket"), 0).toLongLong(),
        settings.value(QStringLiteral("timeline/log"), false).toBool());
    rebuildRecentMenu();
    m_back->setEnabled(false);
    m_forward->setEnabled(false);
}

void MainWindow::writeSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("table/columns"), m_table->columnLayout());
    settings.setValue(QStringLiteral("view/localTime"), m_localTime->isChecked());
    settings.setValue(QStringLiteral("view/protocolNames"), m_protocolNames->isChecked());
    settings.setValue(QStringLiteral("view/byteUnits"), m_byteUnits->isChecked());
    const HistogramOptions options = m_timeline->histogramOptions();
    settings.setValue(QStringLiteral("timeline/metric"), static_cast<int>(options.metric));
    settings.setValue(QStringLiteral("timeline/bucket"), qlonglong(options.bucketSeconds));
    settings.setValue(QStringLiteral("timeline/log"), m_timeline->logScale());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            paths.append(url.toLocalFile());
        }
    }
    openPaths(paths);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_investigation->cancelLoad();
    writeSettings();
    event->accept();
}

} // namespace flowlens
