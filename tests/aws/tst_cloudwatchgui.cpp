// The CloudWatch paths of the window, offscreen, against the fake CloudWatch Logs: the pull dialog
// lists groups page by page, a pull fills the investigation with every event once and in order,
// cancel stops within a second and keeps the rows, a failure mid-way resumes without duplicates,
// the live tail appends only new events, Run in CloudWatch shows the fake's rows (and StopQuery on
// cancel), and no secret reaches the settings.
#include "aws/awsworker.h"
#include "aws/cloudwatchpulljob.h"
#include "aws/insightsjob.h"
#include "cloudwatchactions.h"
#include "cloudwatchpulldialog.h"
#include "cloudwatchquerydialog.h"
#include "cloudwatchstatuswidget.h"
#include "fakeec2service.h"
#include "fakelogsservice.h"
#include "investigation/investigation.h"
#include "items/querytable.h"
#include "items/querytablemodel.h"
#include "items/recordtablemodel.h"
#include "mainwindow.h"
#include "queryresultpane.h"
#include "timerangebox.h"
#include "topologypulldialog.h"
#include "topologyview.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <algorithm>

using namespace flowlens;

namespace {

constexpr qint64 kBaseMs = 1700000000000; // 2023-11-14T22:13:20Z

// The srcport of every row in store order: the fake's records carry their event number there.
std::vector<std::int64_t> srcPorts(const FlowStore& store)
{
    std::vector<std::int64_t> ports;
    const FlowStore::Snapshot snapshot = store.snapshot();
    for (const auto& chunk : snapshot.chunks) {
        for (std::uint32_t r = 0; r < chunk->rowCount(); ++r) {
            ports.push_back(chunk->value(FieldId::SrcPort, r));
        }
    }
    return ports;
}

std::vector<std::int64_t> range(std::int64_t from, std::int64_t to)
{
    std::vector<std::int64_t> v;
    for (std::int64_t i = from; i < to; ++i) {
        v.push_back(i);
    }
    return v;
}

// Whether an inferred subnet of `topology` holds `address`.
bool hasSubnetFor(const std::shared_ptr<const Topology>& topology, const char* address)
{
    const auto a = Address::parse(address);
    return topology != nullptr && a
        && std::any_of(topology->subnets.begin(), topology->subnets.end(),
            [&](const Subnet& s) { return s.cidr && s.cidr->contains(*a); });
}

QAction* findAction(QWidget* window, const QString& text)
{
    for (QAction* a : window->findChildren<QAction*>()) {
        if (a->text() == text) {
            return a;
        }
    }
    return nullptr;
}

} // namespace

class TestCloudWatchGui : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;
    std::unique_ptr<FakeAwsServer> m_server;
    std::shared_ptr<FakeLogsState> m_state;
    std::unique_ptr<MainWindow> m_window;

    AwsEnvironment environment() const
    {
        AwsEnvironment env;
        env.homeDir = m_home.path();
        env.variables = m_server->environment(m_home.path());
        return env;
    }

    CloudWatchPullSettings pullSettings(qint64 startMs, qint64 endMs) const
    {
        CloudWatchPullSettings s;
        s.request.logGroup = QStringLiteral("/vpc/flow-a");
        s.request.startMs = startMs;
        s.request.endMs = endMs;
        return s;
    }

    const FlowStore& store() const { return m_window->investigation()->store(); }

    int filterCalls()
    {
        int n = 0;
        m_server->locked([&] { n = static_cast<int>(m_state->filterRequests.size()); });
        return n;
    }

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dialogListsGroupsPaged();
    void dialogListsStreamsNewestFirst();
    void streamListingStopsAndShowsErrors();
    void pullFillsTheStoreOnceInOrder();
    void cancelStopsWithinASecondAndKeepsRows();
    void failureMidwayResumesWithoutDuplicates();
    void liveTailAppendsOnlyNewEvents();
    void runInCloudWatchShowsTheRows();
    void cancelledQueryIsStopped();
    void noSecretInSettings();
    void topologyPullFillsTheTopologyPane();
    void plainTableTypesAndSorts();
    void workerCancelsOnlyEarlierWork();
};

