// Walkthrough scripts and lab manifests as files: what a good one reads as, what each kind of
// mistake is reported as (file, step number and id, member), progress kept in QSettings, and the
// folders scanned for scripts.
#include "walkthrough/labmanifest.h"
#include "walkthrough/walkthroughlibrary.h"
#include "walkthrough/walkthroughparser.h"
#include "walkthrough/walkthroughsession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace flowlens;

namespace {

QString S(const char* text)
{
    return QString::fromUtf8(text);
}

const QString kSteps = QString::fromUtf8(R"("steps": [ { "id": "a", "title": "A", "text": "t" } ])");

// A script with one step whose body is `step` (members after id/title/text).
QByteArray oneStep(const char* raw)
{
    const QString step = QString::fromUtf8(raw);
    return QString::fromUtf8(
        R"({ "title": "T", "lab": "lab.json", "steps": [ { "id": "first", "title": "F", "text": "x"%1 } ] })")
        .arg(step.isEmpty() ? QString() : QStringLiteral(", ") + step)
        .toUtf8();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

LabManifest contractLab(const QString& id, std::initializer_list<const char*> stages)
{
    LabManifest lab;
    lab.lab = id;
    for (const char* s : stages) {
        lab.stages.push_back({ QString::fromLatin1(s), QString::fromLatin1(s), 0, 1, QString() });
    }
    return lab;
}

} // namespace

class TestWalkthroughParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowLensTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_walkthroughparser"));
        QSettings().clear();
    }

    void readsAGoodScript()
    {
        const QByteArray json = R"({
            "title": "Lab", "summary": "S", "lab": "../labs/x/lab.json",
            "compare": { "before": "one", "after": "two" },
            "steps": [
              { "id": "open", "title": "Open", "text": "**hi**",
                "showMe": [ { "do": "openLab", "stage": "one" },
                            { "do": "filter", "expression": "action = 'REJECT' and dstPort = 22" },
                            { "do": "timeRange", "start": "2026-11-02T09:10:00Z", "end": "2026-11-02T09:20:00Z" },
                            { "do": "reachability", "source": "10.1.1.10", "destination": "10.2.1.20", "protocol": "icmp", "stage": "one" },
                            { "do": "pane", "pane": "findings" },
                            { "do": "actionOnly", "choice": "reject" },
                            { "do": "translate", "query": "filter action = 'REJECT' | stats count(*) by srcAddr" } ],
                "check": [ { "every": "action = 'REJECT'", "hint": "H" }, { "timeRangeWithin": "one" }, { "maxRows": 0 } ],
                "hint": "step hint" },
              { "id": "two-2", "title": "Two", "text": "t" } ] })";
        QString error;
        const auto w = WalkthroughParser::parse(json, QStringLiteral("/x/walkthroughs/lab.json"), error);
        QVERIFY2(w, qPrintable(error));
        QCOMPARE(w->id, QStringLiteral("lab"));
        QCOMPARE(w->labPath, QStringLiteral("/x/labs/x/lab.json"));
        QCOMPARE(w->compareBefore, QStringLiteral("one"));
        QCOMPARE(w->steps.size(), std::size_t(2));
        const WalkthroughStep& s = w->steps[0];
        QCOMPARE(s.showMe.size(), std::size_t(7));
        QCOMPARE(s.showMe[1].kind, WalkthroughAction::Kind::Filter);
        QCOMPARE(s.showMe[2].from, qint64(1793610600)); // 2026-11-02T09:10:00Z, by hand
        QCOMPARE(s.showMe[2].to - s.showMe[2].from, qint64(600));
        QCOMPARE(s.showMe[3].protocol, 1);
        QCOMPARE(s.showMe[4].pane, WalkthroughPane::Findings);
        QCOMPARE(s.showMe[5].choice, QStringLiteral("REJECT"));
        QCOMPARE(s.checks.size(), std::size_t(3));
        QCOMPARE(s.checks[0].kind, WalkthroughCheck::Kind::Every);
        QCOMPARE(s.checks[0].hint, QStringLiteral("H"));
        QCOMPARE(s.checks[1].stage, QStringLiteral("one"));
        QCOMPARE(s.checks[2].count, qint64(0));
        QCOMPARE(w->indexOf(QStringLiteral("two-2")), 1);

        QVERIFY(WalkthroughParser::validateAgainst(*w, contractLab(QStringLiteral("x"), { "one", "two" }), error));
        QVERIFY(!WalkthroughParser::validateAgainst(*w, contractLab(QStringLiteral("x"), { "one" }), error));
        QVERIFY2(error.contains(QStringLiteral("compare.after: no stage \"two\" in x")), qPrintable(error));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::addRow("not JSON") << QByteArray("{\n \"title\": \"T\",\n \"lab\" \"x\" }") << S("lab.json: line 3:");
        QTest::addRow("not an object") << QByteArray("[1]") << S("lab.json: the script must be a JSON object");
        QTest::addRow("no title") << QString::fromUtf8(R"({ "lab": "x", %1 })").arg(kSteps).toUtf8()
                                  << S("lab.json: title: is missing");
        QTest::addRow("misspelt member") << QString::fromUtf8(R"({ "title": "T", "lab": "x", "setps": [] })").toUtf8()
                                         << S("lab.json: setps: unknown member");
        QTest::addRow("no steps") << QByteArray(R"({ "title": "T", "lab": "x", "steps": [] })")
                                  << S("lab.json: steps: is empty");
        QTest::addRow("step without id") << QByteArray(
            R"({ "title": "T", "lab": "x", "steps": [ { "id": "a", "title": "A", "text": "t" }, { "title": "B" } ] })")
                                         << S("lab.json: step 2.id: is missing");
        QTest::addRow("bad id") << QByteArray(
            R"({ "title": "T", "lab": "x", "steps": [ { "id": "Ping Private", "title": "A", "text": "t" } ] })")
                                << S("step 1 (\"Ping Private\").id: must be lower-case");
        QTest::addRow("duplicate id") << QByteArray(
            R"({ "title": "T", "lab": "x", "steps": [ { "id": "a", "title": "A", "text": "t" }, { "id": "a", "title": "B", "text": "t" } ] })")
                                      << S("step 2 (\"a\").id: is used by an earlier step");
        QTest::addRow("step without text")
            << QByteArray(R"({ "title": "T", "lab": "x", "steps": [ { "id": "a", "title": "A" } ] })")
            << S("step 1 (\"a\").text: is missing");
        QTest::addRow("unknown action")
            << oneStep(R"("showMe": [ { "do": "fly" } ])")
            << S("step 1 (\"first\").showMe[1].do: unknown action \"fly\"; expected one of: openLab");
        QTest::addRow("bad filter expression") << oneStep(
            R"("showMe": [ { "do": "pane", "pane": "table" }, { "do": "filter", "expression": "srcadr = '1.2.3.4'" } ])")
                                               << S("step 1 (\"first\").showMe[2].expression: line 1, column 1:");
        QTest::addRow("bad query") << oneStep(R"("showMe": [ { "do": "translate", "query": "filter | stats" } ])")
                                   << S("step 1 (\"first\").showMe[1].query: line 1");
        QTest::addRow("member of another action")
            << oneStep(R"("showMe": [ { "do": "filter", "expression": "dstPort = 22", "stage": "x" } ])")
            << S("step 1 (\"first\").showMe[1].stage: unknown member for \"filter\"");
        QTest::addRow("unknown pane") << oneStep(R"("showMe": [ { "do": "pane", "pane": "console" } ])")
                                      << S("showMe[1].pane: unknown pane \"console\"");
        QTest::addRow("bad address") << oneStep(
            R"("showMe": [ { "do": "reachability", "source": "10.1.1", "destination": "10.2.1.20", "stage": "s" } ])")
                                     << S("showMe[1].source: \"10.1.1\" is not an IP address");
        QTest::addRow("bad protocol") << oneStep(
            R"("showMe": [ { "do": "reachability", "source": "10.1.1.1", "destination": "10.2.1.20", "protocol": "gre", "stage": "s" } ])")
                                      << S("showMe[1].protocol: must be tcp, udp, icmp");
        QTest::addRow("bad time") << oneStep(
            R"("showMe": [ { "do": "timeRange", "start": "yesterday", "end": "2026-11-02T09:20:00Z" } ])")
                                  << S("showMe[1].start: \"yesterday\" is not an ISO-8601 time");
        QTest::addRow("end before start") << oneStep(
            R"("showMe": [ { "do": "timeRange", "start": "2026-11-02T09:20:00Z", "end": "2026-11-02T09:10:00Z" } ])")
                                          << S("showMe[1].end: is not after start");
        QTest::addRow("stage and times") << oneStep(
            R"("showMe": [ { "do": "timeRange", "stage": "a", "start": "2026-11-02T09:20:00Z" } ])")
                                         << S("showMe[1]: give either \"stage\" or \"start\" and \"end\"");
        QTest::addRow("bad choice") << oneStep(R"("showMe": [ { "do": "actionOnly", "choice": "DROP" } ])")
                                    << S("showMe[1].choice: must be REJECT, ACCEPT or ALL");
        QTest::addRow("action not an object")
            << oneStep(R"("showMe": [ "filter" ])") << S("step 1 (\"first\").showMe[1]: must be an object");
        QTest::addRow("two conditions in one")
            << oneStep(R"("check": [ { "every": "dstPort = 22", "some": "dstPort = 22" } ])")
            << S("step 1 (\"first\").check[1]: needs exactly one of");
        QTest::addRow("no condition") << oneStep(R"("check": [ { "hint": "h" } ])")
                                      << S("check[1]: needs exactly one of");
        QTest::addRow("bad condition expression")
            << oneStep(R"("check": [ { "minRows": 1 }, { "every": "dstPort = = 22" } ])")
            << S("step 1 (\"first\").check[2].every: line 1");
        QTest::addRow("negative count") << oneStep(R"("check": [ { "maxRows": -3 } ])")
                                        << S("check[1].maxRows: must be a number of records");
        QTest::addRow("fraction") << oneStep(R"("check": [ { "minRows": 1.5 } ])")
                                  << S("check[1].minRows: must be a whole number");
        QTest::addRow("check member") << oneStep(R"("check": [ { "every": "dstPort = 22", "hnit": "x" } ])")
                                      << S("check[1].hnit: unknown member");
        QTest::addRow("showMe not an array")
            << oneStep(R"("showMe": { "do": "resetFilter" })") << S("step 1 (\"first\").showMe: must be an array");
    }
    void malformed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!WalkthroughParser::parse(json, QStringLiteral("/somewhere/lab.json"), error));
        QVERIFY2(error.contains(expected), qPrintable(QStringLiteral("got: ") + error));
    }

    void unknownStageNamesTheStep()
    {
        QString error;
        const auto w = WalkthroughParser::parse(
            oneStep(R"("showMe": [ { "do": "pane", "pane": "table" }, { "do": "topology", "stage": "nope" } ])"),
            QStringLiteral("x.json"), error);
        QVERIFY2(w, qPrintable(error));
        QVERIFY(
            !WalkthroughParser::validateAgainst(*w, contractLab(QStringLiteral("lab"), { "setup", "ping" }), error));
        QCOMPARE(error,
            QStringLiteral(
                "x.json: step 1 (\"first\").showMe[2].stage: no stage \"nope\" in lab; its stages are: setup, ping"));
    }

    // The bundled scripts parse, and name only the stages LABS_CONTRACT.md gives each lab.
    void bundledScriptsFollowTheContract_data()
    {
        QTest::addColumn<QString>("lab");
        QTest::addColumn<QStringList>("stages");
        QTest::addRow("peering-lab") << S("peering-lab")
                                     << S("setup ping-private peering ping-peered").split(QLatin1Char(' '));
        QTest::addRow("cost-incident") << S("cost-incident") << S("leak contained").split(QLatin1Char(' '));
        QTest::addRow("hunting") << S("hunting") << S("day").split(QLatin1Char(' '));
    }
    void bundledScriptsFollowTheContract()
    {
        QFETCH(QString, lab);
        QFETCH(QStringList, stages);
        const QString path = QStringLiteral(FLOWLENS_TEST_DATA "/../../resources/walkthroughs/%1.json").arg(lab);
        QString error;
        const auto w = WalkthroughParser::parseFile(path, error);
        QVERIFY2(w, qPrintable(error));
        QVERIFY(w->labPath.endsWith(QStringLiteral("resources/labs/%1/lab.json").arg(lab)));
        LabManifest contract;
        contract.lab = lab;
        for (const QString& s : stages) {
            contract.stages.push_back({ s, s, 0, 1, QString() });
        }
        QVERIFY2(WalkthroughParser::validateAgainst(*w, contract, error), qPrintable(error));
        QVERIFY(w->steps.size() >= 5);
        QCOMPARE(w->steps.front().showMe.front().kind, WalkthroughAction::Kind::OpenLab);
    }

    void manifest()
    {
        QString error;
        const auto lab
            = LabManifest::load(QStringLiteral(FLOWLENS_TEST_DATA "/../walkthrough/data/minilab/lab.json"), error);
        QVERIFY2(lab, qPrintable(error));
        QCOMPARE(lab->lab, QStringLiteral("minilab"));
        QCOMPARE(lab->stages.size(), std::size_t(2));
        QCOMPARE(lab->stages[1].start, qint64(1793610600));
        QCOMPARE(lab->stages[1].end, qint64(1793611200));
        QVERIFY(QFileInfo::exists(lab->flowLogs.front()));
        QVERIFY(QFileInfo(lab->stages[0].topology).isDir());
        QCOMPARE(lab->hosts.at(QStringLiteral("instance-1")), QStringLiteral("10.1.1.10"));
    }

    void badManifest_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        const QByteArray stage(R"({ "id": "s", "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T09:10:00Z" })");
        QTest::addRow("no flow logs") << QByteArray(R"({ "lab": "l", "stages": [] })")
                                      << S("lab.json: flowLogs: is missing");
        QTest::addRow("stage end") << QByteArray(
            R"({ "lab": "l", "flowLogs": ["a"], "stages": [ { "id": "s", "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T08:00:00Z" } ] })")
                                   << S("lab.json: stages[0].end: is not after start");
        QTest::addRow("duplicate stage") << (QByteArray(R"({ "lab": "l", "flowLogs": ["a"], "stages": [ )") + stage
            + ", " + stage + " ] }") << S("lab.json: stages[1].id: \"s\" is used twice");
        QTest::addRow("truncated") << QByteArray(R"({ "lab": )") << S("lab.json: not a JSON object");
    }
    void badManifest()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("lab.json"));
        QVERIFY(writeFile(path, json));
        QString error;
        QVERIFY(!LabManifest::load(path, error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(!LabManifest::load(dir.filePath(QStringLiteral("missing.json")), error));
        QVERIFY(error.contains(QStringLiteral("cannot read the lab manifest")));
    }

    void materializeCopiesAResourceLab()
    {
        QString error;
        const auto lab = LabManifest::load(QStringLiteral(":/test/minilab/lab.json"), error);
        QVERIFY2(lab, qPrintable(error));
        QVERIFY(lab->isResource());
        QCOMPARE(lab->flowLogs.front(), QStringLiteral(":/test/minilab/flowlogs/mini.log"));
        QTemporaryDir dir;
        const auto copy = LabManifest::materialize(*lab, dir.filePath(QStringLiteral("minilab")), error);
        QVERIFY2(copy, qPrintable(error));
        QCOMPARE(copy->flowLogs.front(), dir.filePath(QStringLiteral("minilab/flowlogs/mini.log")));
        QFile copied(copy->flowLogs.front());
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QFile original(QStringLiteral(FLOWLENS_TEST_DATA "/../walkthrough/data/minilab/flowlogs/mini.log"));
        QVERIFY(original.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), original.readAll());
        QCOMPARE(copy->stages[0].topology, dir.filePath(QStringLiteral("minilab/topology/1-only")));
        QVERIFY(QFileInfo::exists(copy->stages[0].topology + QStringLiteral("/vpcs.json")));
        // A second copy over the first (read-only files from the resources) works too.
        QVERIFY2(LabManifest::materialize(*lab, dir.filePath(QStringLiteral("minilab")), error), qPrintable(error));
    }

    void sessionKeepsProgress()
    {
        QString error;
        auto w = WalkthroughParser::parse(QByteArray(R"({ "title": "T", "lab": "x", "steps": [
            { "id": "a", "title": "A", "text": "t" }, { "id": "b", "title": "B", "text": "t" }, { "id": "c", "title": "C", "text": "t" } ] })"),
            QStringLiteral("progress.json"), error);
        QVERIFY2(w, qPrintable(error));
        {
            WalkthroughSession session(*w);
            QCOMPARE(session.current(), 0);
            QCOMPARE(session.doneCount(), 0);
            session.setDone(0, true);
            session.setDone(2, true);
            session.setCurrent(7); // clamped
            QCOMPARE(session.current(), 2);
            session.setCurrent(1);
        }
        {
            WalkthroughSession session(*w);
            QCOMPARE(session.current(), 1);
            QVERIFY(session.isDone(0));
            QVERIFY(!session.isDone(1));
            QVERIFY(session.isDone(2));
            QCOMPARE(session.doneCount(), 2);
        }
        // The script loses step c: its progress is forgotten, the rest kept.
        w->steps.pop_back();
        {
            WalkthroughSession session(*w);
            QCOMPARE(session.doneCount(), 1);
            session.setDone(1, true);
            QVERIFY(session.isComplete());
            session.restart();
        }
        WalkthroughSession session(*w);
        QCOMPARE(session.doneCount(), 0);
        QCOMPARE(session.current(), 0);
        QCOMPARE(QSettings().value(QStringLiteral("walkthroughs/progress/done")).toStringList(), QStringList());
    }

    void libraryListsEveryScript()
    {
        QTemporaryDir a;
        QTemporaryDir b;
        auto script = [](const QString& title) {
            return QString::fromUtf8(R"({ "title": "%1", "lab": "x", %2 })").arg(title, kSteps).toUtf8();
        };
        QVERIFY(writeFile(a.filePath(QStringLiteral("zeta.json")), script(QStringLiteral("Alpha lab"))));
        QVERIFY(writeFile(a.filePath(QStringLiteral("alpha.json")), script(QStringLiteral("Beta lab"))));
        QVERIFY(writeFile(a.filePath(QStringLiteral("notes.md")), "not a script"));
        QVERIFY(writeFile(
            b.filePath(QStringLiteral("broken.json")), oneStep(R"("check": [ { "every": "dstPort = = 1" } ])")));
        const auto entries = WalkthroughLibrary::list({ a.path(), b.path(), a.filePath(QStringLiteral("missing")) });
        QCOMPARE(entries.size(), std::size_t(3));
        QCOMPARE(entries[0].title, QStringLiteral("Alpha lab"));
        QCOMPARE(entries[0].id, QStringLiteral("zeta"));
        QCOMPARE(entries[1].title, QStringLiteral("Beta lab"));
        QVERIFY(entries[0].error.isEmpty());
        QCOMPARE(entries[2].title, QStringLiteral("broken.json"));
        QVERIFY2(entries[2].error.contains(QStringLiteral("broken.json: step 1 (\"first\").check[1].every")),
            qPrintable(entries[2].error));
    }
};

QTEST_GUILESS_MAIN(TestWalkthroughParser)
#include "tst_walkthroughparser.moc"
