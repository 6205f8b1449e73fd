#pragma once

#include "analysis/timehistogram.h"

#include <QString>
#include <array>
#include <optional>
#include <vector>

namespace flowlens {

struct InvestigationResult;
struct ChartExportOptions;

// What an exported timeline shows: the histogram as the pane draws it and the facts of its caption.
// The GUI's Export Chart and `flowlens-cli chart` both render through here, so they draw the same chart.
struct TimelineExportData {
    TimeHistogram histogram;
    Metric metric = Metric::Records;
    bool logScale = false;
    bool localTime = false;
    QString filter; // as FilterState::describe() puts it
    std::optional<std::int64_t> firstStart; // of the selection
    std::optional<std::int64_t> lastEnd;
    std::uint64_t records = 0; // in the selection

    static TimelineExportData fromResult(const InvestigationResult& result, bool logScale, bool localTime);
};

class TimelineExport {
public:
    // "Records per 5 min, ACCEPT vs REJECT"
    static QString title(const TimelineExportData& data);
    // "Filter: … · Data: first – last UTC · N records · FlowLens version"
    static QString caption(const TimelineExportData& data);
    // "5 s", "5 min", "1 h", "1 day", "7 days"
    static QString durationText(std::int64_t seconds);
    // Builds the chart at the export's size and writes it (PNG, SVG or PDF by suffix, atomically).
    // An empty title or caption in `options` gets the ones above.
    // `drawn`, when given, receives each bar's ACCEPT, REJECT and no-action heights as the chart holds them.
    static bool write(const TimelineExportData& data, const QString& path, const ChartExportOptions& options,
        QString& error, std::vector<std::array<double, 3>>* drawn = nullptr);
};

} // namespace flowlens
