#pragma once

#include "aws/sigv4signer.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QUrl>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

// A fake AWS endpoint (JSON 1.1 and the EC2 Query API) for tests: plain HTTP/1.1 on 127.0.0.1, served from its own
// thread (so a client may block, or a CLI child process may talk to it, while the test waits).
// It checks every request's SigV4 signature against known credentials and answers with whatever
// the test's handler scripts.
struct FakeRequest {
    QByteArray method;
    QByteArray path;
    std::vector<flowlens::HttpHeader> headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const; // case-insensitive; empty when absent
    QString operation() const; // "FilterLogEvents" from X-Amz-Target, "DescribeVpcs" from a Query form
    QHash<QString, QString> form() const; // the Query API's Action=…&Version=… body
    QJsonObject json() const;
    QByteArray signedHeaders() const; // from Authorization
};

struct FakeReply {
    int status = 200;
    QByteArray body;
    std::vector<flowlens::HttpHeader> headers;
    bool drop = false; // close the connection without an answer
    int delayMs = 0;
    QByteArray contentType = "application/x-amz-json-1.1";

    static FakeReply json(const QJsonObject& object);
    static FakeReply xml(const QByteArray& document);
    static FakeReply xmlError(int status, const QString& code, const QString& message); // EC2's <Response><Errors>
    static FakeReply error(int status, const QString& code, const QString& message);
};

// {"a", "b"} as a QStringList (QT_NO_CAST_FROM_ASCII forbids QStringList({"a"})).
inline QStringList qStrings(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* s : list) {
        out << QLatin1String(s);
    }
    return out;
}

class FakeAwsServer : public QThread {
public:
    using Handler = std::function<FakeReply(const FakeRequest&)>;

    static constexpr const char* kAccessKeyId = "AKIDFAKESERVER";
    static constexpr const char* kSecret = "fake/Secret+Key/for/FlowLens/tests/0001";

    FakeAwsServer();
    ~FakeAwsServer() override;

    // Called on the server thread, one request at a time.
    void setHandler(Handler handler);
    QUrl url() const;
    std::vector<FakeRequest> requests() const; // the ones whose signature was valid
    int rejected() const; // requests refused for a bad signature or an unknown key
    QString lastRejection() const;

    // Runs f under the lock the handler runs under: for reading or changing the handler's state.
    template <typename F> void locked(F f)
    {
        std::lock_guard lock(m_mutex);
        f();
    }

    // What a program needs to reach this server with the known keys: HOME at `home`, the endpoint in
    // `endpointVariable`, AWS_REGION eu-west-1, AWS_MAX_ATTEMPTS 1, and the keys unless told not to.
    QHash<QString, QString> environment(
        const QString& home, bool withCredentials = true, const char* endpointVariable = "AWS_ENDPOINT_URL") const;
    // The same for a child process: the system's environment without the caller's AWS_* variables.
    QProcessEnvironment processEnvironment(
        const QString& home, bool withCredentials = true, const char* endpointVariable = "AWS_ENDPOINT_URL") const;

    // The reason a request's signature is wrong, or empty when it is right.
    static QString verifySignature(const FakeRequest& request);

protected:
    void run() override;

private:
    FakeReply handle(const FakeRequest& request);

    mutable std::mutex m_mutex;
    Handler m_handler;
    std::vector<FakeRequest> m_requests;
    int m_rejected = 0;
    QString m_lastRejection;
    quint16 m_port = 0;
    std::mutex m_startMutex;
    std::condition_variable m_started;
};
