#include "timelinechart.h"

#include "flowcolors.h"
#include "items/valueformatter.h"

#include <QBarSet>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace flowlens {

TimelineChart::TimelineChart(QGraphicsItem* parent)
    : QChart(parent)
    , m_bars(new QStackedBarSeries(this))
    , m_accept(new QBarSet(QStringLiteral("ACCEPT")))
    , m_reject(new QBarSet(QStringLiteral("REJECT")))
    , m_other(new QBarSet(tr("No action")))
    , m_span(new QLineSeries(this))
    , m_positions(new QValueAxis(this))
    , m_time(new QDateTimeAxis(this))
{
    setAnimationOptions(QChart::NoAnimation);
    m_accept->setColor(FlowColors::accept());
    m_accept->setBorderColor(FlowColors::accept().darker(120));
    m_reject->setColor(FlowColors::reject());
    m_reject->setBorderColor(FlowColors::reject().darker(120));
    m_other->setColor(FlowColors::other());
    m_other->setBorderColor(FlowColors::other().darker(120));
    m_bars->append(m_accept);
    m_bars->append(m_reject);
    m_bars->append(m_other);
    m_bars->setBarWidth(0.92);
    addSeries(m_bars);
    addSeries(m_span);
    m_span->setPen(QPen(Qt::transparent));
    for (QLegendMarker* marker : legend()->markers(m_span)) {
        marker->setVisible(false);
    }
    legend()->setAlignment(Qt::AlignBottom);

    // Bar i sits at x = i. A value axis, hidden, places them: a category axis would keep a label
    // item per bucket (even hidden), remade on every update, most of the cost of a redraw.
    addAxis(m_positions, Qt::AlignBottom);
    m_positions->setVisible(false);
    m_bars->attachAxis(m_positions);
    addAxis(m_time, Qt::AlignBottom);
    m_span->attachAxis(m_time);
    m_time->setGridLineVisible(false);
    setValueAxis(false);
}

QString TimelineChart::metricName(Metric metric)
{
    switch (metric) {
    case Metric::Bytes:
        return tr("Bytes");
    case Metric::Packets:
        return tr("Packets");
    case Metric::Records:
        break;
    }
    return tr("Records");
}

void TimelineChart::setValueAxis(bool logScale)
{
    if (m_values != nullptr) {
        m_bars->detachAxis(m_values);
        m_span->detachAxis(m_values);
        removeAxis(m_values);
        delete m_values;
    }
    if (logScale) {
        auto* axis = new QLogValueAxis(this);
        axis->setBase(10);
        axis->setLabelFormat(QStringLiteral("%g"));
        m_values = axis;
    } else {
        auto* axis = new QValueAxis(this);
        axis->setLabelFormat(QStringLiteral("%.0f"));
        m_values = axis;
    }
    addAxis(m_values, Qt::AlignLeft);
    colourAxis(m_values);
    m_bars->attachAxis(m_values);
    m_span->attachAxis(m_values);
    m_logScale = logScale;
}

void TimelineChart::setHistogram(const TimeHistogram& histogram, Metric metric, bool logScale, bool localTime)
{
    m_histogram = histogram;
    m_metric = metric;
    m_localTime = localTime;
    if (logScale != m_logScale || m_values == nullptr) {
        setValueAxis(logScale);
    }
    const std::size_t n = histogram.bucketCount();
    double peak = 0;
    QList<qreal> accept;
    QList<qreal> reject;
    QList<qreal> other;
    for (std::size_t i = 0; i < n; ++i) {
        accept.append(histogram.accept[i]);
        reject.append(histogram.reject[i]);
        other.append(histogram.other[i]);
        peak = std::max(peak, histogram.accept[i] + histogram.reject[i] + histogram.other[i]);
    }
    // Replace each set's values in one call, not bar by bar.
    m_accept->remove(0, m_accept->count());
    m_reject->remove(0, m_reject->count());
    m_other->remove(0, m_other->count());
    m_accept->append(accept);
    m_reject->append(reject);
    m_other->append(other);
    for (QLegendMarker* marker : legend()->markers(m_bars)) {
        if (marker->label() == m_other->label()) {
            const bool shown = std::any_of(other.begin(), other.end(), [](qreal v) { return v > 0; });
            if (marker->isVisible() != shown) {
                marker->setVisible(shown);
                // A marker shown after the legend was laid out keeps a zero-width label until the
                // legend measures again.
                legend()->setVisible(false);
                legend()->setVisible(true);
            }
        }
    }

    // The date-time axis spans the buckets' edges. QDateTimeAxis labels in local time: shift the
    // values by the zone offset when the user asked for UTC.
    const std::int64_t from = n > 0 ? histogram.origin : 0;
    const std::int64_t to = n > 0 ? histogram.bucketStart(n) : 60;
    auto axisValue = [localTime](std::int64_t t) {
        const QDateTime local = QDateTime::fromSecsSinceEpoch(t);
        return double(t + (localTime ? 0 : -local.offsetFromUtc())) * 1000.0;
    };
    m_span->replace(QList<QPointF> { { axisValue(from), 0 }, { axisValue(to), 0 } });
    m_time->setRange(
        QDateTime::fromMSecsSinceEpoch(qint64(axisValue(from))), QDateTime::fromMSecsSinceEpoch(qint64(axisValue(to))));
    const std::int64_t span = to - from;
    m_time->setFormat(span > 3 * 86400 ? QStringLiteral("MM-dd HH:mm")
            : span > 600               ? QStringLiteral("HH:mm")
                                       : QStringLiteral("HH:mm:ss"));
    m_time->setTickCount(std::clamp(int(n) + 1, 2, 9));
    m_time->setTitleText(localTime ? tr("Time (local)") : tr("Time (UTC)"));
    m_positions->setRange(-0.5, std::max(0.5, double(n) - 0.5));

    const QString unit = metricName(metric);
    if (auto* log = qobject_cast<QLogValueAxis*>(m_values)) {
        log->setRange(0.8, std::max(10.0, std::pow(10.0, std::ceil(std::log10(std::max(1.0, peak)) + 0.05))));
    } else if (auto* linear = qobject_cast<QValueAxis*>(m_values)) {
        linear->setRange(0, std::max(1.0, peak * 1.05));
        linear->applyNiceNumbers();
        linear->setLabelFormat(metric == Metric::Bytes && peak > 1e6 ? QStringLiteral("%.2g") : QStringLiteral("%.0f"));
    }
    m_values->setTitleText(unit + QStringLiteral(" per ")
        + QLocale().toString(double(histogram.bucketSeconds) / (histogram.bucketSeconds >= 60 ? 60.0 : 1.0))
        + (histogram.bucketSeconds >= 60 ? tr(" min") : tr(" s")));
}

