// MainWindow: the Help menu (usage from the README, keyboard shortcuts read off the actions, About).
#include "mainwindow.h"
#include "usagedialog.h"

#include <QAction>
#include <QApplication>
#include <QMenuBar>
#include <QMessageBox>

namespace flowlens {

namespace {

// "Ctrl+O  Open Files" for every action with a shortcut, menu by menu.
QStringList shortcutLines(const QMenu* menu)
{
    QStringList lines;
    for (const QAction* action : menu->actions()) {
        if (action->menu() != nullptr) {
            lines += shortcutLines(action->menu());
        } else if (!action->shortcut().isEmpty()) {
            lines.append(action->shortcut().toString(QKeySequence::NativeText) + QStringLiteral("\t")
                + action->text().remove(QLatin1Char('&')).remove(QStringLiteral("…")));
        }
    }
    return lines;
}

} // namespace

QString MainWindow::shortcutsText() const
{
    QStringList lines;
    for (const QAction* action : menuBar()->actions()) {
        if (action->menu() != nullptr) {
            lines += shortcutLines(action->menu());
        }
    }
    lines.append(tr("Ctrl+C\tCopy the selected rows as CSV (right-click for JSON)"));
    lines.append(tr("Esc\tCancel loading"));
    return lines.join(QLatin1Char('\n'));
}

void MainWindow::createHelpMenu()
{
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    createWalkthroughMenu(help);
    QAction* usage = help->addAction(tr("&Usage"));
    usage->setShortcut(QKeySequence::HelpContents);
    usage->setStatusTip(tr("How to open data, filter and use flowlens-cli (the README's Usage section)"));
    usage->setToolTip(usage->statusTip());
    connect(usage, &QAction::triggered, this, [this] {
        auto* dialog = new UsageDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    QAction* keys = help->addAction(tr("&Keyboard Shortcuts"));
    keys->setStatusTip(tr("List the keyboard shortcuts"));
    keys->setToolTip(keys->statusTip());
    connect(keys, &QAction::triggered, this, [this] {
        auto* box = new QMessageBox(
            QMessageBox::Information, tr("Keyboard shortcuts"), shortcutsText(), QMessageBox::Close, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    help->addSeparator();
    QAction* about = help->addAction(tr("&About FlowLens"));
    about->setStatusTip(tr("Version, Qt version and where FlowLens comes from"));
    about->setToolTip(about->statusTip());
    connect(about, &QAction::triggered, this, [this] {
        auto* box = new QMessageBox(QMessageBox::NoIcon, tr("About FlowLens"), aboutText(), QMessageBox::Close, this);
        box->setIconPixmap(QApplication::windowIcon().pixmap(64, 64));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    QAction* aboutQt = help->addAction(tr("About &Qt"));
    aboutQt->setStatusTip(tr("The Qt version FlowLens runs on"));
    aboutQt->setToolTip(aboutQt->statusTip());
    connect(aboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);
}

QString MainWindow::aboutText() const
{
    return tr("<h3>FlowLens %1</h3>"
              "<p>A desktop investigator for AWS VPC Flow Logs: open flow-log files or folders, filter with the "
              "panes or Logs Insights conditions, chart ACCEPT and REJECT traffic, export for reports.</p>"
              "<p>Built with Qt %2, running on Qt %3.</p>"
              "<p>Help ▸ Usage (F1) shows how to use it; <code>flowlens-cli --help</code> lists the command-line "
              "tool's commands.</p>")
        .arg(QApplication::applicationVersion().toHtmlEscaped(), QStringLiteral(QT_VERSION_STR),
            QString::fromLatin1(qVersion()));
}

} // namespace flowlens
