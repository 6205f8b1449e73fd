#include "insightsprinter.h"

#include "functioncatalog.h"

#include <charconv>

namespace flowlens::query {

using namespace Qt::StringLiterals;

namespace {

// Binding strength, loosest first; equal to the grammar's levels.
enum Precedence : int { Or = 1, And, Not, Comparison, Sum, Product, Negate, Power, Primary };

int precedence(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Unary:
        return e.unaryOp == UnaryOp::Not ? Not : Negate;
    case ExprKind::In:
    case ExprKind::Like:
        return Comparison;
    case ExprKind::Binary:
        switch (e.binaryOp) {
        case BinaryOp::Or:
            return Or;
        case BinaryOp::And:
            return And;
        case BinaryOp::Add:
        case BinaryOp::Subtract:
            return Sum;
        case BinaryOp::Multiply:
        case BinaryOp::Divide:
        case BinaryOp::Modulo:
            return Product;
        case BinaryOp::Power:
            return Power;
        default:
            return Comparison;
        }
    case ExprKind::Literal:
        // A negative number prints with its sign, so it binds like a negation.
        if (const auto* i = std::get_if<std::int64_t>(&e.literal); i && *i < 0) {
            return Negate;
        }
        if (const auto* d = std::get_if<double>(&e.literal); d && *d < 0) {
            return Negate;
        }
        return Primary;
    default:
        return Primary;
    }
}

QString regexText(const RegexPattern& regex)
{
    // Insights takes no flags after the closing slash; it reads inline (?i) groups.
    QString flags;
    if (regex.caseInsensitive) {
        flags += u'i';
    }
    if (regex.multiLine) {
        flags += u'm';
    }
    if (regex.dotAll) {
        flags += u's';
    }
    QString pattern = regex.pattern;
    pattern.replace(u'/', u"\\/"_s);
    return u'/' + (flags.isEmpty() ? QString() : u"(?"_s + flags + u')') + pattern + u'/';
}

QString literalText(const Literal& value)
{
    struct Visitor {
        QString operator()(std::monostate) const { return {}; }
        // Insights has no boolean literals; its tests yield 1 and 0.
        QString operator()(bool b) const { return b ? u"1"_s : u"0"_s; }
        QString operator()(std::int64_t i) const { return QString::number(i); }
        QString operator()(double d) const { return InsightsPrinter::floatText(d); }
        QString operator()(const QString& s) const { return InsightsPrinter::quoted(s); }
        QString operator()(const IpAddress& a) const { return InsightsPrinter::quoted(a.toString()); }
        QString operator()(const Cidr& c) const { return InsightsPrinter::quoted(c.toString()); }
        QString operator()(const Period& p) const { return p.normalized().toString(); }
        QString operator()(const RegexPattern& r) const { return regexText(r); }
    };
    return std::visit(Visitor {}, value);
}

QString joinExpressions(const std::vector<Expr>& items, std::size_t from = 0)
{
    QString out;
    for (std::size_t i = from; i < items.size(); ++i) {
        if (i > from) {
            out += u", "_s;
        }
        out += InsightsPrinter::expression(items[i]);
    }
    return out;
}

// `child` in parentheses when it binds looser than its place needs.
QString operand(const Expr& child, int needed)
{
    const QString text = InsightsPrinter::expression(child);
    return precedence(child) < needed ? u'(' + text + u')' : text;
}

QString callText(const Expr& e)
{
    const QStringView name = e.kind == ExprKind::Aggregate ? FunctionCatalog::spec(e.aggregate).name
                                                           : FunctionCatalog::spec(e.function).name;
    if (e.kind == ExprKind::Aggregate && e.aggregate == Aggregate::Count && e.args.empty()) {
        return u"count(*)"_s;
    }
    return name + u'(' + joinExpressions(e.args) + u')';
}

QString projections(const std::vector<Projection>& items)
{
    QString out;
    for (const Projection& item : items) {
        if (!out.isEmpty()) {
            out += u", "_s;
        }
        out += InsightsPrinter::expression(item.expr);
        if (item.aliased) {
            out += u" as "_s + InsightsPrinter::name(item.name);
        }
    }
    return out;
}

QString commandText(const Command& command)
{
    if (const auto* fields = std::get_if<FieldsCommand>(&command)) {
        return u"fields "_s + projections(fields->items);
    }
    if (const auto* display = std::get_if<DisplayCommand>(&command)) {
        return u"display "_s + joinExpressions(display->names);
    }
    if (const auto* filter = std::get_if<FilterCommand>(&command)) {
        return u"filter "_s + InsightsPrinter::expression(filter->condition);
    }
    if (const auto* stats = std::get_if<StatsCommand>(&command)) {
        QString out = u"stats "_s + projections(stats->aggregates);
        if (!stats->groupBy.empty()) {
            out += u" by "_s + projections(stats->groupBy);
        }
        return out;
    }
    if (const auto* sort = std::get_if<SortCommand>(&command)) {
        QString out = u"sort "_s;
        for (std::size_t i = 0; i < sort->keys.size(); ++i) {
            const SortKey& key = sort->keys[i];
            out += (i ? u", "_s : QString()) + InsightsPrinter::expression(key.expr);
            if (key.explicitOrder) {
                out += key.order == SortOrder::Descending ? u" desc"_s : u" asc"_s;
            }
        }
        return out;
    }
    if (const auto* limit = std::get_if<LimitCommand>(&command)) {
        return u"limit "_s + QString::number(limit->count);
    }
    return u"dedup "_s + joinExpressions(std::get<DedupCommand>(command).keys);
}

bool isPlainName(QStringView name)
{
    if (name.isEmpty() || !(name.front().isLetter() || name.front() == u'_' || name.front() == u'@')) {
        return false;
    }
    for (QChar c : name.sliced(1)) {
        if (!(c.isLetterOrNumber() || c == u'_' || c == u'.')) {
            return false;
        }
    }
    for (QStringView word : { u"and", u"or", u"not", u"in", u"like", u"as", u"by" }) {
        if (name.compare(word, Qt::CaseInsensitive) == 0) {
            return false;
        }
    }
    return true;
}

} // namespace

