#include "clicommands.h"

#include <vector>

namespace flowlens::cli {

int runDump(const QStringList& args);
int runGenerate(const QStringList& args);
int runSummary(const QStringList& args);
int runCloudWatch(const QStringList& args);
int runTopology(const QStringList& args);
int runReach(const QStringList& args);
int runExplain(const QStringList& args);

const std::vector<Command>& commands()
{
    static const std::vector<Command> table {
        { "dump", "Print every record as JSON lines or CSV", runDump },
        { "generate", "Write deterministic synthetic VPC flow logs", runGenerate },
        { "summary", "Load flow logs and report what was read, how fast and in how much memory", runSummary },
        { "cloudwatch", "CloudWatch Logs: list groups, pull events to a file, run Logs Insights queries",
            runCloudWatch },
        { "topology", "Show, infer, compare VPC topologies; NACL rules that contain an address", runTopology },
        { "reach", "Explain whether a flow can pass routes, peering, network ACLs and security groups", runReach },
        { "explain", "reach with options: --aws-json DIR --src A --dst B --proto P --port N", runExplain },
    };
    return table;
}

} // namespace flowlens::cli
