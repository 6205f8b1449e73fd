// What users expect of a desktop window, checked on the real one: a tooltip on every control, Help
// menu (README usage, shortcuts, About with version), dark palette respected, folders dropped.
#include "flowfixture.h"
#include "investigation/investigation.h"
#include "mainwindow.h"
#include "timelinechart.h"
#include "timelineview.h"
#include "usagedialog.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUrl>
#include <QValueAxis>

using namespace flowlens;

class TestConventions : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;

    static QString describe(const QWidget* w)
    {
        QStringList path;
        for (const QObject* o = w; o != nullptr; o = o->parent()) {
            path.prepend(QString::fromLatin1(o->metaObject()->className())
                + (o->objectName().isEmpty() ? QString() : QLatin1Char('#') + o->objectName()));
        }
        const auto* button = qobject_cast<const QAbstractButton*>(w);
        return path.join(QLatin1Char('/')) + (button ? QStringLiteral(" \"%1\"").arg(button->text()) : QString());
    }

    QAction* helpAction(const QString& text) const
    {
        for (QAction* menu : m_window->menuBar()->actions()) {
            if (menu->text() == QLatin1String("&Help")) {
                for (QAction* a : menu->menu()->actions()) {
                    if (a->text() == text) {
                        return a;
                    }
                }
            }
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowLensTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_conventions"));
        QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
        QSettings().clear();
        QDir(m_dir.path()).mkpath(QStringLiteral("logs/2026/11"));
        QVERIFY(fixture::writeFlows(m_dir.filePath(QStringLiteral("logs/2026/11/a.log")), fixture::makeFlows(3000, 3)));
        QVERIFY(fixture::writeFlows(m_dir.filePath(QStringLiteral("logs/b.log")), fixture::makeFlows(2000, 4)));
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void dropAFolder()
    {
        // A folder dropped on the window opens every flow-log file below it.
        QMimeData data;
        data.setUrls({ QUrl::fromLocalFile(m_dir.filePath(QStringLiteral("logs"))) });
        QSignalSpy loaded(m_window->investigation(), &Investigation::loadFinished);
        QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(m_window.get(), &drop);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QCOMPARE(m_window->investigation()->store().rowCount(), std::uint64_t(5000));
        // ...and is remembered as a recent file.
        const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
        QVERIFY2(recent.value(0).endsWith(QLatin1String("/logs")), qPrintable(recent.join(QLatin1Char(' '))));
    }

    void everyControlHasATooltip()
    {
        QVERIFY(QTest::qWaitFor([&] { return !m_window->investigation()->isComputing(); }, 20000));
        QStringList missing;
        const QList<QWidget*> widgets = m_window->findChildren<QWidget*>();
        for (QWidget* w : widgets) {
            const bool control = qobject_cast<QAbstractButton*>(w) || qobject_cast<QComboBox*>(w)
                || qobject_cast<QLineEdit*>(w) || qobject_cast<QAbstractSpinBox*>(w);
            // Hidden ones count too: a pane in a tab not raised is still the user's.
            if (!control || w->parentWidget() == nullptr || w->parentWidget()->inherits("QTabBar")) {
                continue;
            }
            if (qobject_cast<QLineEdit*>(w)
                && (qobject_cast<QComboBox*>(w->parentWidget())
                    || qobject_cast<QAbstractSpinBox*>(w->parentWidget()))) {
                continue; // the line edit inside a combo or spin box: the box has the tooltip
            }
            if (w->parentWidget() && w->parentWidget()->inherits("QDockWidgetTitleButton")) {
                continue;
            }
            if (w->inherits("QDockWidgetTitleButton") || w->inherits("QTabBar") || w->inherits("QToolBarExtension")
                || w->inherits("QScrollBar") || w->inherits("QTableCornerButton") || w->inherits("QLineEditIconButton")
                || w->objectName() == QLatin1String("qt_menubar_ext_button")) {
                continue; // Qt's own chrome, with its own accessible names
            }
            if (w->toolTip().isEmpty()) {
                missing.append(describe(w));
            }
        }
        for (QTabWidget* tabs : m_window->findChildren<QTabWidget*>()) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->tabToolTip(i).isEmpty() && tabs->widget(i)->toolTip().isEmpty()) {
                    missing.append(describe(tabs) + QStringLiteral(" tab \"%1\"").arg(tabs->tabText(i)));
                }
            }
        }
        for (QAction* menu : m_window->menuBar()->actions()) {
            for (QAction* a : menu->menu()->actions()) {
                if (!a->isSeparator() && a->menu() == nullptr && a->statusTip().isEmpty()) {
                    missing.append(menu->text() + QStringLiteral(" ▸ ") + a->text());
                }
            }
        }
        for (const QString& m : std::as_const(missing)) {
            qWarning("no tooltip: %s", qPrintable(m));
        }
        QCOMPARE(missing.size(), 0);
    }

    void helpUsageShowsTheReadme()
    {
        QAction* usage = helpAction(QStringLiteral("&Usage"));
        QVERIFY(usage != nullptr);
        QCOMPARE(usage->shortcut(), QKeySequence(QKeySequence::HelpContents));
        usage->trigger();
        UsageDialog* dialog = m_window->findChild<UsageDialog*>();
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->isVisible());
        const QString text = dialog->browser()->toPlainText();
        // From the Usage section, not the rest of the README.
        QVERIFY2(text.startsWith(QLatin1String("Usage")), qPrintable(text.left(200)));
        QVERIFY(text.contains(QLatin1String("flowlens-cli chart")));
        QVERIFY(!text.contains(QLatin1String("Getting started")));
        QVERIFY(!text.contains(QLatin1String("day-to-day work")));
        dialog->close();
    }

    void usageSectionStopsAtTheNextHeading()
    {
        const QString md = QStringLiteral("# T\n## Intro\nx\n## Usage\nrun it\n```sh\n## not a heading\n```\nmore\n"
                                          "## Layout\nfolders\n");
        QCOMPARE(UsageDialog::usageSection(md), QStringLiteral("## Usage\nrun it\n```sh\n## not a heading\n```\nmore"));
        QCOMPARE(UsageDialog::usageSection(QStringLiteral("# T\nno sections")), QString());
    }

    void aboutAndShortcuts()
    {
        QVERIFY(helpAction(QStringLiteral("&About FlowLens")) != nullptr);
        QVERIFY(m_window->aboutText().contains(QLatin1String("FlowLens 9.8.7")));
        QVERIFY(m_window->aboutText().contains(QString::fromLatin1(qVersion())));
        const QString keys = m_window->shortcutsText();
        for (const QKeySequence& key : { QKeySequence(QKeySequence::Open), QKeySequence(QKeySequence::Find),
                 QKeySequence(QKeySequence::Refresh), QKeySequence(Qt::ALT | Qt::Key_Left) }) {
            QVERIFY2(keys.contains(key.toString(QKeySequence::NativeText)), qPrintable(keys));
        }
    }

    void darkPaletteReachesTheChart()
    {
        TimelineChart* chart = m_window->timeline()->chart();
        const QPalette original = QApplication::palette();
        QPalette dark = original;
        dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
        dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
        dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
        QApplication::setPalette(dark);
        QTRY_COMPARE(chart->backgroundBrush().color(), QColor(0x18, 0x18, 0x18));
        const auto axes = chart->axes(Qt::Vertical);
        QVERIFY(!axes.isEmpty());
        QCOMPARE(axes.first()->labelsBrush().color(), QColor(0xee, 0xee, 0xee));
        QApplication::setPalette(original);
        QTRY_COMPARE(chart->backgroundBrush().color(), original.color(QPalette::Base));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestConventions)
#include "tst_conventions.moc"
