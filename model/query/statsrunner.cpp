#include "statsrunner.h"

#include "aggregatestate.h"
#include "analysis/chunkparallel.h"
#include "batching.h"
#include "exprcompiler.h"
#include "grouptable.h"
#include "keycoder.h"
#include "store/flowstore.h"

#include <algorithm>
#include <numeric>

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

} // namespace

StatsRunner::StatsRunner(const FlowStore& store, const Query& query, const StatsCommand& stats)
    : m_store(store)
    , m_query(query)
    , m_stats(stats)
{
}

Result StatsRunner::run(const Selection& selection) const
{
    std::vector<const Expr*> aggregates;
    for (const Projection& item : m_stats.aggregates) {
        collectAggregates(item.expr, aggregates);
    }
    const std::size_t width = m_stats.groupBy.size();
    std::vector<std::unique_ptr<KeyCoder>> keyCoders;
    for (const Projection& key : m_stats.groupBy) {
        keyCoders.push_back(std::make_unique<KeyCoder>(m_store, key.expr));
    }
    std::vector<std::unique_ptr<KeyCoder>> distinctCoders;
    bool needTimes = false;
    for (const Expr* a : aggregates) {
        distinctCoders.push_back(
            a->aggregate == Aggregate::CountDistinct ? std::make_unique<KeyCoder>(m_store, a->args[0]) : nullptr);
        needTimes = needTimes || a->aggregate == Aggregate::Earliest || a->aggregate == Aggregate::Latest;
    }
    const ExprCompiler compiler(m_store, m_query);
    // Two stored string keys (32-bit ids) share one 64-bit code: a one-code group table. Address ids
    // take more than 32 bits (an IPv4 id is the address, IPv6 ids are negative).
    const bool packPair = width == 2 && std::all_of(keyCoders.begin(), keyCoders.end(), [](const auto& coder) {
        return coder->storedCodes() && storageOf(coder->type()) == Storage::Strings;
    });
    const std::size_t tableWidth = packPair ? 1 : width;
    constexpr std::uint64_t kNullId = 0xFFFFFFFF; // never a valid id
    auto pack = [&](std::int64_t a, std::int64_t b) {
        const std::uint64_t hi = a == kNull ? kNullId : static_cast<std::uint64_t>(a);
        const std::uint64_t lo = b == kNull ? kNullId : static_cast<std::uint64_t>(b);
        return static_cast<std::int64_t>((hi << 32) | lo);
    };

    auto makeWorker = [&] {
        Worker w;
        w.groups = GroupTable(tableWidth);
        for (std::size_t k = 0; k < width; ++k) {
            w.keyNodes.push_back(keyCoders[k]->storedCodes() ? nullptr : compiler.compile(m_stats.groupBy[k].expr));
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
                w.keyCodes[k].resize(n);
                if (!w.keyNodes[k]) {
                    decodeField(batch, keyCoders[k]->field(), w.keyCodes[k].data(), w.scratch);
                } else {
                    w.keyNodes[k]->eval(batch, w.keyValues[k]);
                    keyCoders[k]->encode(w.keyValues[k], w.keyCodes[k].data());
                }
            }
            w.groupOf.resize(n);
            for (std::uint32_t i = 0; i < n; ++i) {
                if (packPair) {
                    w.tuple[0] = pack(w.keyCodes[0][i], w.keyCodes[1][i]);
                } else {
                    for (std::size_t k = 0; k < width; ++k) {
                        w.tuple[k] = w.keyCodes[k][i];
                    }
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

    // The groups' keys and aggregate values, then the items computed from them.
    auto keyCode = [&](std::uint32_t g, std::size_t k) -> std::int64_t {
        if (!packPair) {
            return groups.key(g)[k];
        }
        const auto packed = static_cast<std::uint64_t>(groups.key(g)[0]);
        const std::uint64_t id = k == 0 ? packed >> 32 : packed & kNullId;
        return id == kNullId ? kNull : static_cast<std::int64_t>(id);
    };
    Result table;
    const std::size_t groupCount = groups.size();
    for (std::size_t k = 0; k < width; ++k) {
        Values keys;
        keys.type = keyCoders[k]->type();
        for (std::uint32_t g = 0; g < groupCount; ++g) {
            keyCoders[k]->decode(keyCode(g, k), keys, table.arena());
        }
        table.addColumn(m_stats.groupBy[k].name, std::move(keys));
    }
    ExprCompiler itemCompiler(m_store, m_query);
    for (std::size_t a = 0; a < aggregates.size(); ++a) {
        states[a].resize(groupCount);
        itemCompiler.setAggregateColumn(aggregates[a], table.columnCount());
        table.addColumn(QString(), states[a].finish(table.arena()));
    }
    if (table.columnCount() == 0) {
        return table;
    }
    if (width > 0) {
        std::vector<std::vector<std::uint32_t>> ranks;
        std::vector<std::int64_t> codes(groupCount);
        for (std::size_t k = 0; k < width; ++k) {
            for (std::uint32_t g = 0; g < groupCount; ++g) {
                codes[g] = keyCode(g, k);
            }
            ranks.push_back(keyCoders[k]->ranks(codes, table.column(k).values));
        }
        table.selectRows(orderByRanks(ranks, groupCount));
    }
    std::vector<std::size_t> shown(width);
    std::iota(shown.begin(), shown.end(), 0U);
    for (const Projection& item : m_stats.aggregates) {
        const NodePtr node = itemCompiler.compile(item.expr);
        Values values = evaluateOverTable(*node, table);
        shown.push_back(table.columnCount());
        table.addColumn(item.name, std::move(values));
    }
    table.selectColumns(shown);
    return table;
}

} // namespace flowlens::query
