#include "querypredicate.h"

#include "query/queryevaluator.h"

#include <algorithm>

namespace flowlens {

QueryPredicate::QueryPredicate(std::shared_ptr<const FlowStore> store, query::Query query, QString text)
    : m_store(std::move(store))
    , m_query(std::move(query))
    , m_text(std::move(text))
{
}

std::shared_ptr<const QueryPredicate> QueryPredicate::compile(
    std::shared_ptr<const FlowStore> store, const QString& expression, QString& error)
{
    query::QueryResult parsed = query::Query::parseFilter(expression.trimmed());
    if (!parsed) {
        // A query of `filter` commands only (`filter a | filter b`) filters as well.
        query::QueryResult full = query::Query::parse(expression.trimmed());
        const bool filters = full
            && std::all_of(full.query().commands().begin(), full.query().commands().end(),
                [](const query::Command& c) { return std::holds_alternative<query::FilterCommand>(c); });
        if (!filters) {
            error = parsed.error().toString();
            return nullptr;
        }
        parsed = std::move(full);
    }
    return std::shared_ptr<const QueryPredicate>(
        new QueryPredicate(std::move(store), parsed.query(), expression.trimmed()));
}

void QueryPredicate::narrow(const FlowStore::Snapshot& snapshot, std::size_t c, Selection::ChunkRows& rows) const
{
    // The evaluator filters a selection; give it just this chunk's rows.
    Selection input = Selection::none(snapshot);
    input.chunk(c) = rows;
    const Selection kept = query::QueryEvaluator(*m_store).filter(m_query, input);
    rows = kept.chunk(c);
}

} // namespace flowlens
