#pragma once

#include "analysis/conversationstatistics.h"
#include "analysis/endpointstatistics.h"
#include "analysis/facets.h"
#include "analysis/finding.h"
#include "analysis/timehistogram.h"
#include "filterstate.h"

#include <memory>
#include <optional>
#include <vector>

namespace flowlens {

// Everything the panes show for one filter over one snapshot of the store, computed off the GUI
// thread and then shared read-only with every view.
struct InvestigationResult {
    std::uint64_t generation = 0;
    std::shared_ptr<const FlowStore> store;
    FilterState filter;
    Selection selection;
    std::shared_ptr<const std::vector<RowId>> rows; // the selection, in store order
    std::uint64_t totalRecords = 0; // in the snapshot, before the filter
    bool loading = false; // the store was still filling when this was computed

    HistogramOptions histogramOptions; // as asked
    TimeHistogram histogram;
    bool histogramClamped = false; // the bucket asked for made too many bars; an automatic one was used
    Facets facets; // paneFacetFields()
    Facets rejected; // srcaddr, dstport, interface-id over the REJECT records of the selection
    std::uint64_t rejectedRecords = 0;
    // The statistics and findings follow the rest as steps of their own (see resultsteps.h); the
    // window computes the statistics a pane shows. Until a step is done its part is empty.
    bool endpointsComputed = false;
    EndpointStatistics endpoints; // most bytes first, at most kStatisticsRows
    bool conversationsComputed = false;
    ConversationStatistics conversations; // idem
    bool findingsComputed = false; // findings wait for the load to finish
    std::vector<Finding> findings;

    std::uint64_t selectedBytes = 0; // sum of bytes over the selection
    std::uint64_t selectedPackets = 0;
    std::optional<std::int64_t> firstStart; // of the selection
    std::optional<std::int64_t> lastEnd;
};

} // namespace flowlens
