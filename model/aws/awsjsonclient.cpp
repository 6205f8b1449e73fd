#include "awsjsonclient.h"

#include "sigv4signer.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QThread>
#include <QTimeZone>
#include <QTimer>
#include <QXmlStreamReader>
#include <algorithm>
#include <cmath>

namespace flowlens {

namespace {

constexpr int kRetryCost = 5;
constexpr int kTimeoutRetryCost = 10;
constexpr int kQuotaMax = 500;
constexpr qint64 kSkewToleranceMs = 4 * 60 * 1000; // AWS rejects beyond 5 minutes

QDateTime parseHttpDate(const QByteArray& text)
{
    QDateTime time = QLocale::c().toDateTime(
        QString::fromLatin1(text).trimmed(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    return time.isValid() ? QDateTime(time.date(), time.time(), Qt::UTC) : QDateTime();
}

QString duration(qint64 ms)
{
    const qint64 s = std::llabs(ms) / 1000;
    if (s >= 3600) {
        return QStringLiteral("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
    }
    if (s >= 60) {
        return QStringLiteral("%1 min %2 s").arg(s / 60).arg(s % 60);
    }
    return QStringLiteral("%1 s").arg(s);
}

struct XmlError {
    QString code;
    QString message;
    QString requestId;
};

// The first Error's Code and Message of an XML error document: EC2's
// <Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…
// and the <ErrorResponse><Error>… of the other Query services.
XmlError xmlError(const QByteArray& body)
{
    XmlError error;
    QXmlStreamReader xml(body);
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement) {
            continue;
        }
        const QStringView name = xml.name();
        QString* into = name == QLatin1String("Code")                                  ? &error.code
            : name == QLatin1String("Message")                                         ? &error.message
            : name == QLatin1String("RequestID") || name == QLatin1String("RequestId") ? &error.requestId
                                                                                       : nullptr;
        if (into != nullptr && into->isEmpty()) {
            *into = xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
        }
    }
    return error;
}

} // namespace

std::chrono::milliseconds RetryPolicy::backoff(int retry, double random, std::chrono::milliseconds maxBackoff)
{
    const double ceiling
        = std::min(std::ldexp(1000.0, std::clamp(retry - 1, 0, 30)), static_cast<double>(maxBackoff.count()));
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::clamp(random, 0.0, 1.0) * ceiling));
}

AwsJsonClient::AwsJsonClient(AwsClientConfig config, AwsService service)
    : m_config(std::move(config))
    , m_service(service)
{
    m_policy.maxAttempts = m_config.maxAttempts;
}

AwsJsonClient::~AwsJsonClient() = default;

QByteArray AwsJsonClient::hostHeader(const QUrl& url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toUtf8();
    if (host.contains(':')) {
        host = '[' + host + ']'; // IPv6 literal
    }
    const int defaultPort = url.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0 ? 80 : 443;
    const int port = url.port(defaultPort);
    if (port != defaultPort) {
        host += ':' + QByteArray::number(port);
    }
    return host;
}

QString AwsJsonClient::errorCode(const QString& raw)
{
    QString code = raw.trimmed();
    const qsizetype colon = code.indexOf(QLatin1Char(':'));
    if (colon >= 0) {
        code = code.left(colon);
    }
    const qsizetype hash = code.lastIndexOf(QLatin1Char('#'));
    if (hash >= 0) {
        code = code.mid(hash + 1);
    }
    return code;
}

bool AwsJsonClient::isThrottling(const QString& code)
{
    static const QStringList codes { QStringLiteral("Throttling"), QStringLiteral("ThrottlingException"),
        QStringLiteral("ThrottledException"), QStringLiteral("RequestThrottledException"),
        QStringLiteral("TooManyRequestsException"), QStringLiteral("ProvisionedThroughputExceededException"),
        QStringLiteral("TransactionInProgressException"), QStringLiteral("RequestLimitExceeded"),
        QStringLiteral("BandwidthLimitExceeded"), QStringLiteral("LimitExceededException"),
        QStringLiteral("RequestThrottled"), QStringLiteral("SlowDown"), QStringLiteral("EC2ThrottledException") };
    return codes.contains(code);
}

