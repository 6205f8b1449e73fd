#include "fakelogsservice.h"

#include <algorithm>

QString flowRecord(int n, qint64 start)
{
    return QStringLiteral("2 123456789012 eni-0a1b2c3d 10.0.%1.%2 10.1.0.5 %3 443 6 10 840 %4 %5 %6 OK")
        .arg((n / 250) % 256)
        .arg(n % 250 + 1)
        .arg(n)
        .arg(start)
        .arg(start + 60)
        .arg(n % 3 == 0 ? QStringLiteral("REJECT") : QStringLiteral("ACCEPT"));
}

namespace {

FakeReply describeLogGroups(FakeLogsState& s, const QJsonObject& body)
{
    const QString prefix = body.value(QLatin1String("logGroupNamePrefix")).toString();
    std::vector<QString> matching;
    for (const QString& g : s.groups) {
        if (g.startsWith(prefix)) {
            matching.push_back(g);
        }
    }
    const int offset = body.value(QLatin1String("nextToken")).toString().toInt();
    QJsonArray list;
    for (int i = offset; i < static_cast<int>(matching.size()) && i < offset + s.groupsPerPage; ++i) {
        list.append(QJsonObject { { QStringLiteral("logGroupName"), matching[static_cast<std::size_t>(i)] },
            { QStringLiteral("storedBytes"), 1000 + i } });
    }
    QJsonObject out { { QStringLiteral("logGroups"), list } };
    if (offset + s.groupsPerPage < static_cast<int>(matching.size())) {
        out.insert(QStringLiteral("nextToken"), QString::number(offset + s.groupsPerPage));
    }
    return FakeReply::json(out);
}

// As AWS: ordered by name, or by last event time (then no name prefix is allowed), paged by offset.
FakeReply describeLogStreams(FakeLogsState& s, const QJsonObject& body)
{
    s.streamRequests.push_back(body);
    const QString group = body.value(QLatin1String("logGroupName")).toString();
    const QString prefix = body.value(QLatin1String("logStreamNamePrefix")).toString();
    const bool byTime = body.value(QLatin1String("orderBy")).toString() == QLatin1String("LastEventTime");
    if (group.isEmpty()) {
        return FakeReply::error(400, QStringLiteral("InvalidParameterException"), QStringLiteral("no logGroupName"));
    }
    if (byTime && !prefix.isEmpty()) {
        return FakeReply::error(400, QStringLiteral("InvalidParameterException"),
            QStringLiteral("Cannot order by LastEventTime with a logStreamNamePrefix."));
    }
    if (std::find(s.groups.begin(), s.groups.end(), group) == s.groups.end()) {
        return FakeReply::error(400, QStringLiteral("ResourceNotFoundException"),
            QStringLiteral("The specified log group does not exist."));
    }
    std::vector<FakeStream> matching;
    for (const FakeStream& stream : s.streams) {
        if (stream.group == group && stream.name.startsWith(prefix)) {
            matching.push_back(stream);
        }
    }
    const bool descending = body.value(QLatin1String("descending")).toBool();
    std::stable_sort(matching.begin(), matching.end(), [&](const FakeStream& a, const FakeStream& b) {
        const bool less = byTime ? a.lastEventMs < b.lastEventMs : a.name < b.name;
        const bool greater = byTime ? b.lastEventMs < a.lastEventMs : b.name < a.name;
        return descending ? greater : less;
    });
    const int offset = body.value(QLatin1String("nextToken")).toString().toInt();
    QJsonArray list;
    for (int i = offset; i < static_cast<int>(matching.size()) && i < offset + s.streamsPerPage; ++i) {
        const FakeStream& stream = matching[static_cast<std::size_t>(i)];
        list.append(QJsonObject { { QStringLiteral("logStreamName"), stream.name },
            { QStringLiteral("firstEventTimestamp"), double(stream.lastEventMs - 3600000) },
            { QStringLiteral("lastEventTimestamp"), double(stream.lastEventMs) },
            { QStringLiteral("lastIngestionTime"), double(stream.lastEventMs + 1000) } });
    }
    QJsonObject out { { QStringLiteral("logStreams"), list } };
    if (offset + s.streamsPerPage < static_cast<int>(matching.size())) {
        out.insert(QStringLiteral("nextToken"), QString::number(offset + s.streamsPerPage));
    }
    FakeReply reply = FakeReply::json(out);
    reply.delayMs = s.streamsDelayMs;
    return reply;
}

FakeReply filterLogEvents(FakeLogsState& s, const QJsonObject& body)
{
    const qint64 start = static_cast<qint64>(body.value(QLatin1String("startTime")).toDouble());
    const qint64 end = static_cast<qint64>(body.value(QLatin1String("endTime")).toDouble());
    std::vector<const FakeEvent*> inRange;
    for (const FakeEvent& e : s.events) {
        if (e.timestampMs >= start && e.timestampMs <= end) {
            inRange.push_back(&e);
        }
    }
    const QString token = body.value(QLatin1String("nextToken")).toString();
    const bool afterEmpty = token.startsWith(QLatin1Char('e'));
    const int offset = token.isEmpty() ? 0 : token.mid(afterEmpty ? 1 : 0).toInt();
    if (s.failFromOffset >= 0 && offset >= s.failFromOffset) {
        return FakeReply::error(500, QStringLiteral("ServiceUnavailableException"), QStringLiteral("try later"));
    }
    if (s.throttleOnce.contains(offset)) {
        s.throttleOnce.remove(offset);
        return FakeReply::error(400, QStringLiteral("ThrottlingException"), QStringLiteral("Rate exceeded"));
    }
    s.filterRequests.push_back(body);
    if (!afterEmpty && s.emptyPageBefore.contains(offset)) {
        return FakeReply::json({ { QStringLiteral("events"), QJsonArray() },
            { QStringLiteral("nextToken"), QStringLiteral("e%1").arg(offset) } });
    }
    QJsonArray events;
    const int last = std::min<int>(static_cast<int>(inRange.size()), offset + s.pageSize);
    for (int i = offset; i < last; ++i) {
        const FakeEvent& e = *inRange[static_cast<std::size_t>(i)];
        events.append(
            QJsonObject { { QStringLiteral("eventId"), e.id }, { QStringLiteral("timestamp"), double(e.timestampMs) },
                { QStringLiteral("logStreamName"), e.stream }, { QStringLiteral("message"), e.message },
                { QStringLiteral("ingestionTime"), double(e.timestampMs + 1000) } });
    }
    QJsonObject out { { QStringLiteral("events"), events } };
    if (s.repeatToken) {
        out.insert(QStringLiteral("nextToken"), QStringLiteral("again"));
    } else if (last < static_cast<int>(inRange.size())) {
        out.insert(QStringLiteral("nextToken"), QString::number(last));
    }
    FakeReply reply = FakeReply::json(out);
    if (offset == s.slowOffset) {
        reply.delayMs = 10000;
    }
    return reply;
}

FakeReply startQuery(FakeLogsState& s, const QJsonObject& body)
{
    const QString id = QStringLiteral("q%1").arg(s.queries.size() + 1);
    s.queries[id] = body;
    return FakeReply::json({ { QStringLiteral("queryId"), id } });
}

FakeReply getQueryResults(FakeLogsState& s, const QJsonObject& body)
{
    const QString id = body.value(QLatin1String("queryId")).toString();
    if (!s.queries.count(id)) {
        return FakeReply::error(400, QStringLiteral("ResourceNotFoundException"), QStringLiteral("no such query"));
    }
    const QJsonObject query = s.queries[id];
    const qint64 start = static_cast<qint64>(query.value(QLatin1String("startTime")).toDouble()) * 1000;
    const qint64 end = static_cast<qint64>(query.value(QLatin1String("endTime")).toDouble()) * 1000 + 999;
    const int limit = std::min(query.value(QLatin1String("limit")).toInt(), s.insightsCap);
    int matched = 0;
    QJsonArray results;
    for (const FakeEvent& e : s.events) {
        if (e.timestampMs < start || e.timestampMs > end) {
            continue;
        }
        ++matched;
        if (results.size() < limit) {
            results.append(QJsonArray { QJsonObject { { QStringLiteral("field"), QStringLiteral("@timestamp") },
                                            { QStringLiteral("value"), QString::number(e.timestampMs) } },
                QJsonObject {
                    { QStringLiteral("field"), QStringLiteral("@message") }, { QStringLiteral("value"), e.message } },
                QJsonObject {
                    { QStringLiteral("field"), QStringLiteral("@ptr") }, { QStringLiteral("value"), e.id } } });
        }
    }
    const QJsonObject statistics { { QStringLiteral("recordsMatched"), matched },
        { QStringLiteral("recordsScanned"), static_cast<int>(s.events.size()) },
        { QStringLiteral("bytesScanned"), matched * 100 } };
    if (s.polls[id]++ < s.runningPolls) {
        return FakeReply::json({ { QStringLiteral("status"), QStringLiteral("Running") },
            { QStringLiteral("results"), QJsonArray() }, { QStringLiteral("statistics"), statistics } });
    }
    return FakeReply::json({ { QStringLiteral("status"), s.finalStatus },
        { QStringLiteral("results"), s.finalStatus == QLatin1String("Complete") ? results : QJsonArray() },
        { QStringLiteral("statistics"), statistics } });
}

} // namespace