void TestCloudWatchGui::initTestCase()
{
    QVERIFY(m_home.isValid());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FlowLensTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_cloudwatchgui"));
    QSettings().clear();
}

void TestCloudWatchGui::init()
{
    QSettings().clear(); // nothing remembered from the test before
    m_server = std::make_unique<FakeAwsServer>();
    m_state = std::make_shared<FakeLogsState>();
    m_server->setHandler(fakeLogsHandler(m_state));
    m_server->locked([&] { fillFourGroups(*m_state, kBaseMs); });
    m_window = std::make_unique<MainWindow>();
    m_window->cloudWatch()->setEnvironment(environment());
    m_window->show();
}

void TestCloudWatchGui::cleanup()
{
    m_window.reset();
    m_server.reset();
}

void TestCloudWatchGui::dialogListsGroupsPaged()
{
    CloudWatchPullDialog dialog(environment());
    dialog.show();
    QVERIFY(!dialog.pullButton()->isEnabled());
    QTest::mouseClick(dialog.listButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog.groupList()->count(), 4);
    QCOMPARE(dialog.statusLabel()->text(), QStringLiteral("4 log group(s)"));
    QTest::keyClicks(dialog.prefixEdit(), QStringLiteral("/vpc/"));
    QTest::mouseClick(dialog.listButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog.groupList()->count(), 3);
    QStringList names;
    for (int i = 0; i < dialog.groupList()->count(); ++i) {
        names << dialog.groupList()->item(i)->text();
    }
    QCOMPARE(names, qStrings({ "/vpc/flow-a", "/vpc/flow-b", "/vpc/flow-c" }));
    // Two pages each time (two groups a page): 2 + 2 calls, the second of each with the token.
    int calls = 0;
    for (const FakeRequest& r : m_server->requests()) {
        calls += r.operation() == QLatin1String("DescribeLogGroups") ? 1 : 0;
    }
    QCOMPARE(calls, 4);
    dialog.groupList()->setCurrentRow(1);
    QVERIFY(dialog.pullButton()->isEnabled());
    QCOMPARE(dialog.settings().request.logGroup, QStringLiteral("/vpc/flow-b"));
}

void TestCloudWatchGui::dialogListsStreamsNewestFirst()
{
    m_server->locked([&] {
        m_state->streams = { { QStringLiteral("/vpc/flow-a"), QStringLiteral("eni-1-all"), kBaseMs + 1000 },
            { QStringLiteral("/vpc/flow-a"), QStringLiteral("eni-2-all"), kBaseMs + 3000 },
            { QStringLiteral("/vpc/flow-b"), QStringLiteral("eni-9-all"), kBaseMs + 9000 },
            { QStringLiteral("/vpc/flow-a"), QStringLiteral("eni-3-all"), kBaseMs + 2000 } };
    });
    CloudWatchPullDialog dialog(environment());
    dialog.show();
    QVERIFY(!dialog.listStreamsButton()->isEnabled()); // no group yet
    QTest::mouseClick(dialog.listButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog.groupList()->count(), 4);
    dialog.groupList()->setCurrentRow(1); // /vpc/flow-a
    QVERIFY(dialog.listStreamsButton()->isEnabled());
    QVERIFY(!dialog.streamList()->isVisible());
    QTest::mouseClick(dialog.listStreamsButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog.streamList()->count(), 3);
    QVERIFY(dialog.streamList()->isVisible());
    QStringList names;
    for (int i = 0; i < dialog.streamList()->count(); ++i) {
        names << dialog.streamList()->item(i)->text();
    }
    QCOMPARE(names, qStrings({ "eni-2-all", "eni-3-all", "eni-1-all" })); // last event 3000, 2000, 1000
    QCOMPARE(dialog.statusLabel()->text(), QStringLiteral("3 log stream(s) in /vpc/flow-a"));
    // Two pages of two: two calls, both for the group, newest first.
    std::vector<QJsonObject> bodies;
    m_server->locked([&] { bodies = m_state->streamRequests; });
    QCOMPARE(bodies.size(), 2U);
    for (const QJsonObject& body : bodies) {
        QCOMPARE(body.value(QLatin1String("logGroupName")).toString(), QStringLiteral("/vpc/flow-a"));
        QCOMPARE(body.value(QLatin1String("orderBy")).toString(), QStringLiteral("LastEventTime"));
        QVERIFY(body.value(QLatin1String("descending")).toBool());
    }
    // Picking streams fills the box the pull reads.
    dialog.streamList()->item(0)->setSelected(true);
    dialog.streamList()->item(2)->setSelected(true);
    QCOMPARE(dialog.streamsEdit()->text(), QStringLiteral("eni-2-all, eni-1-all"));
    QCOMPARE(dialog.settings().request.logStreams, qStrings({ "eni-2-all", "eni-1-all" }));
    // Another group: the list was the old group's.
    dialog.groupList()->setCurrentRow(2);
    QCOMPARE(dialog.streamList()->count(), 0);
    QVERIFY(!dialog.streamList()->isVisible());
}

