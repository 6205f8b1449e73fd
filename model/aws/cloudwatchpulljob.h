#pragma once

#include "awsworker.h"
#include "logtail.h"

#include <QObject>
#include <chrono>
#include <memory>

namespace flowlens {

// A CloudWatch pull for a window: LogEventPuller on an AwsWorker thread, appending to the store
// page by page (one source named after the log group), progress and the result as signals on the
// job's thread. A pull that stopped early (cancel, failure) keeps its rows and can be resumed from
// its last token; a live tail continues the same source after the pulled range.
class CloudWatchPullJob : public QObject {
    Q_OBJECT
public:
    // format null: detected from the first events.
    CloudWatchPullJob(AwsClientConfig config, std::shared_ptr<FlowStore> store,
        std::shared_ptr<const RecordFormat> format = {}, QObject* parent = nullptr);
    ~CloudWatchPullJob() override;

    void start(const PullRequest& request);
    // Continues the last pull from where it stopped (its resume token): nothing read twice.
    void resume();
    // Polls every `interval` for events after the pulled range (or from now), until cancel().
    void startTail(std::chrono::milliseconds interval);
    void cancel();

    bool isRunning() const { return m_running; }
    bool isTailing() const { return m_tailing; }
    bool canResume() const { return !m_running && !m_last.complete() && !m_last.resumeToken.isEmpty(); }
    const PullRequest& request() const { return m_request; }
    const PullResult& lastResult() const { return m_last; }
    // Totals over every pull and resume of this job.
    const PullProgress& total() const { return m_total; }
    std::shared_ptr<FlowStore> store() const { return m_store; }
    const AwsClientConfig& config() const { return m_config; }
    // For tests: the retries' waits.
    void setRetryPolicy(RetryPolicy policy) { m_policy = std::move(policy); }

Q_SIGNALS:
    void progress(const flowlens::PullProgress& total); // after each page; its rows are in the store
    void finished(const flowlens::PullResult& result);
    void tailProgress(const flowlens::TailProgress& progress); // after each poll
    void tailStopped();

private:
    void run(const PullRequest& request);
    void ensureClient(); // on the worker thread

    AwsClientConfig m_config;
    std::shared_ptr<FlowStore> m_store;
    std::shared_ptr<const RecordFormat> m_format;
    std::optional<RetryPolicy> m_policy;
    // Used only on the worker thread, destroyed there.
    std::unique_ptr<AwsJsonClient> m_client;
    std::unique_ptr<LogEventPuller> m_puller;
    // GUI-thread state.
    PullRequest m_request;
    PullResult m_last;
    PullProgress m_total;
    PullProgress m_before; // totals of the pulls before the running one
    bool m_running = false;
    bool m_tailing = false;
    AwsWorker m_worker; // last: destroyed (joined) first
};

} // namespace flowlens

Q_DECLARE_METATYPE(flowlens::PullProgress)
Q_DECLARE_METATYPE(flowlens::PullResult)
Q_DECLARE_METATYPE(flowlens::TailProgress)
