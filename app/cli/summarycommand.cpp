#include "analysis/storesummary.h"
#include "clicommands.h"
#include "inputloader.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <algorithm>
#include <sys/resource.h>

namespace flowlens::cli {

namespace {

std::uint64_t peakRssBytes()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024; // Linux reports KiB
}

QJsonObject counts(const std::vector<StoreSummary::Count>& values)
{
    QJsonObject object;
    for (const auto& c : values) {
        object.insert(
            c.value.empty() ? QStringLiteral("null") : QString::fromStdString(c.value), static_cast<qint64>(c.count));
    }
    return object;
}

QJsonValue optionalNumber(const std::optional<std::int64_t>& v)
{
    return v ? QJsonValue(static_cast<qint64>(*v)) : QJsonValue(QJsonValue::Null);
}

} // namespace

int runSummary(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Loads flow logs and prints what was read: records, errors, actions, log status, time span, "
                       "per-source figures and the load's speed and memory."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("output"), QStringLiteral("text (default) or json."), QStringLiteral("text|json"),
        QStringLiteral("text") });
    InputLoader input;
    InputLoader::addOptions(parser);
    if (!parser.parse(args)) {
        QTextStream(stderr) << "flowlens-cli summary: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    const QString output = parser.value(QStringLiteral("output"));
    if (output != QLatin1String("text") && output != QLatin1String("json")) {
        QTextStream(stderr) << "flowlens-cli summary: --output takes text or json, not '" << output << "'\n";
        return ExitUsage;
    }
    if (!input.configure(parser)) {
        return ExitUsage;
    }
    const int status = input.load(parser.positionalArguments());
    const LoadReport& report = input.report();
    const FlowStore& store = input.store();
    const std::uint64_t peakRss = peakRssBytes();
    const std::size_t storeBytes = store.memoryBytes();
    const StoreSummary summary = StoreSummary::compute(store);
    const double perSecond = report.seconds > 0 ? report.records / report.seconds : 0;
    const double perRecord = report.records > 0 ? double(storeBytes) / double(report.records) : 0;

    QJsonArray samples;
    for (const LineError& e : store.errorSamples()) {
        samples.append(QJsonObject { { QStringLiteral("file"), store.source(e.source).path },
            { QStringLiteral("line"), static_cast<qint64>(e.line) },
            { QStringLiteral("reason"), QString::fromStdString(e.reason) } });
    }
    QJsonArray sources;
    for (SourceId id : report.sources) {
        const SourceInfo info = store.source(id);
        QJsonObject s { { QStringLiteral("path"), info.path },
            { QStringLiteral("records"), static_cast<qint64>(info.records) },
            { QStringLiteral("errors"), static_cast<qint64>(info.errors) }, { QStringLiteral("format"), info.format },
            { QStringLiteral("container"), info.container } };
        if (!info.error.isEmpty()) {
            s.insert(QStringLiteral("error"), info.error);
        }
        sources.append(s);
    }

    QTextStream out(stdout);
    if (output == QLatin1String("json")) {
        QJsonObject root { { QStringLiteral("records"), static_cast<qint64>(report.records) },
            { QStringLiteral("errors"), static_cast<qint64>(report.errors) },
            { QStringLiteral("error_samples"), samples }, { QStringLiteral("actions"), counts(summary.actions) },
            { QStringLiteral("log_status"), counts(summary.logStatus) },
            { QStringLiteral("first_start"), optionalNumber(summary.firstStart) },
            { QStringLiteral("last_end"), optionalNumber(summary.lastEnd) },
            { QStringLiteral("bytes_total"),
                summary.bytesTotal ? QJsonValue(static_cast<qint64>(*summary.bytesTotal))
                                   : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("sources"), sources }, { QStringLiteral("load_seconds"), report.seconds },
            { QStringLiteral("records_per_second"), perSecond },
            { QStringLiteral("store_bytes"), static_cast<qint64>(storeBytes) },
            { QStringLiteral("bytes_per_record"), perRecord },
            { QStringLiteral("peak_rss_bytes"), static_cast<qint64>(peakRss) } };
        out << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return status;
    }
    out << "records        " << report.records << '\n' << "errors         " << report.errors << '\n';
    out << "actions       ";
    for (const auto& c : summary.actions) {
        out << ' ' << (c.value.empty() ? QStringLiteral("-") : QString::fromStdString(c.value)) << '=' << c.count;
    }
    out << "\nlog status    ";
    for (const auto& c : summary.logStatus) {
        out << ' ' << (c.value.empty() ? QStringLiteral("-") : QString::fromStdString(c.value)) << '=' << c.count;
    }
    out << "\ntime span      " << (summary.firstStart ? QString::number(*summary.firstStart) : QStringLiteral("-"))
        << " – " << (summary.lastEnd ? QString::number(*summary.lastEnd) : QStringLiteral("-")) << '\n';
    out << "bytes total    " << (summary.bytesTotal ? QString::number(*summary.bytesTotal) : QStringLiteral("-"))
        << '\n';
    out << "sources        " << sources.size() << '\n';
    for (const auto& value : sources) {
        const QJsonObject s = value.toObject();
        out << "  " << s.value(QLatin1String("path")).toString() << ": "
            << s.value(QLatin1String("records")).toInteger() << " records, "
            << s.value(QLatin1String("errors")).toInteger() << " errors, "
            << s.value(QLatin1String("container")).toString() << '\n';
    }
    constexpr qsizetype kTextSamples = 10; // the JSON output carries all kept samples
    for (qsizetype i = 0; i < std::min(samples.size(), kTextSamples); ++i) {
        const QJsonObject e = samples.at(i).toObject();
        out << "  error " << e.value(QLatin1String("file")).toString() << ':'
            << e.value(QLatin1String("line")).toInteger() << ": " << e.value(QLatin1String("reason")).toString()
            << '\n';
    }
    if (samples.size() > kTextSamples) {
        out << "  … " << (samples.size() - kTextSamples) << " more error samples in --output json\n";
    }
    out << "load           " << QString::number(report.seconds, 'f', 3) << " s, "
        << QString::number(perSecond / 1e6, 'f', 2) << " M records/s\n";
    out << "store          " << QString::number(storeBytes / 1048576.0, 'f', 1) << " MiB, "
        << QString::number(perRecord, 'f', 1) << " bytes/record; peak RSS "
        << QString::number(peakRss / 1048576.0, 'f', 1) << " MiB\n";
    return status;
}

} // namespace flowlens::cli
