#include "timelineview.h"

#include "chartexport.h"
#include "items/valueformatter.h"
#include "timelinechart.h"
#include "timelineexport.h"

#include <QApplication>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QRubberBand>
#include <QStackedWidget>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

namespace flowlens {

namespace {

struct BucketChoice {
    const char* label;
    std::int64_t seconds;
};
constexpr BucketChoice kBuckets[] = { { QT_TRANSLATE_NOOP("flowlens::TimelineView", "Automatic"), 0 }, { "1 s", 1 },
    { "5 s", 5 }, { "10 s", 10 }, { "30 s", 30 }, { "1 min", 60 }, { "5 min", 300 }, { "10 min", 600 },
    { "15 min", 900 }, { "30 min", 1800 }, { "1 h", 3600 }, { "3 h", 10800 }, { "6 h", 21600 }, { "12 h", 43200 },
    { "1 day", 86400 }, { "7 days", 604800 } };

} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent)
    , m_metric(new QComboBox(this))
    , m_bucket(new QComboBox(this))
    , m_log(new QCheckBox(tr("Log scale"), this))
    , m_reset(new QToolButton(this))
    , m_export(new QToolButton(this))
    , m_summary(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_chart(new TimelineChart)
    , m_view(new QChartView(m_chart, this))
    , m_band(new QRubberBand(QRubberBand::Rectangle, m_view->viewport()))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto* controls = new QHBoxLayout;
    controls->setContentsMargins(6, 2, 6, 0);
    layout->addLayout(controls);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // long text must not widen the window
    m_summary->installEventFilter(this);
    controls->addWidget(m_summary, 1);
    controls->addWidget(new QLabel(tr("Metric:"), this));
    m_metric->addItem(tr("Records"), static_cast<int>(Metric::Records));
    m_metric->addItem(tr("Bytes"), static_cast<int>(Metric::Bytes));
    m_metric->addItem(tr("Packets"), static_cast<int>(Metric::Packets));
    m_metric->setToolTip(tr("What the bars add up: flow records, bytes or packets"));
    controls->addWidget(m_metric);
    controls->addWidget(new QLabel(tr("Bucket:"), this));
    for (const BucketChoice& c : kBuckets) {
        m_bucket->addItem(c.seconds == 0 ? tr(c.label) : QString::fromLatin1(c.label), qlonglong(c.seconds));
    }
    m_bucket->setToolTip(tr("Width of each bar; Automatic fits about 120 bars to the time span"));
    controls->addWidget(m_bucket);
    m_log->setToolTip(tr("Logarithmic value axis: small REJECT counts stay visible next to large ACCEPT ones"));
    controls->addWidget(m_log);
    m_reset->setText(tr("Reset time"));
    m_reset->setToolTip(tr("Remove the time filter and show the whole span"));
    controls->addWidget(m_reset);
    m_export->setText(tr("Export…"));
    m_export->setToolTip(tr("Save the chart as PNG, SVG or PDF with its filter and time range"));
    controls->addWidget(m_export);

    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMouseTracking(true);
    m_view->viewport()->installEventFilter(this);
    m_view->setToolTip(QString());
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->applyPalette(palette());
    m_view->setBackgroundBrush(palette().brush(QPalette::Base));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setText(tr("No records to chart yet. Open flow logs with File ▸ Open (Ctrl+O) or drop files here."));
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);
    m_stack->setCurrentWidget(m_empty);
    layout->addWidget(m_stack, 1);

    connect(m_metric, &QComboBox::currentIndexChanged, this, &TimelineView::emitOptions);
    connect(m_bucket, &QComboBox::currentIndexChanged, this, &TimelineView::emitOptions);
    connect(m_log, &QCheckBox::toggled, this, &TimelineView::redraw);
    connect(m_reset, &QToolButton::clicked, this, &TimelineView::timeFilterCleared);
    connect(m_export, &QToolButton::clicked, this, &TimelineView::exportRequested);
}

void TimelineView::setOptions(Metric metric, std::int64_t bucketSeconds, bool logScale)
{
    const QSignalBlocker metricBlocker(m_metric);
    const QSignalBlocker bucketBlocker(m_bucket);
    m_metric->setCurrentIndex(std::max(0, m_metric->findData(static_cast<int>(metric))));
    m_bucket->setCurrentIndex(std::max(0, m_bucket->findData(qlonglong(bucketSeconds))));
    m_log->setChecked(logScale);
    emitOptions();
}

HistogramOptions TimelineView::histogramOptions() const
{
    HistogramOptions options;
    options.metric = static_cast<Metric>(m_metric->currentData().toInt());
    options.bucketSeconds = m_bucket->currentData().toLongLong();
    return options;
}

bool TimelineView::logScale() const
{
    return m_log->isChecked();
}

void TimelineView::emitOptions()
{
    Q_EMIT histogramOptionsChanged(histogramOptions());
}

void TimelineView::setResult(std::shared_ptr<const InvestigationResult> result)
{
    m_result = std::move(result);
    redraw();
}

void TimelineView::setLocalTime(bool local)
{
    m_localTime = local;
    redraw();
}

