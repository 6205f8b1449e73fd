#include "queryresultpane.h"

#include "chartexport.h"
#include "items/querytablemodel.h"
#include "items/tableexport.h"
#include "queryresultchart.h"

#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace flowlens {

QueryResultPane::QueryResultPane(QWidget* parent)
    : QWidget(parent)
    , m_model(new QueryTableModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
    , m_chart(new QueryResultChart)
    , m_chartView(new QChartView(m_chart, this))
    , m_status(new QLabel(tr("Type a query in the filter bar, e.g. stats sum(bytes) as b by srcAddr | sort b desc, "
                             "and press Enter"),
          this))
    , m_cancel(new QToolButton(this))
    , m_exportTable(new QToolButton(this))
    , m_exportChart(new QToolButton(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* top = new QHBoxLayout;
    layout->addLayout(top);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    top->addWidget(m_status, 1);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop waiting for this query; the table shown before stays"));
    m_cancel->setVisible(false);
    m_exportTable->setText(tr("Export Table…"));
    m_exportTable->setToolTip(tr("Save the result table as CSV or JSON"));
    m_exportChart->setText(tr("Export Chart…"));
    m_exportChart->setToolTip(tr("Save the result chart as PNG, SVG or PDF"));
    top->addWidget(m_cancel);
    top->addWidget(m_exportTable);
    top->addWidget(m_exportChart);
    auto* split = new QSplitter(Qt::Horizontal, this);
    layout->addWidget(split, 1);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(QueryTableModel::SortRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the query's own order until a header is clicked
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->setToolTip(tr("The query's rows; click a header to sort"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumWidth(280);
    m_chartView->setToolTip(tr("Bars per group, or lines over time for `by bin(…)`"));
    split->addWidget(m_view);
    split->addWidget(m_chartView);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({ 400, 600 }); // the chart needs the room for its labels
    connect(m_cancel, &QToolButton::clicked, this, &QueryResultPane::cancelRequested);
    connect(m_exportTable, &QToolButton::clicked, this, &QueryResultPane::exportTableRequested);
    connect(m_exportChart, &QToolButton::clicked, this, &QueryResultPane::exportChartRequested);
    m_exportTable->setEnabled(false);
    m_exportChart->setEnabled(false);
}

void QueryResultPane::setRunning(const QString& query, const QString& source)
{
    m_running = true;
    m_cancel->setVisible(true);
    m_status->setText(source.isEmpty() ? tr("Running: %1").arg(query) : tr("Running in %1: %2").arg(source, query));
}

void QueryResultPane::setTable(QueryTable table)
{
    m_running = false;
    m_cancel->setVisible(false);
    const QLocale locale;
    QString status = tr("%1 rows · %2").arg(locale.toString(table.rowCount()), table.query);
    if (!table.note.isEmpty()) {
        status += QStringLiteral(" · ") + table.note;
    }
    m_status->setText(status);
    m_status->setToolTip(table.query);
    m_chart->setTable(table); // untitled here: the line above says the query; exports carry it
    m_view->sortByColumn(-1, Qt::AscendingOrder);
    m_model->setTable(std::move(table));
    m_view->resizeColumnsToContents();
    m_exportTable->setEnabled(m_model->rowCount() > 0);
    m_exportChart->setEnabled(m_chart->plan().kind != QueryChartPlan::Kind::None);
}

void QueryResultPane::setIdle(const QString& message)
{
    m_running = false;
    m_cancel->setVisible(false);
    m_status->setText(message);
}

const QueryTable& QueryResultPane::table() const
{
    return m_model->table();
}

QString QueryResultPane::status() const
{
    return m_status->text();
}

bool QueryResultPane::exportTable(const QString& path, QString& error) const
{
    return TableExport::write(*m_proxy, path, error); // as sorted on screen
}

bool QueryResultPane::exportChart(const QString& path, const ChartExportOptions& options, QString& error) const
{
    QueryResultChart chart;
    chart.setTable(m_model->table());
    ChartExportOptions o = options;
    if (o.title.isEmpty()) {
        o.title = m_model->table().query;
    }
    if (o.caption.isEmpty()) {
        o.caption = m_model->table().note;
    }
    return ChartExport::write(&chart, path, o, error);
}

} // namespace flowlens
