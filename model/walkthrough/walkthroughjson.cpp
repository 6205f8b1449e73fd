#include "walkthroughjson.h"

#include "ingest/isotime.h"

namespace flowlens {

QString JsonFields::join(const QString& where, const QString& key)
{
    if (where.isEmpty()) {
        return key;
    }
    return key.isEmpty() ? where : where + QLatin1Char('.') + key;
}

QString JsonFields::fail(const QString& where, const QString& what)
{
    if (m_error.isEmpty()) {
        m_error = where.isEmpty() ? QString(m_file + QStringLiteral(": ") + what)
                                  : QString(m_file + QStringLiteral(": ") + where + QStringLiteral(": ") + what);
    }
    return m_error;
}

std::optional<QJsonValue> JsonFields::present(
    const QJsonObject& object, const QString& key, bool required, const QString& where)
{
    if (!ok()) {
        return std::nullopt;
    }
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        if (required) {
            fail(join(where, key), QStringLiteral("is missing"));
        }
        return std::nullopt;
    }
    return value;
}

QString JsonFields::string(const QJsonObject& object, const QString& key, bool required, const QString& where)
{
    const auto value = present(object, key, required, where);
    if (!value) {
        return {};
    }
    if (!value->isString()) {
        fail(join(where, key), QStringLiteral("must be a string"));
        return {};
    }
    if (required && value->toString().trimmed().isEmpty()) {
        fail(join(where, key), QStringLiteral("is empty"));
    }
    return value->toString();
}

QStringList JsonFields::strings(const QJsonObject& object, const QString& key, bool required, const QString& where)
{
    QStringList list;
    const QJsonArray items = array(object, key, required, where);
    for (qsizetype i = 0; i < items.size() && ok(); ++i) {
        if (!items.at(i).isString()) {
            fail(QStringLiteral("%1[%2]").arg(join(where, key)).arg(i), QStringLiteral("must be a string"));
            break;
        }
        list.append(items.at(i).toString());
    }
    if (ok() && required && list.isEmpty()) {
        fail(join(where, key), QStringLiteral("is empty"));
    }
    return list;
}

QJsonArray JsonFields::array(const QJsonObject& object, const QString& key, bool required, const QString& where)
{
    const auto value = present(object, key, required, where);
    if (!value) {
        return {};
    }
    if (!value->isArray()) {
        fail(join(where, key), QStringLiteral("must be an array"));
        return {};
    }
    return value->toArray();
}

std::optional<std::int64_t> JsonFields::integer(const QJsonObject& object, const QString& key, const QString& where)
{
    if (!ok()) {
        return std::nullopt;
    }
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull()) {
        return std::nullopt;
    }
    const double number = value.toDouble(-1.5);
    if (!value.isDouble() || number != static_cast<double>(static_cast<std::int64_t>(number))) {
        fail(join(where, key), QStringLiteral("must be a whole number"));
        return std::nullopt;
    }
    return static_cast<std::int64_t>(number);
}

std::optional<std::int64_t> JsonFields::time(const QJsonObject& object, const QString& key, const QString& where)
{
    const QString text = string(object, key, true, where);
    if (!ok()) {
        return std::nullopt;
    }
    const QByteArray utf8 = text.trimmed().toUtf8();
    std::size_t length = 0;
    const auto ms = parseIsoTimestampMs(std::string_view(utf8.constData(), std::size_t(utf8.size())), length);
    if (!ms || length != std::size_t(utf8.size())) {
        fail(join(where, key), QStringLiteral("\"%1\" is not an ISO-8601 time such as 2026-11-02T09:10:00Z").arg(text));
        return std::nullopt;
    }
    return *ms / 1000;
}

} // namespace flowlens
