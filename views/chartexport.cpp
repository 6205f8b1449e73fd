#include "chartexport.h"

#include <QChart>
#include <QFileInfo>
#include <QGraphicsScene>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace flowlens {

void ChartExport::paint(QChart* chart, QPainter& painter, const QRectF& target, const QString& caption)
{
    QFont font = painter.font();
    font.setPointSizeF(9);
    const QFontMetricsF metrics(font, painter.device());
    const QRectF captionBounds
        = metrics.boundingRect(QRectF(0, 0, target.width() - 24, 1000), Qt::AlignLeft | Qt::TextWordWrap, caption);
    const qreal captionHeight = caption.isEmpty() ? 0 : captionBounds.height() + 12;
    painter.fillRect(target, Qt::white);
    QGraphicsScene scene;
    const bool owned = chart->scene() == nullptr;
    if (owned) {
        scene.addItem(chart);
    }
    const QSizeF chartSize(target.width(), target.height() - captionHeight);
    chart->setGeometry(QRectF(QPointF(0, 0), chartSize));
    chart->scene()->render(&painter, QRectF(target.topLeft(), chartSize), QRectF(QPointF(0, 0), chartSize));
    if (!caption.isEmpty()) {
        painter.setFont(font);
        painter.setPen(QColor(0x44, 0x44, 0x44));
        painter.drawText(
            QRectF(target.left() + 12, target.top() + chartSize.height() + 4, target.width() - 24, captionHeight - 8),
            Qt::AlignLeft | Qt::TextWordWrap, caption);
    }
    if (owned) {
        scene.removeItem(chart);
    }
}

bool ChartExport::write(QChart* chart, const QString& path, const ChartExportOptions& options, QString& error)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf")) {
        error = QStringLiteral("Cannot export to %1: choose a .png, .svg or .pdf file name").arg(path);
        return false;
    }
    if (options.size.width() < 100 || options.size.height() < 100 || options.dpi < 24 || options.dpi > 1200) {
        error = QStringLiteral("Cannot export a chart of %1×%2 at %3 dpi: at least 100×100 and 24–1200 dpi")
                    .arg(options.size.width())
                    .arg(options.size.height())
                    .arg(options.dpi);
        return false;
    }
    chart->setTitle(options.title);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    const qreal scale = options.dpi / 96.0;
    const QRectF logical(0, 0, options.size.width() / scale, options.size.height() / scale);
    if (suffix == QLatin1String("png")) {
        QImage image(options.size, QImage::Format_ARGB32_Premultiplied);
        image.setDotsPerMeterX(qRound(options.dpi / 0.0254));
        image.setDotsPerMeterY(qRound(options.dpi / 0.0254));
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.scale(scale, scale);
            paint(chart, painter, logical, options.caption);
        }
        if (!image.save(&file, "PNG")) {
            error = QStringLiteral("Cannot encode %1 as PNG").arg(path);
            file.cancelWriting();
            return false;
        }
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(options.size);
        svg.setViewBox(QRect(QPoint(0, 0), options.size));
        svg.setResolution(options.dpi);
        svg.setTitle(options.title);
        svg.setDescription(options.caption);
        QPainter painter(&svg);
        painter.scale(scale, scale);
        paint(chart, painter, logical, options.caption);
    } else {
        QPdfWriter pdf(&file);
        pdf.setTitle(options.title);
        pdf.setCreator(QStringLiteral("FlowLens"));
        pdf.setResolution(96);
        pdf.setPageSize(
            QPageSize(QSizeF(options.size) * 72.0 / 96.0, QPageSize::Point, QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&pdf);
        const QRect page = painter.viewport();
        painter.scale(page.width() / logical.width(), page.height() / logical.height());
        paint(chart, painter, logical, options.caption);
    }
    if (!file.commit()) {
        error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace flowlens
