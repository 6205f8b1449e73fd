#include "clicommands.h"

#include <QTextStream>
#include <vector>

namespace flowlens::cli {

int runDump(const QStringList& args);
int runGenerate(const QStringList& args);
int runSummary(const QStringList& args);
int runCloudWatch(const QStringList& args);
int runPull(const QStringList& args);
int runInsights(const QStringList& args);
int runTopology(const QStringList& args);
int runReach(const QStringList& args);
int runExplain(const QStringList& args);
int runQuery(const QStringList& args);
int runFindings(const QStringList& args);
int runChart(const QStringList& args);

int usageError(const char* command, const QString& message)
{
    QTextStream(stderr) << "flowlens-cli " << command << ": " << message << '\n';
    return ExitUsage;
}

std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& args, const char* command)
{
    if (!parser.parse(args)) {
        return usageError(command, parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    return std::nullopt;
}

const std::vector<Command>& commands()
{
    static const std::vector<Command> table {
        { "dump", "Print every record as JSON lines or CSV", runDump },
        { "generate", "Write deterministic synthetic VPC flow logs", runGenerate },
        { "summary", "Load flow logs and report what was read, how fast and in how much memory", runSummary },
        { "query", "Run a Logs Insights query, or print it as Athena SQL", runQuery },
        { "chart", "Render the ACCEPT/REJECT timeline of a filter to PNG, SVG or PDF (no display needed)", runChart,
            true },
        { "findings", "Look for scans, brute force, spikes, exfiltration and other suspicious traffic", runFindings },
        { "cloudwatch", "CloudWatch Logs: list groups, pull events to a file, run Logs Insights queries",
            runCloudWatch },
        { "pull", "Pull a CloudWatch Logs group's flow logs into a file (as 'cloudwatch pull')", runPull },
        { "insights", "Run a query in CloudWatch Logs Insights (as 'cloudwatch insights')", runInsights },
        { "topology",
            "Show, draw (--out), infer, compare, pull (EC2 API) VPC topologies; NACL rules that contain an address",
            runTopology, true },
        { "reach", "Explain whether a flow can pass routes, peering, network ACLs and security groups", runReach },
        { "explain", "reach with options: --aws-json DIR --src A --dst B --proto P --port N", runExplain },
    };
    return table;
}

} // namespace flowlens::cli
