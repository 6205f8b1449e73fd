#pragma once

#include "investigation/investigationresult.h"
#include "labreport.h"
#include "walkthrough/walkthroughhost.h"

#include <QMainWindow>
#include <map>
#include <memory>

class QLabel;
class QMenu;
class QSplitter;
class QDockWidget;

namespace flowlens {

class BackgroundExport;
class CloudWatchActions;
class FacetsPane;
class FilterBar;
class FilterLibrary;
class Investigation;
class InvestigationDocument;
class QueryResultPane;
class QueryRunner;
class LoadProgressWidget;
struct PlainTable;
class RecordTableModel;
class RecordTableView;
class RejectPane;
class SourcesPane;
class StatisticsPane;
class TimelineView;
class Topology;
class TopologyPane;
class TopologyTools;
class TopologyView;
class WalkthroughPanel;
struct LabStage;
struct LoadReport;

// Wires the panes to the investigation: results flow to every pane, filter requests flow back.
// Owns the actions, menus, settings and window state; no pane logic lives here.
// Implements WalkthroughHost for the walkthrough panel (in mainwindowwalkthrough.cpp).
class MainWindow : public QMainWindow, public WalkthroughHost {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    Investigation* investigation() const { return m_investigation; }
    void openPaths(const QStringList& paths); // adds to the investigation
    // Copies the bundled sample out of the resources and opens it; false (and says so) if missing.
    bool openBundledSample();
    // What to open at start: the arguments, else nothing when there are recent files, else the sample.
    void openAtStart(const QStringList& arguments);

    // The panes, for tests.
    FilterBar* filterBar() const { return m_filterBar; }
    TimelineView* timeline() const { return m_timeline; }
    RecordTableView* table() const { return m_table; }
    RecordTableModel* tableModel() const { return m_model; }
    RejectPane* rejectPane() const { return m_reject; }
    FacetsPane* facetsPane() const { return m_facets; }
    StatisticsPane* statisticsPane() const { return m_statistics; }
    TopologyView* topologyView() const;
    TopologyPane* topologyPane() const { return m_topologyPane; }
    // Reads `aws ec2 describe-*` JSON (a folder or a file) and shows it in the topology pane.
    bool openTopology(const QString& path);
    // The topology the pane shows (describe-* JSON, else inferred from the flow logs); null before any.
    std::shared_ptr<const Topology> topologyModel() const;
    // Reachability explanations, the before/after comparison, table selection on the topology.
    TopologyTools* topologyTools() const { return m_topologyTools; }
    // The traffic overlay is computed off the GUI thread; true until the newest one is drawn.
    bool isComputingOverlay() const;
    SourcesPane* sourcesPane() const { return m_sources; }
    // Export the filtered records (visible columns, table order) or the statistics tab shown, on a
    // worker with a progress dialog; the job reports `finished` and deletes itself (mainwindowexport.cpp).
    BackgroundExport* exportRecordsTo(const QString& path);
    BackgroundExport* exportStatisticsTo(const QString& path);
    // Shows a topology read elsewhere (the EC2 API) in the topology pane, as openTopology does.
    void showTopology(std::shared_ptr<const Topology> topology, const QString& message);
    // Shows a Logs Insights answer in the Query Result pane (table and chart).
    void showQueryResultTable(const PlainTable& table, const QString& title, const QString& summary);
    CloudWatchActions* cloudWatch() const { return m_cloudWatch; }
    QString recordCountText() const;
    QString shortcutsText() const; // every action's shortcut, as Help ▸ Keyboard Shortcuts lists them
    QString aboutText() const; // Help ▸ About: version and Qt version

    // --- walkthroughs (mainwindowwalkthrough.cpp)
    WalkthroughPanel* walkthroughPanel() const { return m_walkthrough; }
    // The current walkthrough as a lab report: every step, done or not, with the queries and the
    // pictures captured when its check first held (and its comparisons).
    LabReport labReport() const;
    QDockWidget* walkthroughDock() const { return m_walkthroughDock; }
    // Opens a walkthrough script in the panel and shows the panel; false (and says why) when unusable.
    bool openWalkthrough(const QString& path);
    // First start: the peering lab with its walkthrough at step 1; false when the lab is not bundled.
    bool openStartLab();
    // WalkthroughHost
    bool openLab(const LabManifest& lab, QString& error) override;
    bool showTopologyStage(const LabStage& stage, QString& error) override;
    bool applyFilterExpression(const QString& expression, QString& error) override;
    void resetFilter() override;
    void setTimeRange(std::int64_t from, std::int64_t to) override;
    void setActionOnly(const QString& choice) override;
    void showPane(WalkthroughPane pane) override;
    bool highlightTopologyElement(const QString& id) override;
    void whenLoaded(std::function<void()> continuation) override;
    std::shared_ptr<const InvestigationResult> currentResult() const override;
    // --- the query bar's library and full queries (see connectQueryBar)
    FilterLibrary* filterLibrary() const { return m_library; }
    QueryResultPane* queryResultPane() const { return m_queryPane; }
    // Runs a query with stats/sort/limit… over the records of the current filter, on a worker
    // thread; its table and chart show in the Query Result pane.
    void runQuery(const QString& text);

