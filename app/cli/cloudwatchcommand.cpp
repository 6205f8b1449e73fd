// flowlens-cli cloudwatch groups | pull | insights: CloudWatch Logs from the command line, with
// the same model classes the GUI's dialogs use.
#include "aws/cloudwatchlogsclient.h"
#include "aws/insightsrunner.h"
#include "aws/logeventpuller.h"
#include "aws/pulledeventwriter.h"
#include "awsconnection.h"
#include "clicommands.h"
#include "ingest/isotime.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>

namespace flowlens::cli {

namespace {

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

// "2024-05-01T10:00:00Z", epoch seconds or milliseconds, "now", or "-2h" / "-30m" / "-7d" before now.
std::optional<std::int64_t> parseTime(const QString& text, std::int64_t nowMs)
{
    const QString t = text.trimmed();
    if (t == QLatin1String("now")) {
        return nowMs;
    }
    static const QRegularExpression relative(QStringLiteral("^-(\\d+)([smhd])$"));
    if (const auto m = relative.match(t); m.hasMatch()) {
        const std::int64_t n = m.captured(1).toLongLong();
        const QChar unit = m.captured(2).front();
        const std::int64_t scale = unit == QLatin1Char('s') ? 1000
            : unit == QLatin1Char('m')                      ? 60000
            : unit == QLatin1Char('h')                      ? 3600000
                                                            : 86400000;
        return nowMs - n * scale;
    }
    bool number = false;
    const std::int64_t value = t.toLongLong(&number);
    if (number && value >= 0) {
        return value < 100000000000LL ? value * 1000 : value; // seconds until the year 5138
    }
    const std::string utf8 = t.toStdString();
    std::size_t length = 0;
    const auto ms = parseIsoTimestampMs(utf8, length);
    if (ms && length == utf8.size()) {
        return ms;
    }
    return std::nullopt;
}

bool parseOrFail(QCommandLineParser& parser, const QStringList& args, const char* command)
{
    if (!parser.parse(args)) {
        err() << "flowlens-cli " << command << ": " << parser.errorText() << '\n';
        return false;
    }
    return true;
}

struct Range {
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
};

void addRangeOptions(QCommandLineParser& parser)
{
    parser.addOption({ { QStringLiteral("log-group"), QStringLiteral("group") }, QStringLiteral("Log group name."),
        QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("start"),
        QStringLiteral("Start time: ISO-8601 (2024-05-01T10:00:00Z), epoch seconds or ms, or -2h/-30m/-7d."),
        QStringLiteral("TIME") });
    parser.addOption({ QStringLiteral("end"), QStringLiteral("End time, as --start (default: now)."),
        QStringLiteral("TIME"), QStringLiteral("now") });
}

std::optional<Range> rangeFrom(const QCommandLineParser& parser, const char* command)
{
    const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
    if (!parser.isSet(QStringLiteral("group")) || !parser.isSet(QStringLiteral("start"))) {
        err() << "flowlens-cli " << command << ": --log-group and --start are required\n";
        return std::nullopt;
    }
    Range range;
    for (const char* name : { "start", "end" }) {
        const QString text = parser.value(QLatin1String(name));
        const auto ms = parseTime(text, now);
        if (!ms) {
            err() << "flowlens-cli " << command << ": --" << name << " '" << text
                  << "' is not a time (ISO-8601, epoch seconds or ms, now, or -2h)\n";
            return std::nullopt;
        }
        (QLatin1String(name) == QLatin1String("start") ? range.startMs : range.endMs) = *ms;
    }
    if (range.endMs < range.startMs) {
        err() << "flowlens-cli " << command << ": --end is before --start\n";
        return std::nullopt;
    }
    return range;
}

int runGroups(const QStringList& args, const char* command)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Lists log groups (DescribeLogGroups), one per line."));
    parser.addHelpOption();
    addAwsOptions(parser, AwsService::CloudWatchLogs);
    parser.addOption(
        { QStringLiteral("prefix"), QStringLiteral("Only groups whose name starts so."), QStringLiteral("P") });
    if (!parseOrFail(parser, args, command)) {
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    auto client = connectAws(parser, AwsService::CloudWatchLogs, command);
    if (!client) {
        return ExitUsage;
    }
    CloudWatchLogsClient logs(*client);
    AwsError error;
    const auto groups = logs.logGroups(parser.value(QStringLiteral("prefix")), error);
    QTextStream out(stdout);
    for (const LogGroupInfo& g : groups) {
        out << g.name << '\t' << g.storedBytes << '\n';
    }
    out.flush();
    if (error.isError()) {
        err() << "flowlens-cli " << command << ": " << error.text() << '\n';
        return ExitFailure;
    }
    return ExitOk;
}

int runPullAs(const QStringList& args, const char* command)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Pulls a log group's flow-log events (FilterLogEvents) and, with --out, writes them as a "
                       "flow-log file (header line + records; gzip when FILE ends in .gz) that 'summary' reads."));
    parser.addHelpOption();
    addAwsOptions(parser, AwsService::CloudWatchLogs);
    addRangeOptions(parser);
    parser.addOption({ QStringLiteral("filter"), QStringLiteral("CloudWatch filter pattern."), QStringLiteral("P") });
    parser.addOption(
        { QStringLiteral("stream"), QStringLiteral("Only this log stream (repeatable)."), QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("format"),
        QStringLiteral("The group's record format (field names, or v2/v5/v8); detected when not given."),
        QStringLiteral("FIELDS") });
    parser.addOption({ QStringLiteral("resume"), QStringLiteral("Continue a failed pull from this token."),
        QStringLiteral("TOKEN") });
    parser.addOption({ QStringLiteral("out"), QStringLiteral("Write the events to FILE."), QStringLiteral("FILE") });
    if (!parseOrFail(parser, args, command)) {
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    const auto range = rangeFrom(parser, command);
    if (!range) {
        return ExitUsage;
    }
    std::shared_ptr<const RecordFormat> format;
    if (parser.isSet(QStringLiteral("format"))) {
        std::string why;
        auto parsed = RecordFormat::parseSpec(parser.value(QStringLiteral("format")).toStdString(), why);
        if (!parsed) {
            err() << "flowlens-cli " << command << ": --format: " << QString::fromStdString(why) << '\n';
            return ExitUsage;
        }
        format = std::make_shared<const RecordFormat>(std::move(*parsed));
    }
    auto client = connectAws(parser, AwsService::CloudWatchLogs, command);
    if (!client) {
        return ExitUsage;
    }
    PulledEventWriter writer;
    const bool writing = parser.isSet(QStringLiteral("out"));
    QString problem;
    if (writing && !writer.open(parser.value(QStringLiteral("out")), problem)) {
        err() << "flowlens-cli " << command << ": " << problem << '\n';
        return ExitFailure;
    }
    FlowStore store;
    LogEventPuller puller(*client, store, format);
    if (writing) {
        puller.setEventSink([&writer, &puller](const CloudWatchEvent& e) {
            if (!e.message.trimmed().isEmpty()) {
                writer.write(*puller.format(), e.message);
            }
        });
    }
    PullRequest request;
    request.logGroup = parser.value(QStringLiteral("group"));
    request.logStreams = parser.values(QStringLiteral("stream"));
    request.filterPattern = parser.value(QStringLiteral("filter"));
    request.startMs = range->startMs;
    request.endMs = range->endMs;
    request.resumeToken = parser.value(QStringLiteral("resume"));
    const PullResult result = puller.pull(request);
    if (writing && !writer.close(problem)) {
        err() << "flowlens-cli " << command << ": " << problem << '\n';
        return ExitFailure;
    }
    err() << "flowlens-cli " << command << ": " << result.events << " events in " << result.pages << " pages, "
          << result.records << " records, " << result.errors << " malformed"
          << (puller.format() ? QStringLiteral(" (format: %1)").arg(QString::fromStdString(puller.format()->describe()))
                              : QString())
          << '\n';
    if (result.repeatedToken) {
        err() << "flowlens-cli " << command << ": the service repeated a page token; stopped there\n";
    }
    if (!result.complete()) {
        err() << "flowlens-cli " << command << ": stopped early: " << result.error.text() << '\n';
        if (!result.resumeToken.isEmpty()) {
            err() << "flowlens-cli " << command << ": to continue, add --resume " << result.resumeToken << '\n';
        }
        return ExitFailure;
    }
    return ExitOk;
}

