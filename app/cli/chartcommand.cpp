#include "chartexport.h"
#include "clicommands.h"
#include "inputloader.h"
#include "investigation/investigation.h"
#include "investigation/querypredicate.h"
#include "query/period.h"
#include "timelineexport.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>

namespace flowlens::cli {

namespace {

int usage(const QString& message)
{
    return usageError("chart", message);
}

// "auto" → 0; "5m", "30s", "1h", "1d", "1w" or plain seconds → seconds; nullopt when not a whole
// number of seconds of at least one.
std::optional<std::int64_t> parseBucket(const QString& text)
{
    if (text == QLatin1String("auto")) {
        return 0;
    }
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,9})([a-z]*)$"));
    const QRegularExpressionMatch m = pattern.match(text.trimmed().toLower());
    if (!m.hasMatch()) {
        return std::nullopt;
    }
    const std::int64_t count = m.captured(1).toLongLong();
    if (m.captured(2).isEmpty()) {
        return count > 0 ? std::optional<std::int64_t>(count) : std::nullopt;
    }
    const auto unit = query::Period::unitFromSuffix(m.capturedView(2));
    if (!unit) {
        return std::nullopt;
    }
    const auto ms = query::Period(count, *unit).milliseconds();
    if (!ms || *ms < 1000 || *ms % 1000 != 0) {
        return std::nullopt;
    }
    return *ms / 1000;
}

std::optional<int> positiveInt(const QCommandLineParser& parser, const QString& name, int fallback)
{
    if (!parser.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    return ok && v > 0 ? std::optional<int>(v) : std::nullopt;
}

QString isoTime(std::int64_t seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
}

// The bars as CSV: bucket start and end (UTC) and the ACCEPT, REJECT and no-action heights.
bool writeValues(const QString& path, const TimeHistogram& histogram, const std::vector<std::array<double, 3>>& bars)
{
    QFile file;
    if (path == QLatin1String("-")) {
        if (!file.open(stdout, QIODevice::WriteOnly)) {
            return false;
        }
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            return false;
        }
    }
    QTextStream out(&file);
    out << "bucket_start,bucket_end,accept,reject,no_action\n";
    for (std::size_t i = 0; i < bars.size(); ++i) {
        out << isoTime(histogram.bucketStart(i)) << ',' << isoTime(histogram.bucketStart(i + 1));
        for (double v : bars[i]) {
            out << ',' << QString::number(v, 'f', 0);
        }
        out << '\n';
    }
    out.flush();
    return out.status() == QTextStream::Ok;
}

} // namespace

