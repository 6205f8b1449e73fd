#pragma once

#include "query/query.h"
#include "rowpredicate.h"

#include <QString>
#include <memory>

namespace flowlens {

// The filter bar's expression, compiled by the query engine (Logs Insights syntax, as it would
// follow `filter`, or a query of `filter` commands only), as the filter state's predicate.
class QueryPredicate final : public RowPredicate {
public:
    // nullptr when the expression does not parse or check; `error` then says where and why
    // ("line 1, column 8: unknown field `srcadr` — did you mean `srcAddr`?").
    static std::shared_ptr<const QueryPredicate> compile(
        std::shared_ptr<const FlowStore> store, const QString& expression, QString& error);

    void narrow(const FlowStore::Snapshot& snapshot, std::size_t c, Selection::ChunkRows& rows) const override;
    QString text() const override { return m_text; }

private:
    QueryPredicate(std::shared_ptr<const FlowStore> store, query::Query query, QString text);

    std::shared_ptr<const FlowStore> m_store; // whose dictionaries the compiled literals refer to
    query::Query m_query;
    QString m_text;
};

} // namespace flowlens
