#pragma once

#include <QDateTime>
#include <QString>

namespace flowlens {

// One set of AWS credentials. The secret and the token never leave this struct except into a
// signature: nothing formats them into a message (describe() names only where they came from).
struct AwsCredentials {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken; // empty for long-term keys
    QDateTime expiration; // invalid when the source does not say (credential_process may)
    QString source; // "environment", "profile dev in /home/u/.aws/credentials", …

    bool isValid() const { return !accessKeyId.isEmpty() && !secretAccessKey.isEmpty(); }
    // For messages: the source and the key id's last four characters, never the secret.
    QString describe() const;
};

} // namespace flowlens
