// Credentials, region and endpoint resolution against temporary ~/.aws files and a controlled
// environment (the real one is never read).
#include "aws/awsconfigresolver.h"
#include "aws/credentialprocess.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace flowlens;

namespace {

const QString kSecret = QStringLiteral("s3cr3t/KEY+do-not-print-0123456789abcdef");
const QString kToken = QStringLiteral("TOKEN-do-not-print-FwoGZXIvYXdzEJr");

} // namespace

class TestAwsConfig : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;

    void write(const QString& relative, const QByteArray& text)
    {
        const QString path = m_home.path() + QLatin1Char('/') + relative;
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text);
    }
    AwsEnvironment env(const QHash<QString, QString>& variables = {}) const
    {
        AwsEnvironment e;
        e.homeDir = m_home.path();
        e.variables = variables;
        e.variables.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        return e;
    }
    QString script(const QString& name, const QByteArray& body)
    {
        write(name, "#!/bin/sh\n" + body);
        const QString path = m_home.path() + QLatin1Char('/') + name;
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        return path;
    }
    static void verifyNoSecret(const QString& message)
    {
        QVERIFY2(!message.contains(kSecret), qPrintable(message));
        QVERIFY2(!message.contains(kToken), qPrintable(message));
        QVERIFY2(!message.contains(QLatin1String("do-not-print")), qPrintable(message));
    }

private Q_SLOTS:
    void init();
    void environmentKeys();
    void partialEnvironmentKeys();
    void defaultProfileFromFiles();
    void namedProfileAndFileOverrides();
    void explicitProfileHidesEnvironmentKeys();
    void keysInConfigFile();
    void partialKeysInProfile();
    void credentialProcess();
    void credentialProcessFailures_data();
    void credentialProcessFailures();
    void sourceProfileChain();
    void sourceProfileLoopAndMissing();
    void rolesAndSsoExplainThemselves_data();
    void rolesAndSsoExplainThemselves();
    void nothingFound();
    void unknownProfile();
    void regionPrecedence();
    void regionMissingOrMalformed();
    void endpoints_data();
    void endpoints();
    void badEndpoint();
    void caBundle();
    void maxAttempts();
    void syntaxErrorDoesNotQuoteTheLine();
    void profileNames();
    void describeHidesSecret();
};

void TestAwsConfig::init()
{
    QVERIFY(m_home.isValid());
    QDir(m_home.path() + QStringLiteral("/.aws")).removeRecursively();
}

void TestAwsConfig::environmentKeys()
{
    write(
        QStringLiteral(".aws/credentials"), "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = other\n");
    AwsConfigResolver resolver(env({ { QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV") },
        { QStringLiteral("AWS_SECRET_ACCESS_KEY"), kSecret }, { QStringLiteral("AWS_SESSION_TOKEN"), kToken },
        { QStringLiteral("AWS_REGION"), QStringLiteral("eu-west-1") } }));
    const AwsResolution r = resolver.resolve(AwsService::CloudWatchLogs);
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->credentials.accessKeyId, QStringLiteral("AKIDENV"));
    QCOMPARE(r.config->credentials.secretAccessKey, kSecret);
    QCOMPARE(r.config->credentials.sessionToken, kToken);
    QVERIFY(r.config->credentials.source.contains(QLatin1String("environment")));
    QCOMPARE(r.config->region, QStringLiteral("eu-west-1"));
    QCOMPARE(r.config->regionSource, QStringLiteral("AWS_REGION"));
    QCOMPARE(r.config->endpoint, QUrl(QStringLiteral("https://logs.eu-west-1.amazonaws.com")));
    QVERIFY(!r.config->customEndpoint);
    QCOMPARE(r.config->maxAttempts, 3);
}

void TestAwsConfig::partialEnvironmentKeys()
{
    AwsConfigResolver resolver(env({ { QStringLiteral("AWS_SECRET_ACCESS_KEY"), kSecret },
        { QStringLiteral("AWS_REGION"), QStringLiteral("eu-west-1") } }));
    const AwsResolution r = resolver.resolve(AwsService::CloudWatchLogs);
    QVERIFY(!r.config);
    QVERIFY2(r.error.contains(QLatin1String("AWS_ACCESS_KEY_ID is not")), qPrintable(r.error));
    verifyNoSecret(r.error);
}

