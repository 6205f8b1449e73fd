#pragma once

#include "investigation/investigationresult.h"
#include "investigation/latestjob.h"

#include <QObject>
#include <QTimer>
#include <memory>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace flowlens {

class Investigation;
class Topology;
class TopologyView;

// The topology pane of the window: its dock, the topology it shows (read from describe-* JSON,
// else inferred from the flow logs on a worker), the traffic overlay of the current result
// (computed off the GUI thread while the pane is visible), and clicks on it turned into filter
// expressions. MainWindow creates it and wires its signals; nothing about topology lives there.
class TopologyPane : public QObject {
    Q_OBJECT
public:
    TopologyPane(QMainWindow* window, Investigation* investigation);

    TopologyView* view() const { return m_view; }
    // The dock the view lives in, added to the window's bottom area.
    QDockWidget* dock() const { return m_dock; }
    // File ▸ Open Topology…
    void addOpenAction(QMenu* file);

    // Reads `aws ec2 describe-*` JSON (a folder or a file) and shows it; false (the status bar says
    // why) when it does not load — the topology shown before stays.
    bool open(const QString& path);
    // Shows a topology read elsewhere (the EC2 API, a lab stage); loads of flow logs keep it.
    void show(std::shared_ptr<const Topology> topology, const QString& message);
    // The topology shown (describe-* JSON, else inferred from the flow logs); null before any.
    std::shared_ptr<const Topology> topology() const { return m_topology; }
    // A lab opening its own flow logs: the next load infers again until a stage topology is shown.
    void forgetLoadedTopology() { m_loaded = false; }

    // The result the panes show; the overlay follows it. Null when the investigation is cleared.
    void setResult(std::shared_ptr<const InvestigationResult> result);
    // After a load: infer the topology from the store unless one was read from JSON.
    void loadFinished();
    // Rows arrived after the load (a live tail): infer again, at most every few seconds, unless
    // the topology was read from JSON. The view keeps its layout when nothing new was inferred.
    void rowsAppendedAfterLoad();
    // True until the newest overlay asked for is drawn.
    bool isComputingOverlay() const { return m_overlayJob.isRunning(); }

    // Marks an element (box, route table, network ACL, instance, peering) and scrolls to it; the
    // walkthrough's "show me". False when nothing shown matches.
    bool highlightElement(const QString& id);

Q_SIGNALS:
    // A node or link was clicked: the expression selecting its traffic, for the filter bar.
    void filterRequested(const QString& expression);
    void statusMessage(const QString& text, int timeoutMs);

private:
    void updateOverlay();
    void infer();

    QMainWindow* m_window;
    Investigation* m_investigation;
    TopologyView* m_view;
    QDockWidget* m_dock;
    std::shared_ptr<const Topology> m_topology;
    bool m_onScreen = false; // the dock's last visibilityChanged: false while tabbed behind another
    // The topology and result of the overlay last requested (weak: a hidden pane keeps no old result alive).
    std::weak_ptr<const Topology> m_overlaidTopology;
    std::weak_ptr<const InvestigationResult> m_overlaidResult;
    bool m_loaded = false; // from JSON: loads of flow logs do not replace it
    std::shared_ptr<const InvestigationResult> m_result;
    LatestJob m_overlayJob;
    std::uint64_t m_inferenceGeneration = 0; // of the latest inference asked for
    QTimer m_reinference; // single shot: rows that arrive meanwhile join the next inference
};

} // namespace flowlens
