#include "queryresultchart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHorizontalBarSeries>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <map>

namespace flowlens {

QueryResultChart::QueryResultChart(QGraphicsItem* parent)
    : QChart(parent)
{
    setAnimationOptions(QChart::NoAnimation);
    legend()->setAlignment(Qt::AlignBottom);
    setMargins(QMargins(4, 4, 4, 4));
}

namespace {

// Whole numbers without exponents (byte sums run to millions); others with three digits.
QString labelFormat(double lo, double hi)
{
    return std::abs(hi - lo) >= 10 ? QStringLiteral("%.0f") : QStringLiteral("%.3g");
}

} // namespace

void QueryResultChart::clearChart()
{
    removeAllSeries();
    for (QAbstractAxis* axis : axes()) {
        removeAxis(axis);
        delete axis;
    }
    m_categories.clear();
    m_barValues.clear();
}

void QueryResultChart::setTable(const QueryTable& table)
{
    clearChart();
    m_plan = QueryChartPlan::of(table);
    switch (m_plan.kind) {
    case QueryChartPlan::Kind::Bars:
        drawBars(table);
        break;
    case QueryChartPlan::Kind::TimeSeries:
        drawLines(table);
        break;
    case QueryChartPlan::Kind::None:
        break;
    }
}

QStringList QueryResultChart::lineNames() const
{
    QStringList names;
    for (QAbstractSeries* s : series()) {
        if (s->type() == QAbstractSeries::SeriesTypeLine) {
            names.append(s->name());
        }
    }
    return names;
}

void QueryResultChart::drawBars(const QueryTable& table)
{
    const int value = m_plan.values.front();
    auto* set = new QBarSet(table.columns[value]);
    set->setColor(QColor(0x3b, 0x6e, 0xa8));
    if (m_plan.categories.empty()) {
        // One row of totals: a bar per numeric column.
        for (int c : m_plan.values) {
            m_categories.append(table.columns[c]);
            m_barValues.push_back(QueryTable::number(table.rows.front()[c]).value_or(0));
        }
        set->setLabel(tr("value"));
    } else {
        const int n = std::min(table.rowCount(), kMaxBars);
        for (int r = 0; r < n; ++r) {
            QStringList key;
            for (int c : m_plan.categories) {
                const QString text = QueryTable::text(table.rows[r][c]);
                key.append(text.isEmpty() ? QStringLiteral("-") : text);
            }
            m_categories.append(key.join(QStringLiteral(" · ")));
            m_barValues.push_back(QueryTable::number(table.rows[r][value]).value_or(0));
        }
    }
    // Horizontal bars read top-down in table order, so the first row goes last on the axis.
    QStringList axisLabels;
    for (qsizetype i = m_categories.size() - 1; i >= 0; --i) {
        axisLabels.append(m_categories[i]);
        set->append(m_barValues[static_cast<std::size_t>(i)]);
    }
    // Category labels must be unique for the axis; repeated ones get a marker.
    for (qsizetype i = 0; i < axisLabels.size(); ++i) {
        while (axisLabels.indexOf(axisLabels[i]) < i) {
            axisLabels[i] += u'\u200b';
        }
    }
    auto* bars = new QHorizontalBarSeries(this);
    bars->append(set);
    bars->setBarWidth(0.8);
    addSeries(bars);
    auto* categories = new QBarCategoryAxis(this);
    categories->append(axisLabels);
    QFont small = categories->labelsFont();
    small.setPointSizeF(std::max(6.0, small.pointSizeF() - 1.5)); // room for 25 groups in a short pane
    categories->setLabelsFont(small);
    addAxis(categories, Qt::AlignLeft);
    bars->attachAxis(categories);
    auto* values = new QValueAxis(this);
    const double top = *std::max_element(m_barValues.begin(), m_barValues.end());
    values->setRange(0, top > 0 ? top * 1.05 : 1);
    values->setTickCount(6);
    values->applyNiceNumbers();
    values->setLabelFormat(labelFormat(0, top));
    values->setTitleText(m_plan.categories.empty() ? QString() : table.columns[value]);
    addAxis(values, Qt::AlignBottom);
    bars->attachAxis(values);
    legend()->setVisible(false);
}

void QueryResultChart::drawLines(const QueryTable& table)
{
    // name → points (time ms, value)
    std::map<QString, std::vector<QPointF>> lines;
    std::map<QString, double> totals;
    const std::vector<int> columns = m_plan.series >= 0 ? std::vector<int> { m_plan.values.front() } : m_plan.values;
    for (const QVariantList& row : table.rows) {
        const auto t = QueryTable::time(row[m_plan.time]);
        if (!t) {
            continue;
        }
        for (int c : columns) {
            const auto v = QueryTable::number(row[c]);
            if (!v) {
                continue;
            }
            QString name = table.columns[c];
            if (m_plan.series >= 0) {
                name = QueryTable::text(row[m_plan.series]);
                name = name.isEmpty() ? QStringLiteral("-") : name;
            }
            // QDateTimeAxis labels in local time: shift by the zone offset so the labels read UTC.
            const qint64 offset = QDateTime::fromMSecsSinceEpoch(*t).offsetFromUtc() * qint64 { 1000 };
            lines[name].emplace_back(static_cast<qreal>(*t - offset), *v);
            totals[name] += *v;
        }
    }
    std::vector<QString> names;
    for (const auto& [name, total] : totals) {
        names.push_back(name);
    }
    std::stable_sort(
        names.begin(), names.end(), [&](const QString& a, const QString& b) { return totals[a] > totals[b]; });
    if (names.size() > static_cast<std::size_t>(kMaxLines)) {
        names.resize(kMaxLines);
    }
    auto* time = new QDateTimeAxis(this);
    time->setTitleText(table.columns[m_plan.time] + QStringLiteral(", UTC"));
    time->setTickCount(5);
    addAxis(time, Qt::AlignBottom);
    auto* values = new QValueAxis(this);
    values->setTickCount(4);
    addAxis(values, Qt::AlignLeft);
    double lo = 0;
    double hi = 0;
    qreal first = 0;
    qreal last = 0;
    bool any = false;
    for (const QString& name : names) {
        std::vector<QPointF>& points = lines[name];
        std::sort(points.begin(), points.end(), [](const QPointF& a, const QPointF& b) { return a.x() < b.x(); });
        auto* line = new QLineSeries(this);
        line->setName(name);
        line->setPointsVisible(points.size() < 60);
        for (const QPointF& p : points) {
            line->append(p);
            lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
            first = any ? std::min(first, p.x()) : p.x();
            last = any ? std::max(last, p.x()) : p.x();
            any = true;
        }
        addSeries(line);
        line->attachAxis(time);
        line->attachAxis(values);
    }
    const qint64 end = static_cast<qint64>(any && last > first ? last : first + 60000);
    time->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(first)), QDateTime::fromMSecsSinceEpoch(end));
    time->setFormat(
        end - static_cast<qint64>(first) < 86'400'000 ? QStringLiteral("HH:mm") : QStringLiteral("MM-dd HH:mm"));
    values->setRange(lo, hi > lo ? hi * 1.05 : lo + 1);
    values->applyNiceNumbers();
    values->setLabelFormat(labelFormat(lo, hi));
    legend()->setVisible(names.size() > 1);
}

} // namespace flowlens
