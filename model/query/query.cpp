#include "query.h"

#include "binder.h"
#include "insightsprinter.h"
#include "lexer.h"
#include "parser.h"
#include "sexpressionprinter.h"

#include <algorithm>

namespace flowlens::query {

namespace {

// Calls f(expr) for every expression a command holds (not their sub-expressions).
template <class F> void forEachTopExpression(const std::vector<Command>& commands, F&& f)
{
    for (const Command& command : commands) {
        std::visit(
            [&](const auto& c) {
                using C = std::decay_t<decltype(c)>;
                if constexpr (std::is_same_v<C, FilterCommand>) {
                    f(c.condition);
                } else if constexpr (std::is_same_v<C, FieldsCommand>) {
                    for (const Projection& p : c.items) {
                        f(p.expr);
                    }
                } else if constexpr (std::is_same_v<C, StatsCommand>) {
                    for (const auto* list : { &c.aggregates, &c.groupBy }) {
                        for (const Projection& p : *list) {
                            f(p.expr);
                        }
                    }
                } else if constexpr (std::is_same_v<C, SortCommand>) {
                    for (const SortKey& k : c.keys) {
                        f(k.expr);
                    }
                } else if constexpr (std::is_same_v<C, DisplayCommand>) {
                    for (const Expr& e : c.names) {
                        f(e);
                    }
                } else if constexpr (std::is_same_v<C, DedupCommand>) {
                    for (const Expr& e : c.keys) {
                        f(e);
                    }
                }
            },
            command);
    }
}

template <class F> void forEachNode(const Expr& e, F&& f)
{
    f(e);
    for (const Expr& arg : e.args) {
        forEachNode(arg, f);
    }
}

} // namespace

QueryResult Query::parse(QStringView text)
{
    Query query;
    query.m_text = text.toString();
    std::vector<Token> tokens;
    if (auto error = Lexer(query.m_text).tokenize(tokens)) {
        return *error;
    }
    if (auto error = Parser(query.m_text, std::move(tokens)).parseQuery(query.m_commands)) {
        return *error;
    }
    if (auto error = Binder(query.m_text).bind(query.m_commands, query.m_columns)) {
        return *error;
    }
    return query;
}

QueryResult Query::parse(const QString& text)
{
    return parse(QStringView(text));
}

QueryResult Query::parseFilter(const QString& expression)
{
    return parseFilter(QStringView(expression));
}

QueryResult Query::parse(std::string_view utf8)
{
    return parse(QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size())));
}

QueryResult Query::parseFilter(QStringView expression)
{
    Query query;
    query.m_text = expression.toString();
    std::vector<Token> tokens;
    if (auto error = Lexer(query.m_text).tokenize(tokens)) {
        return *error;
    }
    FilterCommand filter;
    if (auto error = Parser(query.m_text, std::move(tokens)).parseStandaloneExpression(filter.condition)) {
        return *error;
    }
    if (auto error = Binder(query.m_text).bindCondition(filter.condition)) {
        return *error;
    }
    filter.span = filter.condition.span;
    query.m_commands.emplace_back(std::move(filter));
    return query;
}

std::vector<FieldId> Query::namedFields() const
{
    std::vector<FieldId> fields;
    forEachTopExpression(m_commands, [&](const Expr& top) {
        forEachNode(top, [&](const Expr& e) {
            if (e.kind == ExprKind::Field) {
                fields.push_back(e.field);
            }
        });
    });
    return fields;
}

std::optional<std::bitset<FieldCount>> Query::fieldsRead() const
{
    if (std::none_of(m_commands.begin(), m_commands.end(),
            [](const Command& c) { return std::holds_alternative<StatsCommand>(c); })) {
        return std::nullopt;
    }
    std::bitset<FieldCount> fields;
    bool message = false;
    auto addTimestamp = [&] {
        fields.set(index(FieldId::EventTimestamp));
        fields.set(index(FieldId::Start));
    };
    forEachTopExpression(m_commands, [&](const Expr& top) {
        forEachNode(top, [&](const Expr& e) {
            if (e.kind == ExprKind::Message) {
                message = true;
            } else if (e.kind == ExprKind::Field) {
                if (e.field == FieldId::EventTimestamp) {
                    addTimestamp();
                }
                fields.set(index(e.field));
            } else if ((e.kind == ExprKind::Call && e.function == Function::Bin)
                || (e.kind == ExprKind::Aggregate
                    && (e.aggregate == Aggregate::Earliest || e.aggregate == Aggregate::Latest))) {
                addTimestamp();
            }
        });
    });
    if (message) {
        return std::nullopt;
    }
    return fields;
}

QString Query::toInsights() const
{
    return InsightsPrinter::print(m_commands);
}

QString Query::toSExpression() const
{
    return SExpressionPrinter::print(m_commands);
}

} // namespace flowlens::query
