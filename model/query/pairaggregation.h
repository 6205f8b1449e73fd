#pragma once

#include "aggregatestate.h"
#include "keycoder.h"
#include "store/selection.h"

#include <memory>
#include <optional>
#include <vector>

namespace flowlens::query {

class ExprCompiler;

// Groups of a stats command, with their keys as KeyCoder codes and one state per aggregate.
struct GroupPart {
    std::vector<std::vector<std::int64_t>> keys; // [key][group]
    std::vector<AggregateState> states; // [aggregate]
    std::size_t groups = 0;
};

// The stats fast path for one or two group keys and aggregates of numbers (count, sum, avg, min,
// max, pct, stddev): rows are grouped on worker threads, chunk by chunk. Each worker starts with a
// table of its own (few groups: done, the tables are merged). A worker whose table outgrows the
// cache sends the rest of its rows to 256 partitions by key hash instead (the keys' codes and the
// arguments' values, row after row); then each partition is aggregated on its own by one worker
// into a small table, so no thread ever probes a table larger than the cache and nothing merges
// big tables. The partitions' groups are the parts of the answer. A pair whose codes fit 32 bits
// each (address ids, ports, dictionary ids) travels as one mixed word that is also its hash.
class PairAggregation {
public:
    // True when the fast path can run these keys and aggregates.
    static bool supports(const std::vector<const Expr*>& keys, const std::vector<const Expr*>& aggregates);

    PairAggregation(const ExprCompiler& compiler, std::vector<const Expr*> keys,
        const std::vector<std::unique_ptr<KeyCoder>>& keyCoders, std::vector<const Expr*> aggregates);

    // The query keeps only the `limit` groups with the best value of one aggregate: each partition
    // then hands over only the groups that can be among them (at least as good as the limit-th
    // best value of the partitions done so far), a superset of the answer's.
    struct Best {
        std::size_t aggregate = 0; // index into the aggregates
        bool descending = false;
        std::size_t limit = 0;
    };

    std::vector<GroupPart> run(const Selection& selection, std::optional<Best> best = std::nullopt) const;

private:
    const ExprCompiler& m_compiler;
    std::vector<const Expr*> m_keys;
    const std::vector<std::unique_ptr<KeyCoder>>& m_keyCoders;
    std::vector<const Expr*> m_aggregates;
};

} // namespace flowlens::query
