#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <optional>
#include <vector>

namespace flowlens {

namespace query {
class Query;
class Result;
} // namespace query

// A query's answer as a plain table, whoever computed it: the local query engine, or CloudWatch
// Logs Insights (whose results arrive as text). The result pane, its chart and its export take
// only this.
//
// Cells are QVariants: invalid for null/missing; qlonglong or double for numbers; QDateTime (UTC)
// for times; bool; QString for everything else. Text that reads as a number ("42", "1.5e3") or as
// an Insights timestamp ("2024-05-01 10:00:00.000", also ISO 8601) counts as a number or a time for
// sorting and charting, so Logs Insights rows can be passed in as the strings they are.
struct QueryTable {
    QString query; // the query text, for the caption and file names
    QStringList columns;
    std::vector<QVariantList> rows; // each as long as `columns`
    // The first keyColumns columns are the group keys (`stats … by a, b` → 2): the chart draws
    // the other numeric columns against them. -1: unknown, the leading non-numeric columns are taken.
    int keyColumns = -1;
    qsizetype totalRows = -1; // rows the query gave, when more than `rows` holds (-1: all are here)
    QString note; // shown with the table: "over 1,234 records of the current filter", warnings …

    static constexpr qsizetype kMaxRows = 10000;

    int rowCount() const { return static_cast<int>(rows.size()); }
    int columnCount() const { return static_cast<int>(columns.size()); }

    // From the local engine's Result, at most kMaxRows rows (totalRows says how many there were).
    static QueryTable fromResult(const query::Result& result, int keyColumns);
    // How many leading columns of `result` are the query's last `stats … by` keys (0 without stats).
    static int groupKeyCount(const query::Query& query, const query::Result& result);

    // A cell as a number or a time (milliseconds since the epoch, UTC), when it reads as one.
    static std::optional<double> number(const QVariant& cell);
    static std::optional<qint64> time(const QVariant& cell);
    // A cell as the table shows and exports it: times as "2024-05-01 10:00:00.000", numbers in
    // decimal, empty for null.
    static QString text(const QVariant& cell);
};

// Which chart a table makes: bars of the numeric columns per group (one key, or several joined),
// or lines over time when a key is a time (`by bin(5m)`), one line per value column — or, with a
// second key, one line per value of that key for the first numeric column.
struct QueryChartPlan {
    enum class Kind { None, Bars, TimeSeries };
    Kind kind = Kind::None;
    std::vector<int> categories; // Bars: the key columns whose values label a bar group
    int time = -1; // TimeSeries: the time column
    int series = -1; // TimeSeries: the key that splits lines (-1: one line per value column)
    std::vector<int> values; // numeric, non-key columns

    static QueryChartPlan of(const QueryTable& table);
};

} // namespace flowlens

Q_DECLARE_METATYPE(flowlens::QueryTable)
