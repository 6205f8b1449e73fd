#include "credentialprocess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>

namespace flowlens {

std::optional<AwsCredentials> CredentialProcess::parseOutput(const QByteArray& output, QString& error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(output, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        error = QStringLiteral("its output is not a JSON object (%1 at byte %2)")
                    .arg(parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                      : QStringLiteral("another JSON value"))
                    .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject object = document.object();
    const QJsonValue version = object.value(QLatin1String("Version"));
    if (version.toInt(-1) != 1) {
        error = QStringLiteral("its output has no \"Version\": 1 (the only version defined)");
        return std::nullopt;
    }
    AwsCredentials credentials;
    credentials.accessKeyId = object.value(QLatin1String("AccessKeyId")).toString();
    credentials.secretAccessKey = object.value(QLatin1String("SecretAccessKey")).toString();
    credentials.sessionToken = object.value(QLatin1String("SessionToken")).toString();
    if (credentials.accessKeyId.isEmpty() || credentials.secretAccessKey.isEmpty()) {
        error = QStringLiteral("its output lacks \"AccessKeyId\" or \"SecretAccessKey\"");
        return std::nullopt;
    }
    const QJsonValue expiration = object.value(QLatin1String("Expiration"));
    if (expiration.isString()) {
        credentials.expiration = QDateTime::fromString(expiration.toString(), Qt::ISODateWithMs);
        if (!credentials.expiration.isValid()) {
            error = QStringLiteral("its \"Expiration\" is not an ISO-8601 time");
            return std::nullopt;
        }
        if (credentials.expiration <= QDateTime::currentDateTimeUtc()) {
            error = QStringLiteral("the credentials it returned expired at %1")
                        .arg(credentials.expiration.toUTC().toString(Qt::ISODate));
            return std::nullopt;
        }
    }
    return credentials;
}

std::optional<AwsCredentials> CredentialProcess::run(
    const QString& command, const QHash<QString, QString>& environment, QString& error, int timeoutMs)
{
    const QStringList parts = QProcess::splitCommand(command);
    if (parts.isEmpty()) {
        error = QStringLiteral("credential_process is empty");
        return std::nullopt;
    }
    QProcessEnvironment processEnvironment;
    for (auto it = environment.constBegin(); it != environment.constEnd(); ++it) {
        processEnvironment.insert(it.key(), it.value());
    }
    QProcess process;
    process.setProcessEnvironment(processEnvironment);
    process.start(parts.first(), parts.mid(1));
    if (!process.waitForStarted(timeoutMs)) {
        error = QStringLiteral("credential_process '%1' could not be started: %2")
                    .arg(parts.first(), process.errorString());
        return std::nullopt;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        error = QStringLiteral("credential_process '%1' did not finish within %2 s")
                    .arg(parts.first())
                    .arg(timeoutMs / 1000);
        return std::nullopt;
    }
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        // stderr is the tool's own explanation (e.g. "run aws sso login"); stdout is never shown.
        QString why = QString::fromUtf8(process.readAllStandardError()).trimmed();
        if (why.size() > 300) {
            why = why.left(300) + QStringLiteral("…");
        }
        error = QStringLiteral("credential_process '%1' failed (exit code %2)%3")
                    .arg(parts.first())
                    .arg(process.exitCode())
                    .arg(why.isEmpty() ? QString() : QStringLiteral(": ") + why);
        return std::nullopt;
    }
    QString why;
    auto credentials = parseOutput(process.readAllStandardOutput(), why);
    if (!credentials) {
        error = QStringLiteral("credential_process '%1': %2").arg(parts.first(), why);
    }
    return credentials;
}

} // namespace flowlens
