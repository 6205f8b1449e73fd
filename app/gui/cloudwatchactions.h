#pragma once

#include "aws/awsconfigresolver.h"
#include "aws/awsjsonclient.h"

#include <QElapsedTimer>
#include <QObject>
#include <memory>
#include <optional>

class QMenu;
class QAction;

namespace flowlens {

class CloudWatchPullJob;
class CloudWatchStatusWidget;
class FlowStore;
class InsightsJob;
class MainWindow;
struct CloudWatchPullSettings;
struct CloudWatchQuerySettings;
struct InsightsTable;
struct PullProgress;
struct PullResult;

// The window's CloudWatch and EC2 work: File ▸ Pull from CloudWatch… (rows appended to the
// investigation page by page, cancel, resume, live tail), Filter ▸ Run in CloudWatch… (Logs
// Insights; the answer goes to MainWindow::showQueryResultTable) and File ▸ Pull Topology from
// AWS…. Remembers profile, region and log group in the settings; never a credential.
class CloudWatchActions : public QObject {
    Q_OBJECT
public:
    CloudWatchActions(MainWindow* window, AwsEnvironment environment);
    ~CloudWatchActions() override;

    // file: the pull actions go before `before`; query: Run in CloudWatch.
    void addActions(QMenu* file, QAction* before, QMenu* query);

    // What the dialogs lead to; false (and says why) when credentials or region are missing.
    bool startPull(const CloudWatchPullSettings& settings);
    bool runInCloudWatch(const CloudWatchQuerySettings& settings);
    void cancel(); // the pull, the tail or the query running
    void resume(); // the pull that stopped early
    void setTailing(bool on);

    CloudWatchPullJob* pullJob() const { return m_pull; }
    InsightsJob* insightsJob() const { return m_insights; }
    CloudWatchStatusWidget* statusWidget() const { return m_status; }
    // For tests: the environment dialogs resolve credentials in, and the waits between retries.
    void setEnvironment(AwsEnvironment environment) { m_environment = std::move(environment); }
    void setRetryPolicy(RetryPolicy policy) { m_policy = std::move(policy); }
    // Shown by the dialogs (for tests to fill and accept).
    QObject* openDialog() const { return m_dialog; }

Q_SIGNALS:
    void pullFinished();
    void queryFinished();

private:
    void openPullDialog();
    void openQueryDialog();
    void openTopologyDialog();
    void onPullFinished(const PullResult& result);
    void onQueryFinished(const InsightsTable& table);
    void stopPull();
    void appending(bool on);
    std::optional<AwsClientConfig> resolve(AwsService service, const AwsResolveOptions& options);
    void remember(const AwsResolveOptions& options, const QStringList& groups);
    QString rememberedGroup() const;
    AwsResolveOptions rememberedTarget() const;

    MainWindow* m_window;
    AwsEnvironment m_environment;
    std::optional<RetryPolicy> m_policy;
    CloudWatchStatusWidget* m_status;
    CloudWatchPullJob* m_pull = nullptr;
    std::shared_ptr<FlowStore> m_pullStore; // the investigation's store the pull appends to
    bool m_appending = false;
    QElapsedTimer m_appendTimer; // since the pull (or resume) began appending
    bool m_tailAfterPull = false;
    int m_tailSeconds = 30;
    InsightsJob* m_insights = nullptr;
    QObject* m_dialog = nullptr;
};

} // namespace flowlens