void TestCloudWatchGui::streamListingStopsAndShowsErrors()
{
    CloudWatchPullDialog dialog(environment());
    dialog.show();
    QTest::mouseClick(dialog.listButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog.groupList()->count(), 4);
    // The service no longer knows /vpc/flow-c: its error code and message are shown.
    m_server->locked([&] { m_state->groups.pop_back(); });
    dialog.groupList()->setCurrentRow(3);
    QCOMPARE(dialog.groupList()->currentItem()->text(), QStringLiteral("/vpc/flow-c"));
    QTest::mouseClick(dialog.listStreamsButton(), Qt::LeftButton);
    QTRY_VERIFY(dialog.statusLabel()->text().startsWith(QStringLiteral("0 log stream(s) in /vpc/flow-c — ")));
    QVERIFY2(dialog.statusLabel()->text().contains(QLatin1String("ResourceNotFoundException")),
        qPrintable(dialog.statusLabel()->text()));
    QVERIFY(!dialog.statusLabel()->text().contains(QLatin1String(FakeAwsServer::kSecret)));

    // A slow answer: the button stops the listing within a second.
    m_server->locked([&] { m_state->streamsDelayMs = 10000; });
    dialog.groupList()->setCurrentRow(1);
    QTest::mouseClick(dialog.listStreamsButton(), Qt::LeftButton);
    QCOMPARE(dialog.listStreamsButton()->text(), QStringLiteral("Stop listing"));
    QTRY_VERIFY([&] {
        std::size_t asked = 0;
        m_server->locked([&] { asked = m_state->streamRequests.size(); });
        return asked == 2; // the failed listing's call and the slow one
    }());
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(dialog.listStreamsButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.statusLabel()->text().endsWith(QLatin1String("listing stopped")), 1000);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(dialog.listStreamsButton()->text(), QStringLiteral("List strea&ms"));
}

