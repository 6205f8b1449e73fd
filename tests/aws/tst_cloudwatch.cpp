// CloudWatch Logs listing, pulls into the store, live tail and Logs Insights against a fake service.
#include "aws/cloudwatchlogsclient.h"
#include "aws/insightsrunner.h"
#include "aws/logeventpuller.h"
#include "aws/logtail.h"
#include "fakelogsservice.h"

#include <QElapsedTimer>
#include <QTest>
#include <QTimer>
#include <set>

using namespace flowlens;

namespace {

constexpr qint64 kBaseMs = 1700000000000; // 2023-11-14T22:13:20Z

AwsClientConfig configFor(const QUrl& endpoint)
{
    AwsClientConfig config;
    config.credentials.accessKeyId = QLatin1String(FakeAwsServer::kAccessKeyId);
    config.credentials.secretAccessKey = QLatin1String(FakeAwsServer::kSecret);
    config.region = QStringLiteral("eu-west-1");
    config.endpoint = endpoint;
    config.customEndpoint = true;
    return config;
}

std::vector<FakeEvent> makeEvents(int count, qint64 stepMs = 1000)
{
    std::vector<FakeEvent> events;
    for (int i = 0; i < count; ++i) {
        const qint64 ts = kBaseMs + i * stepMs;
        events.push_back({ QStringLiteral("id%1").arg(i), ts,
            QStringLiteral("eni-0a1b2c3d-%1").arg(i % 3 == 0 ? QStringLiteral("all") : QStringLiteral("acc")),
            flowRecord(i, ts / 1000) });
    }
    return events;
}

struct StoredRow {
    std::int64_t srcPort;
    std::int64_t timestamp;
    std::string stream;
    std::uint64_t line;
};

std::vector<StoredRow> storedRows(const FlowStore& store)
{
    std::vector<StoredRow> rows;
    const FlowStore::Snapshot snapshot = store.snapshot();
    for (const auto& chunk : snapshot.chunks) {
        for (std::uint32_t r = 0; r < chunk->rowCount(); ++r) {
            rows.push_back({ chunk->value(FieldId::SrcPort, r), chunk->value(FieldId::EventTimestamp, r),
                store.text(*chunk, FieldId::LogStream, r), chunk->line(r) });
        }
    }
    return rows;
}

// Every event 0..count-1 exactly once, in order, with its metadata.
void verifyAllInOrder(const FlowStore& store, const std::vector<FakeEvent>& events)
{
    const std::vector<StoredRow> rows = storedRows(store);
    QCOMPARE(rows.size(), events.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        QCOMPARE(rows[i].srcPort, static_cast<std::int64_t>(i));
        QCOMPARE(rows[i].timestamp, events[i].timestampMs);
        QCOMPARE(QString::fromStdString(rows[i].stream), events[i].stream);
        QCOMPARE(rows[i].line, static_cast<std::uint64_t>(i + 1));
    }
}

InsightsRequest insightsRequest(const QString& query, qint64 startMs, qint64 endMs)
{
    InsightsRequest request;
    request.logGroups = { QStringLiteral("/vpc/flow") };
    request.startMs = startMs;
    request.endMs = endMs;
    request.query = query;
    request.pollInterval = std::chrono::milliseconds(1);
    return request;
}

} // namespace

class TestCloudWatch : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FakeAwsServer> m_server;
    std::shared_ptr<FakeLogsState> m_state;
    std::unique_ptr<AwsJsonClient> m_client;

    PullRequest wholeRange() const
    {
        PullRequest request;
        request.logGroup = QStringLiteral("/vpc/flow");
        request.startMs = kBaseMs;
        request.endMs = kBaseMs + 100000000;
        return request;
    }

