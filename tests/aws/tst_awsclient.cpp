// The JSON 1.1 client against a fake endpoint that checks signatures and scripts its answers.
#include "aws/awsjsonclient.h"
#include "fakeawsserver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QLocale>
#include <QTest>
#include <QTimeZone>
#include <QTimer>
#include <memory>

using namespace flowlens;

namespace {

AwsClientConfig configFor(const QUrl& endpoint)
{
    AwsClientConfig config;
    config.credentials.accessKeyId = QLatin1String(FakeAwsServer::kAccessKeyId);
    config.credentials.secretAccessKey = QLatin1String(FakeAwsServer::kSecret);
    config.credentials.source = QStringLiteral("the test");
    config.region = QStringLiteral("eu-west-1");
    config.endpoint = endpoint;
    config.customEndpoint = true;
    return config;
}

// Scripted answers in order; the last one repeats.
FakeAwsServer::Handler script(std::vector<FakeReply> replies)
{
    auto shared = std::make_shared<std::vector<FakeReply>>(std::move(replies));
    auto next = std::make_shared<std::size_t>(0);
    return [shared, next](const FakeRequest&) {
        const std::size_t i = std::min(*next, shared->size() - 1);
        ++*next;
        return (*shared)[i];
    };
}

QByteArray httpDate(const QDateTime& time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

} // namespace

class TestAwsClient : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<FakeAwsServer> m_server;
    std::vector<int> m_delays; // retries the client asked to wait for

    std::unique_ptr<AwsJsonClient> client(AwsClientConfig config)
    {
        auto c = std::make_unique<AwsJsonClient>(std::move(config), AwsService::CloudWatchLogs);
        RetryPolicy policy = c->retryPolicy();
        policy.delay = [this](int retry) {
            m_delays.push_back(retry);
            return std::chrono::milliseconds(1);
        };
        c->setRetryPolicy(policy);
        return c;
    }
    std::unique_ptr<AwsJsonClient> client() { return client(configFor(m_server->url())); }

private Q_SLOTS:
    void init();
    void success();
    void sessionTokenIsSentAndSigned();
    void throttlingThenSuccess();
    void serverErrorsExhaustRetries();
    void malformedJson();
    void droppedConnection();
    void droppedEveryTime();
    void expiredToken();
    void wrongSecretIsRejected();
    void clockSkewIsCorrected();
    void clockSkewIsExplained();
    void slowAnswerTimesOutAndRetries();
    void cancelStopsQuickly();
    void plainHttpNeedsExplicitEndpoint();
    void backoffIsCappedExponentialWithJitter();
    void hostHeaderAndErrorCodes();
};

void TestAwsClient::init()
{
    m_server = std::make_unique<FakeAwsServer>();
    m_delays.clear();
}

void TestAwsClient::success()
{
    m_server->setHandler([](const FakeRequest& r) {
        return FakeReply::json({ { QStringLiteral("echo"), r.json().value(QLatin1String("logGroupNamePrefix")) } });
    });
    auto c = client();
    const AwsResponse response = c->call(
        QStringLiteral("DescribeLogGroups"), { { QStringLiteral("logGroupNamePrefix"), QStringLiteral("/vpc") } });
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    QCOMPARE(response.attempts, 1);
    QCOMPARE(response.body.value(QLatin1String("echo")).toString(), QStringLiteral("/vpc"));
    const auto requests = m_server->requests();
    QCOMPARE(requests.size(), 1U);
    QCOMPARE(requests[0].method, QByteArray("POST"));
    QCOMPARE(requests[0].path, QByteArray("/"));
    QCOMPARE(requests[0].header("x-amz-target"), QByteArray("Logs_20140328.DescribeLogGroups"));
    QCOMPARE(requests[0].header("content-type"), QByteArray("application/x-amz-json-1.1"));
    // The port is not the default one, so the signed Host carries it.
    QCOMPARE(requests[0].header("host"), "127.0.0.1:" + QByteArray::number(m_server->url().port()));
    QCOMPARE(m_server->rejected(), 0);
}

