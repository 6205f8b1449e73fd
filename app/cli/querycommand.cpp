#include "clicommands.h"
#include "inputloader.h"
#include "query/queryevaluator.h"
#include "query/sqltranslator.h"
#include "tablewriter.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTextStream>
#include <algorithm>
#include <ctime>

namespace flowlens::cli {

namespace {

const char* const kDefaultLocation = "s3://amzn-s3-demo-bucket/AWSLogs/{account_id}/vpcflowlogs/{region}/";

int usage(const QString& message)
{
    return usageError("query", message);
}

double processCpuMilliseconds()
{
    timespec t {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// --repeat: runs each query `repeat` times over the loaded records (no output table for record
// queries, as a pane would) and prints one JSON line per query with the fastest and median time.
int timeQueries(const FlowStore& store, double loadSeconds, const std::vector<query::Query>& queries, int repeat)
{
    const query::QueryEvaluator evaluator(store);
    const Selection all = Selection::all(store.snapshot());
    QTextStream out(stdout);
    out << "{\"records\":" << store.rowCount() << ",\"load_seconds\":" << loadSeconds << "}\n";
    for (const query::Query& q : queries) {
        std::vector<double> ms;
        std::vector<double> cpuMs; // every thread's CPU time: on a busy machine, closer to the work done
        std::size_t rows = 0;
        for (int i = 0; i < repeat; ++i) {
            QElapsedTimer timer;
            const double cpuStart = processCpuMilliseconds();
            timer.start();
            const query::QueryOutput result = evaluator.run(q, all, false);
            ms.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
            cpuMs.push_back(processCpuMilliseconds() - cpuStart);
            rows = result.aggregated ? result.table.rowCount() : result.records.size();
        }
        std::sort(ms.begin(), ms.end());
        std::sort(cpuMs.begin(), cpuMs.end());
        std::string text;
        appendJsonString(text, q.text().toStdString());
        out << "{\"query\":" << QString::fromStdString(text) << ",\"rows\":" << rows << ",\"min_ms\":" << ms.front()
            << ",\"median_ms\":" << ms[ms.size() / 2] << ",\"cpu_min_ms\":" << cpuMs.front()
            << ",\"cpu_median_ms\":" << cpuMs[cpuMs.size() / 2] << "}\n";
    }
    return ExitOk;
}

} // namespace

int runQuery(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a CloudWatch Logs Insights query over flow-log files, or prints it as Athena SQL or as normalised "
        "Insights text. The query is -q QUERY or the first argument.\n"
        "Example: flowlens-cli query 'filter action=\"REJECT\" | stats count(*) as n by srcAddr | sort n desc' "
        "logs/"));
    parser.addHelpOption();
    parser.addOption(
        { { QStringLiteral("q"), QStringLiteral("query") }, QStringLiteral("The query."), QStringLiteral("QUERY") });
    parser.addOption({ QStringLiteral("output"), QStringLiteral("table (default), csv or json."),
        QStringLiteral("table|csv|json"), QStringLiteral("table") });
    parser.addOption({ QStringLiteral("translate"),
        QStringLiteral("Print the query as Athena SQL over AWS's vpc_flow_logs table, or as Insights text; reads "
                       "no input."),
        QStringLiteral("athena|insights") });
    parser.addOption({ QStringLiteral("ddl"),
        QStringLiteral("Print the CREATE TABLE statement for the vpc_flow_logs table (before the SQL with "
                       "--translate athena).") });
    parser.addOption({ QStringLiteral("location"), QStringLiteral("The S3 location in the --ddl statement."),
        QStringLiteral("S3-URI"), QString::fromLatin1(kDefaultLocation) });
    parser.addOption({ QStringLiteral("repeat"),
        QStringLiteral("Time the query (or each of several -q) N times over the loaded records and print timings "
                       "as JSON lines instead of the result."),
        QStringLiteral("N") });
    parser.addOption({ QStringLiteral("table"), QStringLiteral("The Athena table name (default vpc_flow_logs)."),
        QStringLiteral("NAME"), QStringLiteral("vpc_flow_logs") });
    InputLoader input;
    InputLoader::addOptions(parser);
    if (const auto status = parseCommandLine(parser, args, "query")) {
        return *status;
    }
    const QString output = parser.value(QStringLiteral("output"));
    if (output != QLatin1String("table") && output != QLatin1String("csv") && output != QLatin1String("json")) {
        return usage(QStringLiteral("--output takes table, csv or json, not '") + output + u'\'');
    }
    const QString translate = parser.value(QStringLiteral("translate"));
    if (!translate.isEmpty() && translate != QLatin1String("athena") && translate != QLatin1String("insights")) {
        return usage(QStringLiteral("--translate takes athena or insights, not '") + translate + u'\'');
    }
    const bool ddl = parser.isSet(QStringLiteral("ddl"));
    query::AthenaOptions athena;
    athena.table = parser.value(QStringLiteral("table"));