void TestCloudWatchGui::pullFillsTheStoreOnceInOrder()
{
    // Through the menu and the dialog, as a user would.
    QAction* pull = findAction(m_window.get(), QStringLiteral("Pull from &CloudWatch…"));
    QVERIFY(pull);
    pull->trigger();
    auto* dialog = qobject_cast<CloudWatchPullDialog*>(m_window->cloudWatch()->openDialog());
    QVERIFY(dialog);
    QTest::mouseClick(dialog->listButton(), Qt::LeftButton);
    QTRY_COMPARE(dialog->groupList()->count(), 4);
    dialog->groupList()->setCurrentRow(1); // /vpc/flow-a
    dialog->timeRange()->setCustomRange(kBaseMs, kBaseMs + 299000);
    QSignalSpy finished(m_window->cloudWatch(), &CloudWatchActions::pullFinished);
    QSignalSpy loaded(m_window->investigation(), &Investigation::loadFinished);
    QVERIFY(!m_window->topologyModel()); // nothing loaded yet
    QTest::mouseClick(dialog->pullButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(srcPorts(store()), range(0, 300));
    // As after opening files: the load is reported and the topology inferred from the pulled rows.
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.front().front().value<LoadReport>().records, std::uint64_t { 300 });
    QTRY_VERIFY(m_window->topologyModel());
    QVERIFY(m_window->topologyModel()->inferred);
    QVERIFY(m_window->topologyModel()->networkInterface(QStringLiteral("eni-0a1b2c3d")));
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QLatin1String("Pulled 300 records from /vpc/flow-a")),
        qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(filterCalls(), 3);
    const auto sources = store().sources();
    QCOMPARE(sources.size(), std::size_t { 1 });
    QCOMPARE(sources[0].path, QStringLiteral("cloudwatch-logs:eu-west-1:/vpc/flow-a"));
    QCOMPARE(sources[0].records, std::uint64_t { 300 });
    QTRY_COMPARE(m_window->tableModel()->rowCount(), 300);
    QVERIFY2(m_window->cloudWatch()->statusWidget()->text().startsWith(QLatin1String("Pulled /vpc/flow-a: 300 events")),
        qPrintable(m_window->cloudWatch()->statusWidget()->text()));
    QVERIFY(!m_window->investigation()->isLoading());
}

void TestCloudWatchGui::cancelStopsWithinASecondAndKeepsRows()
{
    m_server->locked([&] { m_state->slowOffset = 100; }); // the second page takes 10 s
    CloudWatchActions* cw = m_window->cloudWatch();
    QSignalSpy finished(cw, &CloudWatchActions::pullFinished);
    QVERIFY(cw->startPull(pullSettings(kBaseMs, kBaseMs + 299000)));
    QTRY_COMPARE(store().rowCount(), std::uint64_t { 100 });
    QTRY_COMPARE(filterCalls(), 2); // the slow page has been asked for
    QToolButton* cancel = cw->statusWidget()->cancelButton();
    QTRY_VERIFY(cancel->isVisible());
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 1000);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(!cw->pullJob()->isRunning());
    QVERIFY(cw->pullJob()->lastResult().cancelled);
    QCOMPARE(srcPorts(store()), range(0, 100));
    QVERIFY2(cw->statusWidget()->text().contains(QLatin1String("cancelled; kept 100 events")),
        qPrintable(cw->statusWidget()->text()));
    QTRY_COMPARE(m_window->tableModel()->rowCount(), 100);
}

void TestCloudWatchGui::failureMidwayResumesWithoutDuplicates()
{
    m_server->locked([&] { m_state->failFromOffset = 200; });
    CloudWatchActions* cw = m_window->cloudWatch();
    QSignalSpy finished(cw, &CloudWatchActions::pullFinished);
    QVERIFY(cw->startPull(pullSettings(kBaseMs, kBaseMs + 299000)));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(srcPorts(store()), range(0, 200));
    const QString text = cw->statusWidget()->text();
    QVERIFY2(text.contains(QLatin1String("ServiceUnavailableException (HTTP 500): try later")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("kept 200 events")), qPrintable(text));
    QToolButton* resume = cw->statusWidget()->resumeButton();
    QVERIFY(resume->isVisible());
    QVERIFY(cw->pullJob()->canResume());
    m_server->locked([&] { m_state->failFromOffset = -1; });
    QTest::mouseClick(resume, Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 2);
    QCOMPARE(srcPorts(store()), range(0, 300)); // 200..299 once, after the first 200
    QCOMPARE(store().sources().size(), std::size_t { 1 });
    QVERIFY(!resume->isVisible());
    m_server->locked([&] {
        // The resumed request continued from the token the failed one had.
        QCOMPARE(m_state->filterRequests.back().value(QLatin1String("nextToken")).toString(), QStringLiteral("200"));
    });
    QVERIFY2(cw->statusWidget()->text().startsWith(QLatin1String("Pulled /vpc/flow-a: 300 events")),
        qPrintable(cw->statusWidget()->text()));
}

