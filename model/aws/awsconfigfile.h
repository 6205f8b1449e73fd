#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

namespace flowlens {

// One AWS shared file (~/.aws/config or ~/.aws/credentials) as the AWS CLI reads it: INI sections,
// `key = value` (keys lower-cased), full-line comments with '#' or ';', and nested blocks (a key
// with no value followed by indented `sub = value` lines, stored as "key.sub").
class AwsConfigFile {
public:
    using Section = QHash<QString, QString>;

    // A missing file is empty, not an error. A syntax error names the file and line but never
    // quotes the line: it may hold a secret.
    static AwsConfigFile load(const QString& path);
    static AwsConfigFile parse(const QByteArray& text, const QString& path);

    const QString& path() const { return m_path; }
    bool exists() const { return m_exists; }
    const QString& error() const { return m_error; }

    // Section names as written inside the brackets, trimmed ("default", "profile dev", "sso-session x").
    QStringList sectionNames() const { return m_order; }
    const Section* section(const QString& name) const;

    // A profile's section: in the config file "[profile NAME]" (and "[default]" for default);
    // in the credentials file "[NAME]".
    const Section* profile(const QString& name, bool configFile) const;
    // Profile names a user could pick from this file.
    QStringList profileNames(bool configFile) const;

private:
    QString m_path;
    bool m_exists = false;
    QString m_error;
    QHash<QString, Section> m_sections;
    QStringList m_order;
};

} // namespace flowlens