private Q_SLOTS:
    void init();
    void logGroupsArePagedAndFiltered();
    void logStreamsArePagedNewestFirst();
    void logStreamsByPrefixAndErrors();
    void pullEveryPageInOrder();
    void repeatedTokenEndsTheLoop();
    void failureKeepsRowsAndResumes();
    void cancelKeepsRowsAndResumes();
    void cancelStopsWithinASecond();
    void detectsFormat();
    void refusesUnknownFormat();
    void malformedEventsAreCounted();
    void tailAddsOnlyNewEvents();
    void insightsPollsAndReturnsTable();
    void insightsSplitsFullRanges();
    void insightsOneSecondStillFull();
    void insightsAggregationIsNotSplit();
    void insightsFailure();
    void insightsCancelStopsQuery();
};

void TestCloudWatch::init()
{
    m_server = std::make_unique<FakeAwsServer>();
    m_state = std::make_shared<FakeLogsState>();
    m_server->setHandler(fakeLogsHandler(m_state));
    m_client = std::make_unique<AwsJsonClient>(configFor(m_server->url()), AwsService::CloudWatchLogs);
    RetryPolicy policy;
    policy.delay = [](int) { return std::chrono::milliseconds(1); };
    m_client->setRetryPolicy(policy);
}

void TestCloudWatch::logGroupsArePagedAndFiltered()
{
    m_server->locked([&] {
        m_state->groups = { QStringLiteral("/app/a"), QStringLiteral("/vpc/flow-1"), QStringLiteral("/vpc/flow-2"),
            QStringLiteral("/vpc/flow-3"), QStringLiteral("/vpc/flow-4"), QStringLiteral("/vpc/flow-5") };
    });
    CloudWatchLogsClient logs(*m_client);
    AwsError error;
    const auto all = logs.logGroups({}, error);
    QVERIFY2(!error.isError(), qPrintable(error.text()));
    QCOMPARE(all.size(), 6U);
    const auto vpc = logs.logGroups(QStringLiteral("/vpc/"), error);
    QCOMPARE(vpc.size(), 5U);
    QCOMPARE(vpc.front().name, QStringLiteral("/vpc/flow-1"));
    QCOMPARE(vpc.back().name, QStringLiteral("/vpc/flow-5"));
    QCOMPARE(vpc.back().storedBytes, 1004); // its index in the prefix listing is 4
    // 3 pages for all six groups, 3 for the five /vpc/ ones.
    QCOMPARE(m_server->requests().size(), 6U);
}

void TestCloudWatch::logStreamsArePagedNewestFirst()
{
    // Five streams of /vpc/flow (one of another group), last events out of name order.
    m_server->locked([&] {
        m_state->groups = { QStringLiteral("/vpc/flow"), QStringLiteral("/vpc/other") };
        m_state->streams = { { QStringLiteral("/vpc/flow"), QStringLiteral("eni-a-all"), kBaseMs + 3000 },
            { QStringLiteral("/vpc/flow"), QStringLiteral("eni-b-all"), kBaseMs + 9000 },
            { QStringLiteral("/vpc/other"), QStringLiteral("eni-x-all"), kBaseMs + 99000 },
            { QStringLiteral("/vpc/flow"), QStringLiteral("eni-c-all"), kBaseMs + 1000 },
            { QStringLiteral("/vpc/flow"), QStringLiteral("eni-d-all"), kBaseMs + 7000 },
            { QStringLiteral("/vpc/flow"), QStringLiteral("eni-e-all"), kBaseMs + 5000 } };
    });
    CloudWatchLogsClient logs(*m_client);
    AwsError error;
    const auto streams = logs.logStreams(QStringLiteral("/vpc/flow"), {}, error);
    QVERIFY2(!error.isError(), qPrintable(error.text()));
    QStringList names;
    for (const LogStreamInfo& s : streams) {
        names << s.name;
    }
    QCOMPARE(names, qStrings({ "eni-b-all", "eni-d-all", "eni-e-all", "eni-a-all", "eni-c-all" }));
    QCOMPARE(streams.front().lastEventMs, kBaseMs + 9000);
    QCOMPARE(streams.front().firstEventMs, kBaseMs + 9000 - 3600000);
    QCOMPARE(streams.front().lastIngestionMs, kBaseMs + 10000);
    // Three pages of two, each a signed DescribeLogStreams with the same order and the token given.
    const auto requests = m_server->requests();
    QCOMPARE(requests.size(), 3U);
    QCOMPARE(m_server->rejected(), 0);
    std::vector<QJsonObject> bodies;
    m_server->locked([&] { bodies = m_state->streamRequests; });
    QCOMPARE(bodies.size(), 3U);
    const QStringList tokens { QString(), QStringLiteral("2"), QStringLiteral("4") };
    for (std::size_t i = 0; i < 3; ++i) {
        QCOMPARE(requests[i].header("x-amz-target"), QByteArray("Logs_20140328.DescribeLogStreams"));
        QVERIFY(requests[i].signedHeaders().split(';').contains("x-amz-target"));
        QCOMPARE(bodies[i].value(QLatin1String("logGroupName")).toString(), QStringLiteral("/vpc/flow"));
        QCOMPARE(bodies[i].value(QLatin1String("orderBy")).toString(), QStringLiteral("LastEventTime"));
        QCOMPARE(bodies[i].value(QLatin1String("descending")).toBool(), true);
        QVERIFY(!bodies[i].contains(QLatin1String("logStreamNamePrefix")));
        QCOMPARE(bodies[i].value(QLatin1String("nextToken")).toString(), tokens[int(i)]);
    }
}