bool AwsJsonClient::isTransient(const QString& code, int httpStatus)
{
    static const QStringList codes { QStringLiteral("RequestTimeout"), QStringLiteral("RequestTimeoutException"),
        QStringLiteral("PriorRequestNotComplete"), QStringLiteral("InternalError"), QStringLiteral("InternalFailure"),
        QStringLiteral("ServiceUnavailable"), QStringLiteral("ServiceUnavailableException") };
    return codes.contains(code) || httpStatus == 500 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
}

bool AwsJsonClient::isClockSkew(const QString& code, const QString& message)
{
    static const QStringList codes { QStringLiteral("RequestTimeTooSkewed"), QStringLiteral("RequestExpired"),
        QStringLiteral("RequestInTheFuture") };
    if (codes.contains(code)) {
        return true;
    }
    return (code == QLatin1String("InvalidSignatureException") || code == QLatin1String("SignatureDoesNotMatch")
               || code == QLatin1String("AuthFailure"))
        && message.contains(QLatin1String("Signature expired"), Qt::CaseInsensitive);
}

bool AwsJsonClient::isExpiredToken(const QString& code)
{
    return code == QLatin1String("ExpiredTokenException") || code == QLatin1String("ExpiredToken")
        || code == QLatin1String("TokenRefreshRequired");
}

QDateTime AwsJsonClient::now() const
{
    const QDateTime local = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
    return local.addMSecs(m_clockOffsetMs);
}

bool waitUnlessCancelled(std::chrono::milliseconds delay, const std::atomic<bool>* cancel)
{
    QEventLoop loop;
    QTimer done;
    done.setSingleShot(true);
    QObject::connect(&done, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (cancel && cancel->load()) {
            loop.quit();
        }
    });
    done.start(delay);
    poll.start(50);
    if (delay.count() > 0) {
        loop.exec();
    }
    return !(cancel && cancel->load());
}

AwsJsonClient::Attempt AwsJsonClient::send(const AwsHttpRequest& http, const std::atomic<bool>* cancel)
{
    if (!m_network || m_network->thread() != QThread::currentThread()) {
        m_network = std::make_unique<QNetworkAccessManager>();
        m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
    const AwsServiceInfo& info = awsServiceInfo(m_service);
    QUrl url = m_config.endpoint;
    if (url.path().isEmpty()) {
        url.setPath(QStringLiteral("/"));
    }

    SigningRequest signing;
    signing.method = "POST";
    signing.path = url.path();
    signing.headers.push_back({ "Host", hostHeader(url) });
    signing.headers.push_back({ "Content-Type", http.contentType });
    if (!http.target.isEmpty()) {
        signing.headers.push_back({ "X-Amz-Target", http.target });
    }
    signing.body = http.body;
    SigningOptions options;
    options.region = m_config.region;
    options.service = QLatin1String(info.signingName);
    options.time = now();
    SigV4Signer::signHeaders(signing, m_config.credentials, options);

    QNetworkRequest request(url);
    for (const HttpHeader& header : signing.headers) {
        request.setRawHeader(header.name, header.value);
    }
    request.setRawHeader("User-Agent", "FlowLens/" FLOWLENS_VERSION);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!m_config.caCertificates.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.setCaCertificates(m_config.caCertificates);
        request.setSslConfiguration(ssl);
    }

    Attempt attempt;
    QNetworkReply* reply = m_network->post(request, http.body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&] {
        attempt.timedOut = true;
        reply->abort();
    });
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (cancel && cancel->load()) {
            attempt.cancelled = true;
            reply->abort();
        }
    });
    timeout.start(m_timeout);
    poll.start(50);
    if (!reply->isFinished()) {
        loop.exec();
    }
    attempt.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen()) {
        attempt.body = reply->readAll();
    }
    attempt.serverDate = reply->rawHeader("Date");
    attempt.requestId = reply->rawHeader("x-amzn-RequestId");
    attempt.errorTypeHeader = reply->rawHeader("x-amzn-ErrorType");
    if (attempt.httpStatus == 0) {
        attempt.networkError = true;
        attempt.networkMessage = reply->errorString();
    }
    reply->deleteLater();
    return attempt;
}

