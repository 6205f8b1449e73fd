#include "clicommands.h"

#include <QApplication>
#include <QCoreApplication>
#include <QTextStream>
#include <cstdio>
#include <cstring>
#include <memory>

using namespace flowlens::cli;

namespace {

// Commands that draw charts need a QApplication; without a display they run on the offscreen platform.
std::unique_ptr<QCoreApplication> makeApplication(int& argc, char* argv[])
{
    for (const Command& c : commands()) {
        if (c.drawsCharts && argc > 1 && std::strcmp(argv[1], c.name) == 0) {
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
                qputenv("QT_QPA_PLATFORM", "offscreen");
            }
            return std::make_unique<QApplication>(argc, argv);
        }
    }
    return std::make_unique<QCoreApplication>(argc, argv);
}

} // namespace

int main(int argc, char* argv[])
{
    const std::unique_ptr<QCoreApplication> app = makeApplication(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("flowlens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FLOWLENS_VERSION));

    QStringList args = QCoreApplication::arguments();
    const QString command = args.size() > 1 ? args.at(1) : QString();
    for (const Command& c : commands()) {
        if (command == QLatin1String(c.name)) {
            args.removeAt(1);
            return c.run(args);
        }
    }
    QTextStream err(stderr);
    if (!command.isEmpty() && command != QLatin1String("--help") && command != QLatin1String("-h")) {
        err << "flowlens-cli: unknown command '" << command << "'\n\n";
    }
    err << "Usage: flowlens-cli COMMAND [OPTIONS] ...\n\nCommands:\n";
    for (const Command& c : commands()) {
        err << "  " << QString::fromLatin1(c.name).leftJustified(12) << QLatin1String(c.summary) << '\n';
    }
    err << "\nRun 'flowlens-cli COMMAND --help' for a command's options.\n";
    return command == QLatin1String("--help") || command == QLatin1String("-h") ? 0 : ExitUsage;
}
