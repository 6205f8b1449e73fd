#pragma once

#include "ast.h"
#include "queryerror.h"

#include <QString>
#include <QStringView>
#include <bitset>
#include <optional>
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

    // The record fields the query names, in order of appearance (repeats included).
    std::vector<FieldId> namedFields() const;
    // The fields whose values the answer depends on, when the query ends in a table of stats: the
    // named ones, plus @timestamp's sources (the event time and start) for bin(), earliest() and
    // latest(). nullopt when the answer shows whole records (no stats) or reads @message.
    std::optional<std::bitset<FieldCount>> fieldsRead() const;

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
