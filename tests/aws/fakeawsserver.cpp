#include "fakeawsserver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimeZone>
#include <QTimer>

using namespace flowlens;

QByteArray FakeRequest::header(const QByteArray& name) const
{
    for (const HttpHeader& h : headers) {
        if (h.name.compare(name, Qt::CaseInsensitive) == 0) {
            return h.value;
        }
    }
    return {};
}

QString FakeRequest::operation() const
{
    const QByteArray target = header("x-amz-target");
    if (target.isEmpty()) {
        return form().value(QStringLiteral("Action")); // the Query API
    }
    return QString::fromLatin1(target.mid(target.indexOf('.') + 1));
}

QHash<QString, QString> FakeRequest::form() const
{
    QHash<QString, QString> values;
    for (const QByteArray& pair : body.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        if (eq > 0) {
            values.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(pair.left(eq))),
                QString::fromUtf8(QByteArray::fromPercentEncoding(QByteArray(pair.mid(eq + 1)).replace('+', ' '))));
        }
    }
    return values;
}

QJsonObject FakeRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray FakeRequest::signedHeaders() const
{
    const QByteArray authorization = header("authorization");
    const qsizetype start = authorization.indexOf("SignedHeaders=");
    if (start < 0) {
        return {};
    }
    const qsizetype end = authorization.indexOf(',', start);
    return authorization.mid(start + 14, end < 0 ? -1 : end - start - 14);
}

FakeReply FakeReply::json(const QJsonObject& object)
{
    FakeReply reply;
    reply.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return reply;
}

FakeReply FakeReply::xml(const QByteArray& document)
{
    FakeReply reply;
    reply.body = document;
    reply.contentType = "text/xml;charset=UTF-8";
    return reply;
}

FakeReply FakeReply::xmlError(int status, const QString& code, const QString& message)
{
    FakeReply reply;
    reply.status = status;
    reply.contentType = "text/xml;charset=UTF-8";
    reply.body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code.toUtf8()
        + "</Code><Message>" + message.toHtmlEscaped().toUtf8()
        + "</Message></Error></Errors><RequestID>fake-ec2-request</RequestID></Response>";
    return reply;
}

FakeReply FakeReply::error(int status, const QString& code, const QString& message)
{
    FakeReply reply;
    reply.status = status;
    QJsonObject body;
    body.insert(QStringLiteral("__type"), QString(QStringLiteral("com.amazonaws.logs#") + code));
    body.insert(QStringLiteral("message"), message);
    reply.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return reply;
}

QString FakeAwsServer::verifySignature(const FakeRequest& request)
{
    const QByteArray authorization = request.header("authorization");
    const QByteArray prefix = "AWS4-HMAC-SHA256 Credential=";
    if (!authorization.startsWith(prefix)) {
        return QStringLiteral("no SigV4 Authorization header");
    }
    const QList<QByteArray> parts = authorization.mid(prefix.size()).split(',');
    if (parts.size() != 3) {
        return QStringLiteral("malformed Authorization header");
    }
    const QList<QByteArray> scope = parts[0].trimmed().split('/');
    if (scope.size() != 5 || scope[4] != "aws4_request") {
        return QStringLiteral("malformed credential scope");
    }
    if (scope[0] != kAccessKeyId) {
        return QStringLiteral("unknown access key");
    }
    const QByteArray signedNames = request.signedHeaders();
    const QList<QByteArray> names = signedNames.split(';');
    for (const char* required : { "host", "x-amz-date", "x-amz-target", "content-type" }) {
        const bool queryApi = QByteArray(required) == "x-amz-target" && request.header("x-amz-target").isEmpty();
        if (!names.contains(required) && !queryApi) {
            return QStringLiteral("%1 is not signed").arg(QLatin1String(required));
        }
    }
    if (!request.header("x-amz-security-token").isEmpty() && !names.contains("x-amz-security-token")) {
        return QStringLiteral("the session token is not signed");
    }
    SigningRequest again;
    again.method = request.method;
    again.path = QString::fromUtf8(QByteArray::fromPercentEncoding(request.path));
    again.body = request.body;
    for (const HttpHeader& h : request.headers) {
        if (names.contains(h.name.toLower())) {
            again.headers.push_back(h);
        }
    }
    const QByteArray stamp = request.header("x-amz-date");
    if (!stamp.startsWith(scope[1])) {
        return QStringLiteral("the scope date is not the X-Amz-Date");
    }
    SigningOptions options;
    options.region = QString::fromLatin1(scope[2]);
    options.service = QString::fromLatin1(scope[3]);
    options.time = QDateTime::fromString(QString::fromLatin1(stamp), QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    options.time.setTimeZone(QTimeZone::utc());
    AwsCredentials credentials;
    credentials.accessKeyId = QLatin1String(kAccessKeyId);
    credentials.secretAccessKey = QLatin1String(kSecret);
    const SigningResult expected = SigV4Signer::signHeaders(again, credentials, options);
    const QByteArray given = parts[2].trimmed().mid(QByteArray("Signature=").size());
    if (expected.signature != given) {
        return QStringLiteral("signature mismatch");
    }
    return {};
}

FakeAwsServer::FakeAwsServer()
{
    std::unique_lock lock(m_startMutex);
    start();
    m_started.wait(lock, [this] { return m_port != 0; });
}

FakeAwsServer::~FakeAwsServer()
{
    quit();
    wait();
}

void FakeAwsServer::setHandler(Handler handler)
{
    std::lock_guard lock(m_mutex);
    m_handler = std::move(handler);
}

QUrl FakeAwsServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

std::vector<FakeRequest> FakeAwsServer::requests() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

int FakeAwsServer::rejected() const
{
    std::lock_guard lock(m_mutex);
    return m_rejected;
}

QString FakeAwsServer::lastRejection() const
{
    std::lock_guard lock(m_mutex);
    return m_lastRejection;
}

QHash<QString, QString> FakeAwsServer::environment(
    const QString& home, bool withCredentials, const char* endpointVariable) const
{
    QHash<QString, QString> env;
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QLatin1String(endpointVariable), url().toString());
    env.insert(QStringLiteral("AWS_REGION"), QStringLiteral("eu-west-1"));
    env.insert(QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("1"));
    if (withCredentials) {
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QLatin1String(kAccessKeyId));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QLatin1String(kSecret));
    }
    return env;
}

