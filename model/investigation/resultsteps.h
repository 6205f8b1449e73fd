#pragma once

#include "investigationresult.h"

#include <atomic>
#include <memory>

namespace flowlens {

// The investigation's result is computed in steps, each on worker threads and each cancellable:
// first the panes (computePanes: selection, rows, totals, timeline, facets, REJECT counts), then
// the steps below, each a copy of the result with one more part. The window runs the statistics
// step of the tab on screen, then the findings; tests and the CLI compute everything at once.
enum class ResultStep { Endpoints, Conversations, Findings };

constexpr std::size_t kStatisticsRows = 2000; // rows of the endpoint and conversation tables at most
constexpr std::int64_t kMaxBuckets = 3000; // bars in the timeline at most

// The fields of the facets pane (those the store has are counted).
const std::vector<FieldId>& paneFacetFields();

// Sets the result's firstStart, lastEnd, selectedBytes and selectedPackets from its selection.
void computeSpanAndTotals(InvestigationResult& result);

// The first step: everything but the statistics and the findings, in two passes over the selected
// rows. nullptr when *cancel was set meanwhile.
std::shared_ptr<InvestigationResult> computePanes(std::shared_ptr<const FlowStore> store, const FilterState& filter,
    const HistogramOptions& histogram, bool loading, std::uint64_t generation,
    const std::atomic<bool>* cancel = nullptr);

// Whether `result` has the part `step` computes.
bool hasStep(const InvestigationResult& result, ResultStep step);

// A copy of `result` with the part `step` computes; nullptr when *cancel was set meanwhile.
std::shared_ptr<const InvestigationResult> withStep(
    const InvestigationResult& result, ResultStep step, const std::atomic<bool>* cancel = nullptr);

// A copy of `result` with its findings; nullptr when *cancel was set meanwhile.
std::shared_ptr<const InvestigationResult> withFindings(
    const InvestigationResult& result, const std::atomic<bool>* cancel = nullptr);

// Computes a result synchronously: panes and statistics, and the findings unless `loading` (tests
// and the CLI; the window computes the same in steps).
std::shared_ptr<const InvestigationResult> computeInvestigationResult(std::shared_ptr<const FlowStore> store,
    const FilterState& filter, const HistogramOptions& histogram, bool loading, std::uint64_t generation);

} // namespace flowlens
