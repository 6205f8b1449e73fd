#pragma once

#include "cloudwatchlogsclient.h"
#include "ingest/chunkbuilder.h"
#include "ingest/recordparser.h"
#include "schema/recordformat.h"
#include "store/flowstore.h"

#include <QSet>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace flowlens {

struct PullRequest {
    QString logGroup;
    QStringList logStreams; // empty: every stream
    QString filterPattern; // CloudWatch filter syntax; empty: every event
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
    QString resumeToken; // the nextToken a failed pull returned: continue from there
    int pageLimit = 0; // events per page asked for (0: the service's default, up to 10,000)
};

struct PullProgress {
    std::uint64_t pages = 0;
    std::uint64_t events = 0;
    std::uint64_t records = 0;
    std::uint64_t errors = 0;
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
    std::int64_t latestMs = 0; // newest event timestamp so far: the time covered is startMs..latestMs
};

struct PullResult {
    SourceId source;
    std::uint64_t pages = 0;
    std::uint64_t events = 0; // events taken (after the event filter)
    std::uint64_t records = 0;
    std::uint64_t errors = 0;
    std::int64_t latestMs = 0;
    bool cancelled = false;
    bool repeatedToken = false; // the service sent a nextToken it had sent before: the loop stopped
    AwsError error;
    QString resumeToken; // set when stopped early (error or cancel): pass it as PullRequest::resumeToken
    bool complete() const { return !cancelled && !error.isError(); }
};

// Pulls a log group's events with FilterLogEvents page by page into a FlowStore, parsing each
// page's messages with the loader's RecordParser (format chosen or detected from the first
// events); each event's timestamp and log stream become @timestamp / @logStream. Rows are
// published to the store after every page. Several pulls on one puller append to one source (live
// tail, resume). Runs on the caller's thread (a worker in the GUI).
class LogEventPuller {
public:
    using ProgressCallback = std::function<bool(const PullProgress&)>; // false: cancel
    using EventFilter = std::function<bool(const CloudWatchEvent&)>; // false: skip the event
    using EventSink = std::function<void(const CloudWatchEvent&)>; // every event taken, in order

    // `format` null: detect it from the first events (v2 default, or every v5 / v8 field).
    LogEventPuller(AwsJsonClient& client, FlowStore& store, std::shared_ptr<const RecordFormat> format = {});
    ~LogEventPuller();

    void setEventFilter(EventFilter filter) { m_filter = std::move(filter); }
    void setEventSink(EventSink sink) { m_sink = std::move(sink); }

    PullResult pull(
        const PullRequest& request, const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

    std::optional<SourceId> source() const { return m_source; }
    const RecordFormat* format() const { return m_format.get(); }

    // The format of flow-log messages without a header: by field count and a trial parse.
    static std::shared_ptr<const RecordFormat> detectFormat(const std::vector<CloudWatchEvent>& events, QString& error);

private:
    bool takePage(const std::vector<CloudWatchEvent>& events, PullResult& result, QString& error);
    void publish(const PullRequest& request, const PullResult& result);

    AwsJsonClient& m_client;
    FlowStore& m_store;
    std::shared_ptr<const RecordFormat> m_format;
    std::optional<SourceId> m_source;
    std::unique_ptr<ChunkBuilder> m_builder;
    std::unique_ptr<RecordParser> m_parser;
    EventFilter m_filter;
    EventSink m_sink;
    std::uint64_t m_nextLine = 1; // the event's position in this source
    std::uint64_t m_records = 0;
    std::uint64_t m_errors = 0;
};

} // namespace flowlens
