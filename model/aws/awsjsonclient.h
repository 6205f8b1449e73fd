#pragma once

#include "awsconfigresolver.h"
#include "awserror.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkReply;

namespace flowlens {

// Waits in a local event loop, waking every 50 ms to check `cancel`; false when cancelled.
bool waitUnlessCancelled(std::chrono::milliseconds delay, const std::atomic<bool>* cancel);

// AWS's "standard" retry mode: throttling, transient errors and 5xx are retried up to maxAttempts
// (first try included) after a capped exponential backoff with full jitter, while a retry quota
// lasts (so a broken service is not hammered).
struct RetryPolicy {
    int maxAttempts = 3;
    std::chrono::milliseconds maxBackoff { 20000 };
    // The wait before retry number `retry` (1 = the first retry). Null: backoff() with a random
    // factor. Tests inject a function that returns a few milliseconds and records the calls.
    std::function<std::chrono::milliseconds(int retry)> delay;

    // random (in [0, 1]) × min(2^(retry-1) s, maxBackoff).
    static std::chrono::milliseconds backoff(int retry, double random, std::chrono::milliseconds maxBackoff);
};

struct AwsResponse {
    QJsonObject body;
    AwsError error;
    int attempts = 0;
};

// One POST in one of AWS's protocols: JSON 1.1 (X-Amz-Target names the operation) or the Query API
// of EC2 (a form body with Action=…&Version=…, XML answers).
struct AwsHttpRequest {
    QString operation; // for messages
    QByteArray contentType;
    QByteArray target; // X-Amz-Target; empty for the Query API
    QByteArray body;
};

struct AwsRawResponse {
    QByteArray body; // the answer as sent (after the last attempt)
    AwsError error;
    int attempts = 0;
};

// Calls one AWS service, signed with SigV4: JSON 1.1 (CloudWatch Logs) with call(), any POST (the
// EC2 Query API) with exchange(); errors are read from JSON or XML bodies. call() blocks its thread in a local event
// loop until the answer (or the last retry) arrives, so run it on a worker thread when a GUI is waiting. One client
// serves one thread at a time.
class AwsJsonClient {
public:
    AwsJsonClient(AwsClientConfig config, AwsService service);
    ~AwsJsonClient();
    AwsJsonClient(const AwsJsonClient&) = delete;
    AwsJsonClient& operator=(const AwsJsonClient&) = delete;

    void setRetryPolicy(RetryPolicy policy) { m_policy = std::move(policy); }
    const RetryPolicy& retryPolicy() const { return m_policy; }
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    // For tests: the local clock used for signing (the skew correction is added to it).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    // `operation` is the action name ("FilterLogEvents"). When `cancel` becomes true the request in
    // flight is aborted (within ~50 ms) and the result is a Cancelled error.
    AwsResponse call(const QString& operation, const QJsonObject& request, const std::atomic<bool>* cancel = nullptr);
    // The same retries and error handling for a request in any protocol; the body is not parsed.
    AwsRawResponse exchange(const AwsHttpRequest& request, const std::atomic<bool>* cancel = nullptr);

    const AwsClientConfig& config() const { return m_config; }
    // The Host header for an endpoint: the port only when it is not the scheme's default.
    static QByteArray hostHeader(const QUrl& url);
    // "com.amazonaws.logs#ThrottlingException" / "ThrottlingException:http://…" → "ThrottlingException".
    static QString errorCode(const QString& raw);
    static bool isThrottling(const QString& code);
    static bool isTransient(const QString& code, int httpStatus);
    static bool isClockSkew(const QString& code, const QString& message);
    static bool isExpiredToken(const QString& code);

private:
    struct Attempt {
        int httpStatus = 0;
        QByteArray body;
        QByteArray serverDate;
        QByteArray requestId;
        QByteArray errorTypeHeader;
        bool networkError = false;
        bool timedOut = false;
        bool cancelled = false;
        QString networkMessage;
    };
    Attempt send(const AwsHttpRequest& request, const std::atomic<bool>* cancel);
    QDateTime now() const;
    AwsError classify(const Attempt& attempt) const;

    AwsClientConfig m_config;
    AwsService m_service;
    RetryPolicy m_policy;
    std::chrono::milliseconds m_timeout { 60000 };
    std::function<QDateTime()> m_clock;
    qint64 m_clockOffsetMs = 0; // AWS's clock minus ours, learnt from a skew error
    int m_retryQuota = 500;
    std::unique_ptr<QNetworkAccessManager> m_network;
};

} // namespace flowlens
