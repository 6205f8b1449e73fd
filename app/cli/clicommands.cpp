#include "clicommands.h"

#include <vector>

namespace flowlens::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> table {};
    return table;
}

} // namespace flowlens::cli
