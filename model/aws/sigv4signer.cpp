#include "sigv4signer.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QStringList>
#include <QTimeZone>
#include <algorithm>
#include <map>

namespace flowlens {

namespace {

constexpr char kAlgorithm[] = "AWS4-HMAC-SHA256";

QByteArray hmac(const QByteArray& key, const QByteArray& message)
{
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

bool hasHeader(const std::vector<HttpHeader>& headers, const QByteArray& lowerName)
{
    return std::any_of(
        headers.begin(), headers.end(), [&lowerName](const HttpHeader& h) { return h.name.toLower() == lowerName; });
}

QByteArray credentialScope(const QByteArray& date, const SigningOptions& options)
{
    return date + '/' + options.region.toUtf8() + '/' + options.service.toUtf8() + "/aws4_request";
}

// Removes "." and ".." segments and empty segments (repeated slashes); keeps a trailing slash.
QString normalizedPath(const QString& path)
{
    QStringList kept;
    const QStringList segments = path.split(QLatin1Char('/'));
    for (const QString& segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String(".")) {
            continue;
        }
        if (segment == QLatin1String("..")) {
            if (!kept.isEmpty()) {
                kept.removeLast();
            }
            continue;
        }
        kept.append(segment);
    }
    QString result = QLatin1Char('/') + kept.join(QLatin1Char('/'));
    const bool trailing
        = path.endsWith(QLatin1Char('/')) || path.endsWith(QLatin1String("/.")) || path.endsWith(QLatin1String("/.."));
    if (trailing && !kept.isEmpty()) {
        result += QLatin1Char('/');
    }
    return result;
}

SigningResult finish(const QByteArray& canonicalRequest, const QByteArray& date, const QByteArray& stamp,
    const AwsCredentials& credentials, const SigningOptions& options)
{
    SigningResult result;
    result.canonicalRequest = canonicalRequest;
    result.stringToSign = QByteArray(kAlgorithm) + '\n' + stamp + '\n' + credentialScope(date, options) + '\n'
        + SigV4Signer::sha256Hex(canonicalRequest);
    const QByteArray key = SigV4Signer::signingKey(credentials.secretAccessKey, date, options.region, options.service);
    result.signature = hmac(key, result.stringToSign).toHex();
    return result;
}

} // namespace

QByteArray SigV4Signer::uriEncode(const QString& text, bool keepSlash)
{
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (const char c : utf8) {
        const auto u = static_cast<unsigned char>(c);
        const bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-'
            || u == '.' || u == '_' || u == '~';
        if (unreserved || (keepSlash && u == '/')) {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 0xF];
        }
    }
    return out;
}

QByteArray SigV4Signer::canonicalPath(const QString& path, bool normalize)
{
    const QString effective = path.isEmpty() ? QStringLiteral("/") : path;
    return uriEncode(normalize ? normalizedPath(effective) : effective, true);
}

QByteArray SigV4Signer::canonicalQuery(const std::vector<std::pair<QString, QString>>& query)
{
    std::vector<std::pair<QByteArray, QByteArray>> encoded;
    encoded.reserve(query.size());
    for (const auto& [key, value] : query) {
        encoded.emplace_back(uriEncode(key, false), uriEncode(value, false));
    }
    std::sort(encoded.begin(), encoded.end()); // by encoded key, then encoded value, byte order
    QByteArray out;
    for (const auto& [key, value] : encoded) {
        if (!out.isEmpty()) {
            out += '&';
        }
        out += key + '=' + value;
    }
    return out;
}

std::pair<QByteArray, QByteArray> SigV4Signer::canonicalHeaders(const std::vector<HttpHeader>& headers)
{
    std::map<QByteArray, QByteArray> merged; // repeated names: values joined with ',' in wire order
    for (const HttpHeader& header : headers) {
        const QByteArray name = header.name.trimmed().toLower();
        const QByteArray value = header.value.simplified(); // trims and collapses runs of whitespace
        auto [it, inserted] = merged.try_emplace(name, value);
        if (!inserted) {
            it->second += ',' + value;
        }
    }
    QByteArray names;
    QByteArray block;
    for (const auto& [name, value] : merged) {
        names += (names.isEmpty() ? "" : ";") + name;
        block += name + ':' + value + '\n';
    }
    return { names, block };
}

