#pragma once

#include "aws/awsjsonclient.h"

#include <QCommandLineParser>
#include <memory>

namespace flowlens::cli {

// --profile, --region and --endpoint-url (described for `service`), shared by the AWS commands.
void addAwsOptions(QCommandLineParser& parser, AwsService service);
// The client those options (and the environment, the AWS files) lead to; null after printing
// "flowlens-cli COMMAND: why" when credentials, region or endpoint cannot be resolved.
std::unique_ptr<AwsJsonClient> connectAws(const QCommandLineParser& parser, AwsService service, const char* command);

} // namespace flowlens::cli
