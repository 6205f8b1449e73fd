#pragma once

#include "fakeawsserver.h"

#include <QJsonArray>
#include <QSet>
#include <map>
#include <memory>

// A small CloudWatch Logs behind FakeAwsServer: log groups, streams and events held in memory,
// FilterLogEvents paged by offset tokens, plus faults the tests switch on. Logs Insights answers
// a listing of the events in a range (capped at the request's limit). Runs on the server thread.
struct FakeEvent {
    QString id;
    qint64 timestampMs = 0;
    QString stream;
    QString message;
};

// A log stream of DescribeLogStreams.
struct FakeStream {
    QString group;
    QString name;
    qint64 lastEventMs = 0;
};

struct FakeLogsState {
    std::vector<QString> groups;
    int groupsPerPage = 2;
    std::vector<FakeStream> streams; // DescribeLogStreams of a group not in `groups`: ResourceNotFoundException
    int streamsPerPage = 2;
    int streamsDelayMs = 0; // every DescribeLogStreams answer waits this long
    std::vector<QJsonObject> streamRequests; // bodies of the DescribeLogStreams calls
    std::vector<FakeEvent> events; // ascending timestamps
    int pageSize = 100;
    QSet<int> emptyPageBefore; // offsets served first as an empty page with a token
    QSet<int> throttleOnce; // offsets answered once with ThrottlingException
    int failFromOffset = -1; // offsets >= this answer 500 while it is set
    int slowOffset = -1; // this offset's page is answered after 10 s
    bool repeatToken = false; // every page says nextToken "again"
    std::vector<QJsonObject> filterRequests; // bodies of FilterLogEvents calls that were served
    // Insights
    int insightsCap = 10000;
    int runningPolls = 1; // GetQueryResults says Running this many times first
    QString finalStatus = QStringLiteral("Complete");
    std::map<QString, QJsonObject> queries; // queryId → StartQuery body
    std::map<QString, int> polls;
    QStringList stopped;
};

FakeAwsServer::Handler fakeLogsHandler(std::shared_ptr<FakeLogsState> state);

// A v2 flow-log record whose srcport is `n` (so order can be checked) and start second `start`.
QString flowRecord(int n, qint64 start);

// Events `from`..`to`-1 of one stream, a second apart from baseMs, each a flowRecord(n, …).
void addFlowEvents(FakeLogsState& state, int from, int to, qint64 baseMs);
// The CLI and GUI tests' service: groups /app/x and /vpc/flow-a, -b, -c (two a page), events
// 0..299 from baseMs in pages of 100, Insights queries complete at once.
void fillFourGroups(FakeLogsState& state, qint64 baseMs);
