#include "query.h"

#include "binder.h"
#include "insightsprinter.h"
#include "lexer.h"
#include "parser.h"
#include "sexpressionprinter.h"

namespace flowlens::query {

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

QString Query::toInsights() const
{
    return InsightsPrinter::print(m_commands);
}

QString Query::toSExpression() const
{
    return SExpressionPrinter::print(m_commands);
}

} // namespace flowlens::query