    // --- investigation files (see createInvestigationActions)
    InvestigationDocument* document() const { return m_document; }
    // False when the file cannot be read: the error is shown and the investigation stays as it was.
    bool openInvestigation(const QString& path);
    bool saveInvestigation(const QString& path);
    QString lastError() const { return m_lastError; } // the last error shown in a dialog

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createDocks();
    void createActions();
    void createHelpMenu(); // mainwindowhelp.cpp
    void createCloudWatchActions(QMenu* file, QMenu* query);
    void connectPanes();
    void connectTopologyTools();
    void showResult(std::shared_ptr<const InvestigationResult> result);
    void showNextPane();
    void onLoadFinished(const LoadReport& report);
    void updateRecordCount();
    void updateDisplayOptions();
    void addRecent(const QStringList& paths);
    void rebuildRecentMenu();
    void exportChart();
    void exportRecords();
    void exportStatistics();
    void reportExport(BackgroundExport* job, const QString& done);
    void readSettings();
    void writeSettings();
    // --- walkthroughs (mainwindowwalkthrough.cpp)
    void createWalkthroughDock();
    void createWalkthroughMenu(QMenu* help);
    void showWalkthroughDock();
    void rebuildWalkthroughMenu();
    void showStageComparison(const LabStage& before, const LabStage& after);
    void captureStepForReport(int step);
    void exportLabReport();
    void createQueryPane();
    void connectQueryBar();
    void updateVocabulary();
    void exportQueryTable();
    void exportQueryChart();
    void createInvestigationActions(QMenu* file);
    void saveInvestigationAs();
    void showError(const QString& title, const QString& message);

    Investigation* m_investigation;
    FilterBar* m_filterBar;
    TimelineView* m_timeline;
    RecordTableModel* m_model;
    RecordTableView* m_table;
    RejectPane* m_reject;
    FacetsPane* m_facets;
    StatisticsPane* m_statistics;
    TopologyPane* m_topologyPane = nullptr; // the view, its dock, the topology and its overlay
    TopologyTools* m_topologyTools = nullptr;
    SourcesPane* m_sources;
    LoadProgressWidget* m_progress;
    QLabel* m_count;
    QSplitter* m_splitter;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QAction* m_localTime = nullptr;
    QAction* m_protocolNames = nullptr;
    QAction* m_byteUnits = nullptr;
    QAction* m_back = nullptr;
    QAction* m_forward = nullptr;
    std::shared_ptr<const InvestigationResult> m_shown; // the result the panes show
    // A result of a running load reaches the side panes one per turn of the event loop (each takes
    // tens of milliseconds at 10M records): the pane to update next, and the result it gets.
    std::shared_ptr<const InvestigationResult> m_panesResult;
    int m_nextPane = 0;
    QString m_samplePath; // where the bundled sample was copied to
    // --- walkthroughs
    WalkthroughPanel* m_walkthrough = nullptr;
    QDockWidget* m_walkthroughDock = nullptr;
    QMenu* m_walkthroughMenu = nullptr;
    struct ReportCapture {
        bool captured = false;
        QStringList queries;
        std::vector<LabReportImage> images;
    };
    std::map<int, ReportCapture> m_reportCaptures; // by step index, for the lab report
    // Query bar library, full queries, investigation files.
    FilterLibrary* m_library = nullptr;
    QueryRunner* m_runner = nullptr;
    QueryResultPane* m_queryPane = nullptr;
    QDockWidget* m_queryDock = nullptr;
    InvestigationDocument* m_document = nullptr;
    QString m_lastError;
    CloudWatchActions* m_cloudWatch = nullptr;
};

} // namespace flowlens