int runChart(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Renders the timeline chart (ACCEPT vs REJECT over time) of the records a filter selects, as the "
        "window's File > Export Chart does, without a display.\n"
        "Example: flowlens-cli chart --query 'dstPort = 22' --metric bytes --bucket 5m --out ssh.svg logs/"));
    parser.addHelpOption();
    parser.addOption({ { QStringLiteral("q"), QStringLiteral("query") },
        QStringLiteral("Filter expression, as typed in the filter bar (Logs Insights syntax after `filter`); "
                       "default: all records."),
        QStringLiteral("EXPR") });
    parser.addOption({ QStringLiteral("metric"), QStringLiteral("What the bars add up (default records)."),
        QStringLiteral("records|bytes|packets"), QStringLiteral("records") });
    parser.addOption({ QStringLiteral("bucket"),
        QStringLiteral("Bar width: auto (default: about 120 bars), 30s, 5m, 1h, 1d, or seconds."),
        QStringLiteral("DURATION"), QStringLiteral("auto") });
    parser.addOption({ { QStringLiteral("o"), QStringLiteral("out") },
        QStringLiteral("The chart file; .png, .svg or .pdf (required)."), QStringLiteral("FILE") });
    parser.addOption(
        { QStringLiteral("width"), QStringLiteral("Width in pixels (default 1600)."), QStringLiteral("PX") });
    parser.addOption(
        { QStringLiteral("height"), QStringLiteral("Height in pixels (default 800)."), QStringLiteral("PX") });
    parser.addOption({ QStringLiteral("dpi"), QStringLiteral("Resolution; text scales with it (default 96)."),
        QStringLiteral("DPI") });
    parser.addOption({ QStringLiteral("title"), QStringLiteral("Title (default: metric, bucket, ACCEPT vs REJECT)."),
        QStringLiteral("TEXT") });
    parser.addOption({ QStringLiteral("log"), QStringLiteral("Logarithmic value axis.") });
    parser.addOption({ QStringLiteral("values"),
        QStringLiteral("Also write the bars drawn as CSV (bucket_start,bucket_end,accept,reject,no_action); - for "
                       "standard output."),
        QStringLiteral("FILE") });
    InputLoader input;
    InputLoader::addOptions(parser);
    if (auto status = parseCommandLine(parser, args, "chart")) {
        return *status;
    }

    // Every argument is checked before anything is read.
    const QString metricText = parser.value(QStringLiteral("metric"));
    HistogramOptions histogram;
    if (metricText == QLatin1String("records")) {
        histogram.metric = Metric::Records;
    } else if (metricText == QLatin1String("bytes")) {
        histogram.metric = Metric::Bytes;
    } else if (metricText == QLatin1String("packets")) {
        histogram.metric = Metric::Packets;
    } else {
        return usage(QStringLiteral("--metric takes records, bytes or packets, not '%1'").arg(metricText));
    }
    const auto bucket = parseBucket(parser.value(QStringLiteral("bucket")));
    if (!bucket) {
        return usage(QStringLiteral("--bucket takes auto or a whole number of seconds such as 30s, 5m, 1h, 1d or "
                                    "300, not '%1'")
                         .arg(parser.value(QStringLiteral("bucket"))));
    }
    histogram.bucketSeconds = *bucket;
    const QString out = parser.value(QStringLiteral("out"));
    if (out.isEmpty()) {
        return usage(QStringLiteral("--out FILE is required (.png, .svg or .pdf)"));
    }
    const QString suffix = QFileInfo(out).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg") && suffix != QLatin1String("pdf")) {
        return usage(QStringLiteral("--out %1: the name must end in .png, .svg or .pdf").arg(out));
    }
    ChartExportOptions options;
    const auto width = positiveInt(parser, QStringLiteral("width"), options.size.width());
    const auto height = positiveInt(parser, QStringLiteral("height"), options.size.height());
    const auto dpi = positiveInt(parser, QStringLiteral("dpi"), options.dpi);
    if (!width || !height || !dpi) {
        return usage(QStringLiteral("--width, --height and --dpi take positive whole numbers"));
    }
    if (*width < 100 || *height < 100 || *dpi < 24 || *dpi > 1200) {
        return usage(QStringLiteral("the chart needs at least 100×100 pixels (--width, --height) and 24 to 1200 dpi"));
    }
    options.size = QSize(*width, *height);
    options.dpi = *dpi;
    options.title = parser.value(QStringLiteral("title"));
    if (!input.configure(parser)) {
        return ExitUsage;
    }
    // The predicate refers to the store it was compiled for; the loader fills that same store below.
    const std::shared_ptr<const FlowStore> store(std::shared_ptr<const FlowStore>(), &input.store());
    FilterState filter;
    QString expression = parser.value(QStringLiteral("query")).trimmed();
    if (expression.startsWith(QLatin1String("filter "))) {
        expression = expression.mid(7).trimmed();
    }
    if (!expression.isEmpty()) {
        QString error;
        filter.predicate = QueryPredicate::compile(store, expression, error);
        if (!filter.predicate) {
            return usage(QStringLiteral("--query: %1").arg(error));
        }
    }

    const int status = input.load(parser.positionalArguments());
    if (status != ExitOk) {
        return status;
    }
    InvestigationResult result;
    result.selection = evaluateFilter(store->snapshot(), filter);
    computeSpanAndTotals(result);
    if (histogram.bucketSeconds > 0 && result.firstStart && result.lastEnd
        && (*result.lastEnd - *result.firstStart) / histogram.bucketSeconds > Investigation::kMaxBuckets) {
        return usage(QStringLiteral("--bucket %1 would draw %2 bars over the data's span; at most %3: choose a "
                                    "larger bucket or auto")
                         .arg(parser.value(QStringLiteral("bucket")))
                         .arg((*result.lastEnd - *result.firstStart) / histogram.bucketSeconds)
                         .arg(Investigation::kMaxBuckets));
    }
    if (result.selection.count() == 0) {
        QTextStream(stderr) << "flowlens-cli chart: note: the filter selects no records; the chart is empty\n";
    }
    TimelineExportData data;
    data.histogram = TimeHistogram::compute(result.selection, histogram);
    data.metric = histogram.metric;
    data.logScale = parser.isSet(QStringLiteral("log"));
    data.filter = filter.describe();
    data.firstStart = result.firstStart;
    data.lastEnd = result.lastEnd;
    data.records = result.selection.count();
    QString error;
    std::vector<std::array<double, 3>> bars;
    if (!TimelineExport::write(data, out, options, error, &bars)) {
        QTextStream(stderr) << "flowlens-cli chart: " << error << '\n';
        return ExitFailure;
    }
    if (parser.isSet(QStringLiteral("values"))) {
        const QString valuesPath = parser.value(QStringLiteral("values"));
        if (!writeValues(valuesPath, data.histogram, bars)) {
            QTextStream(stderr) << "flowlens-cli chart: cannot write the values to " << valuesPath << '\n';
            return ExitFailure;
        }
    }
    return ExitOk;
}

} // namespace flowlens::cli