AwsError AwsJsonClient::classify(const Attempt& attempt) const
{
    AwsError error;
    error.httpStatus = attempt.httpStatus;
    error.requestId = QString::fromLatin1(attempt.requestId);
    if (attempt.cancelled) {
        error.kind = AwsError::Kind::Cancelled;
        error.message = QStringLiteral("Cancelled");
        return error;
    }
    if (attempt.timedOut) {
        error.kind = AwsError::Kind::Timeout;
        error.message = QStringLiteral("No answer from %1 within %2 s")
                            .arg(m_config.endpoint.toString())
                            .arg(static_cast<double>(m_timeout.count()) / 1000.0);
        return error;
    }
    if (attempt.networkError) {
        error.kind = AwsError::Kind::Network;
        error.message = QStringLiteral("%1: %2").arg(m_config.endpoint.toString(), attempt.networkMessage);
        return error;
    }
    if (attempt.httpStatus >= 200 && attempt.httpStatus < 300) {
        return error;
    }
    QString code;
    if (attempt.body.trimmed().startsWith('<')) {
        const XmlError xml = xmlError(attempt.body);
        code = xml.code;
        error.message = xml.message;
        if (error.requestId.isEmpty()) {
            error.requestId = xml.requestId;
        }
    } else {
        QJsonParseError parseError;
        const QJsonObject body = QJsonDocument::fromJson(attempt.body, &parseError).object();
        code = errorCode(QString::fromLatin1(attempt.errorTypeHeader));
        if (code.isEmpty()) {
            code = errorCode(body.value(QLatin1String("__type")).toString());
        }
        if (code.isEmpty()) {
            code = body.value(QLatin1String("code")).toString();
        }
        error.message = body.value(QLatin1String("message")).toString();
        if (error.message.isEmpty()) {
            error.message = body.value(QLatin1String("Message")).toString();
        }
    }
    error.code = code;
    if (code.isEmpty() && error.message.isEmpty() && !attempt.body.isEmpty()) {
        // Not an AWS error document (a proxy's page?): show its start, it is not a secret.
        error.message = QString::fromUtf8(attempt.body.left(200)).simplified();
    }
    error.kind = isThrottling(code) ? AwsError::Kind::Throttled : AwsError::Kind::Service;
    if (isExpiredToken(code)) {
        error.kind = AwsError::Kind::ExpiredCredentials;
        error.explanation = QStringLiteral("The session credentials (%1) have expired%2: get new ones (for example "
                                           "'aws sso login', or a new session token) and try again.")
                                .arg(m_config.credentials.describe(),
                                    m_config.credentials.expiration.isValid()
                                        ? QStringLiteral(" (they were valid until %1)")
                                              .arg(m_config.credentials.expiration.toUTC().toString(Qt::ISODate))
                                        : QString());
    } else if (isClockSkew(code, error.message)) {
        error.kind = AwsError::Kind::ClockSkew;
        const QDateTime server = parseHttpDate(attempt.serverDate);
        const QDateTime local = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
        if (server.isValid()) {
            const qint64 skew = local.msecsTo(server);
            error.explanation
                = QStringLiteral("This computer's clock is %1 %2 AWS's (the server's time is %3); AWS "
                                 "refuses requests signed more than 5 minutes off. Set the system clock "
                                 "right (turn on network time) and try again.")
                      .arg(duration(skew), skew < 0 ? QStringLiteral("ahead of") : QStringLiteral("behind"),
                          server.toString(Qt::ISODate));
        } else {
            error.explanation = QStringLiteral("The request's time differs too much from AWS's clock: check that this "
                                               "computer's clock and time zone are right.");
        }
    }
    return error;
}

