#include "awscredentials.h"

namespace flowlens {

QString AwsCredentials::describe() const
{
    const QString tail = accessKeyId.size() > 4 ? accessKeyId.right(4) : QString();
    QString text = QStringLiteral("access key …") + tail;
    if (!source.isEmpty()) {
        text += QStringLiteral(" from ") + source;
    }
    return text;
}

} // namespace flowlens
