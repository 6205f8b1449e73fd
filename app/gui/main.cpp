#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("FlowLens"));
    QApplication::setOrganizationName(QStringLiteral("FlowLens"));
    QApplication::setApplicationVersion(QStringLiteral(FLOWLENS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.flowlens.FlowLens"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Investigate AWS VPC Flow Logs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("PATH"), QStringLiteral("Flow-log files or folders to open."), QStringLiteral("[PATH...]"));
    parser.process(app);

    flowlens::MainWindow window;
    window.resize(1280, 800);
    window.show();
    if (parser.positionalArguments().isEmpty()) {
        window.openBundledSample();
    } else {
        window.openPaths(parser.positionalArguments());
    }
    return QApplication::exec();
}
