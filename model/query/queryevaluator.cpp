#include "queryevaluator.h"

#include "analysis/chunkparallel.h"
#include "batching.h"
#include "exprcompiler.h"
#include "statsrunner.h"
#include "store/flowstore.h"

#include <algorithm>
#include <cstring>
#include <numeric>
#include <unordered_set>

namespace flowlens::query {

namespace {

using namespace Qt::StringLiterals;

Selection selectionOf(const FlowStore::Snapshot& snapshot, const std::vector<RowId>& rows)
{
    Selection s = Selection::none(snapshot);
    for (RowId id : rows) {
        Selection::ChunkRows& chunk = s.chunk(chunkOf(id));
        const std::uint32_t r = rowOf(id);
        chunk.bits[r / 64] |= std::uint64_t(1) << (r % 64);
        ++chunk.count;
    }
    return s;
}

Selection applyCondition(const ExprCompiler& compiler, const Expr& condition, const Selection& input)
{
    Selection output = input;
    struct Worker {
        NodePtr node;
        Values values;
        std::vector<std::uint32_t> rows;
        std::unique_ptr<ValueArena> arena = std::make_unique<ValueArena>();
    };
    forEachChunkParallel<Worker>(
        input.chunkCount(),
        [&] {
            Worker w;
            w.node = compiler.compile(condition);
            return w;
        },
        [&](std::size_t c, Worker& w) {
            if (input.chunk(c).count == 0) {
                return;
            }
            const std::uint32_t n = input.snapshot().chunks[c]->rowCount();
            std::vector<std::uint64_t> bits((n + 63) / 64, 0);
            std::uint32_t count = 0;
            forEachBatch(input, c, w.rows, *w.arena, [&](const Batch& batch) {
                w.node->eval(batch, w.values);
                const std::int64_t* truth = w.values.ints.data();
                for (std::uint32_t i = 0; i < batch.count; ++i) {
                    if (truth[i] == 1) {
                        const std::uint32_t r = batch.row(i);
                        bits[r / 64] |= std::uint64_t(1) << (r % 64);
                        ++count;
                    }
                }
            });
            Selection::ChunkRows& rows = output.chunk(c);
            rows.all = count == n;
            rows.bits = rows.all ? std::vector<std::uint64_t>() : std::move(bits);
            rows.count = count;
        });
    return output;
}

void scatter(const Values& part, Values& out, const std::uint32_t* positions)
{
    for (std::size_t i = 0; i < part.size(); ++i) {
        const std::uint32_t p = positions[i];
        switch (storageOf(out.type)) {
        case Storage::Ints:
            out.ints[p] = part.ints[i];
            break;
        case Storage::Floats:
            out.floats[p] = part.floats[i];
            break;
        case Storage::Strings:
            out.strings[p] = part.strings[i];
            break;
        case Storage::Addresses:
            out.addresses[p] = part.addresses[i];
            break;
        }
    }
}

// The values of `e` for each of `rows`, in that order. Computed text goes to `arena`.
Values evaluateRecords(const ExprCompiler& compiler, const Expr& e, const FlowStore::Snapshot& snapshot,
    const std::vector<RowId>& rows, ValueArena& arena)
{
    const NodePtr node = compiler.compile(e);
    Values out;
    out.reset(node->type(), rows.size());
    // Positions grouped by chunk, so each batch reads one chunk.
    std::vector<std::uint32_t> positions(rows.size());
    std::iota(positions.begin(), positions.end(), 0U);
    std::stable_sort(positions.begin(), positions.end(),
        [&](std::uint32_t a, std::uint32_t b) { return chunkOf(rows[a]) < chunkOf(rows[b]); });
    std::vector<std::uint32_t> rowNumbers(rows.size());
    for (std::size_t i = 0; i < positions.size(); ++i) {
        rowNumbers[i] = rowOf(rows[positions[i]]);
    }
    Values part;
    for (std::size_t begin = 0; begin < positions.size();) {
        const std::uint32_t chunk = chunkOf(rows[positions[begin]]);
        std::size_t end = begin;
        while (end < positions.size() && end - begin < kBatchRows && chunkOf(rows[positions[end]]) == chunk) {
            ++end;
        }
        Batch batch;
        batch.chunk = snapshot.chunks[chunk].get();
        batch.chunkIndex = chunk;
        batch.rows = rowNumbers.data() + begin;
        batch.count = static_cast<std::uint32_t>(end - begin);
        batch.arena = &arena;
        node->eval(batch, part);
        scatter(part, out, positions.data() + begin);
        begin = end;
    }
    return out;
}

// Positions to keep for dedup: the first of each distinct key tuple, and every row with a null key.
std::vector<std::uint32_t> dedupOrder(const std::vector<Values>& keys, std::size_t rows)
{
    std::vector<std::uint32_t> kept;
    std::unordered_set<std::string> seen;
    std::string key;
    for (std::uint32_t r = 0; r < rows; ++r) {
        key.clear();
        bool anyNull = false;
        for (const Values& v : keys) {
            if (v.isNull(r)) {
                anyNull = true;
                break;
            }
            switch (storageOf(v.type)) {
            case Storage::Ints:
                key.append(reinterpret_cast<const char*>(&v.ints[r]), sizeof(std::int64_t));
                break;
            case Storage::Floats:
                key.append(reinterpret_cast<const char*>(&v.floats[r]), sizeof(double));
                break;
            case Storage::Strings: {
                const auto size = static_cast<std::uint32_t>(v.strings[r].size());
                key.append(reinterpret_cast<const char*>(&size), sizeof size);
                key.append(v.strings[r]);
                break;
            }
            case Storage::Addresses:
                key.append(reinterpret_cast<const char*>(v.addresses[r]->bytes.data()), 16);
                break;
            }
        }
        if (anyNull || seen.insert(key).second) {
            kept.push_back(r);
        }
    }
    return kept;
}

template <class T> std::vector<T> pick(const std::vector<T>& values, const std::vector<std::uint32_t>& order)
{
    std::vector<T> picked;
    picked.reserve(order.size());
    for (std::uint32_t i : order) {
        picked.push_back(values[i]);
    }
    return picked;
}

QStringList missingFieldWarnings(const FlowStore& store, const Query& query)
{
    const std::vector<FieldId> fields = query.namedFields();
    const auto present = store.presentFields();
    QStringList warnings;
    std::vector<FieldId> reported;
    for (FieldId f : fields) {
        const bool missing
            = f == FieldId::EventTimestamp ? !present[index(f)] && !present[index(FieldId::Start)] : !present[index(f)];
        if (missing && store.rowCount() > 0 && std::find(reported.begin(), reported.end(), f) == reported.end()) {
            reported.push_back(f);
            warnings.append(u"no loaded record has the field `"_s + QString::fromUtf8(fieldInfo(f).insightsName)
                + u"` (the records' format has no "_s + QString::fromUtf8(fieldInfo(f).awsName)
                + u"); it is null in every record"_s);
        }
    }
    return warnings;
}

struct OutputColumn {
    QString name;
    const Expr* expr;
};

} // namespace

QueryEvaluator::QueryEvaluator(const FlowStore& store)
    : m_store(store)
{
}

Selection QueryEvaluator::filter(const Query& query, const Selection& input) const
{
    return run(query, input, false).matched;
}

QueryOutput QueryEvaluator::run(const Query& query, const Selection& input, bool materialize) const
{
    QueryOutput output;
    output.warnings = missingFieldWarnings(m_store, query);
    const FlowStore::Snapshot& snapshot = input.snapshot();
    ExprCompiler compiler(m_store, query);

    Selection selection = input;
    std::optional<std::vector<RowId>> order; // records in query order, once something ordered them
    ValueArena scratch;
    const DisplayCommand* display = nullptr;
    std::vector<const Projection*> fieldItems;
    std::vector<const Projection*> fieldItemsAfterStats;

    auto orderedRecords = [&]() -> std::vector<RowId>& {
        if (!order) {
            order = selection.rowIds();
        }
        return *order;
    };
    auto keyValues = [&](const std::vector<const Expr*>& keys) {
        std::vector<Values> values;
        for (const Expr* key : keys) {
            if (output.aggregated) {
                const NodePtr node = compiler.compile(*key);
                values.push_back(evaluateOverTable(*node, output.table));
            } else {
                values.push_back(evaluateRecords(compiler, *key, snapshot, orderedRecords(), scratch));
            }
        }
        return values;
    };
    auto keepRows = [&](const std::vector<std::uint32_t>& rows) {
        if (output.aggregated) {
            output.table.selectRows(rows);
        } else {
            order = pick(orderedRecords(), rows);
            selection = selectionOf(snapshot, *order);
        }
    };

    const std::vector<Command>& commands = query.commands();
    for (std::size_t i = 0; i < commands.size(); ++i) {
        const Command& command = commands[i];
        if (const auto* f = std::get_if<FilterCommand>(&command)) {
            if (output.aggregated) {
                const NodePtr node = compiler.compile(f->condition);
                const Values truth = evaluateOverTable(*node, output.table);
                std::vector<std::uint32_t> rows;
                for (std::uint32_t r = 0; r < truth.ints.size(); ++r) {
                    if (truth.ints[r] == 1) {
                        rows.push_back(r);
                    }
                }
                output.table.selectRows(rows);
            } else {
                selection = applyCondition(compiler, f->condition, selection);
                if (order) {
                    std::erase_if(*order, [&](RowId id) { return !selection.contains(id); });
                }
            }
        } else if (const auto* stats = std::get_if<StatsCommand>(&command)) {
            output.matched = selection;
            std::optional<StatsRunner::ThenTop> then;
            const auto* nextSort = i + 1 < commands.size() ? std::get_if<SortCommand>(&commands[i + 1]) : nullptr;
            const auto* nextLimit = i + 2 < commands.size() ? std::get_if<LimitCommand>(&commands[i + 2]) : nullptr;
            if (nextSort && nextLimit) {
                then = StatsRunner::ThenTop { nextSort, static_cast<std::size_t>(nextLimit->count) };
            }
            output.table = StatsRunner(m_store, query, *stats).run(selection, then);
            output.aggregated = true;
            std::size_t column = 0;
            for (const auto* items : { &stats->groupBy, &stats->aggregates }) {
                for (const Projection& item : *items) {
                    compiler.setTableColumn(item.column, column++);
                }
            }
            display = nullptr;
        } else if (const auto* sort = std::get_if<SortCommand>(&command)) {
            std::vector<const Expr*> keys;
            std::vector<bool> descending;
            for (const SortKey& key : sort->keys) {
                keys.push_back(&key.expr);
                descending.push_back(key.order == SortOrder::Descending);
            }
            const std::vector<std::uint32_t> sorted = sortedOrder(keyValues(keys), descending);
            if (output.aggregated) {
                output.table.selectRows(sorted);
            } else {
                order = pick(orderedRecords(), sorted);
            }
        } else if (const auto* limit = std::get_if<LimitCommand>(&command)) {
            const std::size_t rows = output.aggregated ? output.table.rowCount() : orderedRecords().size();
            std::vector<std::uint32_t> kept(std::min<std::size_t>(rows, static_cast<std::size_t>(limit->count)));
            std::iota(kept.begin(), kept.end(), 0U);
            keepRows(kept);
        } else if (const auto* dedup = std::get_if<DedupCommand>(&command)) {
            std::vector<const Expr*> keys;
            for (const Expr& key : dedup->keys) {
                keys.push_back(&key);
            }
            const std::size_t rows = output.aggregated ? output.table.rowCount() : orderedRecords().size();
            keepRows(dedupOrder(keyValues(keys), rows));
        } else if (const auto* d = std::get_if<DisplayCommand>(&command)) {
            display = d;
        } else if (const auto* fields = std::get_if<FieldsCommand>(&command)) {
            for (const Projection& item : fields->items) {
                (output.aggregated ? fieldItemsAfterStats : fieldItems).push_back(&item);
            }
        }
    }
    if (!output.aggregated) {
        output.matched = selection;
        output.records = order ? std::move(*order) : selection.rowIds();
    }
    if (output.aggregated || materialize) {
        // The columns shown: the last display, else the fields items (after stats: its columns
        // and the fields items after it), else every field the records have.
        std::vector<OutputColumn> columns;
        std::vector<Expr> defaults;
        auto addUnique = [&](const QString& name, const Expr* expr) {
            if (std::none_of(columns.begin(), columns.end(), [&](const OutputColumn& c) { return c.name == name; })) {
                columns.push_back({ name, expr });
            }
        };
        if (display) {
            for (const Expr& name : display->names) {
                addUnique(name.name, &name);
            }
        } else if (output.aggregated) {
            for (const Result::Column& c : output.table.columns()) {
                columns.push_back({ c.name, nullptr });
            }
            for (const Projection* item : fieldItemsAfterStats) {
                addUnique(item->name, &item->expr);
            }
        } else if (!fieldItems.empty()) {
            for (const Projection* item : fieldItems) {
                addUnique(item->name, &item->expr);
            }
        } else {
            const auto present = m_store.presentFields();
            defaults.reserve(FieldCount);
            for (std::size_t f = 0; f < FieldCount; ++f) {
                if (present[f]) {
                    defaults.push_back(fieldReference(static_cast<FieldId>(f)));
                    columns.push_back({ defaults.back().name, &defaults.back() });
                }
            }
        }
        Result table;
        for (const OutputColumn& c : columns) {
            if (!c.expr) {
                table.addColumn(
                    c.name, output.table.column(static_cast<std::size_t>(output.table.columnIndex(c.name))).values);
            } else if (output.aggregated) {
                const NodePtr node = compiler.compile(*c.expr);
                table.addColumn(c.name, evaluateOverTable(*node, output.table));
            } else {
                table.addColumn(c.name, evaluateRecords(compiler, *c.expr, snapshot, output.records, table.arena()));
            }
        }
        if (output.aggregated) {
            table.adoptArena(output.table);
        }
        output.table = std::move(table);
    }
    return output;
}

} // namespace flowlens::query