void TestCloudWatch::logStreamsByPrefixAndErrors()
{
    m_server->locked([&] {
        m_state->groups = { QStringLiteral("/vpc/flow") };
        m_state->streamsPerPage = 1;
        m_state->streams = { { QStringLiteral("/vpc/flow"), QStringLiteral("eni-b-all"), kBaseMs },
            { QStringLiteral("/vpc/flow"), QStringLiteral("eni-a-acc"), kBaseMs + 1 },
            { QStringLiteral("/vpc/flow"), QStringLiteral("eni-a-all"), kBaseMs + 2 } };
    });
    CloudWatchLogsClient logs(*m_client);
    AwsError error;
    // A name prefix cannot go with the order by last event: by name then, one a page.
    const auto streams = logs.logStreams(QStringLiteral("/vpc/flow"), QStringLiteral("eni-a"), error);
    QVERIFY2(!error.isError(), qPrintable(error.text()));
    QCOMPARE(streams.size(), 2U);
    QCOMPARE(streams[0].name, QStringLiteral("eni-a-acc"));
    QCOMPARE(streams[1].name, QStringLiteral("eni-a-all"));
    std::vector<QJsonObject> bodies;
    m_server->locked([&] { bodies = m_state->streamRequests; });
    QCOMPARE(bodies.size(), 2U);
    QCOMPARE(bodies[0].value(QLatin1String("logStreamNamePrefix")).toString(), QStringLiteral("eni-a"));
    QVERIFY(!bodies[0].contains(QLatin1String("orderBy")));

    // A group that does not exist: the service's code and message, and no streams.
    const auto none = logs.logStreams(QStringLiteral("/vpc/missing"), {}, error);
    QVERIFY(none.empty());
    QVERIFY(error.isError());
    QVERIFY2(error.text().contains(QLatin1String("ResourceNotFoundException")), qPrintable(error.text()));
    QVERIFY2(error.text().contains(QLatin1String("The specified log group does not exist.")), qPrintable(error.text()));
    QVERIFY(!error.text().contains(QLatin1String(FakeAwsServer::kSecret)));
}

