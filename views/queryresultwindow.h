#pragma once

#include "items/plaintable.h"

#include <QWidget>

class QChartView;
class QLabel;
class QTableView;

namespace flowlens {

// A result table and its chart in a window of its own: the rows of a Logs Insights answer (or of
// any PlainTable), sortable, and a bar chart of the first numeric column by the first text column.
class QueryResultWindow : public QWidget {
    Q_OBJECT
public:
    explicit QueryResultWindow(QWidget* parent = nullptr);

    void setResult(PlainTable table, const QString& title, const QString& summary);

    PlainTableModel* model() const { return m_model; }
    QTableView* tableView() const { return m_table; }
    QString summary() const;
    int chartBars() const { return m_bars; } // bars in the chart; 0 when there is nothing to chart

private:
    void updateChart();

    QLabel* m_summary;
    PlainTableModel* m_model;
    QTableView* m_table;
    QChartView* m_chart;
    int m_bars = 0;
};

} // namespace flowlens
