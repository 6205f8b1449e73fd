#pragma once

#include "logeventpuller.h"

#include <QHash>
#include <chrono>
#include <functional>

namespace flowlens {

struct TailOptions {
    QString logGroup;
    QStringList logStreams;
    QString filterPattern;
    std::int64_t startMs = 0; // the first poll reads from here
    std::chrono::milliseconds pollInterval { 10000 };
    // Flow logs reach CloudWatch minutes after their timestamps, so every poll looks back this far
    // behind the newest event seen; events already taken are recognised by their eventId.
    std::chrono::milliseconds lookback { 15 * 60 * 1000 };
};

struct TailProgress {
    std::uint64_t polls = 0;
    std::uint64_t newEvents = 0; // in the last poll
    std::uint64_t events = 0; // since the tail started
    std::uint64_t records = 0;
    std::int64_t latestMs = 0;
    AwsError lastError; // a failed poll does not stop the tail; the next one tries again
};

// Live tail: polls FilterLogEvents every pollInterval for events since the newest one seen
// (minus the lookback), appends the ones not seen before to the store, until cancelled.
class LogTail {
public:
    using ProgressCallback = std::function<bool(const TailProgress&)>; // false: stop
    using Clock = std::function<std::int64_t()>; // epoch ms

    LogTail(
        AwsJsonClient& client, FlowStore& store, TailOptions options, std::shared_ptr<const RecordFormat> format = {});
    // Tails into the source of an existing puller (a pull, then its live tail: one source).
    LogTail(LogEventPuller& puller, TailOptions options);
    ~LogTail();
    LogTail(const LogTail&) = delete;
    LogTail& operator=(const LogTail&) = delete;

    // One poll; returns the events it added.
    std::uint64_t pollOnce(const std::atomic<bool>* cancel = nullptr);
    // Polls until cancel is set or progress returns false.
    void run(const ProgressCallback& progress, const std::atomic<bool>* cancel);

    void setClock(Clock clock) { m_clock = std::move(clock); }
    const TailProgress& progress() const { return m_progress; }
    std::optional<SourceId> source() const { return m_puller.source(); }

private:
    void watchEventIds();

    TailOptions m_options;
    std::unique_ptr<LogEventPuller> m_ownPuller;
    LogEventPuller& m_puller;
    Clock m_clock;
    QHash<QString, std::int64_t> m_seen; // eventId → timestamp, pruned to the lookback window
    std::int64_t m_newestMs = 0;
    TailProgress m_progress;
};

} // namespace flowlens
