#include "logtail.h"

#include <QDateTime>

namespace flowlens {

LogTail::LogTail(
    AwsJsonClient& client, FlowStore& store, TailOptions options, std::shared_ptr<const RecordFormat> format)
    : m_options(std::move(options))
    , m_ownPuller(std::make_unique<LogEventPuller>(client, store, std::move(format)))
    , m_puller(*m_ownPuller)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    watchEventIds();
}

LogTail::LogTail(LogEventPuller& puller, TailOptions options)
    : m_options(std::move(options))
    , m_puller(puller)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    watchEventIds();
}

LogTail::~LogTail()
{
    m_puller.setEventFilter({}); // the filter reads this object's members
}

void LogTail::watchEventIds()
{
    m_newestMs = m_options.startMs;
    m_puller.setEventFilter([this](const CloudWatchEvent& e) {
        if (!e.eventId.isEmpty()) {
            if (m_seen.contains(e.eventId)) {
                return false;
            }
            m_seen.insert(e.eventId, e.timestampMs);
        }
        return true;
    });
}

std::uint64_t LogTail::pollOnce(const std::atomic<bool>* cancel)
{
    PullRequest request;
    request.logGroup = m_options.logGroup;
    request.logStreams = m_options.logStreams;
    request.filterPattern = m_options.filterPattern;
    const std::int64_t lookback = m_options.lookback.count();
    request.startMs = std::max(m_options.startMs, m_newestMs - lookback);
    request.endMs = m_clock();
    const PullResult result = m_puller.pull(request, {}, cancel);
    ++m_progress.polls;
    m_progress.newEvents = result.events;
    m_progress.events += result.events;
    m_progress.records += result.records;
    m_progress.lastError = result.error;
    m_newestMs = std::max(m_newestMs, result.latestMs);
    m_progress.latestMs = m_newestMs;
    // Ids older than the next poll's window can no longer come back.
    const std::int64_t oldest = m_newestMs - lookback;
    for (auto it = m_seen.begin(); it != m_seen.end();) {
        it = it.value() < oldest ? m_seen.erase(it) : std::next(it);
    }
    return result.events;
}

void LogTail::run(const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    while (!(cancel && cancel->load())) {
        pollOnce(cancel);
        if (progress && !progress(m_progress)) {
            return;
        }
        waitUnlessCancelled(m_options.pollInterval, cancel);
    }
}

} // namespace flowlens