QByteArray SigV4Signer::signingKey(
    const QString& secret, const QByteArray& date, const QString& region, const QString& service)
{
    QByteArray key = hmac("AWS4" + secret.toUtf8(), date);
    key = hmac(key, region.toUtf8());
    key = hmac(key, service.toUtf8());
    return hmac(key, "aws4_request");
}

QByteArray SigV4Signer::amzDate(const QDateTime& time)
{
    return time.toTimeZone(QTimeZone::utc()).toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QByteArray SigV4Signer::sha256Hex(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

SigningResult SigV4Signer::signHeaders(
    SigningRequest& request, const AwsCredentials& credentials, const SigningOptions& options)
{
    const QByteArray stamp = amzDate(options.time);
    const QByteArray date = stamp.left(8);
    if (!hasHeader(request.headers, "x-amz-date")) {
        request.headers.push_back({ "X-Amz-Date", stamp });
    }
    const bool addToken = !credentials.sessionToken.isEmpty() && !hasHeader(request.headers, "x-amz-security-token");
    if (addToken && !options.omitSessionToken) {
        request.headers.push_back({ "X-Amz-Security-Token", credentials.sessionToken.toUtf8() });
    }
    const QByteArray payloadHash = sha256Hex(request.body);
    if (options.signBody) {
        request.headers.push_back({ "x-amz-content-sha256", payloadHash });
    }
    const auto [signedNames, headerBlock] = canonicalHeaders(request.headers);
    const QByteArray canonical = request.method + '\n' + canonicalPath(request.path, options.normalizePath) + '\n'
        + canonicalQuery(request.query) + '\n' + headerBlock + '\n' + signedNames + '\n' + payloadHash;
    SigningResult result = finish(canonical, date, stamp, credentials, options);
    result.authorization = QByteArray(kAlgorithm) + " Credential=" + credentials.accessKeyId.toUtf8() + '/'
        + credentialScope(date, options) + ", SignedHeaders=" + signedNames + ", Signature=" + result.signature;
    if (addToken && options.omitSessionToken) {
        request.headers.push_back({ "X-Amz-Security-Token", credentials.sessionToken.toUtf8() });
    }
    request.headers.push_back({ "Authorization", result.authorization });
    return result;
}

SigningResult SigV4Signer::presign(
    SigningRequest& request, const AwsCredentials& credentials, const SigningOptions& options)
{
    const QByteArray stamp = amzDate(options.time);
    const QByteArray date = stamp.left(8);
    const auto [signedNames, headerBlock] = canonicalHeaders(request.headers);
    auto add
        = [&request](const char* key, const QString& value) { request.query.emplace_back(QLatin1String(key), value); };
    add("X-Amz-Algorithm", QLatin1String(kAlgorithm));
    add("X-Amz-Credential",
        credentials.accessKeyId + QLatin1Char('/') + QString::fromUtf8(credentialScope(date, options)));
    add("X-Amz-Date", QString::fromLatin1(stamp));
    add("X-Amz-SignedHeaders", QString::fromLatin1(signedNames));
    add("X-Amz-Expires", QString::number(options.expiresSeconds));
    const bool token = !credentials.sessionToken.isEmpty();
    if (token && !options.omitSessionToken) {
        add("X-Amz-Security-Token", credentials.sessionToken);
    }
    const QByteArray canonical = request.method + '\n' + canonicalPath(request.path, options.normalizePath) + '\n'
        + canonicalQuery(request.query) + '\n' + headerBlock + '\n' + signedNames + '\n' + sha256Hex(request.body);
    SigningResult result = finish(canonical, date, stamp, credentials, options);
    if (token && options.omitSessionToken) {
        add("X-Amz-Security-Token", credentials.sessionToken);
    }
    add("X-Amz-Signature", QString::fromLatin1(result.signature));
    return result;
}

} // namespace flowlens
