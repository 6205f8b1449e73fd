#pragma once

#include <QSize>
#include <QString>

class QChart;
class QPainter;
class QRectF;

namespace flowlens {

struct ChartExportOptions {
    QSize size { 1600, 800 }; // pixels of a PNG; points-at-96-dpi of SVG and PDF
    int dpi = 96; // PNG: text and lines scale with it, so 192 dpi at 1600×800 reads like 96 dpi at 800×400
    QString title;
    QString caption; // under the chart: the active filter and the data's time range
};

// Writes a chart to PNG, SVG or PDF (by the file's suffix) with its title, axes, legend and a
// caption, atomically: a failed export leaves no partial file.
class ChartExport {
public:
    static bool write(QChart* chart, const QString& path, const ChartExportOptions& options, QString& error);
    // Paints the chart and caption into `target` (logical coordinates).
    static void paint(QChart* chart, QPainter& painter, const QRectF& target, const QString& caption);
};

} // namespace flowlens