void TestCloudWatch::pullEveryPageInOrder()
{
    const auto events = makeEvents(2500);
    m_server->locked([&] {
        m_state->events = events;
        m_state->pageSize = 400;
        m_state->emptyPageBefore = { 0, 1200 };
        m_state->throttleOnce = { 800 };
    });
    FlowStore store;
    LogEventPuller puller(*m_client, store, std::make_shared<const RecordFormat>(RecordFormat::defaultV2()));
    std::vector<PullProgress> seen;
    bool rowsArrivedWithProgress = true;
    const PullResult result = puller.pull(wholeRange(), [&](const PullProgress& p) -> bool {
        seen.push_back(p);
        rowsArrivedWithProgress = rowsArrivedWithProgress && store.rowCount() == p.records;
        return true;
    });
    QVERIFY(rowsArrivedWithProgress); // rows are in the store when progress is reported
    QVERIFY2(result.complete(), qPrintable(result.error.text()));
    QCOMPARE(result.events, 2500U);
    QCOMPARE(result.records, 2500U);
    QCOMPARE(result.errors, 0U);
    QCOMPARE(result.pages, 9U); // ceil(2500/400) = 7 pages of events + 2 empty ones
    QCOMPARE(result.latestMs, events.back().timestampMs);
    QCOMPARE(seen.size(), 9U);
    QCOMPARE(seen.back().latestMs, events.back().timestampMs);
    verifyAllInOrder(store, events);
    const SourceInfo info = store.source(result.source);
    QCOMPARE(info.records, 2500U);
    QCOMPARE(info.path, QStringLiteral("cloudwatch-logs:eu-west-1:/vpc/flow"));
    QVERIFY(info.error.isEmpty());
    m_server->locked([&] {
        const QJsonObject first = m_state->filterRequests.front();
        QCOMPARE(first.value(QLatin1String("logGroupName")).toString(), QStringLiteral("/vpc/flow"));
        QCOMPARE(static_cast<qint64>(first.value(QLatin1String("startTime")).toDouble()), kBaseMs);
        QVERIFY(!first.contains(QLatin1String("nextToken")));
    });
}

void TestCloudWatch::repeatedTokenEndsTheLoop()
{
    m_server->locked([&] {
        m_state->events = makeEvents(10);
        m_state->pageSize = 4;
        m_state->repeatToken = true;
    });
    FlowStore store;
    LogEventPuller puller(*m_client, store, std::make_shared<const RecordFormat>(RecordFormat::defaultV2()));
    const PullResult result = puller.pull(wholeRange());
    QVERIFY(result.repeatedToken);
    QCOMPARE(result.pages, 2U); // the first "again", then "again" once more: stop
    QVERIFY(result.complete());
}

void TestCloudWatch::failureKeepsRowsAndResumes()
{
    const auto events = makeEvents(1000);
    m_server->locked([&] {
        m_state->events = events;
        m_state->pageSize = 300;
        m_state->failFromOffset = 600;
    });
    FlowStore store;
    LogEventPuller puller(*m_client, store, std::make_shared<const RecordFormat>(RecordFormat::defaultV2()));
    PullResult result = puller.pull(wholeRange());
    QCOMPARE(result.error.code, QStringLiteral("ServiceUnavailableException"));
    QCOMPARE(result.error.attempts, 3);
    QCOMPARE(result.resumeToken, QStringLiteral("600"));
    QCOMPARE(store.rowCount(), 600U);
    QVERIFY(store.source(result.source).error.contains(QLatin1String("ServiceUnavailableException")));

    m_server->locked([&] { m_state->failFromOffset = -1; });
    PullRequest resume = wholeRange();
    resume.resumeToken = result.resumeToken;
    result = puller.pull(resume);
    QVERIFY2(result.complete(), qPrintable(result.error.text()));
    QCOMPARE(result.events, 400U);
    verifyAllInOrder(store, events); // nothing lost, nothing twice, one source
    QVERIFY(store.source(result.source).error.isEmpty());
}

void TestCloudWatch::cancelKeepsRowsAndResumes()
{
    const auto events = makeEvents(1000);
    m_server->locked([&] {
        m_state->events = events;
        m_state->pageSize = 250;
    });
    FlowStore store;
    LogEventPuller puller(*m_client, store, std::make_shared<const RecordFormat>(RecordFormat::defaultV2()));
    PullResult result = puller.pull(wholeRange(), [](const PullProgress& p) { return p.pages < 2; });
    QVERIFY(result.cancelled);
    QCOMPARE(result.resumeToken, QStringLiteral("500"));
    QCOMPARE(store.rowCount(), 500U);
    PullRequest resume = wholeRange();
    resume.resumeToken = result.resumeToken;
    result = puller.pull(resume);
    QVERIFY(result.complete());
    verifyAllInOrder(store, events);
}

