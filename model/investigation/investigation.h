#pragma once

#include "filterhistory.h"
#include "ingest/loader.h"
#include "investigationresult.h"
#include "resultcache.h"
#include "resultsteps.h"

#include <QFuture>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>
#include <optional>

namespace flowlens {

class LoadJob;

// The document the window shows: the sources and their store, the filter with its back/forward
// history, and the result the panes draw (selection, histogram, facets, statistics, findings),
// recomputed in the background whenever the filter, the histogram options or the store change.
// Panes observe it and ask it to change the filter; they never filter on their own.
//
// A result comes in steps (resultsteps.h), each on worker threads, each emitted by resultReady()
// as soon as it is done: first the table, timeline, REJECT pane and facets; then the statistics
// the window shows (setWantedStatistics()); then the findings. A new request cancels the steps in
// flight, and a step's result is applied only to the result it started from (latest wins). Recent
// results of a store that no longer grows are kept (ResultCache): going back to one is immediate.
class Investigation : public QObject {
    Q_OBJECT
public:
    static constexpr std::size_t kStatisticsRows = flowlens::kStatisticsRows;
    static constexpr std::int64_t kMaxBuckets = flowlens::kMaxBuckets;

    explicit Investigation(QObject* parent = nullptr);
    ~Investigation() override;

    static const std::vector<FieldId>& facetFields() { return paneFacetFields(); }

    // --- sources
    const FlowStore& store() const { return *m_store; }
    std::shared_ptr<const FlowStore> storePointer() const { return m_store; }
    // Adds files or folders; while a load runs they are queued and read after it.
    void open(const QStringList& paths);
    QStringList openedPaths() const { return m_paths; }
    bool isLoading() const;
    void cancelLoad();
    // Forgets every source and record (a new, empty investigation).
    void clear();

    // --- rows appended by jobs of their own (a CloudWatch pull): the job writes to the store
    // beginAppending() returns, calls rowsAppended() when rows have been published, and
    // endAppending() when done, with what it added. Meanwhile the investigation counts as loading.
    // endAppending() emits loadFinished(report) as a load of files does, so what follows a load
    // (topology inference, filter completions) follows a pull too. After clear() the job's store is
    // no longer this investigation's: its rows are not shown, and cleared() tells it to stop.
    std::shared_ptr<FlowStore> beginAppending();
    void rowsAppended();
    void endAppending(const std::shared_ptr<FlowStore>& store, const LoadReport& report = {});

    // --- filter
    const FilterState& filter() const { return m_history.current(); }
    void setFilter(const FilterState& filter); // recorded in the history
    void addClause(const FilterClause& clause) { setFilter(filter().with(clause)); }
    void removeClause(std::size_t index) { setFilter(filter().without(index)); }
    void resetFilter() { setFilter({}); }
    bool canGoBack() const { return m_history.canGoBack(); }
    bool canGoForward() const { return m_history.canGoForward(); }
    void back();
    void forward();
    const FilterHistory& history() const { return m_history; }
    // Replaces the back/forward history (an investigation file reopened); the current state applies.
    void restoreHistory(FilterHistory history);

    // --- results
    void setHistogramOptions(const HistogramOptions& options);
    const HistogramOptions& histogramOptions() const { return m_histogramOptions; }
    std::shared_ptr<const InvestigationResult> result() const { return m_result; }
    // The panes' result is being computed (the statistics and findings follow it).
    bool isComputing() const { return m_computing; }
    // The result shown will get its findings (they are computed, or wait for a step before them);
    // when done, resultReady() brings the same result with its findings.
    bool isComputingFindings() const;
    // The step running for the result shown, if any.
    std::optional<ResultStep> runningStep() const { return m_stepRunning; }
    // Which statistics to compute after the panes (the window: those of the tab on screen; others
    // when they are shown). By default both, so a result without a window is complete.
    void setWantedStatistics(bool endpoints, bool conversations);
    // Recomputes the current result (F5), not from the cache.
    void refresh();
    // Results kept for going back (tests).
    const ResultCache& cache() const { return m_cache; }

Q_SIGNALS:
    void loadStarted(const QStringList& paths);
    void loadProgress(const flowlens::LoadProgress& progress);
    void loadFinished(const flowlens::LoadReport& report);
    void sourcesChanged();
    // Rows were appended while no load or pull ran (a live tail): what follows a load (topology
    // inference) may follow again.
    void rowsAppendedAfterLoad();
    void filterChanged();
    void computingChanged(bool computing);
    void resultReady(std::shared_ptr<const flowlens::InvestigationResult> result);
    void cleared();

private:
    void startNextLoad();
    void onLoadFinished(const LoadReport& report);
    void schedule(bool useCache = true);
    void onComputed(std::shared_ptr<InvestigationResult> result);
    void show(std::shared_ptr<const InvestigationResult> result);
    std::optional<ResultStep> nextStep() const;
    void continueSteps();
    void cancelSteps();

    std::shared_ptr<FlowStore> m_store;
    LoadJob* m_job = nullptr;
    QStringList m_paths; // every path opened, in order
    QStringList m_queue; // waiting for the running load
    FilterHistory m_history;
    HistogramOptions m_histogramOptions;
    std::shared_ptr<const InvestigationResult> m_result;
    ResultCache m_cache;
    QFuture<void> m_future;
    std::shared_ptr<std::atomic<bool>> m_panesCancel; // of the panes job in flight
    QFuture<void> m_stepFuture;
    std::shared_ptr<std::atomic<bool>> m_stepCancel; // of the step in flight
    std::optional<ResultStep> m_stepRunning;
    bool m_wantEndpoints = true;
    bool m_wantConversations = true;
    std::uint64_t m_requested = 0; // generation of the latest request
    bool m_computing = false;
    bool m_pending = false; // a request arrived while a computation ran
    int m_appending = 0; // jobs appending to m_store (beginAppending without endAppending)
};

} // namespace flowlens

Q_DECLARE_METATYPE(std::shared_ptr<const flowlens::InvestigationResult>)
