// flowlens-panes-benchmark: loads flow logs into a store (no window) and times each part of what
// the window computes for a filter, one after the other, on the worker threads the window uses.
// Prints one JSON object per filter, each figure as "wall ms/CPU ms" (CPU of every thread). A tool
// for finding where the time goes, not a test.
#include "analysis/conversationstatistics.h"
#include "analysis/endpointstatistics.h"
#include "analysis/facets.h"
#include "analysis/findingdetector.h"
#include "analysis/timehistogram.h"
#include "ingest/loader.h"
#include "investigation/investigation.h"
#include "investigation/resultsteps.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <ctime>

using namespace flowlens;

namespace {

// CPU time of the whole process (every thread), in nanoseconds: unlike the wall time, other
// work on the machine does not inflate it.
qint64 processCpuNs()
{
    timespec t {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// Runs f; returns its wall time and its CPU time (all threads), in milliseconds, as "wall/cpu".
template <class F> QString timed(F&& f)
{
    QElapsedTimer clock;
    clock.start();
    const qint64 cpu = processCpuNs();
    f();
    return QStringLiteral("%1/%2")
        .arg(double(clock.nsecsElapsed()) / 1e6, 0, 'f', 1)
        .arg(double(processCpuNs() - cpu) / 1e6, 0, 'f', 1);
}

QJsonObject measure(const std::shared_ptr<const FlowStore>& store, const FilterState& filter)
{
    QJsonObject report;
    const FlowStore::Snapshot snapshot = store->snapshot();
    Selection selection;
    report.insert(QStringLiteral("filter_ms"), timed([&] { selection = evaluateFilter(snapshot, filter); }));
    report.insert(QStringLiteral("rows"), qint64(selection.count()));
    std::vector<RowId> rows;
    report.insert(QStringLiteral("row_ids_ms"), timed([&] { rows = selection.rowIds(); }));
    InvestigationResult spanned;
    spanned.selection = selection;
    report.insert(QStringLiteral("span_totals_ms"), timed([&] { computeSpanAndTotals(spanned); }));
    report.insert(QStringLiteral("histogram_ms"), timed([&] { (void)TimeHistogram::compute(selection, {}); }));
    report.insert(QStringLiteral("facets_ms"),
        timed([&] { (void)Facets::compute(selection, Investigation::facetFields(), 25); }));
    // The steps as the window runs them, one after the other.
    std::shared_ptr<const InvestigationResult> result;
    report.insert(QStringLiteral("step_panes_ms"), timed([&] { result = computePanes(store, filter, {}, false, 1); }));
    for (const auto& [name, step] :
        { std::pair { "endpoints", ResultStep::Endpoints }, std::pair { "conversations", ResultStep::Conversations },
            std::pair { "findings", ResultStep::Findings } }) {
        report.insert(QStringLiteral("step_%1_ms").arg(QLatin1String(name)),
            timed([&, step = step] { result = withStep(*result, step); }));
    }
    return report;
}

QString loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll()).section(QLatin1Char(' '), 0, 2)
                                          : QString();
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Times each part of the investigation's result for a few filters; prints JSON."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("panes-only"),
        QStringLiteral("Only the panes step, N times per filter (for a profiler)."), QStringLiteral("N") });
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Flow-log files or folders."));
    parser.process(app);
    if (parser.positionalArguments().isEmpty()) {
        QTextStream(stderr) << "flowlens-panes-benchmark: give the flow-log files to open\n";
        return 2;
    }
    auto store = std::make_shared<FlowStore>();
    QElapsedTimer clock;
    clock.start();
    const LoadReport load = Loader::load(*store, parser.positionalArguments());
    QTextStream out(stdout);
    out << QJsonDocument(QJsonObject { { QStringLiteral("records"), qint64(store->rowCount()) },
                             { QStringLiteral("load_ms"), double(clock.nsecsElapsed()) / 1e6 },
                             { QStringLiteral("load_average"), loadAverage() } })
               .toJson(QJsonDocument::Compact)
        << '\n';
    out.flush();
    const auto action = [&](const char* name) {
        const auto id = store->dictionary(FieldId::Action).find(name);
        return FilterState {}.with(FilterClause::equals(*store, FieldId::Action, id ? id->value : kNull));
    };
    const std::pair<QString, FilterState> filters[] = { { QStringLiteral("all"), FilterState {} },
        { QStringLiteral("reject"), action("REJECT") }, { QStringLiteral("accept"), action("ACCEPT") } };
    const int panesOnly = parser.value(QStringLiteral("panes-only")).toInt();
    for (const auto& [name, filter] : filters) {
        if (panesOnly > 0) {
            QJsonObject report { { QStringLiteral("filter"), name } };
            for (int i = 0; i < panesOnly; ++i) {
                report.insert(QStringLiteral("step_panes_%1_ms").arg(i),
                    timed([&, filter = filter] { (void)computePanes(store, filter, {}, false, 1); }));
            }
            out << QJsonDocument(report).toJson(QJsonDocument::Compact) << '\n';
            out.flush();
            continue;
        }
        QJsonObject report = measure(store, filter);
        report.insert(QStringLiteral("filter"), name);
        report.insert(QStringLiteral("load_average"), loadAverage());
        out << QJsonDocument(report).toJson(QJsonDocument::Compact) << '\n';
        out.flush();
    }
    return 0;
}
