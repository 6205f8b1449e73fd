#pragma once

#include "analysis/timehistogram.h"

#include <QChart>
#include <QPalette>
#include <array>
#include <optional>

class QBarSet;
class QDateTimeAxis;
class QLineSeries;
class QStackedBarSeries;
class QValueAxis;
class QAbstractAxis;

namespace flowlens {

// The ACCEPT/REJECT/other stacked bar chart of a time histogram. Bars sit on a category axis (one
// per bucket, labels hidden) with a date-time axis drawn under them over the same span. Used on
// screen and, built afresh at the chosen size, for export.
class TimelineChart : public QChart {
    Q_OBJECT
public:
    explicit TimelineChart(QGraphicsItem* parent = nullptr);

    void setHistogram(const TimeHistogram& histogram, Metric metric, bool logScale, bool localTime);
    const TimeHistogram& histogram() const { return m_histogram; }
    Metric metric() const { return m_metric; }
    bool logScale() const { return m_logScale; }
    bool localTime() const { return m_localTime; }

    // The bucket under a point in chart coordinates, if it is inside the plot area.
    std::optional<std::size_t> bucketAt(const QPointF& chartPosition);
    // The x coordinate (chart coordinates) of a bucket's left and right edges.
    std::pair<qreal, qreal> bucketEdges(std::size_t bucket);
    // Text for a bucket: time range and the three amounts.
    QString describeBucket(std::size_t bucket) const;
    static QString metricName(Metric metric);
    // Follows the window's palette (light or dark) on screen; an export keeps the light default.
    void applyPalette(const QPalette& palette);
    // The bar heights drawn for bucket `bucket`: ACCEPT, REJECT, no action (read back from the bar sets).
    std::array<qreal, 3> barValues(std::size_t bucket) const;

private:
    void setValueAxis(bool logScale);
    void colourAxis(QAbstractAxis* axis) const;

    TimeHistogram m_histogram;
    Metric m_metric = Metric::Records;
    bool m_logScale = false;
    bool m_localTime = false;
    QStackedBarSeries* m_bars;
    QBarSet* m_accept;
    QBarSet* m_reject;
    QBarSet* m_other;
    QLineSeries* m_span; // invisible: carries the date-time axis
    QValueAxis* m_positions; // hidden: bar i at x = i
    QDateTimeAxis* m_time;
    QAbstractAxis* m_values = nullptr;
    std::optional<QPalette> m_palette; // set: colours follow it
};

} // namespace flowlens
