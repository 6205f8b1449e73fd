#include "clicommands.h"

#include <vector>

namespace flowlens::cli {

int runGenerate(const QStringList& args);

const std::vector<Command>& commands()
{
    static const std::vector<Command> table {
        { "generate", "Write deterministic synthetic VPC flow logs", runGenerate },
    };
    return table;
}

} // namespace flowlens::cli
