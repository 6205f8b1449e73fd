#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>

namespace flowlens {

// Reads typed fields out of the JSON of lab manifests and walkthrough scripts. The first problem
// is kept in `error` as "<file>: <where>.<field>: <what is wrong>"; later reads then do nothing, so
// a parser reads on and checks `error` once.
class JsonFields {
public:
    JsonFields(QString file, QString& error)
        : m_file(std::move(file))
        , m_error(error)
    {
    }

    bool ok() const { return m_error.isEmpty(); }
    // Records the problem (unless one is recorded already) and returns the error text.
    QString fail(const QString& where, const QString& what);

    QString string(const QJsonObject& object, const QString& key, bool required, const QString& where = {});
    QStringList strings(const QJsonObject& object, const QString& key, bool required, const QString& where = {});
    QJsonArray array(const QJsonObject& object, const QString& key, bool required, const QString& where = {});
    std::optional<std::int64_t> integer(const QJsonObject& object, const QString& key, const QString& where = {});
    // An ISO-8601 UTC time ("2026-11-02T09:10:00Z") as epoch seconds; required.
    std::optional<std::int64_t> time(const QJsonObject& object, const QString& key, const QString& where = {});

    static QString join(const QString& where, const QString& key);

private:
    // The member's value; nullopt when absent (a problem when required) or after an earlier problem.
    std::optional<QJsonValue> present(
        const QJsonObject& object, const QString& key, bool required, const QString& where);

    QString m_file;
    QString& m_error;
};

} // namespace flowlens
