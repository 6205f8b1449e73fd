#include "timelineexport.h"

#include "chartexport.h"
#include "investigation/investigationresult.h"
#include "items/valueformatter.h"
#include "timelinechart.h"

#include <QCoreApplication>
#include <QLocale>

namespace flowlens {

TimelineExportData TimelineExportData::fromResult(const InvestigationResult& result, bool logScale, bool localTime)
{
    TimelineExportData data;
    data.histogram = result.histogram;
    data.metric = result.histogramOptions.metric;
    data.logScale = logScale;
    data.localTime = localTime;
    data.filter = result.filter.describe();
    data.firstStart = result.firstStart;
    data.lastEnd = result.lastEnd;
    data.records = result.selection.count();
    return data;
}

QString TimelineExport::durationText(std::int64_t seconds)
{
    if (seconds > 0 && seconds % 86400 == 0) {
        return seconds == 86400
            ? QCoreApplication::translate("flowlens::TimelineExport", "1 day")
            : QCoreApplication::translate("flowlens::TimelineExport", "%1 days").arg(seconds / 86400);
    }
    if (seconds > 0 && seconds % 3600 == 0) {
        return QStringLiteral("%1 h").arg(seconds / 3600);
    }
    if (seconds > 0 && seconds % 60 == 0) {
        return QStringLiteral("%1 min").arg(seconds / 60);
    }
    return QStringLiteral("%1 s").arg(seconds);
}

QString TimelineExport::title(const TimelineExportData& data)
{
    return QCoreApplication::translate("flowlens::TimelineExport", "%1 per %2, ACCEPT vs REJECT")
        .arg(TimelineChart::metricName(data.metric), durationText(data.histogram.bucketSeconds));
}

QString TimelineExport::caption(const TimelineExportData& data)
{
    auto tr = [](const char* text) { return QCoreApplication::translate("flowlens::TimelineExport", text); };
    QString caption = tr("Filter: %1").arg(data.filter);
    if (data.firstStart && data.lastEnd) {
        caption += tr("  ·  Data: %1 – %2 %3")
                       .arg(ValueFormatter::time(*data.firstStart, data.localTime),
                           ValueFormatter::time(*data.lastEnd, data.localTime),
                           data.localTime ? tr("local time") : QStringLiteral("UTC"));
    }
    caption += tr("  ·  %1 records").arg(QLocale().toString(qulonglong(data.records)));
    caption += QStringLiteral("  ·  FlowLens ") + QCoreApplication::applicationVersion();
    return caption;
}

bool TimelineExport::write(const TimelineExportData& data, const QString& path, const ChartExportOptions& options,
    QString& error, std::vector<std::array<double, 3>>* drawn)
{
    TimelineChart chart;
    chart.setHistogram(data.histogram, data.metric, data.logScale, data.localTime);
    ChartExportOptions o = options;
    if (o.title.isEmpty()) {
        o.title = title(data);
    }
    if (o.caption.isEmpty()) {
        o.caption = caption(data);
    }
    if (!ChartExport::write(&chart, path, o, error)) {
        return false;
    }
    if (drawn != nullptr) {
        drawn->clear();
        for (std::size_t i = 0; i < data.histogram.bucketCount(); ++i) {
            const auto bars = chart.barValues(i);
            drawn->push_back({ bars[0], bars[1], bars[2] });
        }
    }
    return true;
}

} // namespace flowlens
