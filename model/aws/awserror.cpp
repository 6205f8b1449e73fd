#include "awserror.h"

namespace flowlens {

QString AwsError::text() const
{
    if (kind == Kind::None) {
        return {};
    }
    QString out;
    if (!code.isEmpty()) {
        out = code;
        if (httpStatus > 0) {
            out += QStringLiteral(" (HTTP %1)").arg(httpStatus);
        }
        if (!message.isEmpty()) {
            out += QStringLiteral(": ") + message;
        }
    } else if (httpStatus > 0) {
        out = QStringLiteral("HTTP %1").arg(httpStatus)
            + (message.isEmpty() ? QString() : QStringLiteral(": ") + message);
    } else {
        out = message;
    }
    if (!out.isEmpty() && !out.endsWith(QLatin1Char('.'))) {
        out += QLatin1Char('.');
    }
    if (!explanation.isEmpty()) {
        out += (out.isEmpty() ? QString() : QStringLiteral(" ")) + explanation;
    }
    if (attempts > 1) {
        out += QStringLiteral(" (gave up after %1 attempts)").arg(attempts);
    }
    if (!requestId.isEmpty()) {
        out += QStringLiteral(" [request id %1]").arg(requestId);
    }
    return out;
}

} // namespace flowlens
