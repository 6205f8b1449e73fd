#include "cloudwatchpulljob.h"

#include <QDateTime>

namespace flowlens {

CloudWatchPullJob::CloudWatchPullJob(AwsClientConfig config, std::shared_ptr<FlowStore> store,
    std::shared_ptr<const RecordFormat> format, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_store(std::move(store))
    , m_format(std::move(format))
{
    qRegisterMetaType<PullProgress>();
    qRegisterMetaType<PullResult>();
    qRegisterMetaType<TailProgress>();
}

CloudWatchPullJob::~CloudWatchPullJob()
{
    m_worker.stop([this] {
        m_puller.reset();
        m_client.reset();
    });
}

void CloudWatchPullJob::ensureClient()
{
    if (!m_client) {
        m_client = std::make_unique<AwsJsonClient>(m_config, AwsService::CloudWatchLogs);
        if (m_policy) {
            m_client->setRetryPolicy(*m_policy);
        }
        m_puller = std::make_unique<LogEventPuller>(*m_client, *m_store, m_format);
    }
}

void CloudWatchPullJob::start(const PullRequest& request)
{
    if (m_running) {
        return;
    }
    m_request = request;
    m_request.resumeToken.clear();
    run(m_request);
}

void CloudWatchPullJob::resume()
{
    if (!canResume()) {
        return;
    }
    PullRequest again = m_request;
    again.resumeToken = m_last.resumeToken;
    run(again);
}

void CloudWatchPullJob::run(const PullRequest& request)
{
    m_running = true;
    m_before = m_total;
    // The work reads only the worker's members; the rest is touched in deliver(), on this thread.
    m_worker.post([this, request] {
        ensureClient();
        const PullResult result = m_puller->pull(
            request,
            [this](const PullProgress& page) {
                m_worker.deliver(this, [this, page] {
                    PullProgress& t = m_total;
                    t.pages = m_before.pages + page.pages;
                    t.events = m_before.events + page.events;
                    t.records = m_before.records + page.records;
                    t.errors = m_before.errors + page.errors;
                    t.startMs = m_request.startMs;
                    t.endMs = m_request.endMs;
                    t.latestMs = std::max(m_before.latestMs, page.latestMs);
                    Q_EMIT progress(t);
                });
                return true;
            },
            m_worker.cancelFlag());
        m_worker.deliver(this, [this, result] {
            m_running = false;
            m_last = result;
            Q_EMIT finished(result);
        });
    });
}

void CloudWatchPullJob::startTail(std::chrono::milliseconds interval)
{
    if (m_running) {
        return;
    }
    TailOptions options;
    options.logGroup = m_request.logGroup;
    options.logStreams = m_request.logStreams;
    options.filterPattern = m_request.filterPattern;
    // After the pulled range, so nothing is read twice; from now when nothing was pulled.
    options.startMs = m_request.endMs > 0 ? m_request.endMs + 1 : QDateTime::currentMSecsSinceEpoch();
    options.pollInterval = interval;
    m_running = true;
    m_tailing = true;
    m_worker.post([this, options] {
        ensureClient();
        LogTail tail(*m_puller, options);
        tail.run(
            [this](const TailProgress& p) {
                m_worker.deliver(this, [this, p] { Q_EMIT tailProgress(p); });
                return true;
            },
            m_worker.cancelFlag());
        m_worker.deliver(this, [this] {
            m_running = false;
            m_tailing = false;
            Q_EMIT tailStopped();
        });
    });
}

void CloudWatchPullJob::cancel()
{
    m_worker.cancel();
}

} // namespace flowlens