int runInsightsAs(const QStringList& args, const char* command)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Runs a Logs Insights query over the group and range and prints the result table; a listing that hits the "
        "10,000-row limit is split by time and merged. Scanned records and bytes go to stderr."));
    parser.addHelpOption();
    addAwsOptions(parser, AwsService::CloudWatchLogs);
    addRangeOptions(parser);
    parser.addOption(
        { { QStringLiteral("q"), QStringLiteral("query") }, QStringLiteral("The query."), QStringLiteral("QUERY") });
    parser.addOption({ QStringLiteral("output"), QStringLiteral("tsv (default), csv or json."),
        QStringLiteral("FORMAT"), QStringLiteral("tsv") });
    parser.addPositionalArgument(QStringLiteral("QUERY"), QStringLiteral("The query (or -q)."));
    if (!parseOrFail(parser, args, command)) {
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    const auto range = rangeFrom(parser, command);
    if (!range) {
        return ExitUsage;
    }
    QString query = parser.value(QStringLiteral("query"));
    if (query.isEmpty() && !parser.positionalArguments().isEmpty()) {
        query = parser.positionalArguments().join(QLatin1Char(' '));
    }
    const QString output = parser.value(QStringLiteral("output"));
    if (query.trimmed().isEmpty()
        || (output != QLatin1String("tsv") && output != QLatin1String("csv") && output != QLatin1String("json"))) {
        err() << "flowlens-cli " << command << ": give a query, and --output tsv, csv or json\n";
        return ExitUsage;
    }
    auto client = connectAws(parser, AwsService::CloudWatchLogs, command);
    if (!client) {
        return ExitUsage;
    }
    InsightsRunner runner(*client);
    InsightsRequest request;
    request.logGroups = { parser.value(QStringLiteral("group")) };
    request.startMs = range->startMs;
    request.endMs = range->endMs;
    request.query = query;
    const InsightsTable table = runner.run(request);
    QTextStream out(stdout);
    if (output == QLatin1String("json")) {
        QJsonArray rows;
        for (const QStringList& row : table.rows) {
            QJsonObject object;
            for (qsizetype c = 0; c < table.columns.size(); ++c) {
                object.insert(table.columns[c], row.value(c));
            }
            rows.append(object);
        }
        out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
    } else {
        const QChar separator = output == QLatin1String("csv") ? QLatin1Char(',') : QLatin1Char('\t');
        auto cell = [&](const QString& text) -> QString {
            if (separator == QLatin1Char(',')
                && (text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
                    || text.contains(QLatin1Char('\n')))) {
                return QLatin1Char('"') + QString(text).replace(QLatin1String("\""), QLatin1String("\"\""))
                    + QLatin1Char('"');
            }
            return QString(text)
                .replace(QLatin1Char('\t'), QLatin1Char(' '))
                .replace(QLatin1Char('\n'), QLatin1Char(' '));
        };
        QStringList header;
        for (const QString& c : table.columns) {
            header.append(cell(c));
        }
        out << header.join(separator) << '\n';
        for (const QStringList& row : table.rows) {
            QStringList cells;
            for (const QString& c : row) {
                cells.append(cell(c));
            }
            out << cells.join(separator) << '\n';
        }
    }
    out.flush();
    err() << "flowlens-cli " << command << ": " << table.rows.size() << " rows; " << table.queries << " quer"
          << (table.queries == 1 ? "y" : "ies") << "; scanned "
          << QString::number(table.statistics.recordsScanned, 'f', 0) << " records, "
          << QString::number(table.statistics.bytesScanned, 'f', 0) << " bytes\n";
    if (table.truncated) {
        err() << "flowlens-cli " << command << ": incomplete: " << table.note << '\n';
    }
    if (table.error.isError()) {
        err() << "flowlens-cli " << command << ": " << table.error.text() << '\n';
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace

// The spelling, `flowlens-cli pull …` and `flowlens-cli insights …`: the same commands.
int runPull(const QStringList& args)
{
    return runPullAs(args, "pull");
}

int runInsights(const QStringList& args)
{
    return runInsightsAs(args, "insights");
}

int runCloudWatch(const QStringList& args)
{
    const QString sub = args.size() > 1 ? args.at(1) : QString();
    QStringList rest = args;
    if (rest.size() > 1) {
        rest.removeAt(1);
    }
    if (sub == QLatin1String("groups")) {
        return runGroups(rest, "cloudwatch groups");
    }
    if (sub == QLatin1String("pull")) {
        return runPullAs(rest, "cloudwatch pull");
    }
    if (sub == QLatin1String("insights")) {
        return runInsightsAs(rest, "cloudwatch insights");
    }
    QTextStream stream(sub == QLatin1String("--help") || sub == QLatin1String("-h") ? stdout : stderr);
    if (!sub.isEmpty() && sub != QLatin1String("--help") && sub != QLatin1String("-h")) {
        stream << "flowlens-cli cloudwatch: unknown subcommand '" << sub << "'\n\n";
    }
    stream << "Usage: flowlens-cli cloudwatch SUBCOMMAND [OPTIONS]\n\n"
              "  groups    List log groups [--prefix P]\n"
              "  pull      Pull a group's events: --log-group G --start T [--end T] [--filter P] [--out FILE]\n"
              "  insights  Run a Logs Insights query: --log-group G --start T [--end T] -q QUERY\n\n"
              "'flowlens-cli pull' and 'flowlens-cli insights' are the same commands.\n"
              "All take --profile, --region and --endpoint-url; run 'flowlens-cli cloudwatch SUBCOMMAND --help'.\n";
    return sub == QLatin1String("--help") || sub == QLatin1String("-h") ? ExitOk : ExitUsage;
}

} // namespace flowlens::cli
