#include "awsconnection.h"

#include <QTextStream>

namespace flowlens::cli {

void addAwsOptions(QCommandLineParser& parser, AwsService service)
{
    const QString suffix = QLatin1String(awsServiceInfo(service).envSuffix);
    const QString name = service == AwsService::Ec2 ? QStringLiteral("EC2") : QStringLiteral("CloudWatch Logs");
    parser.addOption({ QStringLiteral("profile"), QStringLiteral("AWS profile (default: AWS_PROFILE or default)."),
        QStringLiteral("NAME") });
    parser.addOption({ QStringLiteral("region"), QStringLiteral("AWS region (default: AWS_REGION or the profile's)."),
        QStringLiteral("REGION") });
    parser.addOption({ QStringLiteral("endpoint-url"),
        QStringLiteral("%1 endpoint (default: AWS_ENDPOINT_URL_%2, AWS_ENDPOINT_URL, the profile's, or the region's).")
            .arg(name, suffix),
        QStringLiteral("URL") });
}

std::unique_ptr<AwsJsonClient> connectAws(const QCommandLineParser& parser, AwsService service, const char* command)
{
    AwsResolveOptions options;
    options.profile = parser.value(QStringLiteral("profile"));
    options.region = parser.value(QStringLiteral("region"));
    options.endpointUrl = parser.value(QStringLiteral("endpoint-url"));
    const AwsResolution resolution = AwsConfigResolver(AwsEnvironment::fromSystem()).resolve(service, options);
    if (!resolution.config) {
        QTextStream(stderr) << "flowlens-cli " << command << ": " << resolution.error << '\n';
        return nullptr;
    }
    return std::make_unique<AwsJsonClient>(*resolution.config, service);
}

} // namespace flowlens::cli
