#pragma once

#include "query.h"
#include "result.h"
#include "store/selection.h"

namespace flowlens::query {

// Runs one `stats` command over selected records: groups them by the `by` keys on worker
// threads (chunks in parallel, each worker with its own groups), merges the workers' groups and
// computes each item. The table has the keys, then the items, in the command's order; groups are
// ordered by their keys (ascending, nulls last). Without `by` there is exactly one row.
class StatsRunner {
public:
    StatsRunner(const FlowStore& store, const Query& query, const StatsCommand& stats);
    Result run(const Selection& rows) const;

private:
    const FlowStore& m_store;
    const Query& m_query;
    const StatsCommand& m_stats;
};

} // namespace flowlens::query
