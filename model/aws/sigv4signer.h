#pragma once

#include "awscredentials.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <utility>
#include <vector>

namespace flowlens {

struct HttpHeader {
    QByteArray name;
    QByteArray value;
};

// A request as the signer sees it. `path` and the query are *decoded* text: the signer encodes
// them itself (RFC 3986 unreserved characters stay literal, everything else is %XX of the UTF-8).
struct SigningRequest {
    QByteArray method;
    QString path = QStringLiteral("/");
    std::vector<std::pair<QString, QString>> query;
    std::vector<HttpHeader> headers; // in wire order; must hold Host (with the port when not default)
    QByteArray body;
};

struct SigningOptions {
    QString region;
    QString service; // the signing name: "logs", "ec2"
    QDateTime time; // UTC
    bool normalizePath = true; // every service except S3 removes dot segments and repeated slashes
    bool signBody = false; // add and sign x-amz-content-sha256
    bool omitSessionToken = false; // add the token after signing (a legacy mode; SDKs sign it)
    int expiresSeconds = 3600; // presigned URLs
};

// The intermediate artefacts, so tests can compare each step with AWS's test suite.
struct SigningResult {
    QByteArray canonicalRequest;
    QByteArray stringToSign;
    QByteArray signature; // hex
    QByteArray authorization; // header signing only
};

// AWS Signature Version 4 (AWS4-HMAC-SHA256), with the Authorization header or as a presigned URL.
class SigV4Signer {
public:
    // Adds X-Amz-Date (unless the request already has it), X-Amz-Security-Token, x-amz-content-sha256
    // (signBody) and Authorization to request.headers. Every header present before the call is signed.
    static SigningResult signHeaders(
        SigningRequest& request, const AwsCredentials& credentials, const SigningOptions& options);
    // Adds the X-Amz-* query parameters of a presigned URL (signature last) to request.query.
    static SigningResult presign(
        SigningRequest& request, const AwsCredentials& credentials, const SigningOptions& options);

    static QByteArray uriEncode(const QString& text, bool keepSlash);
    static QByteArray canonicalPath(const QString& path, bool normalize);
    static QByteArray canonicalQuery(const std::vector<std::pair<QString, QString>>& query);
    // The lower-cased, sorted names joined with ';', and the "name:value\n" block.
    static std::pair<QByteArray, QByteArray> canonicalHeaders(const std::vector<HttpHeader>& headers);
    static QByteArray signingKey(
        const QString& secret, const QByteArray& date, const QString& region, const QString& service);
    static QByteArray amzDate(const QDateTime& time); // 20150830T123600Z
    static QByteArray sha256Hex(const QByteArray& data);
};

} // namespace flowlens
