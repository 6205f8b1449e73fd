#include "clicommands.h"

#include <vector>

namespace flowlens::cli {

int runDump(const QStringList& args);
int runSummary(const QStringList& args);

const std::vector<Command>& commands()
{
    static const std::vector<Command> table {
        { "dump", "Print every record as JSON lines or CSV", runDump },
        { "summary", "Load flow logs and report what was read, how fast and in how much memory", runSummary },
    };
    return table;
}

} // namespace flowlens::cli