void TestCloudWatch::cancelStopsWithinASecond()
{
    m_server->locked([&] {
        m_state->events = makeEvents(300);
        m_state->pageSize = 100;
        m_state->slowOffset = 200;
    });
    FlowStore store;
    LogEventPuller puller(*m_client, store, std::make_shared<const RecordFormat>(RecordFormat::defaultV2()));
    std::atomic<bool> cancel { false };
    QElapsedTimer timer;
    const PullResult result = puller.pull(
        wholeRange(),
        [&](const PullProgress& p) -> bool {
            if (p.pages == 2) {
                timer.start();
                QTimer::singleShot(100, [&cancel] { cancel = true; });
            }
            return true;
        },
        &cancel);
    QVERIFY(result.cancelled);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(store.rowCount(), 200U);
    QCOMPARE(result.resumeToken, QStringLiteral("200"));
}

void TestCloudWatch::detectsFormat()
{
    std::vector<FakeEvent> events;
    const RecordFormat v5 = RecordFormat::allFieldsUpTo(5);
    for (int i = 0; i < 5; ++i) {
        // Every v5 field: the v2 ones, then vpc-id … traffic-path (values AWS would write).
        events.push_back({ QStringLiteral("v5-%1").arg(i), kBaseMs + i, QStringLiteral("s"),
            flowRecord(i, kBaseMs / 1000)
                + QStringLiteral(
                    " vpc-1 subnet-2 i-3 19 IPv4 10.0.0.1 10.1.0.5 eu-west-1 euw1-az1 - - - - egress 1") });
    }
    QCOMPARE(static_cast<std::size_t>(events.front().message.split(QLatin1Char(' ')).size()), v5.size());
    m_server->locked([&] { m_state->events = events; });
    FlowStore store;
    LogEventPuller puller(*m_client, store);
    const PullResult result = puller.pull(wholeRange());
    QVERIFY2(result.complete(), qPrintable(result.error.text()));
    QCOMPARE(result.records, 5U);
    QVERIFY(puller.format());
    QCOMPARE(*puller.format(), v5);
}

void TestCloudWatch::refusesUnknownFormat()
{
    m_server->locked([&] {
        m_state->events = { { QStringLiteral("x"), kBaseMs, QStringLiteral("s"), QStringLiteral("a b c") } };
    });
    FlowStore store;
    LogEventPuller puller(*m_client, store);
    const PullResult result = puller.pull(wholeRange());
    QCOMPARE(result.error.kind, AwsError::Kind::Configuration);
    QVERIFY2(
        result.error.text().contains(QLatin1String("the first event has 3 fields")), qPrintable(result.error.text()));
    QCOMPARE(store.rowCount(), 0U);
}

void TestCloudWatch::malformedEventsAreCounted()
{
    auto events = makeEvents(6);
    events[2].message = QStringLiteral("2 123456789012 eni-1 10.0.0.1 10.1.0.5 x 443 6 10 840 1 2 ACCEPT OK");
    m_server->locked([&] { m_state->events = events; });
    FlowStore store;
    LogEventPuller puller(*m_client, store, std::make_shared<const RecordFormat>(RecordFormat::defaultV2()));
    const PullResult result = puller.pull(wholeRange());
    QCOMPARE(result.records, 5U);
    QCOMPARE(result.errors, 1U);
    const auto samples = store.errorSamples();
    QCOMPARE(samples.size(), 1U);
    QCOMPARE(samples[0].line, 3U); // the third event
}