void TimelineView::redraw()
{
    const bool empty = !m_result || m_result->histogram.bucketCount() == 0;
    m_stack->setCurrentWidget(empty ? static_cast<QWidget*>(m_empty) : m_view);
    m_reset->setEnabled(m_result && m_result->filter.timeRange().has_value());
    if (m_result && empty) {
        m_empty->setText(m_result->totalRecords == 0
                ? tr("No records to chart yet. Open flow logs with File ▸ Open (Ctrl+O) or drop files here.")
                : tr("No record of the current filter has a start time. Widen the filter (Reset, or Alt+Left)."));
    }
    if (!m_result) {
        m_summaryText.clear();
        m_summary->clear();
        m_summary->setToolTip(QString());
        return;
    }
    const TimeHistogram& h = m_result->histogram;
    m_chart->setHistogram(h, m_result->histogramOptions.metric, m_log->isChecked(), m_localTime);
    QString summary = tr("%1 per %2")
                          .arg(TimelineChart::metricName(m_result->histogramOptions.metric),
                              TimelineExport::durationText(h.bucketSeconds));
    if (m_result->firstStart && m_result->lastEnd) {
        summary += QStringLiteral(" · ") + ValueFormatter::time(*m_result->firstStart, m_localTime)
            + QStringLiteral(" – ") + ValueFormatter::time(*m_result->lastEnd, m_localTime)
            + (m_localTime ? QString() : QStringLiteral(" UTC"));
    }
    if (m_result->histogramClamped) {
        summary += tr(" (the chosen bucket would draw too many bars)");
    }
    m_summaryText = summary;
    m_summary->setToolTip(summary);
    elideSummary();
}

void TimelineView::elideSummary()
{
    // The controls beside it keep their room: a summary that does not fit ends in "…" (whole in the tooltip).
    m_summary->setText(m_summary->fontMetrics().elidedText(m_summaryText, Qt::ElideRight, m_summary->width()));
}

void TimelineView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_chart->applyPalette(palette());
        m_view->setBackgroundBrush(palette().brush(QPalette::Base));
    }
    QWidget::changeEvent(event);
}

QPointF TimelineView::toChart(const QPoint& viewportPosition) const
{
    return m_chart->mapFromScene(m_view->mapToScene(viewportPosition));
}

QWidget* TimelineView::chartViewport() const
{
    return m_view->viewport();
}

QPoint TimelineView::bucketPosition(std::size_t bucket) const
{
    const auto [left, right] = m_chart->bucketEdges(bucket);
    const QRectF plot = m_chart->plotArea();
    const QPointF chartPoint((left + right) / 2, plot.bottom() - 3);
    return m_view->mapFromScene(m_chart->mapToScene(chartPoint));
}

bool TimelineView::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_summary && event->type() == QEvent::Resize) {
        elideSummary();
    }
    if (watched != m_view->viewport() || !m_result) {
        return QWidget::eventFilter(watched, event);
    }
    switch (event->type()) {
    case QEvent::MouseButtonPress: {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton) {
            m_pressed = mouse->position().toPoint();
            return true;
        }
        break;
    }
    case QEvent::MouseMove: {
        auto* mouse = static_cast<QMouseEvent*>(event);
        const QPoint position = mouse->position().toPoint();
        if (m_pressed) {
            const QRectF plot = m_view->mapFromScene(m_chart->mapToScene(m_chart->plotArea())).boundingRect();
            const int left = std::min(m_pressed->x(), position.x());
            const int right = std::max(m_pressed->x(), position.x());
            m_band->setGeometry(QRect(QPoint(left, int(plot.top())), QPoint(right, int(plot.bottom()))));
            m_band->show();
            return true;
        }
        if (const auto bucket = m_chart->bucketAt(toChart(position))) {
            QToolTip::showText(mouse->globalPosition().toPoint(), m_chart->describeBucket(*bucket), m_view);
        } else {
            QToolTip::hideText();
        }
        break;
    }
    case QEvent::MouseButtonRelease: {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton && m_pressed) {
            finishDrag(mouse->position().toPoint());
            return true;
        }
        break;
    }
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void TimelineView::finishDrag(const QPoint& position)
{
    const QPoint pressed = *std::exchange(m_pressed, std::nullopt);
    m_band->hide();
    const TimeHistogram& h = m_chart->histogram();
    const QRectF plot = m_chart->plotArea();
    auto bucketNear = [&](const QPoint& p) {
        QPointF c = toChart(p);
        c.setX(std::clamp(c.x(), plot.left() + 1, plot.right() - 1));
        c.setY(plot.center().y());
        return m_chart->bucketAt(c);
    };
    std::optional<std::size_t> first;
    std::optional<std::size_t> last;
    if (std::abs(position.x() - pressed.x()) < QApplication::startDragDistance()) {
        first = last = m_chart->bucketAt(toChart(position)); // a click: that bar only
    } else {
        first = bucketNear(QPoint(std::min(pressed.x(), position.x()), pressed.y()));
        last = bucketNear(QPoint(std::max(pressed.x(), position.x()), pressed.y()));
    }
    if (first && last) {
        Q_EMIT filterRequested(FilterClause::timeRange(h.bucketStart(*first), h.bucketStart(*last) + h.bucketSeconds));
    }
}

QString TimelineView::exportTitle() const
{
    return m_result ? TimelineExport::title(TimelineExportData::fromResult(*m_result, logScale(), m_localTime))
                    : QString();
}

QString TimelineView::exportCaption() const
{
    return m_result ? TimelineExport::caption(TimelineExportData::fromResult(*m_result, logScale(), m_localTime))
                    : QString();
}

bool TimelineView::exportChart(const QString& path, const ChartExportOptions& options, QString& error) const
{
    TimelineExportData data;
    if (m_result) {
        data = TimelineExportData::fromResult(*m_result, logScale(), m_localTime);
    }
    data.histogram = m_chart->histogram(); // what is drawn
    return TimelineExport::write(data, path, options, error);
}

} // namespace flowlens