void TestAwsClient::sessionTokenIsSentAndSigned()
{
    m_server->setHandler(script({ FakeReply::json({}) }));
    AwsClientConfig config = configFor(m_server->url());
    config.credentials.sessionToken = QStringLiteral("session-token-value");
    const AwsResponse response = client(config)->call(QStringLiteral("DescribeLogGroups"), {});
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    const auto requests = m_server->requests();
    QCOMPARE(requests[0].header("x-amz-security-token"), QByteArray("session-token-value"));
    QVERIFY(requests[0].signedHeaders().split(';').contains("x-amz-security-token"));
}

void TestAwsClient::throttlingThenSuccess()
{
    m_server->setHandler(
        script({ FakeReply::error(400, QStringLiteral("ThrottlingException"), QStringLiteral("Rate exceeded")),
            FakeReply::json({ { QStringLiteral("ok"), true } }) }));
    const AwsResponse response = client()->call(QStringLiteral("FilterLogEvents"), {});
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    QCOMPARE(response.attempts, 2);
    QCOMPARE(m_delays, std::vector<int> { 1 });
    QCOMPARE(m_server->requests().size(), 2U);
}

void TestAwsClient::serverErrorsExhaustRetries()
{
    m_server->setHandler(script({ FakeReply::error(500, QStringLiteral("InternalFailure"), QStringLiteral("boom")) }));
    const AwsResponse response = client()->call(QStringLiteral("FilterLogEvents"), {});
    QCOMPARE(response.error.kind, AwsError::Kind::Service);
    QCOMPARE(response.error.code, QStringLiteral("InternalFailure"));
    QCOMPARE(response.error.message, QStringLiteral("boom"));
    QCOMPARE(response.attempts, 3);
    QCOMPARE(m_delays, (std::vector<int> { 1, 2 }));
    QCOMPARE(m_server->requests().size(), 3U);
    QCOMPARE(response.error.text(),
        QStringLiteral("InternalFailure (HTTP 500): boom. (gave up after 3 attempts) [request id fake-request-id]"));
}

void TestAwsClient::malformedJson()
{
    FakeReply broken;
    broken.body = "{\"events\": [";
    m_server->setHandler(script({ broken }));
    const AwsResponse response = client()->call(QStringLiteral("FilterLogEvents"), {});
    QCOMPARE(response.error.kind, AwsError::Kind::BadResponse);
    QCOMPARE(response.attempts, 1);
    QVERIFY2(response.error.text().contains(QLatin1String("FilterLogEvents with a body that is not a JSON object")),
        qPrintable(response.error.text()));
    QVERIFY2(response.error.text().contains(QLatin1String("of 12)")), qPrintable(response.error.text()));
}

void TestAwsClient::droppedConnection()
{
    FakeReply drop;
    drop.drop = true;
    m_server->setHandler(script({ drop, FakeReply::json({ { QStringLiteral("n"), 7 } }) }));
    const AwsResponse response = client()->call(QStringLiteral("FilterLogEvents"), {});
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    QCOMPARE(response.body.value(QLatin1String("n")).toInt(), 7);
    // Qt resends once by itself when a connection closes before any answer; either way the second
    // request is the one that answers.
    QCOMPARE(m_server->requests().size(), 2U);
}

void TestAwsClient::droppedEveryTime()
{
    FakeReply drop;
    drop.drop = true;
    m_server->setHandler(script({ drop }));
    const AwsResponse response = client()->call(QStringLiteral("FilterLogEvents"), {});
    QCOMPARE(response.error.kind, AwsError::Kind::Network);
    QCOMPARE(response.attempts, 3);
    QVERIFY2(response.error.text().contains(m_server->url().toString()), qPrintable(response.error.text()));
}