void TestCloudWatchGui::liveTailAppendsOnlyNewEvents()
{
    CloudWatchActions* cw = m_window->cloudWatch();
    QSignalSpy finished(cw, &CloudWatchActions::pullFinished);
    CloudWatchPullSettings settings = pullSettings(kBaseMs, kBaseMs + 149999);
    settings.tail = true;
    settings.tailSeconds = 1;
    QVERIFY(cw->startPull(settings));
    QTRY_COMPARE(finished.size(), 1);
    // The tail starts at once and appends from its own thread: the pull's part is the first 150.
    QCOMPARE(cw->pullJob()->lastResult().events, std::uint64_t { 150 });
    QCOMPARE(cw->pullJob()->lastResult().latestMs, kBaseMs + 149000);
    // The pull's events come from 10.0.0.1-150; the topology inferred after it has no 10.0.1.0/24.
    QTRY_VERIFY(m_window->topologyModel());
    QVERIFY(!hasSubnetFor(m_window->topologyModel(), "10.0.1.51"));
    QTRY_VERIFY(cw->pullJob()->isTailing());
    QVERIFY(cw->statusWidget()->tailButton()->isChecked());
    // The first poll reads from the end of the pulled range to now: events 150..299.
    QTRY_COMPARE(store().rowCount(), std::uint64_t { 300 });
    m_server->locked([&] { addFlowEvents(*m_state, 300, 305, kBaseMs); });
    // Later polls look back over events already taken; only the five new ones are added.
    QTRY_COMPARE_WITH_TIMEOUT(store().rowCount(), std::uint64_t { 305 }, 10000);
    const int calls = filterCalls();
    QTRY_VERIFY_WITH_TIMEOUT(filterCalls() >= calls + 2, 10000); // a whole poll more (two pages)
    QCOMPARE(srcPorts(store()), range(0, 305));
    QTRY_COMPARE(m_window->tableModel()->rowCount(), 305);
    // The tail's rows (events 250..304 come from 10.0.1.1-55) reach the inferred topology too.
    QTRY_VERIFY_WITH_TIMEOUT(hasSubnetFor(m_window->topologyModel(), "10.0.1.51"), 10000);
    QTest::mouseClick(cw->statusWidget()->tailButton(), Qt::LeftButton); // off
    QTRY_VERIFY(!cw->pullJob()->isTailing());
    QCOMPARE(store().sources().size(), std::size_t { 1 });
}