void TestCloudWatch::tailAddsOnlyNewEvents()
{
    auto events = makeEvents(4, 60000); // one a minute
    m_server->locked([&] { m_state->events = { events[0], events[1] }; });
    FlowStore store;
    TailOptions options;
    options.logGroup = QStringLiteral("/vpc/flow");
    options.startMs = kBaseMs;
    options.lookback = std::chrono::minutes(10);
    LogTail tail(*m_client, store, options, std::make_shared<const RecordFormat>(RecordFormat::defaultV2()));
    qint64 now = kBaseMs + 5 * 60000;
    tail.setClock([&now] { return now; });
    QCOMPARE(tail.pollOnce(), 2U);
    // A late event (older than the newest seen) and a new one arrive; the old ones are served again.
    FakeEvent late { QStringLiteral("late"), kBaseMs + 30000, QStringLiteral("s"), flowRecord(2, kBaseMs / 1000) };
    m_server->locked([&] { m_state->events = { events[0], late, events[1], events[3] }; });
    now += 60000;
    QCOMPARE(tail.pollOnce(), 2U);
    QCOMPARE(tail.pollOnce(), 0U);
    QCOMPARE(store.rowCount(), 4U);
    std::multiset<std::int64_t> ports;
    for (const StoredRow& r : storedRows(store)) {
        ports.insert(r.srcPort);
    }
    QCOMPARE(ports, (std::multiset<std::int64_t> { 0, 1, 2, 3 }));
    QCOMPARE(tail.progress().polls, 3U);
    QCOMPARE(tail.progress().latestMs, events[3].timestampMs);
    m_server->locked([&] {
        // The second poll started at the newest event seen minus the lookback, not before the start.
        QCOMPARE(static_cast<qint64>(m_state->filterRequests[1].value(QLatin1String("startTime")).toDouble()), kBaseMs);
        const qint64 third
            = static_cast<qint64>(m_state->filterRequests[2].value(QLatin1String("startTime")).toDouble());
        QCOMPARE(third, events[3].timestampMs - 10 * 60000 < kBaseMs ? kBaseMs : events[3].timestampMs - 10 * 60000);
        QCOMPARE(static_cast<qint64>(m_state->filterRequests[2].value(QLatin1String("endTime")).toDouble()), now);
    });
}

void TestCloudWatch::insightsPollsAndReturnsTable()
{
    m_server->locked([&] {
        m_state->events = makeEvents(50);
        m_state->runningPolls = 2;
    });
    InsightsRunner runner(*m_client);
    // Seconds 0..19 of the events: 20 of them.
    const InsightsRequest request = insightsRequest(
        QStringLiteral("fields @timestamp, @message | sort @timestamp asc"), kBaseMs, kBaseMs + 19999);
    std::vector<QString> statuses;
    const InsightsTable table = runner.run(request, [&](const InsightsProgress& p) -> bool {
        statuses.push_back(p.status);
        return true;
    });
    QVERIFY2(!table.error.isError(), qPrintable(table.error.text()));
    QCOMPARE(table.status, QStringLiteral("Complete"));
    QCOMPARE(table.columns, (QStringList { QStringLiteral("@timestamp"), QStringLiteral("@message") }));
    QCOMPARE(table.rows.size(), 20U);
    QCOMPARE(table.rows[19][0], QString::number(kBaseMs + 19000));
    QCOMPARE(table.statistics.recordsMatched, 20.0);
    QCOMPARE(table.statistics.bytesScanned, 2000.0);
    QCOMPARE(table.queries, 1);
    QVERIFY(!table.truncated);
    QCOMPARE(statuses.front(), QStringLiteral("Running"));
    m_server->locked([&] {
        const QJsonObject q = m_state->queries.begin()->second;
        QCOMPARE(q.value(QLatin1String("startTime")).toInt(), static_cast<int>(kBaseMs / 1000));
        QCOMPARE(q.value(QLatin1String("endTime")).toInt(), static_cast<int>(kBaseMs / 1000 + 19));
        QCOMPARE(q.value(QLatin1String("limit")).toInt(), 10000);
    });
}

void TestCloudWatch::insightsSplitsFullRanges()
{
    // 25,000 events, 5 per second over 5,000 s; the fake caps answers at 10,000 rows.
    m_server->locked([&] {
        m_state->events = makeEvents(25000, 200);
        m_state->runningPolls = 0;
    });
    InsightsRunner runner(*m_client);
    InsightsRequest request
        = insightsRequest(QStringLiteral("fields @timestamp, @message"), kBaseMs, kBaseMs + 5000 * 1000 - 1);
    const InsightsTable table = runner.run(request);
    QVERIFY2(!table.error.isError(), qPrintable(table.error.text()));
    QVERIFY(!table.truncated);
    QCOMPARE(table.rows.size(), 25000U);
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        QCOMPARE(table.rows[i][0].toLongLong(), kBaseMs + static_cast<qint64>(i) * 200); // each once, in order
    }
    // Worked by hand: [0,4999] full → [0,2499] (12,500 rows: full) → [0,1249], [1250,2499] (6,250 each);
    // [2500,4999] full → [2500,3749], [3750,4999]. Seven queries, three splits.
    QCOMPARE(table.queries, 7);
    QCOMPARE(table.splits, 3);
}

