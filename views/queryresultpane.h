#pragma once

#include "items/querytable.h"

#include <QWidget>

class QChartView;
class QLabel;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace flowlens {

class QueryResultChart;
class QueryTableModel;
struct ChartExportOptions;

// The answer of a query run from the filter bar (or sent to CloudWatch Logs Insights): a sortable
// table of its columns beside a chart of it (bars per group, or lines over time for `by bin(…)`).
// It takes a plain QueryTable, whoever computed it. While a query runs it says so and offers
// Cancel; the table shown before stays until the new one arrives. Export writes the table as CSV or
// JSON and the chart as PNG, SVG or PDF.
class QueryResultPane : public QWidget {
    Q_OBJECT
public:
    explicit QueryResultPane(QWidget* parent = nullptr);

    // `source` says who computes it ("local", "CloudWatch Logs Insights") for the status line.
    void setRunning(const QString& query, const QString& source = {});
    void setTable(QueryTable table);
    // The run ended without a table (cancelled, failed): the previous table stays.
    void setIdle(const QString& message);

    const QueryTable& table() const;
    bool isRunning() const { return m_running; }
    QString status() const;
    QTableView* tableView() const { return m_view; }
    QueryTableModel* model() const { return m_model; }
    QueryResultChart* chart() const { return m_chart; }

    bool exportTable(const QString& path, QString& error) const;
    bool exportChart(const QString& path, const ChartExportOptions& options, QString& error) const;

Q_SIGNALS:
    void cancelRequested();
    void exportTableRequested();
    void exportChartRequested();

private:
    QueryTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QueryResultChart* m_chart;
    QChartView* m_chartView;
    QLabel* m_status;
    QToolButton* m_cancel;
    QToolButton* m_exportTable;
    QToolButton* m_exportChart;
    bool m_running = false;
};

} // namespace flowlens
