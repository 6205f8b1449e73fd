#include "querytable.h"

#include "query/query.h"
#include "query/result.h"

#include <QDateTime>
#include <QTimeZone>

namespace flowlens {

namespace {

QVariant cellOf(const query::Result& result, std::size_t c, std::size_t r)
{
    const query::Values& v = result.column(c).values;
    if (v.isNull(r)) {
        return {};
    }
    switch (v.type) {
    case query::ValueType::Integer:
        return QVariant::fromValue(static_cast<qlonglong>(v.ints[r]));
    case query::ValueType::Boolean:
        return v.ints[r] != 0;
    case query::ValueType::Timestamp:
        return QDateTime::fromMSecsSinceEpoch(v.ints[r], QTimeZone::utc());
    case query::ValueType::Float:
        return v.floats[r];
    default:
        return QString::fromStdString(result.text(c, r));
    }
}

enum class ColumnKind { Empty, Number, Time, Text };

ColumnKind kindOf(const QueryTable& table, int column)
{
    bool any = false;
    bool numbers = true;
    bool times = true;
    for (const QVariantList& row : table.rows) {
        const QVariant& cell = row[column];
        if (!cell.isValid() || (cell.typeId() == QMetaType::QString && cell.toString().isEmpty())) {
            continue;
        }
        any = true;
        numbers = numbers && QueryTable::number(cell).has_value();
        times = times && QueryTable::time(cell).has_value();
        if (!numbers && !times) {
            return ColumnKind::Text;
        }
    }
    return !any ? ColumnKind::Empty : times ? ColumnKind::Time : numbers ? ColumnKind::Number : ColumnKind::Text;
}

} // namespace

QueryTable QueryTable::fromResult(const query::Result& result, int keyColumns)
{
    QueryTable table;
    for (const query::Result::Column& column : result.columns()) {
        table.columns.append(column.name);
    }
    const std::size_t rows = std::min<std::size_t>(result.rowCount(), kMaxRows);
    table.rows.reserve(rows);
    for (std::size_t r = 0; r < rows; ++r) {
        QVariantList row;
        row.reserve(static_cast<qsizetype>(result.columnCount()));
        for (std::size_t c = 0; c < result.columnCount(); ++c) {
            row.append(cellOf(result, c, r));
        }
        table.rows.push_back(std::move(row));
    }
    if (result.rowCount() > rows) {
        table.totalRows = static_cast<qsizetype>(result.rowCount());
    }
    table.keyColumns = keyColumns;
    return table;
}

int QueryTable::groupKeyCount(const query::Query& query, const query::Result& result)
{
    const query::StatsCommand* stats = nullptr;
    for (const query::Command& command : query.commands()) {
        if (const auto* s = std::get_if<query::StatsCommand>(&command)) {
            stats = s;
        }
    }
    if (stats == nullptr) {
        return 0;
    }
    int keys = 0;
    while (keys < static_cast<int>(result.columnCount()) && keys < static_cast<int>(stats->groupBy.size())
        && result.column(static_cast<std::size_t>(keys)).name == stats->groupBy[static_cast<std::size_t>(keys)].name) {
        ++keys;
    }
    return keys;
}

std::optional<double> QueryTable::number(const QVariant& cell)
{
    switch (cell.typeId()) {
    case QMetaType::LongLong:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
    case QMetaType::Double:
    case QMetaType::Float:
        return cell.toDouble();
    case QMetaType::QString: {
        bool ok = false;
        const double d = cell.toString().trimmed().toDouble(&ok);
        return ok ? std::optional<double>(d) : std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

std::optional<qint64> QueryTable::time(const QVariant& cell)
{
    if (cell.typeId() == QMetaType::QDateTime) {
        const QDateTime t = cell.toDateTime();
        return t.isValid() ? std::optional<qint64>(t.toMSecsSinceEpoch()) : std::nullopt;
    }
    if (cell.typeId() != QMetaType::QString) {
        return std::nullopt;
    }
    const QString s = cell.toString().trimmed();
    if (s.size() < 19 || s[4] != u'-' || s[7] != u'-') {
        return std::nullopt; // not a date: spare the parsers
    }
    for (const QString& format : { QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"), QStringLiteral("yyyy-MM-dd HH:mm:ss") }) {
        QDateTime t = QDateTime::fromString(s, format);
        if (t.isValid()) {
            t.setTimeZone(QTimeZone::utc());
            return t.toMSecsSinceEpoch();
        }
    }
    const QDateTime iso = QDateTime::fromString(s, Qt::ISODateWithMs);
    return iso.isValid() ? std::optional<qint64>(iso.toMSecsSinceEpoch()) : std::nullopt;
}

QString QueryTable::text(const QVariant& cell)
{
    switch (cell.typeId()) {
    case QMetaType::UnknownType:
        return {};
    case QMetaType::QDateTime:
        return cell.toDateTime().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    case QMetaType::Double:
    case QMetaType::Float:
        return QString::number(cell.toDouble(), 'g', 15);
    case QMetaType::Bool:
        return cell.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return cell.toString();
    }
}

QueryChartPlan QueryChartPlan::of(const QueryTable& table)
{
    QueryChartPlan plan;
    const int n = table.columnCount();
    if (n == 0 || table.rows.empty()) {
        return plan;
    }
    std::vector<ColumnKind> kinds;
    for (int c = 0; c < n; ++c) {
        kinds.push_back(kindOf(table, c));
    }
    int keys = table.keyColumns;
    if (keys < 0) {
        keys = 0;
        while (keys < n && (kinds[keys] == ColumnKind::Text || kinds[keys] == ColumnKind::Time)) {
            ++keys;
        }
    }
    keys = std::min(keys, n);
    for (int c = keys; c < n; ++c) {
        if (kinds[c] == ColumnKind::Number) {
            plan.values.push_back(c);
        }
    }
    if (plan.values.empty()) {
        return plan;
    }
    for (int c = 0; c < keys; ++c) {
        if (kinds[c] == ColumnKind::Time && plan.time < 0) {
            plan.time = c;
        } else {
            plan.categories.push_back(c);
        }
    }
    if (plan.time >= 0) {
        plan.kind = Kind::TimeSeries;
        plan.series = plan.categories.empty() ? -1 : plan.categories.front();
        plan.categories.clear();
        return plan;
    }
    // Without keys only a single row of totals makes a chart (one bar per column).
    plan.kind = keys > 0 || table.rows.size() == 1 ? Kind::Bars : Kind::None;
    return plan;
}

} // namespace flowlens
