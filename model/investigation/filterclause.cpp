#include "filterclause.h"

#include "store/flowstore.h"

#include <QDateTime>

namespace flowlens {

namespace {

QString fieldName(FieldId field)
{
    return QString::fromLatin1(fieldInfo(field).insightsName);
}

QString valueText(const FlowStore& store, FieldId field, std::int64_t value)
{
    return QString::fromStdString(store.text(field, value));
}

QString quoted(FieldId field, const QString& text)
{
    if (fieldInfo(field).kind == FieldKind::Integer) {
        return text;
    }
    QString escaped = text;
    escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString utc(std::int64_t seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

FilterClause FilterClause::equals(const FlowStore& store, FieldId field, std::int64_t value)
{
    FilterClause c;
    c.kind = Kind::Equals;
    c.field = field;
    c.value = value;
    c.text = valueText(store, field, value);
    return c;
}

FilterClause FilterClause::notEquals(const FlowStore& store, FieldId field, std::int64_t value)
{
    FilterClause c = equals(store, field, value);
    c.kind = Kind::NotEquals;
    return c;
}

FilterClause FilterClause::timeRange(std::int64_t from, std::int64_t to)
{
    FilterClause c;
    c.kind = Kind::TimeRange;
    c.field = FieldId::Start;
    c.from = from;
    c.to = to;
    c.text = utc(from) + QStringLiteral(" – ") + utc(to);
    return c;
}

FilterClause FilterClause::host(const FlowStore& store, std::int64_t address)
{
    FilterClause c;
    c.kind = Kind::Host;
    c.field = FieldId::SrcAddr;
    c.value = address;
    c.text = valueText(store, FieldId::SrcAddr, address);
    return c;
}

FilterClause FilterClause::conversation(const FlowStore& store, std::int64_t a, std::int64_t b, std::int64_t protocol)
{
    FilterClause c;
    c.kind = Kind::Conversation;
    c.field = FieldId::SrcAddr;
    c.value = a;
    c.other = b;
    c.protocol = protocol;
    c.text = valueText(store, FieldId::SrcAddr, a) + QStringLiteral(" ↔ ") + valueText(store, FieldId::SrcAddr, b);
    return c;
}

bool FilterClause::replaces(const FilterClause& other) const
{
    switch (kind) {
    case Kind::Equals:
        return (other.kind == Kind::Equals && other.field == field)
            || (other.kind == Kind::NotEquals && other.field == field && other.value == value);
    case Kind::NotEquals:
        return (other.kind == Kind::NotEquals && other.field == field && other.value == value)
            || (other.kind == Kind::Equals && other.field == field && other.value == value);
    case Kind::TimeRange:
    case Kind::Host:
    case Kind::Conversation:
        return other.kind == kind;
    }
    return false;
}

QString FilterClause::describe() const
{
    switch (kind) {
    case Kind::Equals:
        return fieldName(field) + QStringLiteral(" = ") + text;
    case Kind::NotEquals:
        return fieldName(field) + QStringLiteral(" ≠ ") + text;
    case Kind::TimeRange:
        return QStringLiteral("time ") + text + QStringLiteral(" UTC");
    case Kind::Host:
        return QStringLiteral("host ") + text;
    case Kind::Conversation:
        return QStringLiteral("conversation ") + text
            + (protocol == kNull ? QString() : QStringLiteral(" (protocol %1)").arg(protocol));
    }
    return {};
}

QString FilterClause::toQuery() const
{
    const QString src = fieldName(FieldId::SrcAddr);
    const QString dst = fieldName(FieldId::DstAddr);
    auto address = [](const QString& t) -> QString { return QLatin1Char('"') + t + QLatin1Char('"'); };
    switch (kind) {
    case Kind::Equals:
        return value == kNull ? QStringLiteral("not ispresent(%1)").arg(fieldName(field))
                              : fieldName(field) + QStringLiteral(" = ") + quoted(field, text);
    case Kind::NotEquals:
        return value == kNull ? QStringLiteral("ispresent(%1)").arg(fieldName(field))
                              : fieldName(field) + QStringLiteral(" != ") + quoted(field, text);
    case Kind::TimeRange:
        return QStringLiteral("%1 >= %2 and %1 < %3").arg(fieldName(FieldId::Start)).arg(from).arg(to);
    case Kind::Host:
        return QStringLiteral("(%1 = %3 or %2 = %3)").arg(src, dst, address(text));
    case Kind::Conversation: {
        const QString a = address(text.section(QStringLiteral(" ↔ "), 0, 0));
        const QString b = address(text.section(QStringLiteral(" ↔ "), 1, 1));
        QString q = QStringLiteral("((%1 = %3 and %2 = %4) or (%1 = %4 and %2 = %3))").arg(src, dst, a, b);
        if (protocol != kNull) {
            q += QStringLiteral(" and %1 = %2").arg(fieldName(FieldId::Protocol)).arg(protocol);
        }
        return q;
    }
    }
    return {};
}

QJsonObject FilterClause::toJson() const
{
    static constexpr const char* kKinds[] = { "equals", "not-equals", "time-range", "host", "conversation" };
    QJsonObject o { { QStringLiteral("kind"), QString::fromLatin1(kKinds[static_cast<int>(kind)]) },
        { QStringLiteral("query"), toQuery() }, { QStringLiteral("text"), describe() } };
    if (kind == Kind::TimeRange) {
        o.insert(QStringLiteral("from"), static_cast<qint64>(from));
        o.insert(QStringLiteral("to"), static_cast<qint64>(to));
    }
    return o;
}

} // namespace flowlens
