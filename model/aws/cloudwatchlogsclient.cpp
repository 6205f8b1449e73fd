#include "cloudwatchlogsclient.h"

#include <QJsonArray>
#include <QSet>

namespace flowlens {

namespace {

std::int64_t toMs(const QJsonValue& value)
{
    return static_cast<std::int64_t>(value.toDouble());
}

// Calls `operation` page by page until there is no nextToken or it repeats; `take` reads each page.
template <typename Take>
void eachPage(AwsJsonClient& client, const QString& operation, QJsonObject request, AwsError& error,
    const std::atomic<bool>* cancel, Take take)
{
    error = {};
    QSet<QString> seen;
    for (;;) {
        const AwsResponse response = client.call(operation, request, cancel);
        if (response.error.isError()) {
            error = response.error;
            return;
        }
        take(response.body);
        const QString next = response.body.value(QLatin1String("nextToken")).toString();
        if (next.isEmpty() || seen.contains(next)) {
            return;
        }
        seen.insert(next);
        request.insert(QStringLiteral("nextToken"), next);
    }
}

} // namespace

std::vector<LogGroupInfo> CloudWatchLogsClient::logGroups(
    const QString& prefix, AwsError& error, const std::atomic<bool>* cancel)
{
    std::vector<LogGroupInfo> groups;
    QJsonObject request;
    if (!prefix.isEmpty()) {
        request.insert(QStringLiteral("logGroupNamePrefix"), prefix);
    }
    eachPage(m_client, QStringLiteral("DescribeLogGroups"), request, error, cancel, [&groups](const QJsonObject& body) {
        const QJsonArray list = body.value(QLatin1String("logGroups")).toArray();
        for (const QJsonValue& value : list) {
            const QJsonObject o = value.toObject();
            LogGroupInfo g;
            g.name = o.value(QLatin1String("logGroupName")).toString();
            g.arn = o.value(QLatin1String("arn")).toString();
            g.creationTimeMs = toMs(o.value(QLatin1String("creationTime")));
            g.storedBytes = toMs(o.value(QLatin1String("storedBytes")));
            g.retentionDays = o.value(QLatin1String("retentionInDays")).toInt();
            if (!g.name.isEmpty()) {
                groups.push_back(std::move(g));
            }
        }
    });
    return groups;
}

std::vector<LogStreamInfo> CloudWatchLogsClient::logStreams(
    const QString& group, const QString& prefix, AwsError& error, const std::atomic<bool>* cancel)
{
    std::vector<LogStreamInfo> streams;
    QJsonObject request { { QStringLiteral("logGroupName"), group } };
    if (prefix.isEmpty()) {
        request.insert(QStringLiteral("orderBy"), QStringLiteral("LastEventTime"));
        request.insert(QStringLiteral("descending"), true);
    } else {
        request.insert(QStringLiteral("logStreamNamePrefix"), prefix);
    }
    eachPage(
        m_client, QStringLiteral("DescribeLogStreams"), request, error, cancel, [&streams](const QJsonObject& body) {
            const QJsonArray list = body.value(QLatin1String("logStreams")).toArray();
            for (const QJsonValue& value : list) {
                const QJsonObject o = value.toObject();
                LogStreamInfo s;
                s.name = o.value(QLatin1String("logStreamName")).toString();
                s.firstEventMs = toMs(o.value(QLatin1String("firstEventTimestamp")));
                s.lastEventMs = toMs(o.value(QLatin1String("lastEventTimestamp")));
                s.lastIngestionMs = toMs(o.value(QLatin1String("lastIngestionTime")));
                if (!s.name.isEmpty()) {
                    streams.push_back(std::move(s));
                }
            }
        });
    return streams;
}

bool CloudWatchLogsClient::parseEvents(const QJsonObject& body, std::vector<CloudWatchEvent>& events, QString& error)
{
    const QJsonValue list = body.value(QLatin1String("events"));
    if (!list.isArray() && !list.isUndefined()) {
        error = QStringLiteral("the answer's \"events\" is not a list");
        return false;
    }
    const QJsonArray array = list.toArray();
    events.reserve(events.size() + static_cast<std::size_t>(array.size()));
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject o = array.at(i).toObject();
        const QJsonValue message = o.value(QLatin1String("message"));
        if (!message.isString()) {
            error = QStringLiteral("event %1 of the page has no \"message\" text").arg(i + 1);
            return false;
        }
        CloudWatchEvent event;
        event.eventId = o.value(QLatin1String("eventId")).toString();
        event.timestampMs = toMs(o.value(QLatin1String("timestamp")));
        event.logStream = o.value(QLatin1String("logStreamName")).toString();
        event.message = message.toString().toUtf8();
        events.push_back(std::move(event));
    }
    return true;
}

} // namespace flowlens
