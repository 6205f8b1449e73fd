#pragma once

#include "awsjsonloader.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <algorithm>

namespace flowlens {

// Reads typed values out of AWS CLI JSON and reports what is wrong with them against the file and
// the JSON path they came from ("RouteTables[1].Routes[0]"), for AwsJsonLoader.
class AwsJsonReader {
public:
    AwsJsonReader(TopologyLoadResult& result, QString file)
        : m_result(result)
        , m_file(std::move(file))
    {
    }

    void error(const QString& path, const QString& message)
    {
        m_result.errors.push_back({ m_file, 0, 0, path, message });
    }
    void warning(const QString& path, const QString& message)
    {
        m_result.warnings.push_back({ m_file, 0, 0, path, message });
    }

    // The array under key, or nothing (absent is fine, another type is an error).
    QJsonArray array(const QJsonObject& object, const QString& path, QLatin1String key)
    {
        const QJsonValue v = object.value(key);
        if (v.isUndefined() || v.isNull()) {
            return {};
        }
        if (!v.isArray()) {
            error(path + QLatin1Char('.') + key, QStringLiteral("expected an array"));
            return {};
        }
        return v.toArray();
    }

    QJsonObject object(const QJsonValue& v, const QString& path)
    {
        if (!v.isObject()) {
            error(path, QStringLiteral("expected an object"));
            return {};
        }
        return v.toObject();
    }

    QString string(const QJsonObject& object, const QString& path, QLatin1String key, bool required = false)
    {
        const QJsonValue v = object.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required) {
                error(path, QStringLiteral("has no ") + key);
            }
            return {};
        }
        if (!v.isString()) {
            error(path + QLatin1Char('.') + key, QStringLiteral("expected a string"));
            return {};
        }
        return v.toString();
    }

    bool boolean(const QJsonObject& object, const QString& path, QLatin1String key)
    {
        const QJsonValue v = object.value(key);
        if (v.isUndefined() || v.isNull()) {
            return false;
        }
        if (!v.isBool()) {
            error(path + QLatin1Char('.') + key, QStringLiteral("expected true or false"));
            return false;
        }
        return v.toBool();
    }

    std::optional<int> integer(const QJsonObject& object, const QString& path, QLatin1String key)
    {
        const QJsonValue v = object.value(key);
        if (v.isUndefined() || v.isNull()) {
            return std::nullopt;
        }
        if (!v.isDouble() || v.toDouble() != double(v.toInt())) {
            error(path + QLatin1Char('.') + key, QStringLiteral("expected an integer"));
            return std::nullopt;
        }
        return v.toInt();
    }

    std::optional<Cidr> cidr(const QJsonObject& object, const QString& path, QLatin1String key)
    {
        const QString text = string(object, path, key);
        if (text.isEmpty()) {
            return std::nullopt;
        }
        auto parsed = Cidr::parse(text.toStdString());
        if (!parsed) {
            error(path + QLatin1Char('.') + key, QStringLiteral("'") + text + QStringLiteral("' is not a CIDR block"));
        }
        return parsed;
    }

    void address(const QJsonObject& object, const QString& path, QLatin1String key, std::vector<Address>& into)
    {
        const QString text = string(object, path, key);
        if (text.isEmpty()) {
            return;
        }
        const auto parsed = Address::parse(text.toStdString());
        if (!parsed) {
            error(path + QLatin1Char('.') + key, QStringLiteral("'") + text + QStringLiteral("' is not an IP address"));
            return;
        }
        if (std::find(into.begin(), into.end(), *parsed) == into.end()) {
            into.push_back(*parsed);
        }
    }

    // The value of the Name tag in Tags (TagSet for network interfaces).
    QString nameTag(const QJsonObject& object, const QString& path)
    {
        for (QLatin1String key : { QLatin1String("Tags"), QLatin1String("TagSet") }) {
            const QJsonArray tags = array(object, path, key);
            for (qsizetype i = 0; i < tags.size(); ++i) {
                const QJsonObject tag = tags.at(i).toObject();
                if (tag.value(QLatin1String("Key")).toString() == QLatin1String("Name")) {
                    return tag.value(QLatin1String("Value")).toString();
                }
            }
        }
        return {};
    }

    // The non-empty values of field in each object of the array under key.
    std::vector<QString> strings(const QJsonObject& object, const QString& path, QLatin1String key, QLatin1String field)
    {
        std::vector<QString> values;
        const QJsonArray items = array(object, path, key);
        for (qsizetype i = 0; i < items.size(); ++i) {
            const QString value = items.at(i).toObject().value(field).toString();
            if (!value.isEmpty()) {
                values.push_back(value);
            }
        }
        return values;
    }

    std::vector<QString> groupIds(const QJsonObject& object, const QString& path, QLatin1String key)
    {
        std::vector<QString> ids;
        const QJsonArray groups = array(object, path, key);
        for (qsizetype i = 0; i < groups.size(); ++i) {
            const QString p = path + QLatin1Char('.') + key + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
            const QString id = string(this->object(groups.at(i), p), p, QLatin1String("GroupId"), true);
            if (!id.isEmpty()) {
                ids.push_back(id);
            }
        }
        return ids;
    }

private:
    TopologyLoadResult& m_result;
    QString m_file;
};

} // namespace flowlens