void TestAwsConfig::defaultProfileFromFiles()
{
    write(QStringLiteral(".aws/credentials"),
        "# comment\n[default]\naws_access_key_id=AKIDDEFAULT\naws_secret_access_key = " + kSecret.toUtf8()
            + "\n  \n; another\n[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = x\n");
    write(QStringLiteral(".aws/config"), "[default]\nregion = us-west-2\n[profile dev]\nregion = ap-south-1\n");
    AwsConfigResolver resolver(env());
    const AwsResolution r = resolver.resolve(AwsService::CloudWatchLogs);
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->profile, QStringLiteral("default"));
    QCOMPARE(r.config->credentials.accessKeyId, QStringLiteral("AKIDDEFAULT"));
    QCOMPARE(r.config->credentials.secretAccessKey, kSecret);
    QVERIFY(r.config->credentials.sessionToken.isEmpty());
    QCOMPARE(r.config->region, QStringLiteral("us-west-2"));
    QVERIFY(r.config->regionSource.contains(QLatin1String("profile 'default'")));
}

void TestAwsConfig::namedProfileAndFileOverrides()
{
    write(QStringLiteral("elsewhere/creds"),
        "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n"
        "aws_session_token = devtoken\n");
    write(QStringLiteral("elsewhere/conf"), "[profile dev]\nregion = ap-south-1\n");
    write(QStringLiteral(".aws/credentials"), "[dev]\naws_access_key_id = WRONG\naws_secret_access_key = wrong\n");
    AwsConfigResolver resolver(env({ { QStringLiteral("AWS_PROFILE"), QStringLiteral("dev") },
        { QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_home.path() + QStringLiteral("/elsewhere/creds") },
        { QStringLiteral("AWS_CONFIG_FILE"), m_home.path() + QStringLiteral("/elsewhere/conf") } }));
    const AwsResolution r = resolver.resolve(AwsService::CloudWatchLogs);
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->profile, QStringLiteral("dev"));
    QCOMPARE(r.config->credentials.accessKeyId, QStringLiteral("AKIDDEV"));
    QCOMPARE(r.config->credentials.sessionToken, QStringLiteral("devtoken"));
    QCOMPARE(r.config->region, QStringLiteral("ap-south-1"));
}

void TestAwsConfig::explicitProfileHidesEnvironmentKeys()
{
    write(QStringLiteral(".aws/credentials"), "[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = p\n");
    AwsConfigResolver resolver(env({ { QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV") },
        { QStringLiteral("AWS_SECRET_ACCESS_KEY"), kSecret } }));
    AwsResolveOptions options;
    options.profile = QStringLiteral("prod");
    options.region = QStringLiteral("us-east-2");
    const AwsResolution r = resolver.resolve(AwsService::CloudWatchLogs, options);
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->credentials.accessKeyId, QStringLiteral("AKIDPROD"));
    QCOMPARE(r.config->regionSource, QStringLiteral("--region"));
    // Without --profile the environment wins over AWS_PROFILE, as in the AWS CLI.
    AwsConfigResolver withVariable(env({ { QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDENV") },
        { QStringLiteral("AWS_SECRET_ACCESS_KEY"), kSecret },
        { QStringLiteral("AWS_PROFILE"), QStringLiteral("prod") } }));
    QString error;
    QCOMPARE(withVariable.credentials({}, error)->accessKeyId, QStringLiteral("AKIDENV"));
}

void TestAwsConfig::keysInConfigFile()
{
    write(QStringLiteral(".aws/config"),
        "[profile cfg]\naws_access_key_id = AKIDCFG\naws_secret_access_key = c\nregion = eu-north-1\n");
    AwsConfigResolver resolver(env({ { QStringLiteral("AWS_PROFILE"), QStringLiteral("cfg") } }));
    const AwsResolution r = resolver.resolve(AwsService::CloudWatchLogs);
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->credentials.accessKeyId, QStringLiteral("AKIDCFG"));
    QCOMPARE(r.config->region, QStringLiteral("eu-north-1"));
}

void TestAwsConfig::partialKeysInProfile()
{
    write(QStringLiteral(".aws/credentials"), "[half]\naws_secret_access_key = " + kSecret.toUtf8() + "\n");
    AwsConfigResolver resolver(env());
    QString error;
    QVERIFY(!resolver.credentials(QStringLiteral("half"), error));
    QVERIFY2(error.contains(QLatin1String("no aws_access_key_id")), qPrintable(error));
    verifyNoSecret(error);
}

