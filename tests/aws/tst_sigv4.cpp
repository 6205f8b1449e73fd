// Runs AWS's SigV4 test suite (../shared/conformance/sigv4: aws-c-auth's v4 set and botocore's
// 2015 set) against SigV4Signer. The suite is read at test time and never copied here.
#include "aws/sigv4signer.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>
#include <QTimeZone>
#include <algorithm>

using namespace flowlens;

namespace {

QString suiteDir()
{
    return qEnvironmentVariable("FLOWLENS_CONFORMANCE_DIR", QStringLiteral(FLOWLENS_CONFORMANCE_DIR))
        + QStringLiteral("/sigv4");
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

// A request file of the suite: "METHOD path?query HTTP/1.1", headers (continuation lines start with
// whitespace), a blank line, the body.
struct ParsedRequest {
    QByteArray method;
    QByteArray rawPath; // as written (may hold a space or raw UTF-8)
    QByteArray rawQuery;
    std::vector<QByteArray> headerEntries; // raw text of each header, continuation lines included
    std::vector<HttpHeader> headers; // folded into single values
    QByteArray body;
};

ParsedRequest parseRequest(const QByteArray& text)
{
    ParsedRequest r;
    const qsizetype blank = text.indexOf("\n\n");
    const QByteArray head = blank < 0 ? text : text.left(blank);
    r.body = blank < 0 ? QByteArray() : text.mid(blank + 2);
    const QList<QByteArray> lines = head.split('\n');
    const QByteArray& requestLine = lines.first();
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype lastSpace = requestLine.lastIndexOf(' ');
    r.method = requestLine.left(firstSpace);
    const QByteArray target = requestLine.mid(firstSpace + 1, lastSpace - firstSpace - 1);
    const qsizetype question = target.indexOf('?');
    r.rawPath = question < 0 ? target : target.left(question);
    r.rawQuery = question < 0 ? QByteArray() : target.mid(question + 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray& line = lines.at(i);
        if (line.isEmpty()) {
            continue; // the file's final newline
        }
        if ((line.front() == ' ' || line.front() == '\t') && !r.headers.empty()) {
            r.headers.back().value += ' ' + line.trimmed();
            r.headerEntries.back() += '\n' + line;
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        r.headers.push_back({ line.left(colon), line.mid(colon + 1) });
        r.headerEntries.push_back(line);
    }
    return r;
}

std::vector<std::pair<QString, QString>> parseQuery(const QByteArray& rawQuery)
{
    std::vector<std::pair<QString, QString>> query;
    if (rawQuery.isEmpty()) {
        return query;
    }
    for (const QByteArray& part : rawQuery.split('&')) {
        const qsizetype eq = part.indexOf('=');
        const QByteArray key = eq < 0 ? part : part.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : part.mid(eq + 1);
        query.emplace_back(QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
            QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return query;
}

SigningRequest toSigningRequest(const ParsedRequest& parsed)
{
    SigningRequest request;
    request.method = parsed.method;
    request.path = QString::fromUtf8(parsed.rawPath); // the raw path, encoded once by the signer
    request.query = parseQuery(parsed.rawQuery);
    request.headers = parsed.headers;
    request.body = parsed.body;
    return request;
}

QDateTime suiteTime()
{
    return QDateTime(QDate(2015, 8, 30), QTime(12, 36, 0), QTimeZone::utc());
}

AwsCredentials suiteCredentials(const QString& token = {})
{
    AwsCredentials c;
    c.accessKeyId = QStringLiteral("AKIDEXAMPLE");
    c.secretAccessKey = QStringLiteral("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    c.sessionToken = token;
    return c;
}

// Header entries of our signed request: the input's raw entries plus the headers the signer added.
std::vector<QByteArray> signedEntries(
    const ParsedRequest& input, const SigningRequest& signedRequest, const QByteArray& authorizationSeparator)
{
    std::vector<QByteArray> entries = input.headerEntries;
    for (std::size_t i = input.headers.size(); i < signedRequest.headers.size(); ++i) {
        const HttpHeader& h = signedRequest.headers[i];
        const QByteArray separator = h.name == "Authorization" ? authorizationSeparator : QByteArray(":");
        entries.push_back(h.name + separator + h.value);
    }
    std::sort(entries.begin(), entries.end());
    return entries;
}

QStringList subfoldersWith(const QString& dir, const QString& file)
{
    QStringList found;
    const QStringList names = QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& name : names) {
        if (QFile::exists(dir + QLatin1Char('/') + name + QLatin1Char('/') + file)) {
            found.append(name);
        }
    }
    return found;
}

} // namespace

class TestSigV4 : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void awsCAuthSuite_data();
    void awsCAuthSuite();
    void botocoreSuite_data();
    void botocoreSuite();
    void suiteIsComplete();
    void encodesAndNormalisesPaths_data();
    void encodesAndNormalisesPaths();
    void signsHostWithNonDefaultPort();
};

void TestSigV4::awsCAuthSuite_data()
{
    QTest::addColumn<QString>("dir");
    QTest::addColumn<bool>("presigned");
    const QString base = suiteDir() + QStringLiteral("/aws-c-auth/v4");
    const QStringList cases = subfoldersWith(base, QStringLiteral("context.json"));
    for (const QString& name : cases) {
        QTest::addRow("%s, header", qPrintable(name)) << base + QLatin1Char('/') + name << false;
        QTest::addRow("%s, presigned", qPrintable(name)) << base + QLatin1Char('/') + name << true;
    }
}

void TestSigV4::awsCAuthSuite()
{
    QFETCH(QString, dir);
    QFETCH(bool, presigned);
    const QJsonObject context = QJsonDocument::fromJson(readFile(dir + QStringLiteral("/context.json"))).object();
    QVERIFY(!context.isEmpty());
    const QJsonObject creds = context.value(QLatin1String("credentials")).toObject();
    AwsCredentials credentials;
    credentials.accessKeyId = creds.value(QLatin1String("access_key_id")).toString();
    credentials.secretAccessKey = creds.value(QLatin1String("secret_access_key")).toString();
    credentials.sessionToken = creds.value(QLatin1String("token")).toString();
    SigningOptions options;
    options.region = context.value(QLatin1String("region")).toString();
    options.service = context.value(QLatin1String("service")).toString();
    options.time = QDateTime::fromString(context.value(QLatin1String("timestamp")).toString(), Qt::ISODate);
    QCOMPARE(options.time, suiteTime());
    options.normalizePath = context.value(QLatin1String("normalize")).toBool();
    options.signBody = context.value(QLatin1String("sign_body")).toBool();
    options.omitSessionToken = context.value(QLatin1String("omit_session_token")).toBool();
    options.expiresSeconds = context.value(QLatin1String("expiration_in_seconds")).toInt();

    const ParsedRequest input = parseRequest(readFile(dir + QStringLiteral("/request.txt")));
    SigningRequest request = toSigningRequest(input);
    const QString prefix = dir + (presigned ? QStringLiteral("/query-") : QStringLiteral("/header-"));
    const SigningResult result = presigned ? SigV4Signer::presign(request, credentials, options)
                                           : SigV4Signer::signHeaders(request, credentials, options);
    QCOMPARE(result.canonicalRequest, readFile(prefix + QStringLiteral("canonical-request.txt")));
    QCOMPARE(result.stringToSign, readFile(prefix + QStringLiteral("string-to-sign.txt")));
    QCOMPARE(result.signature, readFile(prefix + QStringLiteral("signature.txt")));

    const ParsedRequest expected = parseRequest(readFile(prefix + QStringLiteral("signed-request.txt")));
    QCOMPARE(request.method, expected.method);
    QCOMPARE(input.rawPath, expected.rawPath);
    QCOMPARE(input.body, expected.body);
    if (presigned) {
        // The suite writes the parameters in an order of its own; compare them as a set.
        auto ours = request.query;
        auto theirs = parseQuery(expected.rawQuery);
        std::sort(ours.begin(), ours.end());
        std::sort(theirs.begin(), theirs.end());
        QCOMPARE(ours, theirs);
        std::vector<QByteArray> expectedEntries = expected.headerEntries;
        std::vector<QByteArray> inputEntries = input.headerEntries;
        std::sort(expectedEntries.begin(), expectedEntries.end());
        std::sort(inputEntries.begin(), inputEntries.end());
        QCOMPARE(inputEntries, expectedEntries);
    } else {
        std::vector<QByteArray> expectedEntries = expected.headerEntries;
        std::sort(expectedEntries.begin(), expectedEntries.end());
        QCOMPARE(signedEntries(input, request, ":"), expectedEntries);
    }
}

void TestSigV4::botocoreSuite_data()
{
    QTest::addColumn<QString>("stem");
    const QString base = suiteDir() + QStringLiteral("/botocore/aws4_testsuite");
    const QStringList groups { QString(), QStringLiteral("normalize-path/"), QStringLiteral("post-sts-token/") };
    for (const QString& group : groups) {
        const QString dir = base + QLatin1Char('/') + group;
        const QStringList names = QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        for (const QString& name : names) {
            const QString stem = dir + name + QLatin1Char('/') + name;
            if (QFile::exists(stem + QStringLiteral(".req"))) {
                QTest::addRow("%s%s", qPrintable(group), qPrintable(name)) << stem;
            }
        }
    }
}

void TestSigV4::botocoreSuite()
{
    QFETCH(QString, stem);
    // The 2015 suite has no context file: fixed inputs, non-S3 path rules, and a session token
    // only in the case named for it (post-sts-header-before carries its token as a plain header;
    // post-sts-header-after adds it once the signature is made).
    const QString name = QFileInfo(stem).fileName();
    QString token;
    if (name == QLatin1String("get-vanilla-with-session-token")) {
        token = QStringLiteral("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267");
    }
    SigningOptions options;
    options.region = QStringLiteral("us-east-1");
    options.service = QStringLiteral("service");
    options.time = suiteTime();
    options.normalizePath = true;

    const ParsedRequest input = parseRequest(readFile(stem + QStringLiteral(".req")));
    SigningRequest request = toSigningRequest(input);
    AwsCredentials credentials = suiteCredentials(token);
    if (name == QLatin1String("post-sts-header-after")) {
        const ParsedRequest expected = parseRequest(readFile(stem + QStringLiteral(".sreq")));
        for (const HttpHeader& h : expected.headers) {
            if (h.name == "X-Amz-Security-Token") {
                credentials.sessionToken = QString::fromUtf8(h.value);
            }
        }
        QVERIFY(!credentials.sessionToken.isEmpty());
        options.omitSessionToken = true;
    }
    const SigningResult result = SigV4Signer::signHeaders(request, credentials, options);
    QCOMPARE(result.canonicalRequest, readFile(stem + QStringLiteral(".creq")));
    QCOMPARE(result.stringToSign, readFile(stem + QStringLiteral(".sts")));
    QCOMPARE(result.authorization, readFile(stem + QStringLiteral(".authz")));

    ParsedRequest expected = parseRequest(readFile(stem + QStringLiteral(".sreq")));
    if (name == QLatin1String("get-vanilla-with-session-token")) {
        // Upstream's .sreq for this case carries a signature that is not the HMAC of its own .sts
        // (the .authz file is, and is checked above); compare the request without that line.
        auto isAuthorization = [](const QByteArray& e) { return e.startsWith("Authorization:"); };
        std::erase_if(expected.headerEntries, isAuthorization);
        request.headers.pop_back();
    }
    std::vector<QByteArray> expectedEntries = expected.headerEntries;
    std::sort(expectedEntries.begin(), expectedEntries.end());
    QCOMPARE(signedEntries(input, request, ": "), expectedEntries);
    QCOMPARE(input.body, expected.body);
}

void TestSigV4::suiteIsComplete()
{
    // Guards against a moved suite silently running zero rows: README.md lists 38 + 34 cases.
    const QString base = suiteDir();
    QCOMPARE(subfoldersWith(base + QStringLiteral("/aws-c-auth/v4"), QStringLiteral("context.json")).size(), 38);
    int legacy = 0;
    for (const QString& group : { QString(), QStringLiteral("/normalize-path"), QStringLiteral("/post-sts-token") }) {
        const QString dir = base + QStringLiteral("/botocore/aws4_testsuite") + group;
        const QStringList names = QDir(dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& n : names) {
            legacy += QFile::exists(dir + QLatin1Char('/') + n + QLatin1Char('/') + n + QStringLiteral(".req")) ? 1 : 0;
        }
    }
    QCOMPARE(legacy, 34);
}

void TestSigV4::encodesAndNormalisesPaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("normalize");
    QTest::addColumn<QByteArray>("expected");
    // Hand-worked cases beyond the suite: RFC 3986 dot-segment removal, and S3 keeping paths as given.
    QTest::addRow("empty is root") << QString() << true << QByteArray("/");
    QTest::addRow("dot-dot above root") << QStringLiteral("/../a") << true << QByteArray("/a");
    QTest::addRow("trailing dot keeps slash") << QStringLiteral("/a/b/.") << true << QByteArray("/a/b/");
    QTest::addRow("mixed") << QStringLiteral("/a//./b/../c/") << true << QByteArray("/a/c/");
    QTest::addRow("s3 keeps dots") << QStringLiteral("/a//./b/") << false << QByteArray("/a//./b/");
    QTest::addRow("reserved chars") << QStringLiteral("/a+b=c&d:e") << true << QByteArray("/a%2Bb%3Dc%26d%3Ae");
    QTest::addRow("percent itself") << QStringLiteral("/100%") << true << QByteArray("/100%25");
    QTest::addRow("two-byte utf8") << QStringLiteral("/\u00e9") << true << QByteArray("/%C3%A9");
}

void TestSigV4::encodesAndNormalisesPaths()
{
    QFETCH(QString, path);
    QFETCH(bool, normalize);
    QFETCH(QByteArray, expected);
    QCOMPARE(SigV4Signer::canonicalPath(path, normalize), expected);
}

void TestSigV4::signsHostWithNonDefaultPort()
{
    // The suite only uses the default port. With another port the Host header carries it, and the
    // canonical header must too; the signature is checked against an HMAC chain computed here.
    SigningRequest request;
    request.method = "POST";
    request.headers.push_back({ "Host", "logs.example.test:8443" });
    request.headers.push_back({ "X-Amz-Target", "Logs_20140328.DescribeLogGroups" });
    request.body = "{}";
    SigningOptions options;
    options.region = QStringLiteral("eu-west-1");
    options.service = QStringLiteral("logs");
    options.time = suiteTime();
    const AwsCredentials credentials = suiteCredentials();
    const SigningResult result = SigV4Signer::signHeaders(request, credentials, options);
    const QByteArray canonical = "POST\n/\n\nhost:logs.example.test:8443\n"
                                 "x-amz-date:20150830T123600Z\nx-amz-target:Logs_20140328.DescribeLogGroups\n\n"
                                 "host;x-amz-date;x-amz-target\n"
        + QCryptographicHash::hash("{}", QCryptographicHash::Sha256).toHex();
    QCOMPARE(result.canonicalRequest, canonical);
    auto mac = [](const QByteArray& key, const QByteArray& text) {
        return QMessageAuthenticationCode::hash(text, key, QCryptographicHash::Sha256);
    };
    QByteArray key = mac("AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830");
    key = mac(mac(mac(key, "eu-west-1"), "logs"), "aws4_request");
    const QByteArray stringToSign = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/eu-west-1/logs/aws4_request\n"
        + QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex();
    QCOMPARE(result.stringToSign, stringToSign);
    QCOMPARE(result.signature, mac(key, stringToSign).toHex());
}

QTEST_GUILESS_MAIN(TestSigV4)
#include "tst_sigv4.moc"
