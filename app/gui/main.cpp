#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

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
    if (!QSettings().contains(QStringLiteral("window/geometry"))) {
        window.resize(1440, 900);
    }
    window.show();
    window.openAtStart(parser.positionalArguments());
    return QApplication::exec();
}
