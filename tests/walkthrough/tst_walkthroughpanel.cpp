// The walkthrough panel in the real window, offscreen, on a small peering lab the test writes: a
// ping with no reply before peering (the topology of tests/topology/data/peering-lab-broken) and
// with replies after (peering-lab-fixed), plus a scanner's REJECTs. Every action kind runs through
// the MainWindow's WalkthroughHost; what the panes and the panel show is checked against the
// records written here.
#include "filterbar.h"
#include "flowfixture.h"
#include "rejectpane.h"
#include "statisticspane.h"
#include "topologyview.h"
#include "walkthroughplayer.h"

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>

using namespace flowlens;
using fixture::Flow;

namespace {

constexpr std::int64_t kT = 1793610000; // 2026-11-02T09:00:00Z

const char* kScript = R"json({
  "title": "Mini peering lab",
  "lab": "lab/lab.json",
  "compare": { "before": "broken", "after": "fixed" },
  "steps": [
    { "id": "open", "title": "Open", "text": "Open the lab.",
      "showMe": [ { "do": "openLab", "stage": "broken" }, { "do": "pane", "pane": "timeline" } ],
      "check": [ { "some": "srcAddr = '192.0.2.66'" } ] },
    { "id": "ping", "title": "The ping", "text": "ICMP in the broken stage.",
      "showMe": [ { "do": "timeRange", "stage": "broken" }, { "do": "filter", "expression": "protocol = 1" } ],
      "check": [ { "timeRangeWithin": "broken", "hint": "Pick the broken stage." }, { "every": "protocol = 1" },
                 { "none": "srcAddr = '10.2.1.30'" } ],
      "hint": "Filter on ICMP." },
    { "id": "why", "title": "Why", "text": "The route table.",
      "showMe": [ { "do": "reachability", "source": "10.1.1.10", "destination": "10.2.1.30", "protocol": "tcp", "port": 5432, "stage": "broken" },
                  { "do": "highlight", "element": "rtb-a-public" } ] },
    { "id": "peer", "title": "Peering", "text": "After.",
      "showMe": [ { "do": "topology", "stage": "fixed" }, { "do": "highlight", "element": "pcx-0ab" },
                  { "do": "compare", "before": "broken", "after": "fixed" }, { "do": "pane", "pane": "findings" } ] },
    { "id": "scanner", "title": "Scanner", "text": "REJECTs from outside.",
      "showMe": [ { "do": "resetFilter" }, { "do": "filter", "expression": "not isIpv4InSubnet(srcAddr, '10.0.0.0/8')" },
                  { "do": "actionOnly", "choice": "REJECT" } ],
      "check": [ { "every": "action = 'REJECT' and srcAddr = '192.0.2.66'" }, { "includesAll": "action = 'REJECT'" } ] },
    { "id": "queries", "title": "Queries", "text": "Contain and translate.",
      "showMe": [ { "do": "containment", "address": "192.0.2.66", "stage": "fixed" },
                  { "do": "translate", "title": "Rejected sources", "query": "filter action = 'REJECT' | stats count(*) as n by srcAddr" } ] }
  ] })json";

} // namespace

