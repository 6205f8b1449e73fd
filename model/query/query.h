#pragma once

#include "ast.h"
#include "queryerror.h"

#include <QString>
#include <QStringView>
#include <string_view>
#include <variant>
#include <vector>

namespace flowlens::query {

class QueryResult;

// A checked Logs Insights query: the commands in order, every name resolved and every node typed
// (see ast.h), plus the columns its commands define. Immutable once parsed; copying copies the
// tree, so share one across threads as std::shared_ptr<const Query>.
class Query {
public:
    Query() = default;

    // Parses and checks `text`. Either the whole query is good and you get it, or you get the
    // first error with its position; nothing in between.
    static QueryResult parse(QStringView text);
    static QueryResult parse(const QString& text);
    static QueryResult parse(std::string_view utf8);
    // The filter bar: a lone condition, as it would follow `filter`. Positions in errors are
    // positions in `expression`.
    static QueryResult parseFilter(QStringView expression);
    static QueryResult parseFilter(const QString& expression);

    const QString& text() const { return m_text; }
    const std::vector<Command>& commands() const { return m_commands; }
    const std::vector<ColumnDef>& columns() const { return m_columns; }
    bool isEmpty() const { return m_commands.empty(); }

    // Normalised Logs Insights text, ready for StartQuery (see InsightsPrinter).
    QString toInsights() const;
    // The tree as an S-expression (see SExpressionPrinter), for tests and debugging.
    QString toSExpression() const;

private:
    QString m_text;
    std::vector<Command> m_commands;
    std::vector<ColumnDef> m_columns;
};

// Either a Query or a QueryError.
class QueryResult {
public:
    QueryResult(Query query)
        : m_value(std::move(query))
    {
    }
    QueryResult(QueryError error)
        : m_value(std::move(error))
    {
    }

    bool ok() const { return std::holds_alternative<Query>(m_value); }
    explicit operator bool() const { return ok(); }
    const Query& query() const { return std::get<Query>(m_value); }
    const QueryError& error() const { return std::get<QueryError>(m_value); }

private:
    std::variant<Query, QueryError> m_value;
};

} // namespace flowlens::query
