#pragma once

#include "investigation/investigationresult.h"

#include <QWidget>

class QCheckBox;
class QChartView;
class QComboBox;
class QLabel;
class QRubberBand;
class QStackedWidget;
class QToolButton;

namespace flowlens {

class TimelineChart;
struct ChartExportOptions;

// The timeline pane: ACCEPT/REJECT stacked bars over time with metric, bucket and log-scale
// controls. Hover a bar for its figures, click it to filter to its bucket, drag across bars to
// filter to a range; Reset removes the time filter. Exports the chart with a caption.
class TimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TimelineView(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const InvestigationResult> result);
    void setLocalTime(bool local);
    // Restores the controls (from settings) and announces the options.
    void setOptions(Metric metric, std::int64_t bucketSeconds, bool logScale);
    HistogramOptions histogramOptions() const;
    bool logScale() const;

    TimelineChart* chart() const { return m_chart; }
    // Where bucket i's bar is, in the chart view's viewport coordinates (for tests and tooltips).
    QPoint bucketPosition(std::size_t bucket) const;
    QWidget* chartViewport() const;

    QString exportTitle() const;
    QString exportCaption() const;
    bool exportChart(const QString& path, const ChartExportOptions& options, QString& error) const;

Q_SIGNALS:
    void filterRequested(const flowlens::FilterClause& clause);
    void timeFilterCleared();
    void histogramOptionsChanged(const flowlens::HistogramOptions& options);
    void exportRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override; // follows light/dark palette changes

private:
    void redraw();
    void elideSummary();
    void emitOptions();
    QPointF toChart(const QPoint& viewportPosition) const;
    void finishDrag(const QPoint& viewportPosition);

    std::shared_ptr<const InvestigationResult> m_result;
    bool m_localTime = false;
    QComboBox* m_metric;
    QComboBox* m_bucket;
    QCheckBox* m_log;
    QToolButton* m_reset;
    QToolButton* m_export;
    QLabel* m_summary;
    QString m_summaryText; // the summary whole; the label shows it elided to its width
    QStackedWidget* m_stack;
    QLabel* m_empty;
    TimelineChart* m_chart;
    QChartView* m_view;
    QRubberBand* m_band;
    std::optional<QPoint> m_pressed;
};

} // namespace flowlens