class TestWalkthroughPanel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::vector<Flow> m_flows;
    std::unique_ptr<MainWindow> m_window;
    QString m_script;

    WalkthroughPanel* panel() const { return m_window->walkthroughPanel(); }
    std::size_t count(const std::function<bool(const Flow&)>& test) const
    {
        return static_cast<std::size_t>(std::count_if(m_flows.begin(), m_flows.end(), test));
    }
    bool write(const QString& name, const QByteArray& bytes)
    {
        QDir().mkpath(QFileInfo(m_dir.filePath(name)).absolutePath());
        QFile file(m_dir.filePath(name));
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowLensTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_walkthroughpanel"));
        QSettings().clear();
        auto flow
            = [](std::string src, std::string dst, int port, int protocol, std::int64_t start, const char* action) {
                  Flow f { "eni-a1", std::move(src), std::move(dst), protocol == 1 ? 0 : 40000, port, protocol, 4, 336,
                      start, start + 60, action };
                  return f;
              };
        for (int minute = 0; minute < 20; ++minute) {
            const std::int64_t t = kT + minute * 60;
            m_flows.push_back(flow("10.1.1.10", "10.2.1.30", 0, 1, t, "ACCEPT"));
            if (minute >= 10) { // after peering: replies
                m_flows.push_back(flow("10.2.1.30", "10.1.1.10", 0, 1, t, "ACCEPT"));
            }
            for (int p = 0; p < 8; ++p) {
                m_flows.push_back(flow("192.0.2.66", "10.1.1.10", 1000 + minute * 8 + p, 6, t, "REJECT"));
            }
            m_flows.push_back(flow("203.0.113.50", "10.1.1.10", 22, 6, t, "ACCEPT"));
        }
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("lab/flowlogs"))));
        QVERIFY(fixture::writeFlows(m_dir.filePath(QStringLiteral("lab/flowlogs/lab.log")), m_flows));
        const QString manifest
            = QString::fromUtf8(R"({ "lab": "mini", "title": "Mini", "flowLogs": ["flowlogs/lab.log"],
            "stages": [
              { "id": "broken", "title": "Broken", "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T09:10:00Z", "topology": "%1/peering-lab-broken" },
              { "id": "fixed", "title": "Fixed", "start": "2026-11-02T09:10:00Z", "end": "2026-11-02T09:20:00Z", "topology": "%1/peering-lab-fixed" } ] })")
                  .arg(QStringLiteral(FLOWLENS_TOPOLOGY_DATA));
        QVERIFY(write(QStringLiteral("lab/lab.json"), manifest.toUtf8()));
        m_script = m_dir.filePath(QStringLiteral("mini.json"));
        QVERIFY(write(QStringLiteral("mini.json"), kScript));

        m_window = std::make_unique<MainWindow>();
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void brokenScriptIsRefused()
    {
        QVERIFY(write(QStringLiteral("broken.json"),
            QByteArray(R"({ "title": "B", "lab": "lab/lab.json", "steps": [ { "id": "x", "title": "X", "text": "t",
                "showMe": [ { "do": "topology", "stage": "nowhere" } ] } ] })")));
        QVERIFY(!m_window->openWalkthrough(m_dir.filePath(QStringLiteral("broken.json"))));
        QVERIFY(!panel()->hasWalkthrough());
        QVERIFY(!m_window->walkthroughDock()->isVisible());
        auto* box = m_window->findChild<QMessageBox*>();
        QVERIFY(box);
        QVERIFY2(
            box->text().contains(QStringLiteral("broken.json: step 1 (\"x\").showMe[1].stage: no stage \"nowhere\"")),
            qPrintable(box->text()));
        box->close();
    }

    void playsEveryStep()
    {
        QVERIFY(m_window->openWalkthrough(m_script));
        QVERIFY(m_window->walkthroughDock()->isVisible());
        QCOMPARE(panel()->stepList()->count(), 6);
        QCOMPARE(panel()->findChild<QLabel*>()->text(), QStringLiteral("Mini peering lab"));
        QVERIFY(!panel()->backButton()->isEnabled());
        QVERIFY(panel()->compareButton()->isEnabled());

        // 1: opens the flow logs and the broken topology.
        player::StepOutcome step = player::playStep(*m_window, 0);
        QVERIFY2(step.failure.isEmpty(), qPrintable(step.failure));
        QCOMPARE(m_window->investigation()->store().rowCount(), m_flows.size());
        QVERIFY(m_window->topologyView()->topologyScene()->boxItem(QStringLiteral("subnet-a-public")));
        QVERIFY(panel()->stepList()->item(0)->text().startsWith(QStringLiteral("✔")));

        // 2: the ping requests of the broken stage, no replies.
        step = player::playStep(*m_window, 1);
        QVERIFY2(step.failure.isEmpty(), qPrintable(step.failure));
        QVERIFY(!step.passedBefore);
        QCOMPARE(static_cast<std::size_t>(m_window->tableModel()->rowCount()),
            count([](const Flow& f) { return f.protocol == 1 && f.start >= kT && f.start < kT + 600; }));
        QCOMPARE(m_window->filterBar()->expressionEdit()->text(), QStringLiteral("protocol = 1"));
        QVERIFY(panel()->statusLabel()->text().contains(QStringLiteral("Done")));
        // The learner widens the time range: the check says what is wrong and gives the hint.
        m_window->setTimeRange(kT, kT + 1200);
        QVERIFY(player::settle(*m_window));
        QVERIFY(player::checked(*m_window));
        QVERIFY(!panel()->outcome().passed);
        QCOMPARE(panel()->outcome().hint, QStringLiteral("Pick the broken stage."));
        QVERIFY2(panel()->statusLabel()->text().contains(QStringLiteral("Pick the broken stage.")),
            qPrintable(panel()->statusLabel()->text()));
        QVERIFY(panel()->statusLabel()->text().contains(QStringLiteral("completed this step earlier")));

        // 3: reachability names the route table, which is marked in the topology.
        step = player::playStep(*m_window, 2);
        QVERIFY2(step.failure.isEmpty(), qPrintable(step.failure));
        const QString text = panel()->textView()->toPlainText();
        QVERIFY2(text.contains(QStringLiteral("Not reachable")) && text.contains(QStringLiteral("rtb-a-public")),
            qPrintable(text));

        // 4: the fixed topology, the comparison handed on, the findings tab in front.
        QSignalSpy compare(panel(), &WalkthroughPanel::compareRequested);
        step = player::playStep(*m_window, 3);
        QVERIFY2(step.failure.isEmpty(), qPrintable(step.failure));
        QCOMPARE(compare.count(), 1);
        QCOMPARE(compare.at(0).at(0).value<LabStage>().id, QStringLiteral("broken"));
        QCOMPARE(compare.at(0).at(1).value<LabStage>().id, QStringLiteral("fixed"));
        QCOMPARE(m_window->statisticsPane()->tabs()->currentIndex(), int(StatisticsPane::FindingsTab));
        QVERIFY(m_window->findChild<QDockWidget*>(QStringLiteral("topologyDock"))
                    ->windowTitle()
                    .contains(QStringLiteral("Fixed")));
        for (QMessageBox* box : m_window->findChildren<QMessageBox*>()) {
            box->close(); // the comparison shown until the side-by-side view is wired in
        }

        // 5: the scanner's REJECTs, through the filter bar and the REJECT only button.
        step = player::playStep(*m_window, 4);
        QVERIFY2(step.failure.isEmpty(), qPrintable(step.failure));
        QVERIFY(!step.passedBefore);
        QCOMPARE(static_cast<std::size_t>(m_window->tableModel()->rowCount()),
            count([](const Flow& f) { return f.action == "REJECT"; }));
        QVERIFY(m_window->rejectPane()->button(RejectPane::ActionChoice::RejectOnly)->isChecked());

        // 6: explanations only.
        step = player::playStep(*m_window, 5);
        QVERIFY2(step.failure.isEmpty(), qPrintable(step.failure));
        const QString explained = panel()->textView()->toPlainText();
        QVERIFY2(explained.contains(QStringLiteral("SELECT")) && explained.contains(QStringLiteral("srcaddr")),
            qPrintable(explained));
        QVERIFY2(explained.contains(QStringLiteral("create-network-acl-entry")), qPrintable(explained));
        QVERIFY(explained.contains(QStringLiteral("192.0.2.66/32")));

        QCOMPARE(panel()->session()->doneCount(), 6);
        QVERIFY(panel()->findChildren<QLabel*>().at(1)->text().contains(QStringLiteral("All 6 steps done")));
        QCOMPARE(panel()->nextButton()->text(), QStringLiteral("Finish"));
    }

    void showMeReportsWhatFailed()
    {
        QVERIFY(write(QStringLiteral("missing.json"),
            QByteArray(R"({ "title": "M", "lab": "lab/lab.json", "steps": [ { "id": "x", "title": "X", "text": "t",
                "showMe": [ { "do": "highlight", "element": "rtb-nowhere" } ] } ] })")));
        QVERIFY(m_window->openWalkthrough(m_dir.filePath(QStringLiteral("missing.json"))));
        QSignalSpy finished(panel(), &WalkthroughPanel::showMeFinished);
        QTest::mouseClick(panel()->showMeButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(!finished.at(0).at(0).toBool());
        QCOMPARE(finished.at(0).at(1).toString(), QStringLiteral("rtb-nowhere is not in the topology shown."));
        QVERIFY(
            panel()->textView()->toPlainText().contains(QStringLiteral("rtb-nowhere is not in the topology shown.")));
        QVERIFY(!panel()->session()->isDone(0));
    }

    void progressIsKept()
    {
        // A new panel on the same script finds the progress of playsEveryStep.
        WalkthroughPanel again(m_window.get());
        QString error;
        QVERIFY2(again.openWalkthrough(m_script, error), qPrintable(error));
        QCOMPARE(again.session()->doneCount(), 6);
        QCOMPARE(again.session()->current(), 5);
        QTest::mouseClick(again.backButton(), Qt::LeftButton);
        QCOMPARE(again.session()->current(), 4);
        QCOMPARE(again.stepList()->currentRow(), 4);
        QVERIFY(again.textView()->toPlainText().startsWith(QStringLiteral("5. Scanner")));
        again.restart();
        QCOMPARE(again.session()->doneCount(), 0);
        QVERIFY(again.stepList()->item(0)->text().startsWith(QStringLiteral("○")));
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestWalkthroughPanel)
#include "tst_walkthroughpanel.moc"
