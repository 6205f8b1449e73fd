#pragma once

#include "items/querytable.h"

#include <QChart>

namespace flowlens {

// The chart of a query's table (see QueryChartPlan): horizontal bars of the first numeric column
// per group, in the table's order (the first kMaxBars rows), or lines over time for `by bin(…)`:
// one per numeric column, or one per value of a second key (the kMaxLines largest).
class QueryResultChart : public QChart {
    Q_OBJECT
public:
    static constexpr int kMaxBars = 25;
    static constexpr int kMaxLines = 8;

    explicit QueryResultChart(QGraphicsItem* parent = nullptr);

    void setTable(const QueryTable& table);
    const QueryChartPlan& plan() const { return m_plan; }
    // What the chart draws, for tests: bar labels with their values, or line names with point counts.
    QStringList categories() const { return m_categories; }
    std::vector<double> barValues() const { return m_barValues; }
    QStringList lineNames() const;

private:
    void clearChart();
    void drawBars(const QueryTable& table);
    void drawLines(const QueryTable& table);

    QueryChartPlan m_plan;
    QStringList m_categories;
    std::vector<double> m_barValues;
};

} // namespace flowlens