void TestAwsConfig::credentialProcess()
{
    const QString tool = script(QStringLiteral("bin/creds"),
        "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"procsecret\", "
        "\"SessionToken\": \"proctoken\", \"Expiration\": \"2999-01-01T00:00:00Z\"}'\n");
    write(QStringLiteral(".aws/config"), "[profile proc]\ncredential_process = " + tool.toUtf8() + " --flag\n");
    AwsConfigResolver resolver(env());
    QString error;
    const auto credentials = resolver.credentials(QStringLiteral("proc"), error);
    QVERIFY2(credentials, qPrintable(error));
    QCOMPARE(credentials->accessKeyId, QStringLiteral("AKIDPROC"));
    QCOMPARE(credentials->secretAccessKey, QStringLiteral("procsecret"));
    QCOMPARE(credentials->sessionToken, QStringLiteral("proctoken"));
    QCOMPARE(credentials->expiration, QDateTime(QDate(2999, 1, 1), QTime(0, 0), QTimeZone::utc()));
    QVERIFY(credentials->source.contains(QLatin1String("credential_process")));
}

void TestAwsConfig::credentialProcessFailures_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    const QByteArray secret = kSecret.toUtf8();
    QTest::addRow("not json") << "echo 'AccessKeyId=AKID SecretAccessKey=" + secret + "'\n"
                              << QStringLiteral("not a JSON object");
    QTest::addRow("wrong version") << "echo '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" + secret
            + "\"}'\n" << QStringLiteral("\"Version\": 1");
    QTest::addRow("no secret") << QByteArray("echo '{\"Version\": 1, \"AccessKeyId\": \"A\"}'\n")
                               << QStringLiteral("lacks");
    QTest::addRow("expired") << "echo '{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" + secret
            + "\", \"Expiration\": \"2001-02-03T04:05:06Z\"}'\n"
                             << QStringLiteral("expired at 2001-02-03T04:05:06Z");
    QTest::addRow("exit code") << QByteArray("echo 'Token for profile expired: run aws sso login' >&2\nexit 3\n")
                               << QStringLiteral("failed (exit code 3): Token for profile expired: run aws sso login");
}

void TestAwsConfig::credentialProcessFailures()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    const QString tool = script(QStringLiteral("bin/bad"), body);
    write(QStringLiteral(".aws/config"), "[profile proc]\ncredential_process = \"" + tool.toUtf8() + "\"\n");
    AwsConfigResolver resolver(env());
    QString error;
    QVERIFY(!resolver.credentials(QStringLiteral("proc"), error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("Profile 'proc'")), qPrintable(error));
    verifyNoSecret(error);
}

void TestAwsConfig::sourceProfileChain()
{
    write(QStringLiteral(".aws/credentials"), "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = b\n");
    write(QStringLiteral(".aws/config"),
        "[profile top]\nsource_profile = middle\nregion = sa-east-1\n"
        "[profile middle]\nsource_profile = base\n");
    AwsConfigResolver resolver(env());
    AwsResolveOptions options;
    options.profile = QStringLiteral("top");
    const AwsResolution r = resolver.resolve(AwsService::CloudWatchLogs, options);
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->credentials.accessKeyId, QStringLiteral("AKIDBASE"));
    QVERIFY(r.config->credentials.source.contains(QLatin1String("'base'")));
    QCOMPARE(r.config->region, QStringLiteral("sa-east-1")); // the region of the profile asked for
}

void TestAwsConfig::sourceProfileLoopAndMissing()
{
    write(QStringLiteral(".aws/config"),
        "[profile a]\nsource_profile = b\n[profile b]\nsource_profile = a\n"
        "[profile lost]\nsource_profile = nowhere\n");
    AwsConfigResolver resolver(env());
    QString error;
    QVERIFY(!resolver.credentials(QStringLiteral("a"), error));
    QVERIFY2(error.contains(QStringLiteral("loop: a → b → a")), qPrintable(error));
    error.clear();
    QVERIFY(!resolver.credentials(QStringLiteral("lost"), error));
    QVERIFY2(error.contains(QLatin1String("source_profile 'nowhere'")), qPrintable(error));
}