AwsResponse AwsJsonClient::call(const QString& operation, const QJsonObject& request, const std::atomic<bool>* cancel)
{
    AwsHttpRequest http;
    http.operation = operation;
    http.contentType = "application/x-amz-json-1.1";
    http.target = QByteArray(awsServiceInfo(m_service).jsonPrefix) + '.' + operation.toLatin1();
    http.body = QJsonDocument(request).toJson(QJsonDocument::Compact);
    AwsRawResponse raw = exchange(http, cancel);
    AwsResponse response;
    response.error = std::move(raw.error);
    response.attempts = raw.attempts;
    if (response.error.isError()) {
        return response;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(raw.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        response.error.kind = AwsError::Kind::BadResponse;
        response.error.httpStatus = 200;
        response.error.attempts = raw.attempts;
        response.error.message
            = QStringLiteral("%1 answered %2 with a body that is not a JSON object (%3 at byte %4 of %5)")
                  .arg(m_config.endpoint.toString(), operation,
                      parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                   : QStringLiteral("not an object"))
                  .arg(parseError.offset)
                  .arg(raw.body.size());
        return response;
    }
    response.body = document.object();
    return response;
}

AwsRawResponse AwsJsonClient::exchange(const AwsHttpRequest& request, const std::atomic<bool>* cancel)
{
    AwsRawResponse response;
    if (m_config.endpoint.scheme() != QLatin1String("https") && !m_config.customEndpoint) {
        response.error.kind = AwsError::Kind::Configuration;
        response.error.message = QStringLiteral("Refusing to send AWS credentials over %1: only an endpoint URL you "
                                                "set yourself may use plain http")
                                     .arg(m_config.endpoint.toString());
        return response;
    }
    bool skewCorrected = false;
    for (int attemptNumber = 1;; ++attemptNumber) {
        response.attempts = attemptNumber;
        Attempt attempt = send(request, cancel);
        AwsError error = classify(attempt);
        error.attempts = attemptNumber;
        if (!error.isError()) {
            m_retryQuota = std::min(kQuotaMax, m_retryQuota + (attemptNumber > 1 ? kRetryCost : 1));
            response.body = std::move(attempt.body);
            return response;
        }
        if (error.kind == AwsError::Kind::ClockSkew && !skewCorrected) {
            // Like the SDKs: learn the offset from the server's Date and sign again once.
            const QDateTime server = parseHttpDate(attempt.serverDate);
            const QDateTime local = m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
            if (server.isValid() && std::llabs(local.msecsTo(server)) > kSkewToleranceMs) {
                m_clockOffsetMs = local.msecsTo(server);
                skewCorrected = true;
                continue;
            }
        }
        const bool retryable = error.kind == AwsError::Kind::Throttled || error.kind == AwsError::Kind::Network
            || error.kind == AwsError::Kind::Timeout
            || (error.kind == AwsError::Kind::Service && isTransient(error.code, error.httpStatus));
        const int cost = error.kind == AwsError::Kind::Timeout || error.kind == AwsError::Kind::Network
            ? kTimeoutRetryCost
            : kRetryCost;
        if (!retryable || attemptNumber >= m_policy.maxAttempts || m_retryQuota < cost) {
            if (retryable && attemptNumber < m_policy.maxAttempts) {
                error.explanation = QStringLiteral("Too many recent failures: FlowLens stopped retrying for now.");
            }
            response.error = error;
            return response;
        }
        m_retryQuota -= cost;
        const std::chrono::milliseconds delay = m_policy.delay
            ? m_policy.delay(attemptNumber)
            : RetryPolicy::backoff(attemptNumber, QRandomGenerator::global()->generateDouble(), m_policy.maxBackoff);
        if (!waitUnlessCancelled(delay, cancel)) {
            response.error.kind = AwsError::Kind::Cancelled;
            response.error.message = QStringLiteral("Cancelled");
            response.error.attempts = attemptNumber;
            return response;
        }
    }
}

} // namespace flowlens
