#pragma once

#include "awscredentials.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <optional>

namespace flowlens {

// A profile's `credential_process`: a command that prints credentials as JSON
// ({"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}).
// Errors say what went wrong but never echo the command's output, which holds the secret.
class CredentialProcess {
public:
    static std::optional<AwsCredentials> run(
        const QString& command, const QHash<QString, QString>& environment, QString& error, int timeoutMs = 60000);
    static std::optional<AwsCredentials> parseOutput(const QByteArray& output, QString& error);
};

} // namespace flowlens