void TestAwsConfig::rolesAndSsoExplainThemselves_data()
{
    QTest::addColumn<QByteArray>("settings");
    QTest::addColumn<QString>("expected");
    QTest::addRow("role") << QByteArray("role_arn = arn:aws:iam::123456789012:role/Reader\nsource_profile = base\n")
                          << QStringLiteral("assumes the role arn:aws:iam::123456789012:role/Reader");
    QTest::addRow("web identity") << QByteArray("web_identity_token_file = /tmp/t\nrole_arn = \n")
                                  << QStringLiteral("web identity");
    QTest::addRow("sso session") << QByteArray("sso_session = corp\nsso_account_id = 1\n")
                                 << QStringLiteral("aws sso login --profile x");
    QTest::addRow("legacy sso") << QByteArray("sso_start_url = https://corp.awsapps.com/start\n")
                                << QStringLiteral("IAM Identity Center (SSO)");
}

void TestAwsConfig::rolesAndSsoExplainThemselves()
{
    QFETCH(QByteArray, settings);
    QFETCH(QString, expected);
    write(QStringLiteral(".aws/config"), "[profile x]\n" + settings);
    write(QStringLiteral(".aws/credentials"), "[base]\naws_access_key_id = A\naws_secret_access_key = B\n");
    AwsConfigResolver resolver(env());
    QString error;
    QVERIFY(!resolver.credentials(QStringLiteral("x"), error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("export-credentials --profile x")), qPrintable(error));
}

void TestAwsConfig::nothingFound()
{
    AwsConfigResolver resolver(env({ { QStringLiteral("AWS_REGION"), QStringLiteral("eu-west-1") } }));
    const AwsResolution r = resolver.resolve(AwsService::CloudWatchLogs);
    QVERIFY(!r.config);
    QVERIFY2(r.error.startsWith(QLatin1String("No AWS credentials found")), qPrintable(r.error));
    QVERIFY2(r.error.contains(m_home.path() + QStringLiteral("/.aws/credentials (missing)")), qPrintable(r.error));
    QVERIFY2(r.error.contains(QLatin1String("aws configure")), qPrintable(r.error));
}

void TestAwsConfig::unknownProfile()
{
    write(QStringLiteral(".aws/config"), "[profile other]\nregion = eu-west-1\n");
    AwsConfigResolver resolver(env({ { QStringLiteral("AWS_PROFILE"), QStringLiteral("typo") },
        { QStringLiteral("AWS_REGION"), QStringLiteral("eu-west-1") } }));
    const AwsResolution r = resolver.resolve(AwsService::CloudWatchLogs);
    QVERIFY(!r.config);
    QVERIFY2(r.error.contains(QLatin1String("The profile 'typo' is in neither")), qPrintable(r.error));
}

void TestAwsConfig::regionPrecedence()
{
    write(QStringLiteral(".aws/config"), "[default]\nregion = from-profile-1\n");
    AwsConfigResolver both(env({ { QStringLiteral("AWS_REGION"), QStringLiteral("from-region-1") },
        { QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("from-default-1") } }));
    QString source;
    QCOMPARE(both.region({}, source), QStringLiteral("from-region-1"));
    AwsConfigResolver defaultOnly(env({ { QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("from-default-1") } }));
    QCOMPARE(defaultOnly.region({}, source), QStringLiteral("from-default-1"));
    QCOMPARE(source, QStringLiteral("AWS_DEFAULT_REGION"));
    AwsConfigResolver profileOnly(env());
    QCOMPARE(profileOnly.region({}, source), QStringLiteral("from-profile-1"));
}

void TestAwsConfig::regionMissingOrMalformed()
{
    write(QStringLiteral(".aws/credentials"), "[default]\naws_access_key_id = A\naws_secret_access_key = B\n");
    AwsConfigResolver none(env());
    AwsResolution r = none.resolve(AwsService::CloudWatchLogs);
    QVERIFY(!r.config);
    QVERIFY2(r.error.startsWith(QLatin1String("No AWS region is set")), qPrintable(r.error));
    AwsConfigResolver bad(env({ { QStringLiteral("AWS_REGION"), QStringLiteral("eu-west-1.evil.com/") } }));
    r = bad.resolve(AwsService::CloudWatchLogs);
    QVERIFY(!r.config);
    QVERIFY2(r.error.contains(QLatin1String("is not a region name")), qPrintable(r.error));
}

