#include "sqlexpressionwriter.h"

#include "insightsprinter.h"
#include "queryerror.h"

#include <QStringList>

namespace flowlens::query {

using namespace Qt::StringLiterals;

namespace {

using P = SqlText::Precedence;
using VT = ValueType;

SqlText primary(QString text)
{
    return { std::move(text), P::Primary };
}

bool isText(ValueType t)
{
    return t == VT::String || t == VT::Address;
}

// Flow logs write "-" for a value a record does not have; Athena reads it into string columns as is.
bool isTextField(const Expr& e)
{
    return e.kind == ExprKind::Field && isText(e.type);
}

QString regexSource(const RegexPattern& regex)
{
    QString flags;
    flags += regex.caseInsensitive ? u"i"_s : QString();
    flags += regex.multiLine ? u"m"_s : QString();
    flags += regex.dotAll ? u"s"_s : QString();
    return (flags.isEmpty() ? QString() : u"(?"_s + flags + u')') + regex.pattern;
}

// p / 100 as exact decimal text: 95 -> 0.95, 99.9 -> 0.999, 100 -> 1.0.
QString percentFraction(const Literal& value)
{
    QString digits = std::holds_alternative<std::int64_t>(value) ? QString::number(std::get<std::int64_t>(value))
                                                                 : InsightsPrinter::floatText(std::get<double>(value));
    if (digits.contains(u'e')) {
        return InsightsPrinter::floatText(std::get<double>(value) / 100);
    }
    qsizetype point = digits.indexOf(u'.');
    if (point < 0) {
        point = digits.size();
    }
    digits.remove(point, 1);
    digits = QString(qMax<qsizetype>(0, 3 - point), u'0') + digits;
    point = qMax<qsizetype>(point, 3) - 2;
    QString whole = digits.left(point);
    QString fraction = digits.mid(point);
    while (whole.size() > 1 && whole.front() == u'0') {
        whole.remove(0, 1);
    }
    while (fraction.size() > 1 && fraction.back() == u'0') {
        fraction.chop(1);
    }
    return whole + u'.' + (fraction.isEmpty() ? u"0"_s : fraction);
}

QStringView unitName(Period::Unit unit)
{
    static constexpr QStringView kNames[]
        = { u"millisecond", u"second", u"minute", u"hour", u"day", u"week", u"month", u"quarter", u"year" };
    return kNames[static_cast<int>(unit)];
}

} // namespace

SqlExpressionWriter::SqlExpressionWriter(QStringView queryText, ColumnResolver columns)
    : m_text(queryText)
    , m_columns(std::move(columns))
{
}

void SqlExpressionWriter::refuse(const Expr& e, const QString& message) const
{
    throw QueryError(m_text, e.span, message);
}

QString SqlExpressionWriter::column(FieldId id)
{
    QString name = QString::fromUtf8(fieldInfo(id).awsName).replace(u'-', u'_');
    // Reserved words in Trino's grammar that are also flow-log columns.
    return name == u"end" ? u"\"end\""_s : name;
}

QString SqlExpressionWriter::identifier(QStringView name)
{
    return u'"' + name.toString().replace(u"\""_s, u"\"\""_s) + u'"';
}

QString SqlExpressionWriter::string(QStringView text)
{
    return u'\'' + text.toString().replace(u"'"_s, u"''"_s) + u'\'';
}

SqlText SqlExpressionWriter::write(const Expr& e) const
{
    switch (e.kind) {
    case ExprKind::Literal:
        return literal(e);
    case ExprKind::Field:
        return field(e);
    case ExprKind::Message:
        refuse(e, u"@message has no column in the Athena vpc_flow_logs table"_s);
    case ExprKind::Column:
        return m_columns(e.column);
    case ExprKind::Unary:
        return unary(e);
    case ExprKind::Binary:
        return binary(e);
    case ExprKind::In:
        return in(e);
    case ExprKind::Like:
        return like(e);
    case ExprKind::Call:
        return call(e);
    case ExprKind::Aggregate:
        return aggregate(e);
    case ExprKind::Name:
        break;
    }
    refuse(e, u"internal error: unchecked name"_s);
}

SqlText SqlExpressionWriter::field(const Expr& e) const
{
    if (e.field == FieldId::EventTimestamp) {
        return primary(u"from_unixtime(start)"_s);
    }
    if (e.field == FieldId::LogStream) {
        refuse(e, u"@logStream has no column in the Athena vpc_flow_logs table"_s);
    }
    return primary(column(e.field));
}

SqlText SqlExpressionWriter::asAddress(const Expr& e) const
{
    if (e.kind == ExprKind::Literal) {
        return literal(e);
    }
    return primary(u"try_cast("_s + write(e).text + u" AS ipaddress)"_s);
}

SqlText SqlExpressionWriter::asText(const Expr& e) const
{
    if (isText(e.type)) {
        return write(e);
    }
    return primary(u"CAST("_s + write(e).text + u" AS varchar)"_s);
}

SqlText SqlExpressionWriter::withoutDash(const Expr& e) const
{
    return isTextField(e) ? primary(u"nullif("_s + write(e).text + u", '-')"_s) : write(e);
}

SqlText SqlExpressionWriter::literal(const Expr& e) const
{
    struct Visitor {
        QString operator()(std::monostate) const { return u"NULL"_s; }
        QString operator()(bool b) const { return b ? u"TRUE"_s : u"FALSE"_s; }
        QString operator()(std::int64_t i) const { return QString::number(i); }
        QString operator()(double d) const { return InsightsPrinter::floatText(d); }
        QString operator()(const QString& s) const { return string(s); }
        QString operator()(const IpAddress& a) const { return u"IPADDRESS "_s + string(a.toString()); }
        QString operator()(const Cidr& c) const { return string(c.toString()); }
        QString operator()(const Period& p) const { return string(p.toString()); }
        QString operator()(const RegexPattern& r) const { return string(regexSource(r)); }
    };
    const QString text = std::visit(Visitor {}, e.literal);
    return { text, text.startsWith(u'-') ? P::Negate : P::Primary };
}

SqlText SqlExpressionWriter::unary(const Expr& e) const
{
    if (e.unaryOp == UnaryOp::Not) {
        return { u"NOT "_s + write(e.args[0]).at(P::Not), P::Not };
    }
    return { u'-' + write(e.args[0]).at(P::Negate + 1), P::Negate };
}

SqlText SqlExpressionWriter::binary(const Expr& e) const
{
    const Expr& lhs = e.args[0];
    const Expr& rhs = e.args[1];
    switch (e.binaryOp) {
    case BinaryOp::Or:
        return { write(lhs).at(P::Or) + u" OR "_s + write(rhs).at(P::Or + 1), P::Or };
    case BinaryOp::And:
        return { write(lhs).at(P::And) + u" AND "_s + write(rhs).at(P::And + 1), P::And };
    case BinaryOp::Power:
        return primary(u"power("_s + write(lhs).text + u", "_s + write(rhs).text + u')');
    case BinaryOp::Add:
    case BinaryOp::Subtract:
        return { write(lhs).at(P::Sum) + u' ' + InsightsPrinter::operatorText(e.binaryOp) + u' '
                + write(rhs).at(P::Sum + 1),
            P::Sum };
    case BinaryOp::Divide:
        if (lhs.type == VT::Integer && rhs.type == VT::Integer) {
            // Trino divides integers as integers; Insights does not.
            return { u"CAST("_s + write(lhs).text + u" AS double) / "_s + write(rhs).at(P::Product + 1), P::Product };
        }
        [[fallthrough]];
    case BinaryOp::Multiply:
    case BinaryOp::Modulo:
        return { write(lhs).at(P::Product) + u' ' + InsightsPrinter::operatorText(e.binaryOp) + u' '
                + write(rhs).at(P::Product + 1),
            P::Product };
    default:
        break;
    }
    const bool addresses = lhs.type == VT::Address;
    const SqlText left = addresses ? asAddress(lhs) : write(lhs);
    const SqlText right = addresses ? asAddress(rhs) : write(rhs);
    const QStringView op = e.binaryOp == BinaryOp::NotEqual ? u"<>" : InsightsPrinter::operatorText(e.binaryOp);
    return { left.at(P::Comparison + 1) + u' ' + op + u' ' + right.at(P::Comparison + 1), P::Comparison };
}

SqlText SqlExpressionWriter::in(const Expr& e) const
{
    const bool addresses = e.args[0].type == VT::Address;
    QStringList items;
    for (std::size_t i = 1; i < e.args.size(); ++i) {
        items.append(write(e.args[i]).text);
    }
    const SqlText needle = addresses ? asAddress(e.args[0]) : write(e.args[0]);
    return { needle.at(P::Comparison + 1) + (e.negated ? u" NOT IN ("_s : u" IN ("_s) + items.join(u", "_s) + u')',
        P::Comparison };
}

SqlText SqlExpressionWriter::like(const Expr& e) const
{
    const SqlText subject = asText(e.args[0]);
    const Literal& pattern = e.args[1].literal;
    if (const auto* regex = std::get_if<RegexPattern>(&pattern)) {
        const QString test = u"regexp_like("_s + subject.text + u", "_s + string(regexSource(*regex)) + u')';
        return e.negated ? SqlText { u"NOT "_s + test, P::Not } : primary(test);
    }
    const QString position = u"strpos("_s + subject.text + u", "_s + string(std::get<QString>(pattern)) + u')';
    return { position + (e.negated ? u" = 0"_s : u" > 0"_s), P::Comparison };
}

QString SqlExpressionWriter::arguments(const std::vector<Expr>& args, bool dashAsNull) const
{
    QStringList parts;
    for (const Expr& arg : args) {
        parts.append(dashAsNull ? withoutDash(arg).text : write(arg).text);
    }
    return parts.join(u", "_s);
}

SqlText SqlExpressionWriter::call(const Expr& e) const
{
    const auto& args = e.args;
    auto simple = [&](QStringView name) { return primary(name + u'(' + arguments(args) + u')'); };
    switch (e.function) {
    case Function::IsIpv4InSubnet:
    case Function::IsIpv6InSubnet:
    case Function::IsIpInSubnet:
        return primary(u"contains("_s + write(args[1]).text + u", "_s + asAddress(args[0]).text + u')');
    case Function::IsPresent:
        if (isText(args[0].type)) {
            const QString c = write(args[0]).at(P::Comparison + 1);
            return { c + u" IS NOT NULL AND "_s + c + u" <> '-'"_s, P::And };
        }
        return { write(args[0]).at(P::Comparison + 1) + u" IS NOT NULL"_s, P::Comparison };
    case Function::IsEmpty:
    case Function::IsBlank: {
        const QString c = write(args[0]).at(P::Comparison + 1);
        if (!isText(args[0].type)) {
            return { c + u" IS NULL"_s, P::Comparison };
        }
        const QString value = e.function == Function::IsBlank ? u"trim("_s + c + u')' : c;
        return { c + u" IS NULL OR "_s + value + u" IN ('', '-')"_s, P::Or };
    }
    case Function::Coalesce:
        return primary(u"coalesce("_s + arguments(args, true) + u')');
    case Function::Abs:
        return simple(u"abs");
    case Function::Floor:
        return simple(u"floor");
    case Function::Ceil:
        return simple(u"ceil");
    case Function::Greatest:
        return simple(u"greatest");
    case Function::Least:
        return simple(u"least");
    case Function::Strlen:
        return primary(u"length("_s + asText(args[0]).text + u')');
    case Function::ToLower:
        return simple(u"lower");
    case Function::ToUpper:
        return simple(u"upper");
    case Function::Concat: {
        QStringList parts;
        for (const Expr& arg : args) {
            parts.append(asText(arg).text);
        }
        return primary(u"concat("_s + parts.join(u", "_s) + u')');
    }
    case Function::StrContains:
        return { u"strpos("_s + asText(args[0]).text + u", "_s + write(args[1]).text + u") > 0"_s, P::Comparison };
    case Function::Bin:
        return timeBucket(e, nullptr, std::get<Period>(args[0].literal), false);
    case Function::DateFloor:
    case Function::DateCeil:
        return timeBucket(e, &args[0], std::get<Period>(args[1].literal), e.function == Function::DateCeil);
    case Function::FromMillis:
        return primary(u"from_unixtime("_s + write(args[0]).at(P::Product) + u" / 1000.0)"_s);
    case Function::ToMillis:
        return primary(u"CAST(to_unixtime("_s + write(args[0]).text + u") * 1000 AS bigint)"_s);
    case Function::Unresolved:
        break;
    }
    refuse(e, u"internal error: unresolved function"_s);
}

SqlText SqlExpressionWriter::timeBucket(
    const Expr& call, const Expr* timestamp, const Period& period, bool roundUp) const
{
    // bin() reads @timestamp, which this table has as `start` (seconds).
    const bool fromStart
        = !timestamp || (timestamp->kind == ExprKind::Field && timestamp->field == FieldId::EventTimestamp);
    const QString time = fromStart ? u"from_unixtime(start)"_s : write(*timestamp).text;
    if (period.count() == 1 && !roundUp) {
        return primary(u"date_trunc('"_s + unitName(period.unit()) + u"', "_s + time + u')');
    }
    const auto millis = period.milliseconds();
    if (!millis) {
        refuse(call,
            InsightsPrinter::expression(call)
                + u" has no Athena translation; use a period of one month, "
                  u"quarter or year"_s);
    }
    if (*millis % 1000 != 0) {
        refuse(call, InsightsPrinter::expression(call) + u" has no Athena translation: start is in whole seconds"_s);
    }
    const QString seconds = fromStart ? u"start"_s : u"to_unixtime("_s + time + u')';
    const QString n = QString::number(*millis / 1000);
    if (period.unit() == Period::Unit::Week) {
        // Weeks start on Monday, as date_trunc('week') and the local engine have them: count from
        // 1969-12-29, three days before the epoch.
        return primary(u"from_unixtime("_s + (roundUp ? u"ceil(("_s : u"floor(("_s) + seconds + u" + 259200) / "_s + n
            + u".0) * "_s + n + u" - 259200)"_s);
    }
    return primary(
        u"from_unixtime("_s + (roundUp ? u"ceil("_s : u"floor("_s) + seconds + u" / "_s + n + u".0) * "_s + n + u')');
}

SqlText SqlExpressionWriter::aggregate(const Expr& e) const
{
    const auto& args = e.args;
    switch (e.aggregate) {
    case Aggregate::Count:
        return primary(args.empty() ? u"count(*)"_s : u"count("_s + withoutDash(args[0]).text + u')');
    case Aggregate::CountDistinct:
        // Approximate, as Insights says its count_distinct is for high-cardinality fields.
        return primary(u"approx_distinct("_s + withoutDash(args[0]).text + u')');
    case Aggregate::Sum:
        return primary(u"sum("_s + arguments(args) + u')');
    case Aggregate::Avg:
        return primary(u"avg("_s + arguments(args) + u')');
    case Aggregate::Min:
        return primary(u"min("_s + arguments(args) + u')');
    case Aggregate::Max:
        return primary(u"max("_s + arguments(args) + u')');
    case Aggregate::Percentile:
        return primary(
            u"approx_percentile("_s + write(args[0]).text + u", "_s + percentFraction(args[1].literal) + u')');
    case Aggregate::StdDev:
        return primary(u"stddev("_s + arguments(args) + u')');
    case Aggregate::Earliest:
        return primary(u"min_by("_s + write(args[0]).text + u", start)"_s);
    case Aggregate::Latest:
        return primary(u"max_by("_s + write(args[0]).text + u", start)"_s);
    }
    refuse(e, u"internal error: unknown aggregate"_s);
}

} // namespace flowlens::query
