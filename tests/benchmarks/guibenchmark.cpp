// flowlens-gui-benchmark: opens flow logs in the real window (offscreen) and measures what a user
// waits for: first rows, the whole load, filter changes reaching the panes (table, timeline, REJECT
// pane, facets), then the statistics tab shown, then the findings (three steps, reported apart), a
// sort by bytes, and the longest stall of the GUI thread meanwhile (a heartbeat timer's lateness).
// A filter seen before comes from the window's cache of results: that step is reported as cached,
// beside filters computed afresh (ACCEPT only, an expression typed into the filter bar). Prints
// one JSON object. Driven by gui-benchmark.sh; see README.md beside it. Not a test: the figures
// depend on the machine.
#include "filterbar.h"
#include "investigation/investigation.h"
#include "items/recordtablemodel.h"
#include "mainwindow.h"
#include "recordtableview.h"
#include "rejectpane.h"
#include "statisticspane.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>
#include <cstdio>
#include <ctime>
#include <functional>
#include <sys/resource.h>

using namespace flowlens;

namespace {

// CPU time this thread has used, in nanoseconds.
qint64 threadCpuNs()
{
    timespec t {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// CPU time of the whole process (every thread), in nanoseconds.
qint64 processCpuNs()
{
    timespec t {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return qint64(t.tv_sec) * 1000000000 + t.tv_nsec;
}

// Ticks every `interval` ms on the GUI thread; the longest gap between ticks, less the interval,
// is the longest time the thread could not run a timer: a stall the user would feel. On a busy
// machine that includes time the thread waited for a core, so the GUI thread's own CPU time
// between two ticks is kept too: the work that blocked it, whatever else runs.
class Heartbeat : public QObject {
public:
    explicit Heartbeat(int interval)
        : m_interval(interval)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(interval);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            m_longest = std::max(m_longest, now - m_last);
            m_longestCpu = std::max(m_longestCpu, cpu - m_lastCpu);
            m_last = now;
            m_lastCpu = cpu;
        });
        m_clock.start();
        m_timer.start();
    }
    // Starts a new measuring period.
    void reset()
    {
        m_last = m_clock.nsecsElapsed();
        m_longest = 0;
        m_lastCpu = threadCpuNs();
        m_longestCpu = 0;
    }
    double longestStallMs() const { return std::max(0.0, double(m_longest) / 1e6 - m_interval); }
    double longestStallCpuMs() const { return double(m_longestCpu) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_longest = 0;
    qint64 m_lastCpu = 0;
    qint64 m_longestCpu = 0;
    int m_interval;
};

// Runs the event loop until `done` holds (checked every millisecond, without sleeping the thread
// the way QTest::qWait does) or the timeout passes.
bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    if (done()) {
        return true;
    }
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done()) {
            loop.quit();
        }
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start(1);
    loop.exec();
    return done();
}

double ms(const QElapsedTimer& clock, qint64 since)
{
    return double(clock.nsecsElapsed() - since) / 1e6;
}

// Adds "<name>_max_stall_ms", "<name>_max_stall_cpu_ms", "<name>_gui_cpu_ms" and "<name>_cpu_ms".
void addStall(QJsonObject& report, const QString& name, const Heartbeat& heartbeat, qint64 guiCpu0, qint64 cpu0)
{
    report.insert(name + QStringLiteral("_max_stall_ms"), heartbeat.longestStallMs());
    report.insert(name + QStringLiteral("_max_stall_cpu_ms"), heartbeat.longestStallCpuMs());
    report.insert(name + QStringLiteral("_gui_cpu_ms"), double(threadCpuNs() - guiCpu0) / 1e6);
    report.insert(name + QStringLiteral("_cpu_ms"), double(processCpuNs() - cpu0) / 1e6);
}

