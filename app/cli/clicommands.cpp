#include "clicommands.h"

#include <vector>

namespace flowlens::cli {

int runDump(const QStringList& args);
int runGenerate(const QStringList& args);
int runSummary(const QStringList& args);
int runCloudWatch(const QStringList& args);

const std::vector<Command>& commands()
{
    static const std::vector<Command> table {
        { "dump", "Print every record as JSON lines or CSV", runDump },
        { "generate", "Write deterministic synthetic VPC flow logs", runGenerate },
        { "summary", "Load flow logs and report what was read, how fast and in how much memory", runSummary },
        { "cloudwatch", "CloudWatch Logs: list groups, pull events to a file, run Logs Insights queries",
            runCloudWatch },
    };
    return table;
}

} // namespace flowlens::cli