QString InsightsPrinter::print(const std::vector<Command>& commands)
{
    QString out;
    for (const Command& command : commands) {
        if (!out.isEmpty()) {
            out += u" | "_s;
        }
        out += commandText(command);
    }
    return out;
}

QString InsightsPrinter::expression(const Expr& e)
{
    switch (e.kind) {
    case ExprKind::Literal:
        return literalText(e.literal);
    case ExprKind::Field:
        return QString::fromUtf8(fieldInfo(e.field).insightsName);
    case ExprKind::Message:
        return u"@message"_s;
    case ExprKind::Column:
    case ExprKind::Name:
        return name(e.name);
    case ExprKind::Unary:
        if (e.unaryOp == UnaryOp::Not) {
            return u"not "_s + operand(e.args[0], Not);
        }
        return u'-' + operand(e.args[0], Negate);
    case ExprKind::Binary: {
        const int p = precedence(e);
        // Left-associative levels need parentheses on an equal right operand, `^` on an equal left
        // one, and comparisons (which do not chain) on both.
        const int left = p == Power || p == Comparison ? p + 1 : p;
        const int right = p == Power ? p : p + 1;
        return operand(e.args[0], left) + u' ' + InsightsPrinter::operatorText(e.binaryOp) + u' '
            + operand(e.args[1], right);
    }
    case ExprKind::In:
        return operand(e.args[0], Comparison + 1) + (e.negated ? u" not in ["_s : u" in ["_s)
            + joinExpressions(e.args, 1) + u']';
    case ExprKind::Like:
        return operand(e.args[0], Comparison + 1) + (e.negated ? u" not like "_s : u" like "_s)
            + literalText(e.args[1].literal);
    case ExprKind::Call:
    case ExprKind::Aggregate:
        return callText(e);
    }
    return {};
}

QStringView InsightsPrinter::operatorText(BinaryOp op)
{
    static constexpr QStringView kText[]
        = { u"or", u"and", u"=", u"!=", u"<", u"<=", u">", u">=", u"+", u"-", u"*", u"/", u"%", u"^" };
    return kText[static_cast<int>(op)];
}

QString InsightsPrinter::name(QStringView name)
{
    return isPlainName(name) ? name.toString() : u'`' + name + u'`';
}

QString InsightsPrinter::quoted(QStringView text)
{
    QString out = u"\""_s;
    for (QChar c : text) {
        switch (c.unicode()) {
        case u'\\':
            out += u"\\\\"_s;
            break;
        case u'"':
            out += u"\\\""_s;
            break;
        case u'\n':
            out += u"\\n"_s;
            break;
        case u'\r':
            out += u"\\r"_s;
            break;
        case u'\t':
            out += u"\\t"_s;
            break;
        default:
            out += c;
        }
    }
    return out + u'"';
}

QString InsightsPrinter::floatText(double value)
{
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    QString text = QString::fromLatin1(buffer, ec == std::errc() ? end - buffer : 0);
    if (!text.contains(u'.') && !text.contains(u'e') && !text.contains(u'n')) {
        text += u".0"_s;
    }
    return text;
}

} // namespace flowlens::query
