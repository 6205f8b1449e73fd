#pragma once

#include "awsjsonclient.h"

#include <QString>
#include <QStringList>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

namespace flowlens {

struct InsightsRequest {
    QStringList logGroups;
    std::int64_t startMs = 0; // Logs Insights works in whole seconds, both ends included
    std::int64_t endMs = 0;
    QString query;
    int limit = 10000; // rows per query; 10,000 is the service's maximum
    bool splitWhenFull = true; // re-run halves of a range whose answer came back full
    std::chrono::milliseconds pollInterval { 1000 };
};

struct InsightsStatistics {
    double recordsMatched = 0;
    double recordsScanned = 0;
    double bytesScanned = 0;
};

struct InsightsProgress {
    int queries = 0; // started so far
    std::size_t rows = 0;
    QString status; // of the query running now
    InsightsStatistics statistics; // summed over finished queries plus the running one
};

// The answer: columns in the order the service first named them (@ptr left out), rows as text.
struct InsightsTable {
    QStringList columns;
    std::vector<QStringList> rows;
    InsightsStatistics statistics;
    QString status; // "Complete", or the status that ended the run ("Failed", "Timeout", …)
    int queries = 0;
    int splits = 0;
    bool truncated = false; // a part was still full when it could not be split further (or not at all)
    QString note; // why it is truncated
    bool cancelled = false;
    AwsError error;
};

// Runs a Logs Insights query: StartQuery, GetQueryResults until Complete/Failed/Cancelled/Timeout,
// StopQuery when cancelled. A row listing (a query without `stats`) that comes back with `limit`
// rows is re-run on both halves of its time range, recursively, and the parts are joined in time
// order; an aggregation cannot be merged that way and is reported as truncated instead.
class InsightsRunner {
public:
    using ProgressCallback = std::function<bool(const InsightsProgress&)>; // false: cancel

    explicit InsightsRunner(AwsJsonClient& client)
        : m_client(client)
    {
    }

    InsightsTable run(const InsightsRequest& request, const ProgressCallback& progress = {},
        const std::atomic<bool>* cancel = nullptr);

    static bool isAggregation(const QString& query);

private:
    struct Part {
        std::vector<QStringList> rows;
        bool full = false;
    };
    // Runs one query over [startS, endS]; false when the run must stop (error, failure, cancel).
    bool runOne(const InsightsRequest& request, std::int64_t startS, std::int64_t endS, Part& part,
        InsightsTable& table, const ProgressCallback& progress, const std::atomic<bool>* cancel);
    bool runRange(const InsightsRequest& request, std::int64_t startS, std::int64_t endS, bool split,
        InsightsTable& table, const ProgressCallback& progress, const std::atomic<bool>* cancel);

    AwsJsonClient& m_client;
    InsightsProgress m_progress;
};

} // namespace flowlens