void TestCloudWatchGui::runInCloudWatchShowsTheRows()
{
    QAction* run = findAction(m_window.get(), QStringLiteral("Run in &CloudWatch…"));
    QVERIFY(run);
    run->trigger();
    auto* dialog = qobject_cast<CloudWatchQueryDialog*>(m_window->cloudWatch()->openDialog());
    QVERIFY(dialog);
    QCOMPARE(dialog->queryEdit()->toPlainText(), QStringLiteral("fields @timestamp, @message\n| sort @timestamp asc"));
    dialog->groupsEdit()->clear();
    QTest::keyClicks(dialog->groupsEdit(), QStringLiteral("/vpc/flow-a"));
    dialog->timeRange()->setCustomRange(kBaseMs + 20000, kBaseMs + 29000);
    QSignalSpy finished(m_window->cloudWatch(), &CloudWatchActions::queryFinished);
    QTest::mouseClick(dialog->runButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    QueryResultPane* result = m_window->queryResultPane();
    QVERIFY(result && result->isVisible());
    const QueryTable& table = result->table();
    QCOMPARE(table.columns, qStrings({ "@timestamp", "@message" }));
    QCOMPARE(table.rows.size(), std::size_t { 10 }); // seconds 20..29, both ends included
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(table.rows[static_cast<std::size_t>(i)][0].toDouble(), double(kBaseMs + (20 + i) * 1000));
        QCOMPARE(table.rows[static_cast<std::size_t>(i)][1].toString(), flowRecord(20 + i, kBaseMs / 1000 + 20 + i));
    }
    QCOMPARE(result->model()->rowCount(), 10);
    QVERIFY2(table.note.contains(QStringLiteral("Complete · 10 rows · scanned 300 records")), qPrintable(table.note));
    m_server->locked([&] {
        const QJsonObject q = m_state->queries.begin()->second;
        QCOMPARE(static_cast<qint64>(q.value(QLatin1String("startTime")).toDouble()), kBaseMs / 1000 + 20);
        QCOMPARE(static_cast<qint64>(q.value(QLatin1String("endTime")).toDouble()), kBaseMs / 1000 + 29);
    });
}

void TestCloudWatchGui::cancelledQueryIsStopped()
{
    m_server->locked([&] { m_state->runningPolls = 1000; });
    CloudWatchQuerySettings settings;
    settings.request.logGroups = { QStringLiteral("/vpc/flow-a") };
    settings.request.startMs = kBaseMs;
    settings.request.endMs = kBaseMs + 60000;
    settings.request.query = QStringLiteral("fields @message");
    CloudWatchActions* cw = m_window->cloudWatch();
    QSignalSpy finished(cw, &CloudWatchActions::queryFinished);
    QVERIFY(cw->runInCloudWatch(settings));
    QTRY_VERIFY(cw->statusWidget()->text().contains(QLatin1String("Running")));
    QTest::mouseClick(cw->statusWidget()->cancelButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.size(), 1);
    m_server->locked([&] { QCOMPARE(m_state->stopped, qStrings({ "q1" })); });
    const QString note = m_window->queryResultPane()->table().note;
    QVERIFY2(note.startsWith(QLatin1String("Cancelled")), qPrintable(note));
}

void TestCloudWatchGui::noSecretInSettings()
{
    CloudWatchActions* cw = m_window->cloudWatch();
    QSignalSpy finished(cw, &CloudWatchActions::pullFinished);
    QVERIFY(cw->startPull(pullSettings(kBaseMs, kBaseMs + 9000)));
    QTRY_COMPARE(finished.size(), 1);
    m_window->close(); // writes the window's settings too
    QSettings settings;
    settings.sync();
    QCOMPARE(settings.value(QStringLiteral("cloudwatch/groups")).toStringList(), qStrings({ "/vpc/flow-a" }));
    QFile file(settings.fileName());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("/vpc/flow-a"));
    QVERIFY(!saved.contains(FakeAwsServer::kSecret));
    for (const QString& key : settings.allKeys()) {
        QVERIFY(!settings.value(key).toString().contains(QLatin1String(FakeAwsServer::kSecret)));
    }
    for (const SourceInfo& s : store().sources()) {
        QVERIFY(!s.path.contains(QLatin1String(FakeAwsServer::kSecret)));
        QVERIFY(!s.error.contains(QLatin1String(FakeAwsServer::kSecret)));
    }
}