void TestCloudWatch::insightsOneSecondStillFull()
{
    std::vector<FakeEvent> events;
    for (int i = 0; i < 30; ++i) {
        events.push_back(
            { QStringLiteral("s%1").arg(i), kBaseMs + i, QStringLiteral("s"), flowRecord(i, kBaseMs / 1000) });
    }
    m_server->locked([&] {
        m_state->events = events;
        m_state->insightsCap = 10; // every query answers at most 10 rows here
        m_state->runningPolls = 0;
    });
    InsightsRunner runner(*m_client);
    InsightsRequest request = insightsRequest(QStringLiteral("fields @message"), kBaseMs, kBaseMs + 1999);
    request.limit = 10;
    const InsightsTable table = runner.run(request);
    QVERIFY(table.truncated);
    QVERIFY2(table.note.contains(QLatin1String("one-second range")), qPrintable(table.note));
    QCOMPARE(table.rows.size(), 10U); // second 0 (full, cannot split) + second 1 (empty)
    QCOMPARE(table.queries, 3);
}

void TestCloudWatch::insightsAggregationIsNotSplit()
{
    QVERIFY(InsightsRunner::isAggregation(QStringLiteral("filter action = 'REJECT' | stats count(*) by srcAddr")));
    QVERIFY(InsightsRunner::isAggregation(QStringLiteral("STATS sum(bytes)")));
    QVERIFY(!InsightsRunner::isAggregation(QStringLiteral("fields @message | filter @message like /stats/")));
    m_server->locked([&] {
        m_state->events = makeEvents(30);
        m_state->insightsCap = 10;
        m_state->runningPolls = 0;
    });
    InsightsRunner runner(*m_client);
    InsightsRequest request = insightsRequest(QStringLiteral("stats count(*) by srcAddr"), kBaseMs, kBaseMs + 60000);
    request.limit = 10;
    const InsightsTable table = runner.run(request);
    QCOMPARE(table.queries, 1);
    QVERIFY(table.truncated);
    QVERIFY2(table.note.contains(QLatin1String("aggregation")), qPrintable(table.note));
}

void TestCloudWatch::insightsFailure()
{
    m_server->locked([&] {
        m_state->events = makeEvents(5);
        m_state->finalStatus = QStringLiteral("Timeout");
        m_state->runningPolls = 0;
    });
    InsightsRunner runner(*m_client);
    InsightsRequest request = insightsRequest(QStringLiteral("fields @message"), kBaseMs, kBaseMs + 60000);
    const InsightsTable table = runner.run(request);
    QCOMPARE(table.status, QStringLiteral("Timeout"));
    QVERIFY(table.error.isError());
    QVERIFY2(table.error.text().contains(QLatin1String("ended with status Timeout")), qPrintable(table.error.text()));
}

void TestCloudWatch::insightsCancelStopsQuery()
{
    m_server->locked([&] {
        m_state->events = makeEvents(5);
        m_state->runningPolls = 1000000;
    });
    InsightsRunner runner(*m_client);
    InsightsRequest request = insightsRequest(QStringLiteral("fields @message"), kBaseMs, kBaseMs + 60000);
    request.pollInterval = std::chrono::milliseconds(20);
    const InsightsTable table = runner.run(request, [](const InsightsProgress&) { return false; });
    QVERIFY(table.cancelled);
    QVERIFY(!table.error.isError());
    m_server->locked([&] { QCOMPARE(m_state->stopped, QStringList { QStringLiteral("q1") }); });
}

QTEST_GUILESS_MAIN(TestCloudWatch)
#include "tst_cloudwatch.moc"