double peakRssMb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // Linux: KiB
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("FlowLensBenchmark")); // not the user's settings
    QApplication::setApplicationName(QStringLiteral("flowlens-gui-benchmark"));
    QApplication::setApplicationVersion(QStringLiteral(FLOWLENS_VERSION));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Measures the FlowLens window on flow-log files; prints JSON."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("timeout"), QStringLiteral("Seconds to wait for each step (default 600)."),
        QStringLiteral("S"), QStringLiteral("600") });
    parser.addOption({ QStringLiteral("screenshot"),
        QStringLiteral("Save a picture of the window, once the load is shown, to FILE (PNG)."),
        QStringLiteral("FILE") });
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("Flow-log files or folders."));
    parser.process(app);
    if (parser.positionalArguments().isEmpty()) {
        QTextStream(stderr) << "flowlens-gui-benchmark: give the flow-log files to open\n";
        return 2;
    }
    const int timeout = parser.value(QStringLiteral("timeout")).toInt() * 1000;
    QSettings().clear();

    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    Investigation* inv = window.investigation();
    RecordTableModel* model = window.tableModel();
    QElapsedTimer clock;
    clock.start();
    Heartbeat heartbeat(5);
    QJsonObject report;
    auto fail = [&](const char* step) {
        report.insert(QStringLiteral("error"), QStringLiteral("timed out waiting for %1").arg(QLatin1String(step)));
        QTextStream(stdout) << QJsonDocument(report).toJson(QJsonDocument::Compact) << '\n';
        return 1;
    };

    // Every result the panes were given (this runs after MainWindow's own slot: the panes are updated).
    std::shared_ptr<const InvestigationResult> shown;
    qint64 shownAt = 0;
    QObject::connect(inv, &Investigation::resultReady, &app, [&](std::shared_ptr<const InvestigationResult> result) {
        shown = std::move(result);
        shownAt = clock.nsecsElapsed();
    });
    qint64 firstRowsAt = -1;
    auto noteRows = [&] {
        if (firstRowsAt < 0 && model->rowCount() > 0) {
            firstRowsAt = clock.nsecsElapsed();
        }
    };
    QObject::connect(model, &QAbstractItemModel::rowsInserted, &app, noteRows);
    QObject::connect(model, &QAbstractItemModel::modelReset, &app, noteRows);
    bool loaded = false;
    qint64 loadedAt = 0;
    QObject::connect(inv, &Investigation::loadFinished, &app, [&] {
        loaded = true;
        loadedAt = clock.nsecsElapsed();
    });
    auto panesShow = [&](const FilterState& filter) {
        return shown && !shown->loading && shown->filter == filter && !inv->isComputing();
    };
    // The statistics of the tab shown (Top talkers: the endpoints) and then the findings follow the
    // other panes, each a step of its own off the GUI thread: reported apart.
    auto statisticsShown = [&](const FilterState& filter) { return panesShow(filter) && shown->endpointsComputed; };
    auto findingsShown = [&](const FilterState& filter) {
        return panesShow(filter) && shown->findingsComputed && !inv->isComputingFindings();
    };
    // Waits for the statistics, then the findings, noting when each was shown.
    auto laterSteps = [&](const QString& name, qint64 t0, const FilterState& filter) {
        if (!waitUntil([&] { return statisticsShown(filter); }, timeout)) {
            return false;
        }
        report.insert(name + QStringLiteral("_statistics_ms"), double(shownAt - t0) / 1e6);
        if (!waitUntil([&] { return findingsShown(filter); }, timeout)) {
            return false;
        }
        report.insert(name + QStringLiteral("_findings_ms"), double(shownAt - t0) / 1e6);
        return true;
    };

    // 1. Load.
    heartbeat.reset();
    qint64 guiCpu0 = threadCpuNs();
    qint64 cpu0 = processCpuNs();
    const qint64 start = clock.nsecsElapsed();
    window.openPaths(parser.positionalArguments());
    if (!waitUntil([&] { return loaded && panesShow(inv->filter()); }, timeout)) {
        return fail("the load");
    }
    window.repaint();
    report.insert(QStringLiteral("records"), qint64(inv->store().rowCount()));
    report.insert(QStringLiteral("first_rows_ms"), firstRowsAt < 0 ? -1 : double(firstRowsAt - start) / 1e6);
    report.insert(QStringLiteral("load_ms"), double(loadedAt - start) / 1e6);
    report.insert(QStringLiteral("load_ready_ms"), double(shownAt - start) / 1e6);
    if (!laterSteps(QStringLiteral("load"), start, inv->filter())) {
        return fail("the statistics and findings after the load");
    }
    addStall(report, QStringLiteral("load"), heartbeat, guiCpu0, cpu0);
    if (parser.isSet(QStringLiteral("screenshot"))) {
        window.grab().save(parser.value(QStringLiteral("screenshot")));
    }

    // 2. Filter changes: table, chart and panes updated and painted, then the statistics tab, then
    // the findings. REJECT only and ACCEPT only (computed), back to all (seen before: from the
    // cache), an expression typed into the filter bar (computed).
    auto filterStep = [&](const QString& name, const std::function<void()>& change) {
        heartbeat.reset();
        guiCpu0 = threadCpuNs();
        cpu0 = processCpuNs();
        const qint64 t0 = clock.nsecsElapsed();
        change();
        const FilterState wanted = inv->filter();
        // Shown at once, with nothing computed: a result the window kept.
        report.insert(name + QStringLiteral("_cached"), panesShow(wanted) && shown->filter == wanted);
        if (!waitUntil([&] { return panesShow(wanted); }, timeout)) {
            return false;
        }
        window.repaint();
        report.insert(name + QStringLiteral("_ms"), ms(clock, t0));
        report.insert(name + QStringLiteral("_rows"), model->rowCount());
        if (!laterSteps(name, t0, wanted)) {
            return false;
        }
        addStall(report, name, heartbeat, guiCpu0, cpu0);
        return true;
    };
    auto clickAction = [&](RejectPane::ActionChoice choice) {
        return [&window, choice] { window.rejectPane()->button(choice)->click(); };
    };
    if (!filterStep(QStringLiteral("filter_reject"), clickAction(RejectPane::ActionChoice::RejectOnly))) {
        return fail("the REJECT filter");
    }
    if (!filterStep(QStringLiteral("filter_all"), clickAction(RejectPane::ActionChoice::All))) {
        return fail("the filter reset");
    }
    if (!filterStep(QStringLiteral("filter_accept"), clickAction(RejectPane::ActionChoice::AcceptOnly))) {
        return fail("the ACCEPT filter");
    }
    if (!filterStep(QStringLiteral("filter_expression"),
            [&] { window.filterBar()->applyExpression(QStringLiteral("bytes > 1000")); })) {
        return fail("the typed filter");
    }

    // The Conversations tab shown: its statistics are computed now, for the filter shown.
    {
        heartbeat.reset();
        guiCpu0 = threadCpuNs();
        cpu0 = processCpuNs();
        const qint64 t0 = clock.nsecsElapsed();
        window.statisticsPane()->tabs()->setCurrentIndex(StatisticsPane::ConversationsTab);
        if (!waitUntil([&] { return panesShow(inv->filter()) && shown->conversationsComputed; }, timeout)) {
            return fail("the conversations");
        }
        window.repaint();
        report.insert(QStringLiteral("conversations_tab_ms"), ms(clock, t0));
        addStall(report, QStringLiteral("conversations_tab"), heartbeat, guiCpu0, cpu0);
        window.statisticsPane()->tabs()->setCurrentIndex(StatisticsPane::TopTalkersTab);
    }
    // Reset (the filter bar's button): every record again, kept from before.
    if (!filterStep(QStringLiteral("filter_reset"), [&] { inv->resetFilter(); })) {
        return fail("the filter reset");
    }

    // 3. Sort all records by bytes, largest first.
    heartbeat.reset();
    guiCpu0 = threadCpuNs();
    cpu0 = processCpuNs();
    const int bytes = model->columnOf(FieldId::Bytes);
    const qint64 t0 = clock.nsecsElapsed();
    window.table()->sortByColumn(bytes, Qt::DescendingOrder);
    if (!waitUntil([&] { return !model->isSorting(); }, timeout)) {
        return fail("the sort");
    }
    window.repaint();
    report.insert(QStringLiteral("sort_ms"), ms(clock, t0));
    addStall(report, QStringLiteral("sort"), heartbeat, guiCpu0, cpu0);
    bool sorted = true;
    for (int r = 1; r < std::min(model->rowCount(), 1000); ++r) {
        sorted = sorted && model->valueAt(r - 1, FieldId::Bytes) >= model->valueAt(r, FieldId::Bytes);
    }
    report.insert(QStringLiteral("sorted"), sorted);
    report.insert(QStringLiteral("peak_rss_mb"), peakRssMb());
    QTextStream(stdout) << QJsonDocument(report).toJson(QJsonDocument::Compact) << '\n';
    return 0;
}
