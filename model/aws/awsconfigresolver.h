#pragma once

#include "awsconfigfile.h"
#include "awscredentials.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>
#include <optional>

namespace flowlens {

// The services FlowLens talks to, with the names each naming scheme uses for them.
enum class AwsService { CloudWatchLogs, Ec2 };

struct AwsServiceInfo {
    const char* signingName; // "logs": SigV4 scope and the endpoint's first label
    const char* envSuffix; // AWS_ENDPOINT_URL_<suffix>
    const char* configKey; // the key in a [services x] section
    const char* jsonPrefix; // X-Amz-Target prefix for JSON 1.1 (empty for the Query API)
};
const AwsServiceInfo& awsServiceInfo(AwsService service);

// What resolution reads from the outside world: the environment variables and the home folder.
// Tests pass their own; the program uses fromSystem().
struct AwsEnvironment {
    QHash<QString, QString> variables;
    QString homeDir;

    static AwsEnvironment fromSystem();
    QString value(const char* name) const { return variables.value(QLatin1String(name)); }
    QString credentialsPath() const;
    QString configPath() const;
};

// What the user asked for on the command line or in a dialog; empty means "not given".
struct AwsResolveOptions {
    QString profile;
    QString region;
    QString endpointUrl;
};

// Everything a client needs to talk to one service.
struct AwsClientConfig {
    QString profile; // the profile used ("default" unless one was chosen)
    AwsCredentials credentials;
    QString region;
    QString regionSource; // "AWS_REGION", "profile dev in /home/u/.aws/config", "--region", …
    QUrl endpoint;
    QString endpointSource;
    bool customEndpoint = false; // the user named the endpoint (so plain http is allowed)
    QList<QSslCertificate> caCertificates; // from AWS_CA_BUNDLE / ca_bundle; empty: the system's
    int maxAttempts = 3; // AWS_MAX_ATTEMPTS / max_attempts
};

struct AwsResolution {
    std::optional<AwsClientConfig> config;
    QString error; // one paragraph saying what is missing and how to fix it; never holds a secret
};

// Resolves credentials, region and endpoint the way the AWS CLI does (see resolve()).
class AwsConfigResolver {
public:
    explicit AwsConfigResolver(AwsEnvironment environment);

    // Credentials: --profile (which hides the environment's keys) > AWS_ACCESS_KEY_ID/
    // AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN] > the profile (AWS_PROFILE or "default"):
    // keys in the credentials file > credential_process > keys in the config file > its
    // source_profile (followed while no role has to be assumed). Roles, web identity and SSO need
    // calls FlowLens does not make; they are reported with a way around.
    // Region: --region > AWS_REGION > AWS_DEFAULT_REGION > the profile's region.
    // Endpoint: --endpoint-url > AWS_ENDPOINT_URL_<SERVICE> > AWS_ENDPOINT_URL > the profile's
    // [services] section > the profile's endpoint_url > https://<service>.<region>.amazonaws.com.
    AwsResolution resolve(AwsService service, const AwsResolveOptions& options = {}) const;

    // Parts, for dialogs that fill in as the user picks.
    QStringList profileNames() const;
    std::optional<AwsCredentials> credentials(const QString& explicitProfile, QString& error) const;
    QString region(const QString& profile, QString& source) const;

    const AwsEnvironment& environment() const { return m_env; }

private:
    QString activeProfile(const QString& explicitProfile) const;
    // The profile's setting: config file "[profile x]" (or credentials file for keys).
    QString configValue(const QString& profile, const QString& key) const;
    std::optional<AwsCredentials> profileCredentials(const QString& profile, QStringList& chain, QString& error) const;
    std::optional<AwsCredentials> keysIn(
        const AwsConfigFile& file, const QString& profile, bool configFile, QString& error) const;
    bool endpointFor(AwsService service, const AwsResolveOptions& options, const QString& profile,
        const QString& region, AwsClientConfig& config, QString& error) const;
    QString fileError() const;

    AwsEnvironment m_env;
    AwsConfigFile m_credentialsFile;
    AwsConfigFile m_configFile;
};

} // namespace flowlens
