#pragma once

#include "query.h"
#include "result.h"
#include "store/selection.h"

#include <QStringList>
#include <vector>

namespace flowlens::query {

// What running a query gives.
struct QueryOutput {
    // The records every filter before `stats` kept (after sort/limit/dedup when there is no stats):
    // what the panes show for this query.
    Selection matched;
    bool aggregated = false; // the query has `stats`; `table` holds its groups
    // Without stats: the matched records in the query's order (sort, dedup, limit applied).
    std::vector<RowId> records;
    // The answer as a table: the stats rows, or (when asked for) the records' displayed columns.
    Result table;
    // Things the user should know, e.g. a field no loaded record has (so every test on it is null).
    QStringList warnings;
};

// Runs checked queries over a store: filters on worker threads, chunk by chunk, into a Selection;
// stats through StatsRunner; sort, limit, dedup, fields and display over records or over the
// stats rows. Null never equals anything (a test on null is null, and a filter drops it) and sorts
// last in both directions; addresses compare as addresses (IPv4 before IPv6).
class QueryEvaluator {
public:
    explicit QueryEvaluator(const FlowStore& store);

    // `materialize`: also build `table` for a query without stats (one row per record, the columns
    // of its last `display`, else of its `fields`, else every field the records have).
    QueryOutput run(const Query& query, const Selection& input, bool materialize = true) const;
    // The records the query's filters keep (the filter bar's query is one filter).
    Selection filter(const Query& query, const Selection& input) const;

private:
    const FlowStore& m_store;
};

} // namespace flowlens::query