void TestAwsConfig::endpoints_data()
{
    QTest::addColumn<int>("service");
    QTest::addColumn<QStringList>("variables"); // name=value pairs
    QTest::addColumn<QByteArray>("profileSettings");
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("custom");
    const int logs = static_cast<int>(AwsService::CloudWatchLogs);
    const int ec2 = static_cast<int>(AwsService::Ec2);
    QTest::addRow("default logs") << logs << QStringList() << QByteArray() << QString()
                                  << QStringLiteral("https://logs.eu-west-1.amazonaws.com") << false;
    QTest::addRow("default ec2") << ec2 << QStringList() << QByteArray() << QString()
                                 << QStringLiteral("https://ec2.eu-west-1.amazonaws.com") << false;
    QTest::addRow("global variable") << logs << QStringList { QStringLiteral("AWS_ENDPOINT_URL=http://127.0.0.1:4566") }
                                     << QByteArray() << QString() << QStringLiteral("http://127.0.0.1:4566") << true;
    const QStringList both { QStringLiteral("AWS_ENDPOINT_URL=http://global:1"),
        QStringLiteral("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=http://logs:2"),
        QStringLiteral("AWS_ENDPOINT_URL_EC2=http://ec2:3") };
    QTest::addRow("service variable wins (logs)")
        << logs << both << QByteArray() << QString() << QStringLiteral("http://logs:2") << true;
    QTest::addRow("service variable wins (ec2)")
        << ec2 << both << QByteArray() << QString() << QStringLiteral("http://ec2:3") << true;
    QTest::addRow("option beats all") << logs << both << QByteArray() << QStringLiteral("https://opt.example:8443")
                                      << QStringLiteral("https://opt.example:8443") << true;
    QTest::addRow("profile endpoint_url") << logs << QStringList() << QByteArray("endpoint_url = http://cfg:9\n")
                                          << QString() << QStringLiteral("http://cfg:9") << true;
    QTest::addRow("services section") << logs << QStringList()
                                      << QByteArray("endpoint_url = http://cfg:9\nservices = local\n") << QString()
                                      << QStringLiteral("http://svc-logs:7") << true;
    QTest::addRow("services section, other service")
        << ec2 << QStringList() << QByteArray("endpoint_url = http://cfg:9\nservices = local\n") << QString()
        << QStringLiteral("http://cfg:9") << true;
    QTest::addRow("ignored by variable") << logs
                                         << QStringList { QStringLiteral("AWS_ENDPOINT_URL=http://global:1"),
                                                QStringLiteral("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true") }
                                         << QByteArray("endpoint_url = http://cfg:9\n") << QString()
                                         << QStringLiteral("https://logs.eu-west-1.amazonaws.com") << false;
    QTest::addRow("ignored by profile, option kept")
        << logs << QStringList { QStringLiteral("AWS_ENDPOINT_URL=http://global:1") }
        << QByteArray("ignore_configured_endpoint_urls = true\n") << QStringLiteral("http://opt:1")
        << QStringLiteral("http://opt:1") << true;
}

void TestAwsConfig::endpoints()
{
    QFETCH(int, service);
    QFETCH(QStringList, variables);
    QFETCH(QByteArray, profileSettings);
    QFETCH(QString, option);
    QFETCH(QString, expected);
    QFETCH(bool, custom);
    write(QStringLiteral(".aws/config"),
        "[default]\nregion = eu-west-1\naws_access_key_id = A\naws_secret_access_key = B\n" + profileSettings
            + "[services local]\ncloudwatch_logs =\n  endpoint_url = http://svc-logs:7\n");
    QHash<QString, QString> vars;
    for (const QString& v : variables) {
        vars.insert(v.section(QLatin1Char('='), 0, 0), v.section(QLatin1Char('='), 1));
    }
    AwsConfigResolver resolver(env(vars));
    AwsResolveOptions options;
    options.endpointUrl = option;
    const AwsResolution r = resolver.resolve(static_cast<AwsService>(service), options);
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->endpoint, QUrl(expected));
    QCOMPARE(r.config->customEndpoint, custom);
}

void TestAwsConfig::badEndpoint()
{
    write(QStringLiteral(".aws/credentials"), "[default]\naws_access_key_id = A\naws_secret_access_key = B\n");
    AwsConfigResolver resolver(env({ { QStringLiteral("AWS_REGION"), QStringLiteral("cn-north-1") },
        { QStringLiteral("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"), QStringLiteral("ftp://files.example") } }));
    AwsResolution r = resolver.resolve(AwsService::CloudWatchLogs);
    QVERIFY(!r.config);
    QVERIFY2(r.error.contains(QLatin1String("'ftp://files.example' from AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")),
        qPrintable(r.error));
    r = resolver.resolve(AwsService::Ec2); // the logs variable does not touch EC2; China has its own domain
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->endpoint, QUrl(QStringLiteral("https://ec2.cn-north-1.amazonaws.com.cn")));
}