void TimelineChart::applyPalette(const QPalette& palette)
{
    m_palette = palette;
    setBackgroundBrush(palette.brush(QPalette::Base));
    setBackgroundPen(Qt::NoPen);
    setTitleBrush(palette.brush(QPalette::Text));
    legend()->setLabelColor(palette.color(QPalette::Text));
    for (QAbstractAxis* axis : axes()) {
        colourAxis(axis);
    }
}

void TimelineChart::colourAxis(QAbstractAxis* axis) const
{
    if (!m_palette) {
        return;
    }
    const QColor text = m_palette->color(QPalette::Text);
    axis->setLabelsBrush(text);
    axis->setTitleBrush(text);
    QColor line = text;
    line.setAlpha(90);
    axis->setLinePenColor(line);
    line.setAlpha(40);
    axis->setGridLineColor(line);
}

std::array<qreal, 3> TimelineChart::barValues(std::size_t bucket) const
{
    const auto i = static_cast<qsizetype>(bucket);
    return { m_accept->at(i), m_reject->at(i), m_other->at(i) };
}

std::optional<std::size_t> TimelineChart::bucketAt(const QPointF& chartPosition)
{
    const std::size_t n = m_histogram.bucketCount();
    if (n == 0 || !plotArea().contains(chartPosition)) {
        return std::nullopt;
    }
    const qreal x = mapToValue(chartPosition, m_bars).x();
    const auto bucket = static_cast<long long>(std::floor(x + 0.5));
    if (bucket < 0 || bucket >= static_cast<long long>(n)) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(bucket);
}

std::pair<qreal, qreal> TimelineChart::bucketEdges(std::size_t bucket)
{
    const qreal left = mapToPosition(QPointF(double(bucket) - 0.5, 0), m_bars).x();
    const qreal right = mapToPosition(QPointF(double(bucket) + 0.5, 0), m_bars).x();
    return { left, right };
}

QString TimelineChart::describeBucket(std::size_t bucket) const
{
    if (bucket >= m_histogram.bucketCount()) {
        return {};
    }
    const std::int64_t start = m_histogram.bucketStart(bucket);
    const QLocale locale;
    auto amount = [&](double v) {
        return m_metric == Metric::Bytes ? ValueFormatter::bytes(static_cast<std::uint64_t>(v))
                                         : locale.toString(v, 'f', 0);
    };
    QString text = tr("%1 – %2 %3\nACCEPT: %4\nREJECT: %5")
                       .arg(ValueFormatter::time(start, m_localTime),
                           ValueFormatter::time(start + m_histogram.bucketSeconds, m_localTime).right(8),
                           m_localTime ? tr("local") : QStringLiteral("UTC"), amount(m_histogram.accept[bucket]),
                           amount(m_histogram.reject[bucket]));
    if (m_histogram.other[bucket] > 0) {
        text += tr("\nNo action: %1").arg(amount(m_histogram.other[bucket]));
    }
    return text + tr("\nClick to filter to this bucket; drag to select a range");
}

} // namespace flowlens