FakeAwsServer::Handler fakeLogsHandler(std::shared_ptr<FakeLogsState> state)
{
    return [state](const FakeRequest& request) {
        FakeLogsState& s = *state;
        const QString op = request.operation();
        const QJsonObject body = request.json();
        if (op == QLatin1String("DescribeLogGroups")) {
            return describeLogGroups(s, body);
        }
        if (op == QLatin1String("DescribeLogStreams")) {
            return describeLogStreams(s, body);
        }
        if (op == QLatin1String("FilterLogEvents")) {
            return filterLogEvents(s, body);
        }
        if (op == QLatin1String("StartQuery")) {
            return startQuery(s, body);
        }
        if (op == QLatin1String("GetQueryResults")) {
            return getQueryResults(s, body);
        }
        if (op == QLatin1String("StopQuery")) {
            s.stopped.append(body.value(QLatin1String("queryId")).toString());
            return FakeReply::json({ { QStringLiteral("success"), true } });
        }
        return FakeReply::error(400, QStringLiteral("UnknownOperationException"), op);
    };
}

void addFlowEvents(FakeLogsState& state, int from, int to, qint64 baseMs)
{
    for (int i = from; i < to; ++i) {
        const qint64 ts = baseMs + i * 1000;
        state.events.push_back(
            { QStringLiteral("e%1").arg(i), ts, QStringLiteral("eni-0a1b2c3d-all"), flowRecord(i, ts / 1000) });
    }
}

void fillFourGroups(FakeLogsState& state, qint64 baseMs)
{
    state.groups = { QStringLiteral("/app/x"), QStringLiteral("/vpc/flow-a"), QStringLiteral("/vpc/flow-b"),
        QStringLiteral("/vpc/flow-c") };
    addFlowEvents(state, 0, 300, baseMs);
    state.pageSize = 100;
    state.runningPolls = 0;
}