QProcessEnvironment FakeAwsServer::processEnvironment(
    const QString& home, bool withCredentials, const char* endpointVariable) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QStringList keys = env.keys();
    for (const QString& key : keys) {
        if (key.startsWith(QLatin1String("AWS_"))) {
            env.remove(key);
        }
    }
    const QHash<QString, QString> ours = environment(home, withCredentials, endpointVariable);
    for (auto it = ours.begin(); it != ours.end(); ++it) {
        env.insert(it.key(), it.value());
    }
    return env;
}

FakeReply FakeAwsServer::handle(const FakeRequest& request)
{
    const QString problem = verifySignature(request);
    std::lock_guard lock(m_mutex);
    if (!problem.isEmpty()) {
        ++m_rejected;
        m_lastRejection = problem;
        if (request.header("x-amz-target").isEmpty()) { // EC2 says it its way
            return FakeReply::xmlError(401, QStringLiteral("AuthFailure"),
                QStringLiteral("AWS was not able to validate the provided access credentials"));
        }
        if (problem == QLatin1String("unknown access key")) {
            return FakeReply::error(400, QStringLiteral("UnrecognizedClientException"),
                QStringLiteral("The security token included in the request is invalid."));
        }
        return FakeReply::error(403, QStringLiteral("InvalidSignatureException"),
            QStringLiteral("The request signature we calculated does not match the signature you provided."));
    }
    m_requests.push_back(request);
    return m_handler ? m_handler(request) : FakeReply::error(400, QStringLiteral("UnknownOperationException"), {});
}

namespace {

// Reads one HTTP/1.1 request from the buffer when it is complete.
bool takeRequest(QByteArray& buffer, FakeRequest& request)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        return false;
    }
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    request = {};
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    request.method = requestLine.value(0);
    request.path = requestLine.value(1);
    qsizetype length = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        const HttpHeader header { line.left(colon).trimmed(), line.mid(colon + 1).trimmed() };
        if (header.name.compare("content-length", Qt::CaseInsensitive) == 0) {
            length = header.value.toLongLong();
        }
        request.headers.push_back(header);
    }
    if (buffer.size() < headEnd + 4 + length) {
        return false;
    }
    request.body = buffer.mid(headEnd + 4, length);
    buffer.remove(0, headEnd + 4 + length);
    return true;
}

QByteArray httpDate(const QDateTime& time)
{
    return QLocale::c().toString(time.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'")).toLatin1();
}

} // namespace

void FakeAwsServer::run()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    QObject::connect(&server, &QTcpServer::newConnection, &server, [this, &server] {
        while (QTcpSocket* socket = server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
                buffer->append(socket->readAll());
                FakeRequest request;
                if (!takeRequest(*buffer, request)) {
                    return;
                }
                const FakeReply reply = handle(request);
                auto answer = [socket, reply] {
                    if (reply.drop) {
                        socket->abort();
                        return;
                    }
                    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status)
                        + (reply.status == 200 ? " OK" : " Error") + "\r\n";
                    bool hasDate = false;
                    for (const HttpHeader& h : reply.headers) {
                        out += h.name + ": " + h.value + "\r\n";
                        hasDate = hasDate || h.name.compare("date", Qt::CaseInsensitive) == 0;
                    }
                    if (!hasDate) {
                        out += "Date: " + httpDate(QDateTime::currentDateTimeUtc()) + "\r\n";
                    }
                    out += "Content-Type: " + reply.contentType
                        + "\r\nx-amzn-RequestId: fake-request-id\r\n"
                          "Connection: close\r\nContent-Length: "
                        + QByteArray::number(reply.body.size()) + "\r\n\r\n" + reply.body;
                    socket->write(out);
                    socket->disconnectFromHost();
                };
                if (reply.delayMs > 0) {
                    QTimer::singleShot(reply.delayMs, socket, answer);
                } else {
                    answer();
                }
            });
        }
    });
    {
        std::lock_guard lock(m_startMutex);
        m_port = server.serverPort();
    }
    m_started.notify_all();
    exec();
}
