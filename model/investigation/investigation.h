#pragma once

#include "filterhistory.h"
#include "ingest/loader.h"
#include "investigationresult.h"

#include <QFuture>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>

namespace flowlens {

class LoadJob;

// The document the window shows: the sources and their store, the filter with its back/forward
// history, and the result the panes draw (selection, histogram, facets, statistics, findings),
// recomputed in the background whenever the filter, the histogram options or the store change.
// Panes observe it and ask it to change the filter; they never filter on their own.
class Investigation : public QObject {
    Q_OBJECT
public:
    static constexpr std::size_t kStatisticsRows = 2000;
    static constexpr std::int64_t kMaxBuckets = 3000; // bars in the timeline at most

    explicit Investigation(QObject* parent = nullptr);
    ~Investigation() override;

    static const std::vector<FieldId>& facetFields();

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
    // The panes' result is being computed (the findings follow it: see isComputingFindings()).
    bool isComputing() const { return m_computing; }
    // The findings of the result shown are being computed; when done, resultReady() brings the
    // same result with its findings.
    bool isComputingFindings() const { return m_findingsRunning; }
    // Recomputes the current result (F5).
    void refresh() { schedule(); }

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
    void schedule();
    void onComputed(std::shared_ptr<InvestigationResult> result);
    void startFindings();
    void cancelFindings();

    std::shared_ptr<FlowStore> m_store;
    LoadJob* m_job = nullptr;
    QStringList m_paths; // every path opened, in order
    QStringList m_queue; // waiting for the running load
    FilterHistory m_history;
    HistogramOptions m_histogramOptions;
    std::shared_ptr<const InvestigationResult> m_result;
    QFuture<void> m_future;
    QFuture<void> m_findingsFuture;
    std::shared_ptr<std::atomic<bool>> m_findingsCancel; // of the findings job in flight
    bool m_findingsRunning = false;
    std::uint64_t m_requested = 0; // generation of the latest request
    bool m_computing = false;
    bool m_pending = false; // a request arrived while a computation ran
    int m_appending = 0; // jobs appending to m_store (beginAppending without endAppending)
};

// Sets the result's firstStart, lastEnd, selectedBytes and selectedPackets from its selection.
void computeSpanAndTotals(InvestigationResult& result);

// Computes a result synchronously, findings included unless `loading` (tests and the CLI; the
// window computes the findings in a second step, see withFindings()).
std::shared_ptr<const InvestigationResult> computeInvestigationResult(std::shared_ptr<const FlowStore> store,
    const FilterState& filter, const HistogramOptions& histogram, bool loading, std::uint64_t generation);

// A copy of `result` with its findings; nullptr when *cancel was set meanwhile.
std::shared_ptr<const InvestigationResult> withFindings(
    const InvestigationResult& result, const std::atomic<bool>* cancel = nullptr);

} // namespace flowlens

Q_DECLARE_METATYPE(std::shared_ptr<const flowlens::InvestigationResult>)
