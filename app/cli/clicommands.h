#pragma once

#include <QStringList>
#include <vector>

namespace flowlens::cli {

// Exit statuses shared by every command.
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1, // an input could be read but a later step failed (e.g. writing the output)
    ExitUsage = 2, // bad arguments or a bad query
    ExitNoInput = 3, // no input could be read as flow logs
};

struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args); // args[0] is the program name, the command itself removed
};

// The table of commands; each lives in its own <name>command.cpp.
const std::vector<Command>& commands();

} // namespace flowlens::cli
