#pragma once

#include <QCommandLineParser>
#include <QStringList>
#include <optional>
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
    bool drawsCharts = false; // needs a QApplication (QtCharts); runs on the offscreen platform without a display
};

// Prints "flowlens-cli COMMAND: message" on stderr and returns ExitUsage.
int usageError(const char* command, const QString& message);
// Parses a command's arguments: returns the status to exit with now (ExitUsage after printing the
// error, ExitOk after printing --help), or nullopt to go on.
std::optional<int> parseCommandLine(QCommandLineParser& parser, const QStringList& args, const char* command);

// The table of commands; each lives in its own <name>command.cpp.
const std::vector<Command>& commands();

} // namespace flowlens::cli
