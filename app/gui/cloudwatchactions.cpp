#include "cloudwatchactions.h"

#include "aws/cloudwatchpulljob.h"
#include "aws/insightsjob.h"
#include "cloudwatchpulldialog.h"
#include "cloudwatchquerydialog.h"
#include "cloudwatchstatuswidget.h"
#include "investigation/investigation.h"
#include "mainwindow.h"
#include "topologypulldialog.h"

#include <QAction>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QToolButton>

namespace flowlens {

CloudWatchActions::CloudWatchActions(MainWindow* window, AwsEnvironment environment)
    : QObject(window)
    , m_window(window)
    , m_environment(std::move(environment))
    , m_status(new CloudWatchStatusWidget(window))
{
    window->statusBar()->addPermanentWidget(m_status);
    connect(m_status, &CloudWatchStatusWidget::cancelRequested, this, &CloudWatchActions::cancel);
    connect(m_status, &CloudWatchStatusWidget::resumeRequested, this, &CloudWatchActions::resume);
    connect(m_status, &CloudWatchStatusWidget::tailToggled, this, &CloudWatchActions::setTailing);
    // A new investigation: the pull into the old store stops (its rows went with it).
    connect(window->investigation(), &Investigation::cleared, this, [this] {
        stopPull();
        m_status->hide();
    });
}

CloudWatchActions::~CloudWatchActions()
{
    // Only the job: the window's investigation may already be gone (its sibling, created first).
    delete m_pull;
}

void CloudWatchActions::addActions(QMenu* file, QAction* before, QMenu* query)
{
    auto* pull = new QAction(tr("Pull from &CloudWatch…"), this);
    pull->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    pull->setStatusTip(tr("Read a CloudWatch Logs group's flow logs into this investigation, then optionally tail it"));
    connect(pull, &QAction::triggered, this, &CloudWatchActions::openPullDialog);
    auto* topology = new QAction(tr("Pull Topology from &AWS…"), this);
    topology->setStatusTip(tr("Read the VPCs, routes, peerings, ACLs and security groups of a region (EC2 API)"));
    connect(topology, &QAction::triggered, this, &CloudWatchActions::openTopologyDialog);
    file->insertAction(before, pull);
    file->insertAction(before, topology);
    auto* run = new QAction(tr("Run in &CloudWatch…"), this);
    run->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    run->setStatusTip(tr("Run the current filter as a Logs Insights query over log groups, for data too big to pull"));
    connect(run, &QAction::triggered, this, &CloudWatchActions::openQueryDialog);
    query->addSeparator();
    query->addAction(run);
}

std::optional<AwsClientConfig> CloudWatchActions::resolve(AwsService service, const AwsResolveOptions& options)
{
    const AwsResolution resolution = AwsConfigResolver(m_environment).resolve(service, options);
    if (!resolution.config) {
        auto* box = new QMessageBox(
            QMessageBox::Warning, tr("AWS credentials"), resolution.error, QMessageBox::Close, m_window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    return resolution.config;
}

void CloudWatchActions::remember(const AwsResolveOptions& options, const QStringList& groups)
{
    // Names only: profile, region, groups. Credentials stay in the AWS files and the environment.
    QSettings settings;
    settings.setValue(QStringLiteral("cloudwatch/profile"), options.profile);
    settings.setValue(QStringLiteral("cloudwatch/region"), options.region);
    settings.setValue(QStringLiteral("cloudwatch/groups"), groups);
}

QString CloudWatchActions::rememberedGroup() const
{
    return QSettings().value(QStringLiteral("cloudwatch/groups")).toStringList().value(0);
}

AwsResolveOptions CloudWatchActions::rememberedTarget() const
{
    QSettings settings;
    AwsResolveOptions options;
    options.profile = settings.value(QStringLiteral("cloudwatch/profile")).toString();
    options.region = settings.value(QStringLiteral("cloudwatch/region")).toString();
    return options;
}

void CloudWatchActions::openPullDialog()
{
    auto* dialog = new CloudWatchPullDialog(m_environment, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSettings(rememberedTarget(), rememberedGroup());
    connect(dialog, &QDialog::accepted, this, [this, dialog] { startPull(dialog->settings()); });
    m_dialog = dialog;
    dialog->open();
}

void CloudWatchActions::openQueryDialog()
{
    const QString query = CloudWatchQueryDialog::queryFor(m_window->investigation()->filter().toQuery());
    auto* dialog = new CloudWatchQueryDialog(m_environment, query, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setTarget(rememberedTarget(), QSettings().value(QStringLiteral("cloudwatch/groups")).toStringList());
    connect(dialog, &QDialog::accepted, this, [this, dialog] { runInCloudWatch(dialog->settings()); });
    m_dialog = dialog;
    dialog->open();
}

void CloudWatchActions::openTopologyDialog()
{
    auto* dialog = new TopologyPullDialog(m_environment, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->target()->setOptions(rememberedTarget());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_window->showTopology(std::make_shared<const Topology>(dialog->result().load.topology),
            tr("Topology of %1 read with the EC2 API").arg(dialog->region()));
    });
    m_dialog = dialog;
    dialog->open();
}

void CloudWatchActions::appending(bool on)
{
    if (on == m_appending) {
        return;
    }
    m_appending = on;
    if (on) {
        m_pullStore = m_window->investigation()->beginAppending();
        m_appendTimer.start();
        return;
    }
    // Reported as a load of files is, so the window does what it does after one (infers the
    // topology, refreshes the overlay and completions). Without the source: the pull's own
    // status (with Resume) tells of a failure, not a second message box.
    LoadReport report;
    if (m_pull) {
        const PullResult& result = m_pull->lastResult();
        report.records = result.records;
        report.errors = result.errors;
        report.cancelled = result.cancelled;
    }
    report.seconds = double(m_appendTimer.elapsed()) / 1000.0;
    m_window->investigation()->endAppending(m_pullStore, report);
    if (m_pull) {
        m_window->statusBar()->showMessage(
            tr("Pulled %1 records from %2 in %3 s")
                .arg(QLocale().toString(static_cast<qulonglong>(report.records)), m_pull->request().logGroup)
                .arg(report.seconds, 0, 'f', 1));
    }
}

bool CloudWatchActions::startPull(const CloudWatchPullSettings& settings)
{
    if (m_pull && m_pull->isRunning()) {
        m_window->statusBar()->showMessage(tr("A pull is running: cancel it first"), 10000);
        return false;
    }
    const auto config = resolve(AwsService::CloudWatchLogs, settings.aws);
    if (!config) {
        return false;
    }
    remember(settings.aws, { settings.request.logGroup });
    stopPull();
    appending(true);
    m_pull = new CloudWatchPullJob(*config, m_pullStore, settings.format, this);
    if (m_policy) {
        m_pull->setRetryPolicy(*m_policy);
    }
    m_tailAfterPull = settings.tail;
    m_tailSeconds = settings.tailSeconds;
    const QString group = settings.request.logGroup;
    connect(m_pull, &CloudWatchPullJob::progress, this, [this, group](const PullProgress& total) {
        m_status->showPullProgress(group, total);
        m_window->investigation()->rowsAppended();
    });
    connect(m_pull, &CloudWatchPullJob::finished, this, &CloudWatchActions::onPullFinished);
    connect(m_pull, &CloudWatchPullJob::tailProgress, this, [this, group](const TailProgress& p) {
        m_status->showTailProgress(group, p);
        if (p.newEvents > 0) {
            m_window->investigation()->rowsAppended(); // the timeline grows to the newest rows
        }
    });
    connect(m_pull, &CloudWatchPullJob::tailStopped, this, [this, group] { m_status->showTailStopped(group); });
    m_status->setTailAvailable(false);
    m_status->showPullProgress(group, {});
    m_pull->start(settings.request);
    return true;
}

void CloudWatchActions::onPullFinished(const PullResult& result)
{
    appending(false);
    const QString group = m_pull->request().logGroup;
    m_status->showPullFinished(group, result, m_pull->total(), m_pull->canResume());
    m_status->setTailAvailable(result.complete());
    if (result.complete() && m_tailAfterPull) {
        m_status->tailButton()->setChecked(true); // starts the tail through setTailing
    }
    Q_EMIT pullFinished();
}

void CloudWatchActions::resume()
{
    if (m_pull && m_pull->canResume()) {
        appending(true);
        m_status->showPullProgress(m_pull->request().logGroup, m_pull->total());
        m_pull->resume();
    }
}

void CloudWatchActions::setTailing(bool on)
{
    if (!m_pull) {
        return;
    }
    if (on && !m_pull->isRunning()) {
        m_pull->startTail(std::chrono::seconds(m_tailSeconds));
    } else if (!on && m_pull->isTailing()) {
        m_pull->cancel();
    }
}

void CloudWatchActions::cancel()
{
    if (m_pull && m_pull->isRunning()) {
        m_pull->cancel();
    }
    if (m_insights && m_insights->isRunning()) {
        m_insights->cancel();
    }
}

void CloudWatchActions::stopPull()
{
    if (m_pull) {
        delete m_pull; // cancels and waits for the worker (at most one poll interval of 50 ms)
        m_pull = nullptr;
    }
    appending(false);
    m_pullStore.reset();
}

bool CloudWatchActions::runInCloudWatch(const CloudWatchQuerySettings& settings)
{
    if (m_insights && m_insights->isRunning()) {
        m_window->statusBar()->showMessage(tr("A Logs Insights query is running: cancel it first"), 10000);
        return false;
    }
    const auto config = resolve(AwsService::CloudWatchLogs, settings.aws);
    if (!config) {
        return false;
    }
    remember(settings.aws, settings.request.logGroups);
    delete m_insights;
    m_insights = new InsightsJob(*config, this);
    connect(m_insights, &InsightsJob::progress, this,
        [this](const InsightsProgress& p) { m_status->showQueryProgress(InsightsJob::progressText(p)); });
    connect(m_insights, &InsightsJob::finished, this, &CloudWatchActions::onQueryFinished);
    m_status->showQueryProgress(tr("starting the query"));
    m_insights->start(settings.request);
    return true;
}

void CloudWatchActions::onQueryFinished(const InsightsTable& table)
{
    const QString summary = InsightsJob::summary(table);
    m_status->showQueryFinished(summary);
    m_window->showQueryResultTable(InsightsJob::toPlainTable(table), tr("Logs Insights result"), summary);
    Q_EMIT queryFinished();
}

} // namespace flowlens
