#include "awsconfigresolver.h"

#include "credentialprocess.h"

#include <QDir>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>

namespace flowlens {

namespace {

bool truthy(const QString& value)
{
    return value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
}

QString workaround(const QString& profile)
{
    return QStringLiteral(" To use it anyway, sign in with the AWS CLI and let FlowLens ask it for the "
                          "credentials: add 'credential_process = aws configure export-credentials --profile %1 "
                          "--format process' to a new profile, or run 'eval \"$(aws configure export-credentials "
                          "--profile %1 --format env)\"' before starting FlowLens.")
        .arg(profile);
}

} // namespace

const AwsServiceInfo& awsServiceInfo(AwsService service)
{
    static const AwsServiceInfo logs { "logs", "CLOUDWATCH_LOGS", "cloudwatch_logs", "Logs_20140328" };
    static const AwsServiceInfo ec2 { "ec2", "EC2", "ec2", "" };
    return service == AwsService::Ec2 ? ec2 : logs;
}

AwsEnvironment AwsEnvironment::fromSystem()
{
    AwsEnvironment env;
    const QProcessEnvironment system = QProcessEnvironment::systemEnvironment();
    const QStringList keys = system.keys();
    for (const QString& key : keys) {
        env.variables.insert(key, system.value(key));
    }
    env.homeDir = QDir::homePath();
    return env;
}

QString AwsEnvironment::credentialsPath() const
{
    const QString set = value("AWS_SHARED_CREDENTIALS_FILE");
    return set.isEmpty() ? homeDir + QStringLiteral("/.aws/credentials") : set;
}

QString AwsEnvironment::configPath() const
{
    const QString set = value("AWS_CONFIG_FILE");
    return set.isEmpty() ? homeDir + QStringLiteral("/.aws/config") : set;
}

AwsConfigResolver::AwsConfigResolver(AwsEnvironment environment)
    : m_env(std::move(environment))
    , m_credentialsFile(AwsConfigFile::load(m_env.credentialsPath()))
    , m_configFile(AwsConfigFile::load(m_env.configPath()))
{
}

QStringList AwsConfigResolver::profileNames() const
{
    QStringList names = m_configFile.profileNames(true);
    const QStringList more = m_credentialsFile.profileNames(false);
    for (const QString& name : more) {
        if (!names.contains(name)) {
            names.append(name);
        }
    }
    return names;
}

QString AwsConfigResolver::activeProfile(const QString& explicitProfile) const
{
    for (const QString& candidate :
        { explicitProfile, m_env.value("AWS_PROFILE"), m_env.value("AWS_DEFAULT_PROFILE") }) {
        if (!candidate.isEmpty()) {
            return candidate;
        }
    }
    return QStringLiteral("default");
}

QString AwsConfigResolver::configValue(const QString& profile, const QString& key) const
{
    // The AWS CLI merges a profile's credentials-file section into its config-file section.
    if (const auto* section = m_configFile.profile(profile, true); section && section->contains(key)) {
        return section->value(key);
    }
    if (const auto* section = m_credentialsFile.profile(profile, false)) {
        return section->value(key);
    }
    return {};
}

QString AwsConfigResolver::fileError() const
{
    return !m_configFile.error().isEmpty() ? m_configFile.error() : m_credentialsFile.error();
}

std::optional<AwsCredentials> AwsConfigResolver::keysIn(
    const AwsConfigFile& file, const QString& profile, bool configFile, QString& error) const
{
    const auto* section = file.profile(profile, configFile);
    if (!section) {
        return std::nullopt;
    }
    const QString id = section->value(QStringLiteral("aws_access_key_id"));
    const QString secret = section->value(QStringLiteral("aws_secret_access_key"));
    if (id.isEmpty() != secret.isEmpty()) {
        error = QStringLiteral("Profile '%1' in %2 has %3 but no %4.")
                    .arg(profile, file.path(),
                        id.isEmpty() ? QStringLiteral("aws_secret_access_key") : QStringLiteral("aws_access_key_id"),
                        id.isEmpty() ? QStringLiteral("aws_access_key_id") : QStringLiteral("aws_secret_access_key"));
        return std::nullopt;
    }
    if (id.isEmpty()) {
        return std::nullopt;
    }
    AwsCredentials credentials;
    credentials.accessKeyId = id;
    credentials.secretAccessKey = secret;
    credentials.sessionToken = section->value(QStringLiteral("aws_session_token"));
    if (credentials.sessionToken.isEmpty()) {
        credentials.sessionToken = section->value(QStringLiteral("aws_security_token"));
    }
    credentials.source = QStringLiteral("profile '%1' in %2").arg(profile, file.path());
    return credentials;
}

std::optional<AwsCredentials> AwsConfigResolver::profileCredentials(
    const QString& profile, QStringList& chain, QString& error) const
{
    if (chain.contains(profile)) {
        error = QStringLiteral("The source_profile settings form a loop: %1 → %2.")
                    .arg(chain.join(QStringLiteral(" → ")), profile);
        return std::nullopt;
    }
    const auto* configSection = m_configFile.profile(profile, true);
    const auto* credentialsSection = m_credentialsFile.profile(profile, false);
    if (!configSection && !credentialsSection) {
        error = chain.isEmpty()
            ? QStringLiteral("The profile '%1' is in neither %2 nor %3.")
                  .arg(profile, m_credentialsFile.path(), m_configFile.path())
            : QStringLiteral("Profile '%1' names source_profile '%2', which is in neither %3 nor %4.")
                  .arg(chain.last(), profile, m_credentialsFile.path(), m_configFile.path());
        return std::nullopt;
    }
    chain.append(profile);
    auto setting = [&](const char* key) { return configValue(profile, QLatin1String(key)); };
    if (!setting("role_arn").isEmpty()) {
        error = QStringLiteral("Profile '%1' assumes the role %2, which needs a call to AWS STS that FlowLens "
                               "does not make.")
                    .arg(profile, setting("role_arn"))
            + workaround(profile);
        return std::nullopt;
    }
    if (!setting("web_identity_token_file").isEmpty()) {
        error = QStringLiteral("Profile '%1' uses a web identity token, which needs a call to AWS STS that FlowLens "
                               "does not make.")
                    .arg(profile)
            + workaround(profile);
        return std::nullopt;
    }
    if (!setting("sso_session").isEmpty() || !setting("sso_start_url").isEmpty()) {
        error = QStringLiteral("Profile '%1' signs in with IAM Identity Center (SSO). FlowLens cannot sign in to "
                               "SSO itself: run 'aws sso login --profile %1' first.")
                    .arg(profile)
            + workaround(profile);
        return std::nullopt;
    }
    if (auto keys = keysIn(m_credentialsFile, profile, false, error)) {
        return keys;
    }
    if (!error.isEmpty()) {
        return std::nullopt;
    }
    const QString process = setting("credential_process");
    if (!process.isEmpty()) {
        QString why;
        auto credentials = CredentialProcess::run(process, m_env.variables, why);
        if (!credentials) {
            error = QStringLiteral("Profile '%1': %2.").arg(profile, why);
            return std::nullopt;
        }
        credentials->source = QStringLiteral("credential_process of profile '%1'").arg(profile);
        return credentials;
    }
    if (auto keys = keysIn(m_configFile, profile, true, error)) {
        return keys;
    }
    if (!error.isEmpty()) {
        return std::nullopt;
    }
    const QString source = setting("source_profile");
    if (!source.isEmpty()) {
        return profileCredentials(source, chain, error);
    }
    error = QStringLiteral("Profile '%1' has no credentials: it sets neither aws_access_key_id and "
                           "aws_secret_access_key, nor credential_process, nor source_profile.")
                .arg(profile);
    return std::nullopt;
}

std::optional<AwsCredentials> AwsConfigResolver::credentials(const QString& explicitProfile, QString& error) const
{
    if (explicitProfile.isEmpty()) {
        const QString id = m_env.value("AWS_ACCESS_KEY_ID");
        const QString secret = m_env.value("AWS_SECRET_ACCESS_KEY");
        if (!id.isEmpty() && !secret.isEmpty()) {
            AwsCredentials credentials;
            credentials.accessKeyId = id;
            credentials.secretAccessKey = secret;
            credentials.sessionToken = m_env.value("AWS_SESSION_TOKEN");
            credentials.source = QStringLiteral("the environment (AWS_ACCESS_KEY_ID)");
            return credentials;
        }
        if (id.isEmpty() != secret.isEmpty()) {
            error = id.isEmpty() ? QStringLiteral("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not.")
                                 : QStringLiteral("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not.");
            return std::nullopt;
        }
    }
    if (!fileError().isEmpty()) {
        error = fileError();
        return std::nullopt;
    }
    const QString profile = activeProfile(explicitProfile);
    const bool named = profile != QLatin1String("default");
    if (!named && !m_configFile.profile(profile, true) && !m_credentialsFile.profile(profile, false)) {
        error
            = QStringLiteral("No AWS credentials found. FlowLens looked for AWS_ACCESS_KEY_ID and "
                             "AWS_SECRET_ACCESS_KEY in the environment and for the profile 'default' in %1%2 "
                             "and %3%4. Set the variables, run 'aws configure', or choose a profile "
                             "(AWS_PROFILE or --profile).")
                  .arg(m_credentialsFile.path(), m_credentialsFile.exists() ? QString() : QStringLiteral(" (missing)"),
                      m_configFile.path(), m_configFile.exists() ? QString() : QStringLiteral(" (missing)"));
        return std::nullopt;
    }
    QStringList chain;
    return profileCredentials(profile, chain, error);
}

QString AwsConfigResolver::region(const QString& profile, QString& source) const
{
    for (const char* name : { "AWS_REGION", "AWS_DEFAULT_REGION" }) {
        const QString value = m_env.value(name);
        if (!value.isEmpty()) {
            source = QLatin1String(name);
            return value;
        }
    }
    const QString active = activeProfile(profile);
    const QString value = configValue(active, QStringLiteral("region"));
    if (!value.isEmpty()) {
        source = QStringLiteral("profile '%1' in %2").arg(active, m_configFile.path());
    }
    return value;
}

bool AwsConfigResolver::endpointFor(AwsService service, const AwsResolveOptions& options, const QString& profile,
    const QString& region, AwsClientConfig& config, QString& error) const
{
    const AwsServiceInfo& info = awsServiceInfo(service);
    const bool ignoreConfigured = truthy(m_env.value("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))
        || truthy(configValue(profile, QStringLiteral("ignore_configured_endpoint_urls")));
    std::vector<std::pair<QString, QString>> candidates; // (url, where it was set)
    candidates.emplace_back(options.endpointUrl, QStringLiteral("--endpoint-url"));
    if (!ignoreConfigured) {
        const QString serviceVariable = QStringLiteral("AWS_ENDPOINT_URL_") + QLatin1String(info.envSuffix);
        candidates.emplace_back(m_env.variables.value(serviceVariable), serviceVariable);
        candidates.emplace_back(m_env.value("AWS_ENDPOINT_URL"), QStringLiteral("AWS_ENDPOINT_URL"));
        const QString services = configValue(profile, QStringLiteral("services"));
        if (!services.isEmpty()) {
            const auto* section = m_configFile.section(QStringLiteral("services ") + services);
            const QString key = QLatin1String(info.configKey) + QStringLiteral(".endpoint_url");
            candidates.emplace_back(section ? section->value(key) : QString(),
                QStringLiteral("[services %1] in %2").arg(services, m_configFile.path()));
        }
        candidates.emplace_back(configValue(profile, QStringLiteral("endpoint_url")),
            QStringLiteral("endpoint_url of profile '%1'").arg(profile));
    }
    for (const auto& [text, source] : candidates) {
        if (text.isEmpty()) {
            continue;
        }
        const QUrl url(text, QUrl::StrictMode);
        const QString scheme = url.scheme().toLower();
        if (!url.isValid() || url.host().isEmpty()
            || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))) {
            error = QStringLiteral("The endpoint '%1' from %2 is not an http:// or https:// URL with a host.")
                        .arg(text, source);
            return false;
        }
        config.endpoint = url;
        config.endpointSource = source;
        config.customEndpoint = true;
        return true;
    }
    const QString domain = region.startsWith(QLatin1String("cn-")) ? QStringLiteral("amazonaws.com.cn")
                                                                   : QStringLiteral("amazonaws.com");
    config.endpoint = QUrl(QStringLiteral("https://%1.%2.%3").arg(QLatin1String(info.signingName), region, domain));
    config.endpointSource = QStringLiteral("the region");
    config.customEndpoint = false;
    return true;
}

AwsResolution AwsConfigResolver::resolve(AwsService service, const AwsResolveOptions& options) const
{
    AwsResolution result;
    if (!fileError().isEmpty()) {
        result.error = fileError();
        return result;
    }
    AwsClientConfig config;
    config.profile = activeProfile(options.profile);

    if (!options.region.isEmpty()) {
        config.region = options.region;
        config.regionSource = QStringLiteral("--region");
    } else {
        config.region = region(options.profile, config.regionSource);
    }
    if (config.region.isEmpty()) {
        result.error = QStringLiteral("No AWS region is set: give --region, set AWS_REGION, or add 'region = …' to "
                                      "profile '%1' in %2.")
                           .arg(config.profile, m_configFile.path());
        return result;
    }
    static const QRegularExpression regionShape(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)+$"));
    if (!regionShape.match(config.region).hasMatch()) {
        result.error = QStringLiteral("The region '%1' (from %2) is not a region name such as eu-west-1.")
                           .arg(config.region, config.regionSource);
        return result;
    }
    if (!endpointFor(service, options, config.profile, config.region, config, result.error)) {
        return result;
    }

    QString caBundle = m_env.value("AWS_CA_BUNDLE");
    if (caBundle.isEmpty()) {
        caBundle = configValue(config.profile, QStringLiteral("ca_bundle"));
    }
    if (!caBundle.isEmpty()) {
        if (!QFileInfo(caBundle).isFile()) {
            result.error = QStringLiteral("The CA bundle %1 (AWS_CA_BUNDLE / ca_bundle) does not exist.").arg(caBundle);
            return result;
        }
        config.caCertificates = QSslCertificate::fromPath(caBundle, QSsl::Pem);
        if (config.caCertificates.isEmpty()) {
            result.error = QStringLiteral("The CA bundle %1 holds no PEM certificate.").arg(caBundle);
            return result;
        }
    }

    QString attempts = m_env.value("AWS_MAX_ATTEMPTS");
    QString attemptsSource = QStringLiteral("AWS_MAX_ATTEMPTS");
    if (attempts.isEmpty()) {
        attempts = configValue(config.profile, QStringLiteral("max_attempts"));
        attemptsSource = QStringLiteral("max_attempts of profile '%1'").arg(config.profile);
    }
    if (!attempts.isEmpty()) {
        bool ok = false;
        config.maxAttempts = attempts.toInt(&ok);
        if (!ok || config.maxAttempts < 1) {
            result.error
                = QStringLiteral("%1 must be a whole number of at least 1, not '%2'.").arg(attemptsSource, attempts);
            return result;
        }
    }

    auto credentials = this->credentials(options.profile, result.error);
    if (!credentials) {
        return result;
    }
    config.credentials = std::move(*credentials);
    result.config = std::move(config);
    return result;
}

} // namespace flowlens