void TestCloudWatchGui::topologyPullFillsTheTopologyPane()
{
    FakeAwsServer ec2;
    auto state = std::make_shared<FakeEc2State>();
    ec2.setHandler(fakeEc2Handler(state));
    ec2.locked([&] { addPeeringLab(*state); });
    AwsEnvironment env = environment();
    env.variables.insert(QStringLiteral("AWS_ENDPOINT_URL_EC2"), ec2.url().toString());
    m_window->cloudWatch()->setEnvironment(env);
    QAction* pull = findAction(m_window.get(), QStringLiteral("Pull Topology from &AWS…"));
    QVERIFY(pull);
    pull->trigger();
    auto* dialog = qobject_cast<TopologyPullDialog*>(m_window->cloudWatch()->openDialog());
    QVERIFY(dialog);
    const QString folder = m_home.filePath(QStringLiteral("pulled-topology"));
    dialog->folderEdit()->setText(folder);
    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(dialog->pullButton(), Qt::LeftButton);
    QTRY_COMPARE(accepted.size(), 1);
    const Topology* topology = m_window->topologyView()->topologyScene()->topology();
    QVERIFY(topology);
    QCOMPARE(topology->vpcs.size(), std::size_t { 3 });
    QCOMPARE(topology->peerings.size(), std::size_t { 1 });
    QVERIFY(m_window->topologyView()->topologyScene()->boxItem(QStringLiteral("vpc-0a")));
    QCOMPARE(ec2.rejected(), 0);
    const QStringList files = QDir(folder).entryList({ QStringLiteral("describe-*.json") }, QDir::Files);
    QCOMPARE(files.size(), 10);
    for (const QString& name : files) {
        QFile f(QDir(folder).filePath(name));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains(FakeAwsServer::kSecret));
    }
}

void TestCloudWatchGui::plainTableTypesAndSorts()
{
    PlainTableModel model;
    QAbstractItemModelTester tester(&model);
    InsightsTable answer;
    answer.columns = qStrings({ "srcAddr", "n" });
    answer.rows = { qStrings({ "10.0.0.1", "3" }), qStrings({ "10.0.0.2", "12.5" }), qStrings({ "", "7" }),
        qStrings({ "10.0.0.4", "" }) };
    model.setTable(InsightsJob::toPlainTable(answer));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("n"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("3"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("12.5"));
    QVERIFY(!model.index(3, 1).data(PlainTableModel::RawValueRole).isValid()); // "" is null, not 0
    QVERIFY(model.table().isNumericColumn(1));
    QVERIFY(!model.table().isNumericColumn(0));
    model.sort(1, Qt::DescendingOrder); // 12.5, 7, 3, then the null
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("10.0.0.2"));
    QCOMPARE(model.index(1, 1).data().toString(), QStringLiteral("7"));
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("10.0.0.1"));
    QCOMPARE(model.index(3, 0).data().toString(), QStringLiteral("10.0.0.4"));
    model.sort(1, Qt::AscendingOrder); // the null first, then 3, 7, 12.5
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("10.0.0.4"));
    QCOMPARE(model.index(3, 1).data().toString(), QStringLiteral("12.5"));
}

// cancel() stops the work running and the work queued, not the work posted after it (a second
// "List" right after a first must list).
void TestCloudWatchGui::workerCancelsOnlyEarlierWork()
{
    AwsWorker worker;
    std::mutex mutex;
    std::vector<bool> cancelled;
    std::atomic<bool> started { false };
    auto record = [&] {
        std::lock_guard lock(mutex);
        cancelled.push_back(worker.cancelFlag()->load());
    };
    worker.post([&] {
        started = true;
        while (!worker.cancelFlag()->load()) {
            QThread::yieldCurrentThread();
        }
        record();
    });
    worker.post(record); // queued behind the first: cancelled with it
    QTRY_VERIFY(started.load());
    worker.cancel();
    worker.post(record);
    const auto count = [&] {
        std::lock_guard lock(mutex);
        return cancelled.size();
    };
    QTRY_COMPARE(count(), std::size_t { 3 });
    std::lock_guard lock(mutex);
    QCOMPARE(cancelled, std::vector<bool>({ true, true, false }));
}

QTEST_MAIN(TestCloudWatchGui)
#include "tst_cloudwatchgui.moc"