void TestAwsClient::expiredToken()
{
    m_server->setHandler(script({ FakeReply::error(400, QStringLiteral("ExpiredTokenException"),
        QStringLiteral("The security token included in the request is expired")) }));
    AwsClientConfig config = configFor(m_server->url());
    config.credentials.sessionToken = QStringLiteral("expired-session-token");
    const AwsResponse response = client(config)->call(QStringLiteral("FilterLogEvents"), {});
    QCOMPARE(response.error.kind, AwsError::Kind::ExpiredCredentials);
    QCOMPARE(response.attempts, 1);
    const QString text = response.error.text();
    QVERIFY2(text.startsWith(QStringLiteral("ExpiredTokenException (HTTP 400): The security token included in the "
                                            "request is expired. The session credentials (access key …RVER from the "
                                            "test) have expired")),
        qPrintable(text));
    QVERIFY(!text.contains(QLatin1String(FakeAwsServer::kSecret)));
    QVERIFY(!text.contains(QLatin1String("expired-session-token")));
}

void TestAwsClient::wrongSecretIsRejected()
{
    m_server->setHandler(script({ FakeReply::json({}) }));
    AwsClientConfig config = configFor(m_server->url());
    config.credentials.secretAccessKey = QStringLiteral("not-the-right-secret");
    const AwsResponse response = client(config)->call(QStringLiteral("DescribeLogGroups"), {});
    QCOMPARE(response.error.kind, AwsError::Kind::Service);
    QCOMPARE(response.error.code, QStringLiteral("InvalidSignatureException"));
    QCOMPARE(response.error.httpStatus, 403);
    QCOMPARE(response.attempts, 1);
    QCOMPARE(m_server->rejected(), 1);
    QCOMPARE(m_server->lastRejection(), QStringLiteral("signature mismatch"));
    QVERIFY(!response.error.text().contains(QLatin1String("not-the-right-secret")));
}

