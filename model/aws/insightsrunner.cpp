#include "insightsrunner.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace flowlens {

namespace {

InsightsStatistics statisticsOf(const QJsonObject& body)
{
    const QJsonObject s = body.value(QLatin1String("statistics")).toObject();
    InsightsStatistics out;
    out.recordsMatched = s.value(QLatin1String("recordsMatched")).toDouble();
    out.recordsScanned = s.value(QLatin1String("recordsScanned")).toDouble();
    out.bytesScanned = s.value(QLatin1String("bytesScanned")).toDouble();
    return out;
}

void add(InsightsStatistics& into, const InsightsStatistics& more)
{
    into.recordsMatched += more.recordsMatched;
    into.recordsScanned += more.recordsScanned;
    into.bytesScanned += more.bytesScanned;
}

std::int64_t floorSeconds(std::int64_t ms)
{
    return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

} // namespace

bool InsightsRunner::isAggregation(const QString& query)
{
    // `stats` as a command: at the start or after a pipe.
    static const QRegularExpression stats(
        QStringLiteral("(^|\\|)\\s*stats\\b"), QRegularExpression::CaseInsensitiveOption);
    return stats.match(query).hasMatch();
}

bool InsightsRunner::runOne(const InsightsRequest& request, std::int64_t startS, std::int64_t endS, Part& part,
    InsightsTable& table, const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    const QJsonObject start { { QStringLiteral("logGroupNames"), QJsonArray::fromStringList(request.logGroups) },
        { QStringLiteral("startTime"), static_cast<double>(startS) },
        { QStringLiteral("endTime"), static_cast<double>(endS) }, { QStringLiteral("queryString"), request.query },
        { QStringLiteral("limit"), request.limit } };
    const AwsResponse started = m_client.call(QStringLiteral("StartQuery"), start, cancel);
    if (started.error.isError()) {
        table.cancelled = started.error.kind == AwsError::Kind::Cancelled;
        table.error = table.cancelled ? AwsError {} : started.error;
        return false;
    }
    const QString queryId = started.body.value(QLatin1String("queryId")).toString();
    if (queryId.isEmpty()) {
        table.error.kind = AwsError::Kind::BadResponse;
        table.error.message = QStringLiteral("StartQuery answered without a queryId");
        return false;
    }
    ++table.queries;
    ++m_progress.queries;
    const InsightsStatistics before = m_progress.statistics;
    auto stop = [&] {
        // Best effort: the query stops on its own at its timeout anyway.
        std::atomic<bool> never { false };
        m_client.call(QStringLiteral("StopQuery"), { { QStringLiteral("queryId"), queryId } }, &never);
        table.cancelled = true;
        table.status = QStringLiteral("Cancelled");
        return false;
    };
    for (;;) {
        if (cancel && cancel->load()) {
            return stop();
        }
        const AwsResponse answer
            = m_client.call(QStringLiteral("GetQueryResults"), { { QStringLiteral("queryId"), queryId } }, cancel);
        if (answer.error.kind == AwsError::Kind::Cancelled) {
            return stop();
        }
        if (answer.error.isError()) {
            table.error = answer.error;
            return false;
        }
        const QString status = answer.body.value(QLatin1String("status")).toString();
        const InsightsStatistics statistics = statisticsOf(answer.body);
        m_progress.status = status;
        m_progress.statistics = before;
        add(m_progress.statistics, statistics);
        if (status == QLatin1String("Complete")) {
            const QJsonArray results = answer.body.value(QLatin1String("results")).toArray();
            for (const QJsonValue& rowValue : results) {
                QStringList row(table.columns.size());
                const QJsonArray cells = rowValue.toArray();
                for (const QJsonValue& cellValue : cells) {
                    const QJsonObject cell = cellValue.toObject();
                    const QString field = cell.value(QLatin1String("field")).toString();
                    if (field == QLatin1String("@ptr")) {
                        continue;
                    }
                    qsizetype column = table.columns.indexOf(field);
                    if (column < 0) {
                        table.columns.append(field);
                        column = table.columns.size() - 1;
                    }
                    if (row.size() <= column) {
                        row.resize(column + 1);
                    }
                    row[column] = cell.value(QLatin1String("value")).toString();
                }
                part.rows.push_back(std::move(row));
            }
            part.full = static_cast<int>(results.size()) >= request.limit;
            add(table.statistics, statistics);
            table.status = status;
            return true;
        }
        if (status == QLatin1String("Failed") || status == QLatin1String("Cancelled")
            || status == QLatin1String("Timeout") || status == QLatin1String("Unknown")) {
            table.status = status;
            table.error.kind = AwsError::Kind::Service;
            table.error.code = status;
            table.error.message
                = QStringLiteral("the Logs Insights query %1 ended with status %2").arg(queryId, status);
            add(table.statistics, statistics);
            return false;
        }
        if (progress && !progress(m_progress)) {
            return stop();
        }
        if (!waitUnlessCancelled(request.pollInterval, cancel)) {
            return stop();
        }
    }
}

bool InsightsRunner::runRange(const InsightsRequest& request, std::int64_t startS, std::int64_t endS, bool split,
    InsightsTable& table, const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    Part part;
    if (!runOne(request, startS, endS, part, table, progress, cancel)) {
        return false;
    }
    if (part.full && split && endS > startS) {
        // Both halves again, the earlier first; the full answer is dropped (its rows are in them).
        ++table.splits;
        const std::int64_t middle = startS + (endS - startS) / 2;
        return runRange(request, startS, middle, split, table, progress, cancel)
            && runRange(request, middle + 1, endS, split, table, progress, cancel);
    }
    if (part.full) {
        table.truncated = true;
        if (split) {
            table.note = QStringLiteral("the one-second range starting at %1 alone has %2 or more rows")
                             .arg(startS)
                             .arg(request.limit);
        } else if (isAggregation(request.query)) {
            table.note = QStringLiteral("the answer has %1 rows, the most one query returns; an aggregation cannot be "
                                        "split by time and merged: narrow the query or the range")
                             .arg(request.limit);
        } else {
            table.note = QStringLiteral("the answer has %1 rows, the most one query returns").arg(request.limit);
        }
    }
    for (QStringList& row : part.rows) {
        row.resize(table.columns.size());
        table.rows.push_back(std::move(row));
    }
    m_progress.rows = table.rows.size();
    if (progress && !progress(m_progress)) {
        table.cancelled = true;
        return false;
    }
    return true;
}

InsightsTable InsightsRunner::run(
    const InsightsRequest& request, const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    m_progress = {};
    InsightsTable table;
    const bool split = request.splitWhenFull && !isAggregation(request.query);
    runRange(request, floorSeconds(request.startMs), floorSeconds(request.endMs), split, table, progress, cancel);
    for (QStringList& row : table.rows) {
        row.resize(table.columns.size()); // columns first seen in later parts
    }
    return table;
}

} // namespace flowlens
