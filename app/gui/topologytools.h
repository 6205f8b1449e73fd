#pragma once

#include "topology/stagecomparison.h"

#include <QObject>
#include <QPointer>

class QMenu;

namespace flowlens {

class ContainmentDialog;
class MainWindow;
class ReachabilityDialog;
class StageCompareView;

// The window's topology tools beyond the pane itself: the reachability explanation of a record
// (or of a typed flow), network-ACL containment of an address, the before/after comparison of two
// topology snapshots, and the table's selected rows highlighted on the topology. Kept out of
// MainWindow, which only wires it.
class TopologyTools : public QObject {
    Q_OBJECT
public:
    explicit TopologyTools(MainWindow* window);

    // View ▸ Explain Reachability…, Compare Topology Snapshots…, Export Topology Picture…
    void addActions(QMenu* menu);

    // Opens the explanation of the record in table row `row` against the topology shown.
    ReachabilityDialog* explainRow(int row);
    // Opens the explanation with empty fields, for a flow the user types.
    ReachabilityDialog* explainTyped();
    ReachabilityDialog* reachabilityDialog() const;

    // Opens the containment dialog for an address (empty: the user types one; the busiest external
    // addresses of the topology pane are offered) against the topology shown and every record.
    ContainmentDialog* contain(const QString& address);
    // The same for an address value of the store's columns (a table cell, an endpoint row).
    ContainmentDialog* containStoreAddress(qint64 address);
    ContainmentDialog* containmentDialog() const;

    // Shows two stages side by side in the comparison window (raised; created on first use). The
    // walkthrough's "compare before/after" goes here.
    StageCompareView* showComparison(StageSnapshot before, StageSnapshot after);
    StageCompareView* compareView() const;
    // Compares the topology in `before` (empty: the one the window shows) with the one in `after`,
    // the records of each optionally limited to a time range and narrowed by the current filter.
    // False, with the loader's messages in *error, when a folder does not load.
    bool compareFolders(const QString& before, const QString& after,
        std::optional<std::pair<std::int64_t, std::int64_t>> beforeRange,
        std::optional<std::pair<std::int64_t, std::int64_t>> afterRange, bool applyFilter, QString* error = nullptr);

    // The (source, destination) pairs of the table's selected rows onto the topology pane.
    void highlightSelection();
    static constexpr int kMaxHighlightedRows = 1000; // a select-all of millions highlights the first ones

Q_SIGNALS:
    // A dialog asks to filter the investigation (the flows a containment rule would block).
    void filterRequested(const QString& expression);

private:
    void askCompare();
    void exportTopology();
    ReachabilityDialog* reachDialog();

    MainWindow* m_window;
    QPointer<ReachabilityDialog> m_reach;
    QPointer<StageCompareView> m_compare;
    QPointer<ContainmentDialog> m_contain;
};

} // namespace flowlens
