#include <QApplication>
#include <QMainWindow>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("FlowLens"));
    QApplication::setOrganizationName(QStringLiteral("FlowLens"));
    QApplication::setApplicationVersion(QStringLiteral(FLOWLENS_VERSION));
    QMainWindow window;
    window.setWindowTitle(QStringLiteral("FlowLens"));
    window.resize(1200, 800);
    window.show();
    return QApplication::exec();
}