void TestAwsClient::clockSkewIsCorrected()
{
    // The server refuses requests dated more than 5 minutes from its own clock, as AWS does.
    m_server->setHandler([](const FakeRequest& r) {
        const QDateTime server = QDateTime::currentDateTimeUtc();
        QDateTime signedAt = QDateTime::fromString(
            QString::fromLatin1(r.header("x-amz-date")), QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        signedAt.setTimeZone(QTimeZone::utc());
        if (std::llabs(signedAt.secsTo(server)) > 300) {
            FakeReply reply = FakeReply::error(403, QStringLiteral("InvalidSignatureException"),
                QStringLiteral("Signature expired: %1 is now earlier than ...")
                    .arg(QLatin1String(r.header("x-amz-date"))));
            reply.headers.push_back({ "Date", httpDate(server) });
            return reply;
        }
        return FakeReply::json({ { QStringLiteral("ok"), true } });
    });
    auto c = client();
    c->setClock([] { return QDateTime::currentDateTimeUtc().addSecs(-2 * 3600); });
    const AwsResponse response = c->call(QStringLiteral("DescribeLogGroups"), {});
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    QCOMPARE(response.attempts, 2);
    QVERIFY(m_delays.empty()); // re-signed at once, not a backoff retry
}

void TestAwsClient::clockSkewIsExplained()
{
    const QDateTime serverTime(QDate(2030, 1, 2), QTime(3, 4, 5), QTimeZone::utc());
    FakeReply skew = FakeReply::error(400, QStringLiteral("InvalidSignatureException"),
        QStringLiteral("Signature expired: 20300102T013405Z is now earlier than 20300102T025905Z"));
    skew.headers.push_back({ "Date", httpDate(serverTime) });
    m_server->setHandler(script({ skew }));
    auto c = client();
    c->setClock([serverTime] { return serverTime.addSecs(-(90 * 60 + 5)); });
    const AwsResponse response = c->call(QStringLiteral("DescribeLogGroups"), {});
    QCOMPARE(response.error.kind, AwsError::Kind::ClockSkew);
    const QString text = response.error.text();
    QVERIFY2(
        text.startsWith(QLatin1String("InvalidSignatureException (HTTP 400): Signature expired")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String(
                 "This computer's clock is 1 h 30 min behind AWS's (the server's time is 2030-01-02T03:04:05Z)")),
        qPrintable(text));
    QCOMPARE(response.attempts, 2); // one re-signed attempt with the learnt offset, then the explanation
}

void TestAwsClient::slowAnswerTimesOutAndRetries()
{
    FakeReply slow = FakeReply::json({ { QStringLiteral("which"), QStringLiteral("slow") } });
    slow.delayMs = 5000;
    m_server->setHandler(script({ slow, FakeReply::json({ { QStringLiteral("which"), QStringLiteral("fast") } }) }));
    auto c = client();
    c->setRequestTimeout(std::chrono::milliseconds(200));
    const AwsResponse response = c->call(QStringLiteral("FilterLogEvents"), {});
    QVERIFY2(!response.error.isError(), qPrintable(response.error.text()));
    QCOMPARE(response.body.value(QLatin1String("which")).toString(), QStringLiteral("fast"));
    QCOMPARE(response.attempts, 2);
}

void TestAwsClient::cancelStopsQuickly()
{
    FakeReply slow = FakeReply::json({});
    slow.delayMs = 10000;
    m_server->setHandler(script({ slow }));
    std::atomic<bool> cancel { false };
    QTimer::singleShot(100, [&cancel] { cancel = true; });
    QElapsedTimer timer;
    timer.start();
    const AwsResponse response = client()->call(QStringLiteral("FilterLogEvents"), {}, &cancel);
    QCOMPARE(response.error.kind, AwsError::Kind::Cancelled);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
}

void TestAwsClient::plainHttpNeedsExplicitEndpoint()
{
    AwsClientConfig config = configFor(m_server->url());
    config.customEndpoint = false;
    const AwsResponse response = client(config)->call(QStringLiteral("DescribeLogGroups"), {});
    QCOMPARE(response.error.kind, AwsError::Kind::Configuration);
    QVERIFY(response.error.text().contains(QLatin1String("plain http")));
    QCOMPARE(m_server->requests().size(), 0U);
    QCOMPARE(m_server->rejected(), 0);
}

void TestAwsClient::backoffIsCappedExponentialWithJitter()
{
    using std::chrono::milliseconds;
    const milliseconds cap(20000);
    // random × min(2^(retry-1) s, 20 s), worked by hand.
    QCOMPARE(RetryPolicy::backoff(1, 1.0, cap), milliseconds(1000));
    QCOMPARE(RetryPolicy::backoff(1, 0.25, cap), milliseconds(250));
    QCOMPARE(RetryPolicy::backoff(2, 0.5, cap), milliseconds(1000));
    QCOMPARE(RetryPolicy::backoff(4, 1.0, cap), milliseconds(8000));
    QCOMPARE(RetryPolicy::backoff(5, 1.0, cap), milliseconds(16000));
    QCOMPARE(RetryPolicy::backoff(6, 1.0, cap), milliseconds(20000)); // 32 s capped
    QCOMPARE(RetryPolicy::backoff(60, 0.5, cap), milliseconds(10000));
    QCOMPARE(RetryPolicy::backoff(3, 0.0, cap), milliseconds(0));
}

void TestAwsClient::hostHeaderAndErrorCodes()
{
    QCOMPARE(AwsJsonClient::hostHeader(QUrl(QStringLiteral("https://logs.eu-west-1.amazonaws.com"))),
        QByteArray("logs.eu-west-1.amazonaws.com"));
    QCOMPARE(AwsJsonClient::hostHeader(QUrl(QStringLiteral("https://h.example:443/"))), QByteArray("h.example"));
    QCOMPARE(AwsJsonClient::hostHeader(QUrl(QStringLiteral("https://h.example:8443/"))), QByteArray("h.example:8443"));
    QCOMPARE(AwsJsonClient::hostHeader(QUrl(QStringLiteral("http://h.example:80"))), QByteArray("h.example"));
    QCOMPARE(AwsJsonClient::hostHeader(QUrl(QStringLiteral("http://[::1]:4566"))), QByteArray("[::1]:4566"));
    QCOMPARE(AwsJsonClient::errorCode(QStringLiteral("com.amazonaws.logs#ResourceNotFoundException")),
        QStringLiteral("ResourceNotFoundException"));
    QCOMPARE(AwsJsonClient::errorCode(QStringLiteral("ThrottlingException:http://internal.amazon.com/coral/")),
        QStringLiteral("ThrottlingException"));
}

QTEST_GUILESS_MAIN(TestAwsClient)
#include "tst_awsclient.moc"