void TestAwsConfig::caBundle()
{
    write(QStringLiteral(".aws/credentials"), "[default]\naws_access_key_id = A\naws_secret_access_key = B\n");
    write(QStringLiteral("not-a-cert.pem"), "hello\n");
    const QHash<QString, QString> base { { QStringLiteral("AWS_REGION"), QStringLiteral("eu-west-1") } };
    auto with = [&](const QString& path) {
        QHash<QString, QString> vars = base;
        vars.insert(QStringLiteral("AWS_CA_BUNDLE"), path);
        return AwsConfigResolver(env(vars)).resolve(AwsService::CloudWatchLogs);
    };
    AwsResolution r = with(QStringLiteral(FLOWLENS_TEST_DATA "/aws/test-ca.pem"));
    QVERIFY2(r.config, qPrintable(r.error));
    QCOMPARE(r.config->caCertificates.size(), 1);
    QCOMPARE(r.config->caCertificates.first().subjectInfo(QSslCertificate::CommonName),
        QStringList { QStringLiteral("flowlens-test-ca") });
    r = with(m_home.path() + QStringLiteral("/missing.pem"));
    QVERIFY2(r.error.contains(QLatin1String("does not exist")), qPrintable(r.error));
    r = with(m_home.path() + QStringLiteral("/not-a-cert.pem"));
    QVERIFY2(r.error.contains(QLatin1String("holds no PEM certificate")), qPrintable(r.error));
    QVERIFY(AwsConfigResolver(env(base)).resolve(AwsService::CloudWatchLogs).config->caCertificates.isEmpty());
}

void TestAwsConfig::maxAttempts()
{
    write(QStringLiteral(".aws/config"),
        "[default]\nregion = eu-west-1\naws_access_key_id = A\naws_secret_access_key = B\nmax_attempts = 5\n");
    QCOMPARE(AwsConfigResolver(env()).resolve(AwsService::CloudWatchLogs).config->maxAttempts, 5);
    QCOMPARE(AwsConfigResolver(env({ { QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("1") } }))
                 .resolve(AwsService::CloudWatchLogs)
                 .config->maxAttempts,
        1);
    const AwsResolution r = AwsConfigResolver(env({ { QStringLiteral("AWS_MAX_ATTEMPTS"), QStringLiteral("zero") } }))
                                .resolve(AwsService::CloudWatchLogs);
    QVERIFY2(r.error.contains(QLatin1String("AWS_MAX_ATTEMPTS must be a whole number")), qPrintable(r.error));
}

void TestAwsConfig::syntaxErrorDoesNotQuoteTheLine()
{
    write(QStringLiteral(".aws/credentials"),
        "[default]\naws_access_key_id = A\naws_secret_access_key " + kSecret.toUtf8() + "\n");
    AwsConfigResolver resolver(env({ { QStringLiteral("AWS_REGION"), QStringLiteral("eu-west-1") } }));
    const AwsResolution r = resolver.resolve(AwsService::CloudWatchLogs);
    QVERIFY(!r.config);
    QVERIFY2(
        r.error.contains(QLatin1String("/.aws/credentials, line 3: expected 'name = value'")), qPrintable(r.error));
    verifyNoSecret(r.error);
    const AwsConfigFile early = AwsConfigFile::parse("region = x\n[default]\n", QStringLiteral("cfg"));
    QCOMPARE(early.error(), QStringLiteral("cfg, line 1: a setting comes before any [section] header"));
}

void TestAwsConfig::profileNames()
{
    write(QStringLiteral(".aws/config"), "[default]\n[profile dev]\n[sso-session corp]\n[services local]\n");
    write(QStringLiteral(".aws/credentials"), "[dev]\n[ci]\n");
    QCOMPARE(AwsConfigResolver(env()).profileNames(),
        (QStringList { QStringLiteral("default"), QStringLiteral("dev"), QStringLiteral("ci") }));
}

void TestAwsConfig::describeHidesSecret()
{
    AwsCredentials c;
    c.accessKeyId = QStringLiteral("AKIAABCDEFGHWXYZ");
    c.secretAccessKey = kSecret;
    c.sessionToken = kToken;
    c.source = QStringLiteral("the environment");
    QCOMPARE(c.describe(), QStringLiteral("access key …WXYZ from the environment"));
}

QTEST_GUILESS_MAIN(TestAwsConfig)
#include "tst_awsconfig.moc"
