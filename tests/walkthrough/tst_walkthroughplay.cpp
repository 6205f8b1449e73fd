// Plays every step of every bundled walkthrough in the real window, offscreen: Show me runs, the
// panes get the result, and the step's conditions hold afterwards (and, where they are about the
// filter, did not hold on the unfiltered view before). The labs come from the resources when they
// are bundled, else from `flowlens-cli generate --scenario <lab>`; without either the test skips.
#include "labreport.h"
#include "stagecompareview.h"
#include "topologytools.h"
#include "walkthrough/walkthroughlibrary.h"
#include "walkthroughplayer.h"

#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>

using namespace flowlens;

class TestWalkthroughPlay : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<MainWindow> m_window;

    // The script to play: the bundled one when its lab is bundled too, else a copy beside a
    // generated lab (the script names its lab as ../labs/<lab>/lab.json). Empty: skip, with why.
    QString scriptFor(const QString& lab, QString& skip)
    {
        const QString bundled = WalkthroughLibrary::bundledFolder() + QLatin1Char('/') + lab + QStringLiteral(".json");
        if (QFile::exists(QStringLiteral(":/flowlens/labs/%1/lab.json").arg(lab))) {
            return bundled;
        }
        const QString out = m_dir.filePath(QStringLiteral("labs/") + lab);
        QProcess cli;
        cli.start(QStringLiteral(FLOWLENS_CLI),
            { QStringLiteral("generate"), QStringLiteral("--scenario"), lab, QStringLiteral("--out"), out });
        if (!cli.waitForFinished(60000) || cli.exitCode() != 0 || !QFile::exists(out + QStringLiteral("/lab.json"))) {
            skip = QStringLiteral("lab %1 is neither bundled (resources/labs/%1) nor made by flowlens-cli generate "
                                  "--scenario %1 (%2)")
                       .arg(lab, QString::fromUtf8(cli.readAllStandardError()).trimmed().left(200));
            return {};
        }
        const QString copy = m_dir.filePath(QStringLiteral("walkthroughs/") + lab + QStringLiteral(".json"));
        QDir().mkpath(m_dir.filePath(QStringLiteral("walkthroughs")));
        QFile::remove(copy);
        return QFile::copy(bundled, copy) ? copy : QString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowLensTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_walkthroughplay"));
        QSettings().clear();
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void bundledScriptsAreListed()
    {
        QStringList ids;
        for (const WalkthroughEntry& e : WalkthroughLibrary::list({ WalkthroughLibrary::bundledFolder() })) {
            QVERIFY2(e.error.isEmpty(), qPrintable(e.error));
            ids.append(e.id);
        }
        ids.sort();
        QCOMPARE(ids.join(QLatin1Char(' ')), QStringLiteral("cost-incident hunting peering-lab"));
    }

    void playsEveryStep_data()
    {
        QTest::addColumn<QString>("lab");
        for (const char* lab : { "peering-lab", "cost-incident", "hunting" }) {
            QTest::addRow("%s", lab) << QString::fromLatin1(lab);
        }
    }
    void playsEveryStep()
    {
        QFETCH(QString, lab);
        QString skip;
        const QString script = scriptFor(lab, skip);
        if (script.isEmpty()) {
            QSKIP(qPrintable(skip));
        }
        if (!m_window->openWalkthrough(script)) {
            QStringList errors;
            for (const QMessageBox* box : m_window->findChildren<QMessageBox*>()) {
                errors.append(box->text());
            }
            QFAIL(qPrintable(lab + QStringLiteral(" not opened: ") + errors.join(QStringLiteral("; "))));
        }
        WalkthroughPanel* panel = m_window->walkthroughPanel();
        panel->restart();
        for (int i = 0; i < panel->session()->stepCount(); ++i) {
            const player::StepOutcome step = player::playStep(*m_window, i);
            QVERIFY2(step.failure.isEmpty(), qPrintable(lab + QStringLiteral(": ") + step.failure));
            for (QMessageBox* box : m_window->findChildren<QMessageBox*>()) {
                box->close();
            }
            // A comparison the step opened is computed in the background; let it finish before the
            // next step can replace it (the report keeps its picture).
            QTRY_VERIFY_WITH_TIMEOUT(!comparing(), 20000);
        }
        QVERIFY(panel->session()->isComplete());

        // The lab report: every step, each with the timeline as it was when its check held, the
        // comparisons the script asked for, and a PDF with a cover page and a page per step.
        const Walkthrough& walkthrough = panel->session()->walkthrough();
        int compares = 0;
        for (const WalkthroughStep& step : walkthrough.steps) {
            for (const WalkthroughAction& action : step.showMe) {
                compares += action.kind == WalkthroughAction::Kind::Compare ? 1 : 0;
            }
        }
        const LabReport report = m_window->labReport();
        QCOMPARE(report.title, walkthrough.title);
        QCOMPARE(report.steps.size(), walkthrough.steps.size());
        int compareImages = 0;
        for (std::size_t i = 0; i < report.steps.size(); ++i) {
            const LabReportStep& step = report.steps[i];
            QCOMPARE(step.title, walkthrough.steps[i].title);
            QVERIFY(step.done);
            QVERIFY2(!step.images.empty(), qPrintable(step.title));
            QVERIFY(!step.images.front().image.isNull());
            for (const LabReportImage& image : step.images) {
                compareImages += image.caption.startsWith(QStringLiteral("Compare: ")) ? 1 : 0;
            }
        }
        QCOMPARE(compareImages, compares);
        QTemporaryDir dir;
        const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
        QString error;
        QVERIFY2(writeLabReport(report, pdf, &error), qPrintable(error));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        // A cover page, then each step from a new page (a step may spill over more).
        static const QRegularExpression page(QStringLiteral("/Type\\s*/Page[^s]"));
        QVERIFY(QString::fromLatin1(bytes).count(page) >= int(report.steps.size()) + 1);
    }

    void cleanupTestCase() { m_window.reset(); }

private:
    bool comparing() const
    {
        const StageCompareView* view = m_window->topologyTools()->compareView();
        return view && view->isComputing();
    }
};

QTEST_MAIN(TestWalkthroughPlay)
#include "tst_walkthroughplay.moc"