    QStringList paths = parser.positionalArguments();
    QString text = parser.value(QStringLiteral("query"));
    int repeat = 0;
    if (parser.isSet(QStringLiteral("repeat"))) {
        bool ok = false;
        repeat = parser.value(QStringLiteral("repeat")).toInt(&ok);
        if (!ok || repeat < 1) {
            return usage(QStringLiteral("--repeat takes a positive number"));
        }
    } else if (parser.values(QStringLiteral("query")).size() > 1) {
        return usage(QStringLiteral("several -q need --repeat"));
    }
    if (!parser.isSet(QStringLiteral("query"))) {
        if (paths.isEmpty()) {
            if (ddl && translate.isEmpty()) {
                text.clear();
            } else {
                return usage(QStringLiteral("no query: give it as -q QUERY or as the first argument"));
            }
        } else {
            text = paths.takeFirst();
        }
    }
    QTextStream out(stdout);
    if (ddl) {
        out << query::SqlTranslator::createTable(parser.value(QStringLiteral("location")), athena)
            << (translate.isEmpty() ? "\n" : "\n\n");
        if (translate.isEmpty() && text.isEmpty()) {
            return ExitOk;
        }
    }
    const query::QueryResult parsed = query::Query::parse(text);
    if (!parsed.ok()) {
        out.flush();
        return usage(parsed.error().render(text));
    }
    if (translate == QLatin1String("insights")) {
        out << parsed.query().toInsights() << '\n';
        return ExitOk;
    }
    if (translate == QLatin1String("athena")) {
        const query::SqlResult sql = query::SqlTranslator::translate(parsed.query(), athena);
        if (!sql.ok()) {
            out.flush();
            return usage(sql.error->render(text));
        }
        out << sql.sql << ";\n";
        return ExitOk;
    }
    if (ddl) {
        return ExitOk;
    }
    if (paths.isEmpty()) {
        return usage(QStringLiteral("no input: give one or more flow-log files or folders"));
    }
    if (!input.configure(parser)) {
        return ExitUsage;
    }
    if (repeat == 0) {
        // A query answered by stats reads a few fields: only those are kept in memory.
        if (const auto fields = parsed.query().fieldsRead()) {
            input.keepOnly(*fields);
        }
    }
    const int status = input.load(paths);
    if (status != ExitOk) {
        return status;
    }
    const FlowStore& store = input.store();
    if (repeat > 0) {
        std::vector<query::Query> queries;
        for (const QString& q :
            parser.isSet(QStringLiteral("query")) ? parser.values(QStringLiteral("query")) : QStringList { text }) {
            const query::QueryResult one = query::Query::parse(q);
            if (!one.ok()) {
                return usage(one.error().render(q));
            }
            queries.push_back(one.query());
        }
        return timeQueries(store, input.report().seconds, queries, repeat);
    }
    const query::QueryOutput result
        = query::QueryEvaluator(store).run(parsed.query(), Selection::all(store.snapshot()));
    for (const QString& warning : result.warnings) {
        QTextStream(stderr) << "flowlens-cli query: warning: " << warning << '\n';
    }
    const TableWriter::Style style = output == QLatin1String("csv") ? TableWriter::Style::Csv
        : output == QLatin1String("json")                           ? TableWriter::Style::Json
                                                                    : TableWriter::Style::Table;
    if (!TableWriter(result.table, style, stdout).write()) {
        QTextStream(stderr) << "flowlens-cli query: could not write the output\n";
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace flowlens::cli
