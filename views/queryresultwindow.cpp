#include "queryresultwindow.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace flowlens {

namespace {
constexpr int kMaxBars = 50;
} // namespace

QueryResultWindow::QueryResultWindow(QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_summary(new QLabel(this))
    , m_model(new PlainTableModel(this))
    , m_table(new QTableView(this))
    , m_chart(new QChartView(this))
{
    resize(900, 640);
    auto* layout = new QVBoxLayout(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(200);
    splitter->addWidget(m_chart);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);
}

QString QueryResultWindow::summary() const
{
    return m_summary->text();
}

void QueryResultWindow::setResult(PlainTable table, const QString& title, const QString& summary)
{
    setWindowTitle(title);
    m_summary->setText(summary);
    m_model->setTable(std::move(table));
    m_table->resizeColumnsToContents();
    updateChart();
}

void QueryResultWindow::updateChart()
{
    // The first numeric column against the first text column (or the row number): what a
    // `stats count(*) by srcAddr` answer needs; a listing of messages has nothing to chart.
    const PlainTable& t = m_model->table();
    int value = -1;
    int label = -1;
    for (int c = 0; c < t.columns.size(); ++c) {
        if (t.isNumericColumn(c)) {
            value = value < 0 ? c : value;
        } else if (label < 0) {
            label = c;
        }
    }
    auto* chart = new QChart;
    chart->legend()->hide();
    m_bars = 0;
    if (value >= 0) {
        auto* set = new QBarSet(t.columns.value(value));
        QStringList categories;
        for (const QVariantList& row : t.rows) {
            if (m_bars == kMaxBars) {
                break;
            }
            *set << row.value(value).toDouble();
            categories << (label >= 0 ? row.value(label).toString() : QString::number(m_bars + 1));
            ++m_bars;
        }
        auto* series = new QBarSeries;
        series->append(set);
        chart->addSeries(series);
        auto* x = new QBarCategoryAxis;
        x->append(categories);
        x->setLabelsAngle(-60);
        auto* y = new QValueAxis;
        y->setLabelFormat(QStringLiteral("%.0f"));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
        chart->setTitle(t.rows.size() > static_cast<std::size_t>(kMaxBars)
                ? tr("%1 (first %2 rows)").arg(t.columns.value(value)).arg(kMaxBars)
                : t.columns.value(value));
    } else {
        chart->setTitle(tr("No numeric column to chart"));
    }
    QChart* old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
}

} // namespace flowlens
