#pragma once

#include "exprnode.h"
#include "query.h"

#include <vector>

namespace flowlens::query {

// Turns checked expressions into node trees for one store snapshot. Literals compared with a
// stored field are looked up once (a string in the field's dictionary, an address in the address
// table), so such tests compare stored codes and never touch text.
class ExprCompiler {
public:
    ExprCompiler(const FlowStore& store, const Query& query);

    // Columns the batches' table holds: a query column (Query::columns()) or an aggregate node of a
    // stats item. Columns defined by `fields` that are not in the table are computed from their
    // definitions.
    void setTableColumn(int queryColumn, std::size_t tableColumn);
    void setAggregateColumn(const Expr* aggregate, std::size_t tableColumn);

    NodePtr compile(const Expr& e) const;

private:
    NodePtr compileBinary(const Expr& e) const;
    NodePtr compileIn(const Expr& e) const;
    NodePtr compileLike(const Expr& e) const;
    NodePtr compileCall(const Expr& e) const;
    NodePtr compileColumn(const Expr& e) const;
    std::optional<std::int64_t> codeOf(FieldId field, const Literal& literal) const;

    const FlowStore& m_store;
    const Query& m_query;
    std::vector<int> m_tableColumns; // by query column; -1: not in the table
    std::vector<std::pair<const Expr*, std::size_t>> m_aggregateColumns;
};

// A checked reference to `field`, for columns the query does not name itself.
Expr fieldReference(FieldId field);

// A stored field, as the code fast paths need it: not @timestamp, which is computed.
bool isStoredField(const Expr& e);

} // namespace flowlens::query
