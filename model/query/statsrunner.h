#pragma once

#include "pairaggregation.h"
#include "query.h"
#include "result.h"
#include "store/selection.h"

namespace flowlens::query {

// Runs one `stats` command over selected records: groups them by the `by` keys on worker
// threads (chunks in parallel, see PairAggregation for one or two keys), merges the workers' groups
// and computes each item. The table has the keys, then the items, in the command's order; groups
// are ordered by their keys (ascending, nulls last). Without `by` there is exactly one row.
class StatsRunner {
public:
    // What the query does with the rows right after stats: sort them and keep the first `limit`.
    struct ThenTop {
        const SortCommand* sort = nullptr;
        std::size_t limit = 0;
    };

    StatsRunner(const FlowStore& store, const Query& query, const StatsCommand& stats);
    // With `then`, the table holds only the groups that can be among the first `then.limit` rows
    // after `then.sort` (every group tied with the last of them included), still in key order, so
    // sorting and limiting it gives what sorting and limiting all groups would.
    Result run(const Selection& rows, std::optional<ThenTop> then = std::nullopt) const;

private:
    // With `then` sorting by one aggregate that is an item of its own: which, so the aggregation
    // can prune its parts.
    std::optional<PairAggregation::Best> bestAggregate(
        const std::vector<const Expr*>& aggregates, const std::optional<ThenTop>& then) const;

    const FlowStore& m_store;
    const Query& m_query;
    const StatsCommand& m_stats;
};

} // namespace flowlens::query
