#include "statsrunner.h"

#include "aggregatestate.h"
#include "analysis/chunkparallel.h"
#include "batching.h"
#include "exprcompiler.h"
#include "grouptable.h"
#include "keycoder.h"
#include "pairaggregation.h"
#include "store/flowstore.h"

#include <algorithm>
#include <functional>
#include <numeric>
#include <optional>

namespace flowlens::query {

namespace {

void collectAggregates(const Expr& e, std::vector<const Expr*>& out)
{
    if (e.kind == ExprKind::Aggregate) {
        out.push_back(&e);
        return;
    }
    for (const Expr& arg : e.args) {
        collectAggregates(arg, out);
    }
}

struct Worker {
    std::vector<NodePtr> keyNodes; // null where the key is a stored field's codes
    std::vector<NodePtr> argNodes; // null for count(*)
    NodePtr timestamp; // only for earliest/latest
    GroupTable groups { 0 };
    std::vector<AggregateState> states;

    std::vector<std::vector<std::int64_t>> keyCodes;
    std::vector<Values> keyValues;
    std::vector<Values> argValues;
    std::vector<std::vector<std::int64_t>> argCodes;
    std::vector<std::int64_t> tuple;
    std::vector<std::uint32_t> groupOf;
    std::vector<std::uint32_t> rows;
    std::vector<std::int64_t> scratch;
    Values times;
    std::vector<std::uint64_t> order;
    std::unique_ptr<ValueArena> arena = std::make_unique<ValueArena>();
};

// The groups of one stats command without the pair fast path: every worker numbers its groups in a
// GroupTable of its own; the others merge into the one with the most.
GroupPart aggregateGroups(const FlowStore& store, const Query& query, const StatsCommand& stats,
    const std::vector<std::unique_ptr<KeyCoder>>& keyCoders, const std::vector<const Expr*>& aggregates,
    const Selection& selection)
{
    const std::size_t width = stats.groupBy.size();
    std::vector<std::unique_ptr<KeyCoder>> distinctCoders;
    bool needTimes = false;
    for (const Expr* a : aggregates) {
        distinctCoders.push_back(
            a->aggregate == Aggregate::CountDistinct ? std::make_unique<KeyCoder>(store, a->args[0]) : nullptr);
        needTimes = needTimes || a->aggregate == Aggregate::Earliest || a->aggregate == Aggregate::Latest;
    }
    const ExprCompiler compiler(store, query);

    auto makeWorker = [&] {
        Worker w;
        w.groups = GroupTable(width);
        for (std::size_t k = 0; k < width; ++k) {
            w.keyNodes.push_back(keyCoders[k]->storedCodes() ? nullptr : compiler.compile(stats.groupBy[k].expr));
        }
        for (const Expr* a : aggregates) {
            w.argNodes.push_back(a->args.empty() ? nullptr : compiler.compile(a->args[0]));
            w.states.emplace_back(*a);
            w.states.back().resize(w.groups.size());
        }
        if (needTimes) {
            w.timestamp = compiler.compile(fieldReference(FieldId::EventTimestamp));
        }
        w.keyCodes.resize(width);
        w.keyValues.resize(width);
        w.argValues.resize(aggregates.size());
        w.argCodes.resize(aggregates.size());
        w.tuple.resize(width);
        return w;
    };

    auto work = [&](std::size_t c, Worker& w) {
        forEachBatch(selection, c, w.rows, *w.arena, [&](const Batch& batch) {
            const std::uint32_t n = batch.count;
            for (std::size_t k = 0; k < width; ++k) {
                keyCoders[k]->encodeBatch(batch, w.keyNodes[k].get(), w.keyValues[k], w.keyCodes[k], w.scratch);
            }
            w.groupOf.resize(n);
            for (std::uint32_t i = 0; i < n; ++i) {
                for (std::size_t k = 0; k < width; ++k) {
                    w.tuple[k] = w.keyCodes[k][i];
                }
                w.groupOf[i] = w.groups.find(w.tuple.data());
            }
            if (needTimes) {
                w.timestamp->eval(batch, w.times);
                w.order.resize(n);
                for (std::uint32_t i = 0; i < n; ++i) {
                    w.order[i] = (std::uint64_t(batch.chunkIndex) << kChunkRowBits) | batch.row(i);
                }
            }
            for (std::size_t a = 0; a < aggregates.size(); ++a) {
                AggregateState::Input input;
                input.count = n;
                input.groups = w.groupOf.data();
                if (w.argNodes[a]) {
                    w.argNodes[a]->eval(batch, w.argValues[a]);
                    input.values = &w.argValues[a];
                }
                if (distinctCoders[a]) {
                    w.argCodes[a].resize(n);
                    distinctCoders[a]->encode(w.argValues[a], w.argCodes[a].data());
                    input.codes = w.argCodes[a].data();
                }
                if (needTimes) {
                    input.times = w.times.ints.data();
                    input.order = w.order.data();
                }
                w.states[a].resize(w.groups.size());
                w.states[a].update(input);
            }
        });
    };

    auto workers = forEachChunkParallel<Worker>(selection.chunkCount(), makeWorker, work);

    // The worker with the most groups is the base; the others merge into it.
    const auto base = std::max_element(workers.begin(), workers.end(),
        [](const Worker& a, const Worker& b) { return a.groups.size() < b.groups.size(); });
    GroupTable groups = std::move(base->groups);
    std::vector<AggregateState> states = std::move(base->states);
    std::size_t workerGroups = 0;
    for (const Worker& w : workers) {
        workerGroups += &w == &*base ? 0 : w.groups.size();
    }
    groups.reserve(groups.size() + workerGroups);
    for (Worker& w : workers) {
        if (&w == &*base) {
            continue;
        }
        std::vector<std::uint32_t> groupMap(w.groups.size());
        for (std::uint32_t g = 0; g < groupMap.size(); ++g) {
            groupMap[g] = groups.find(w.groups.key(g));
        }
        for (std::size_t a = 0; a < aggregates.size(); ++a) {
            w.states[a].resize(w.groups.size());
            states[a].resize(groups.size());
            states[a].merge(w.states[a], groupMap);
        }
    }
    GroupPart part;
    part.groups = groups.size();
    part.keys.resize(width);
    for (std::size_t k = 0; k < width; ++k) {
        part.keys[k].resize(part.groups);
        for (std::uint32_t g = 0; g < part.groups; ++g) {
            part.keys[k][g] = groups.key(g)[k];
        }
    }
    for (AggregateState& s : states) {
        s.resize(part.groups);
    }
    part.states = std::move(states);
    return part;
}

} // namespace

std::optional<PairAggregation::Best> StatsRunner::bestAggregate(
    const std::vector<const Expr*>& aggregates, const std::optional<ThenTop>& then) const
{
    if (m_stats.groupBy.empty() || !then || then->sort->keys.size() != 1) {
        return std::nullopt;
    }
    const SortKey& key = then->sort->keys.front();
    if (key.expr.kind != ExprKind::Column || key.expr.column < 0) {
        return std::nullopt;
    }
    for (const Projection& item : m_stats.aggregates) {
        const auto direct = std::find(aggregates.begin(), aggregates.end(), &item.expr);
        if (item.column == key.expr.column && direct != aggregates.end()) {
            return PairAggregation::Best { static_cast<std::size_t>(direct - aggregates.begin()),
                key.order == SortOrder::Descending, then->limit };
        }
    }
    return std::nullopt;
}

StatsRunner::StatsRunner(const FlowStore& store, const Query& query, const StatsCommand& stats)
    : m_store(store)
    , m_query(query)
    , m_stats(stats)
{
}

Result StatsRunner::run(const Selection& selection, std::optional<ThenTop> then) const
{
    std::vector<const Expr*> aggregates;
    for (const Projection& item : m_stats.aggregates) {
        collectAggregates(item.expr, aggregates);
    }
    const std::size_t width = m_stats.groupBy.size();
    std::vector<std::unique_ptr<KeyCoder>> keyCoders;
    std::vector<const Expr*> keys;
    for (const Projection& key : m_stats.groupBy) {
        keyCoders.push_back(std::make_unique<KeyCoder>(m_store, key.expr));
        keys.push_back(&key.expr);
    }
    const ExprCompiler compiler(m_store, m_query);
    std::vector<GroupPart> parts;
    if (PairAggregation::supports(keys, aggregates)) {
        parts = PairAggregation(compiler, keys, keyCoders, aggregates).run(selection, bestAggregate(aggregates, then));
    } else {
        parts.push_back(aggregateGroups(m_store, m_query, m_stats, keyCoders, aggregates, selection));
    }

    // The groups' keys and aggregate values, part after part, then the items computed from them.
    std::size_t groupCount = 0;
    for (const GroupPart& part : parts) {
        groupCount += part.groups;
    }
    // The aggregates and items come first; the keys are decoded last, only for the groups kept.
    Result table;
    std::vector<std::vector<std::int64_t>> codes(width);
    for (std::size_t k = 0; k < width; ++k) {
        codes[k].reserve(groupCount);
        for (const GroupPart& part : parts) {
            codes[k].insert(codes[k].end(), part.keys[k].begin(), part.keys[k].end());
        }
    }
    ExprCompiler itemCompiler(m_store, m_query);
    std::vector<std::size_t> aggregateColumn(aggregates.size());
    for (std::size_t a = 0; a < aggregates.size(); ++a) {
        aggregateColumn[a] = table.columnCount();
        Values values;
        values.type = aggregates[a]->type;
        values.reserve(groupCount);
        for (const GroupPart& part : parts) {
            values.appendAll(part.states[a].finish(table.arena()));
        }
        itemCompiler.setAggregateColumn(aggregates[a], table.columnCount());
        table.addColumn(QString(), std::move(values));
    }
    std::vector<std::size_t> itemColumn; // by stats item
    for (const Projection& item : m_stats.aggregates) {
        const auto direct = std::find(aggregates.begin(), aggregates.end(), &item.expr);
        if (direct != aggregates.end()) { // the item is one aggregate: its column, renamed
            const std::size_t column = aggregateColumn[static_cast<std::size_t>(direct - aggregates.begin())];
            itemColumn.push_back(column);
            table.renameColumn(column, item.name);
            continue;
        }
        const NodePtr node = itemCompiler.compile(item.expr);
        Values values = evaluateOverTable(*node, table);
        itemColumn.push_back(table.columnCount());
        table.addColumn(item.name, std::move(values));
    }

    // The query keeps the first rows after a sort: only the groups that can be among them matter.
    std::vector<std::uint32_t> groupOfRow(groupCount);
    std::iota(groupOfRow.begin(), groupOfRow.end(), 0U);
    const bool oneSortKey = width > 0 && then && then->sort->keys.size() == 1;
    const SortKey* sortKey = oneSortKey ? &then->sort->keys.front() : nullptr;
    auto keepBest = [&](const Values& sortValues) {
        if (const auto best = bestValueRows(sortValues, sortKey->order == SortOrder::Descending, then->limit)) {
            table.selectRows(*best);
            std::vector<std::uint32_t> kept;
            for (const std::uint32_t row : *best) {
                kept.push_back(groupOfRow[row]);
            }
            groupOfRow = std::move(kept);
        }
    };
    bool pruned = false;
    if (sortKey && sortKey->expr.kind == ExprKind::Column) { // sorted by an item: prune before decoding keys
        for (std::size_t i = 0; i < m_stats.aggregates.size() && !pruned; ++i) {
            if (m_stats.aggregates[i].column == sortKey->expr.column && m_stats.aggregates[i].column >= 0) {
                const Values sortValues = table.column(itemColumn[i]).values;
                keepBest(sortValues);
                pruned = true;
            }
        }
    }
    for (std::size_t k = 0; k < width; ++k) {
        Values values;
        values.type = keyCoders[k]->type();
        values.reserve(groupOfRow.size());
        for (const std::uint32_t g : groupOfRow) {
            keyCoders[k]->decode(codes[k][g], values, table.arena());
        }
        table.addColumn(m_stats.groupBy[k].name, std::move(values));
    }
    if (table.columnCount() == 0) {
        return table;
    }
    std::vector<std::size_t> shown;
    for (std::size_t k = 0; k < width; ++k) {
        shown.push_back(table.columnCount() - width + k);
    }
    shown.insert(shown.end(), itemColumn.begin(), itemColumn.end());
    table.selectColumns(shown);
    if (width == 0) {
        return table;
    }
    if (sortKey && !pruned) {
        ExprCompiler sortCompiler(m_store, m_query);
        std::size_t column = 0;
        for (const auto* items : { &m_stats.groupBy, &m_stats.aggregates }) {
            for (const Projection& item : *items) {
                sortCompiler.setTableColumn(item.column, column++);
            }
        }
        const NodePtr node = sortCompiler.compile(sortKey->expr);
        keepBest(evaluateOverTable(*node, table));
    }
    std::vector<std::vector<std::uint32_t>> ranks;
    std::vector<std::int64_t> rowCodes(groupOfRow.size());
    for (std::size_t k = 0; k < width; ++k) {
        for (std::size_t r = 0; r < groupOfRow.size(); ++r) {
            rowCodes[r] = codes[k][groupOfRow[r]];
        }
        ranks.push_back(keyCoders[k]->ranks(rowCodes, table.column(k).values));
    }
    table.selectRows(orderByRanks(ranks, groupOfRow.size()));
    return table;
}

} // namespace flowlens::query
