#pragma once

#include "awsjsonclient.h"

#include <QString>
#include <QStringList>
#include <atomic>
#include <cstdint>
#include <vector>

namespace flowlens {

struct LogGroupInfo {
    QString name;
    QString arn;
    std::int64_t creationTimeMs = 0;
    std::int64_t storedBytes = 0;
    int retentionDays = 0; // 0: never expire
};

struct LogStreamInfo {
    QString name;
    std::int64_t firstEventMs = 0;
    std::int64_t lastEventMs = 0;
    std::int64_t lastIngestionMs = 0;
};

// One event of FilterLogEvents / GetLogEvents.
struct CloudWatchEvent {
    QString eventId;
    std::int64_t timestampMs = 0;
    QString logStream;
    QByteArray message; // UTF-8
};

// The listing calls of CloudWatch Logs, every page followed. The list is whatever arrived when an
// error or a cancel stopped it; `error` says which.
class CloudWatchLogsClient {
public:
    explicit CloudWatchLogsClient(AwsJsonClient& client)
        : m_client(client)
    {
    }

    // DescribeLogGroups with logGroupNamePrefix (empty: all groups).
    std::vector<LogGroupInfo> logGroups(
        const QString& prefix, AwsError& error, const std::atomic<bool>* cancel = nullptr);
    // DescribeLogStreams of a group, by name prefix (empty: all, newest first by last event).
    std::vector<LogStreamInfo> logStreams(
        const QString& group, const QString& prefix, AwsError& error, const std::atomic<bool>* cancel = nullptr);

    // Reads the "events" list of a FilterLogEvents / GetLogEvents answer; false on a wrong shape.
    static bool parseEvents(const QJsonObject& body, std::vector<CloudWatchEvent>& events, QString& error);

private:
    AwsJsonClient& m_client;
};

} // namespace flowlens
