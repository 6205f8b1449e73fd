#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QScreen>
#include <QSettings>

namespace {

// The first start (no saved geometry): most of the screen, centred, whatever the screen's size;
// a small screen gets the window maximised.
void placeFirstTime(QWidget& window)
{
    const QScreen* screen = QGuiApplication::primaryScreen();
    if (screen == nullptr) {
        window.resize(1440, 900);
        return;
    }
    const QRect available = screen->availableGeometry();
    if (available.width() < 1280 || available.height() < 800) {
        window.setWindowState(Qt::WindowMaximized);
        return;
    }
    const QSize size(available.width() * 85 / 100, available.height() * 85 / 100);
    window.resize(size);
    window.move(available.x() + (available.width() - size.width()) / 2,
        available.y() + (available.height() - size.height()) / 2);
}

} // namespace

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
        placeFirstTime(window);
    }
    window.show();
    window.openAtStart(parser.positionalArguments());
    return QApplication::exec();
}
