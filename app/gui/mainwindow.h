#pragma once

#include "investigation/investigationresult.h"

#include <QMainWindow>
#include <memory>

class QLabel;
class QMenu;
class QSplitter;
class QDockWidget;

namespace flowlens {

class CloudWatchActions;
class FacetsPane;
class FilterBar;
class Investigation;
class LoadProgressWidget;
class QueryResultWindow;
struct PlainTable;
class RecordTableModel;
class RecordTableView;
class RejectPane;
class SourcesPane;
class StatisticsPane;
class TimelineView;
class Topology;
class TopologyView;
struct LoadReport;

// Wires the panes to the investigation: results flow to every pane, filter requests flow back.
// Owns the actions, menus, settings and window state; no pane logic lives here.
class MainWindow : public QMainWindow {
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
    TopologyView* topologyView() const { return m_topology; }
    // Reads `aws ec2 describe-*` JSON (a folder or a file) and shows it in the topology pane.
    bool openTopology(const QString& path);
    // Shows a topology read elsewhere (the EC2 API) in the topology pane, as openTopology does.
    void showTopology(std::shared_ptr<const Topology> topology, const QString& message);
    SourcesPane* sourcesPane() const { return m_sources; }
    // Shows a query's result table (Logs Insights answers) with its chart.
    void showQueryResultTable(const PlainTable& table, const QString& title, const QString& summary);
    QueryResultWindow* queryResultWindow() const { return m_queryResult; }
    CloudWatchActions* cloudWatch() const { return m_cloudWatch; }
    QString recordCountText() const;

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createDocks();
    void createActions();
    void createCloudWatchActions(QMenu* file, QMenu* query);
    void connectPanes();
    void showResult(std::shared_ptr<const InvestigationResult> result);
    void updateTopologyOverlay();
    void onLoadFinished(const LoadReport& report);
    void updateRecordCount();
    void updateDisplayOptions();
    void addRecent(const QStringList& paths);
    void rebuildRecentMenu();
    void exportChart();
    void exportRecords();
    void exportStatistics();
    void readSettings();
    void writeSettings();

    Investigation* m_investigation;
    FilterBar* m_filterBar;
    TimelineView* m_timeline;
    RecordTableModel* m_model;
    RecordTableView* m_table;
    RejectPane* m_reject;
    FacetsPane* m_facets;
    StatisticsPane* m_statistics;
    TopologyView* m_topology;
    QDockWidget* m_topologyDock = nullptr;
    std::shared_ptr<const Topology> m_topologyModel; // loaded from describe-* JSON, else inferred
    bool m_topologyLoaded = false; // from JSON: loads of flow logs do not replace it
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
    QString m_samplePath; // where the bundled sample was copied to
    CloudWatchActions* m_cloudWatch = nullptr;
    QueryResultWindow* m_queryResult = nullptr;
};

} // namespace flowlens
