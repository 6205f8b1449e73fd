#include "sexpressionprinter.h"

#include "insightsprinter.h"

#include <QStringList>

namespace flowlens::query {

using namespace Qt::StringLiterals;

namespace {

QString literal(const Literal& value)
{
    struct Visitor {
        QString operator()(std::monostate) const { return u"()"_s; }
        QString operator()(bool b) const { return b ? u"#t"_s : u"#f"_s; }
        QString operator()(std::int64_t i) const { return QString::number(i); }
        QString operator()(double d) const { return InsightsPrinter::floatText(d); }
        QString operator()(const QString& s) const { return InsightsPrinter::quoted(s); }
        QString operator()(const IpAddress& a) const { return u"ip:"_s + a.toString(); }
        QString operator()(const Cidr& c) const { return u"cidr:"_s + c.toString(); }
        QString operator()(const Period& p) const { return p.toString(); }
        QString operator()(const RegexPattern& r) const
        {
            QString flags;
            flags += r.caseInsensitive ? u"i"_s : QString();
            flags += r.multiLine ? u"m"_s : QString();
            flags += r.dotAll ? u"s"_s : QString();
            return u"re:/"_s + r.pattern + u'/' + flags;
        }
    };
    return std::visit(Visitor {}, value);
}

QString list(QStringView head, const std::vector<Expr>& items, std::size_t from = 0)
{
    QString out = u'(' + head;
    for (std::size_t i = from; i < items.size(); ++i) {
        out += u' ' + SExpressionPrinter::expression(items[i]);
    }
    return out + u')';
}

QString projection(const Projection& item)
{
    const QString e = SExpressionPrinter::expression(item.expr);
    return item.aliased ? u"(as "_s + e + u' ' + InsightsPrinter::name(item.name) + u')' : e;
}

QString projections(QStringView head, const std::vector<Projection>& items)
{
    QString out = u'(' + head;
    for (const Projection& item : items) {
        out += u' ' + projection(item);
    }
    return out + u')';
}

QString command(const Command& command)
{
    if (const auto* fields = std::get_if<FieldsCommand>(&command)) {
        return projections(u"fields", fields->items);
    }
    if (const auto* display = std::get_if<DisplayCommand>(&command)) {
        return list(u"display", display->names);
    }
    if (const auto* filter = std::get_if<FilterCommand>(&command)) {
        return u"(filter "_s + SExpressionPrinter::expression(filter->condition) + u')';
    }
    if (const auto* stats = std::get_if<StatsCommand>(&command)) {
        QString out = projections(u"stats", stats->aggregates);
        if (!stats->groupBy.empty()) {
            out.chop(1);
            out += u' ' + projections(u"by", stats->groupBy) + u')';
        }
        return out;
    }
    if (const auto* sort = std::get_if<SortCommand>(&command)) {
        QString out = u"(sort"_s;
        for (const SortKey& key : sort->keys) {
            out += (key.order == SortOrder::Descending ? u" (desc "_s : u" (asc "_s)
                + SExpressionPrinter::expression(key.expr) + u')';
        }
        return out + u')';
    }
    if (const auto* limit = std::get_if<LimitCommand>(&command)) {
        return u"(limit "_s + QString::number(limit->count) + u')';
    }
    return list(u"dedup", std::get<DedupCommand>(command).keys);
}

} // namespace

QString SExpressionPrinter::print(const std::vector<Command>& commands)
{
    QStringList parts;
    for (const Command& c : commands) {
        parts.append(command(c));
    }
    return parts.join(u' ');
}

QString SExpressionPrinter::expression(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Literal:
        return literal(e.literal);
    case ExprKind::Field:
        return QString::fromUtf8(fieldInfo(e.field).insightsName);
    case ExprKind::Message:
        return u"@message"_s;
    case ExprKind::Column:
        return u'$' + InsightsPrinter::name(e.name);
    case ExprKind::Name:
        return u"?"_s + e.name;
    case ExprKind::Unary:
        return list(e.unaryOp == UnaryOp::Not ? u"not" : u"neg", e.args);
    case ExprKind::Binary:
        return list(InsightsPrinter::operatorText(e.binaryOp), e.args);
    case ExprKind::In:
        return u'(' + (e.negated ? u"not-in "_s : u"in "_s) + expression(e.args[0]) + u' ' + list(u"list", e.args, 1)
            + u')';
    case ExprKind::Like:
        return list(e.negated ? u"not-like" : u"like", e.args);
    case ExprKind::Call:
    case ExprKind::Aggregate:
        return list(e.name, e.args);
    }
    return {};
}

} // namespace flowlens::query
