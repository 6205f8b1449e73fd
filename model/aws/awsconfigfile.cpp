#include "awsconfigfile.h"

#include <QFile>

namespace flowlens {

AwsConfigFile AwsConfigFile::load(const QString& path)
{
    QFile file(path);
    if (!file.exists()) {
        AwsConfigFile empty;
        empty.m_path = path;
        return empty;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        AwsConfigFile failed;
        failed.m_path = path;
        failed.m_exists = true;
        failed.m_error = path + QStringLiteral(": cannot be read: ") + file.errorString();
        return failed;
    }
    return parse(file.readAll(), path);
}

AwsConfigFile AwsConfigFile::parse(const QByteArray& text, const QString& path)
{
    AwsConfigFile result;
    result.m_path = path;
    result.m_exists = true;
    const QList<QByteArray> lines = text.split('\n');
    QString current;
    bool inSection = false;
    QString nestedKey; // a key with an empty value: indented lines below it belong to it
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString raw = QString::fromUtf8(lines.at(i));
        const QString line = raw.trimmed();
        const int lineNumber = static_cast<int>(i + 1);
        auto fail = [&](const QString& why) {
            result.m_error = QStringLiteral("%1, line %2: %3").arg(path).arg(lineNumber).arg(why);
        };
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';'))) {
            continue;
        }
        const bool indented = raw.front().isSpace();
        if (line.startsWith(QLatin1Char('['))) {
            if (!line.endsWith(QLatin1Char(']'))) {
                fail(QStringLiteral("a section header must end with ']'"));
                return result;
            }
            current = line.mid(1, line.size() - 2).trimmed();
            inSection = true;
            nestedKey.clear();
            if (!result.m_sections.contains(current)) {
                result.m_order.append(current);
            }
            result.m_sections[current]; // an empty section still exists
            continue;
        }
        if (!inSection) {
            fail(QStringLiteral("a setting comes before any [section] header"));
            return result;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            fail(QStringLiteral("expected 'name = value' (the line has no '=' after a name)"));
            return result;
        }
        const QString key = line.left(eq).trimmed().toLower();
        const QString value = line.mid(eq + 1).trimmed();
        Section& section = result.m_sections[current];
        if (indented && !nestedKey.isEmpty()) {
            section.insert(nestedKey + QLatin1Char('.') + key, value);
            continue;
        }
        section.insert(key, value);
        nestedKey = value.isEmpty() ? key : QString();
    }
    return result;
}

const AwsConfigFile::Section* AwsConfigFile::section(const QString& name) const
{
    auto it = m_sections.constFind(name);
    return it == m_sections.constEnd() ? nullptr : &it.value();
}

const AwsConfigFile::Section* AwsConfigFile::profile(const QString& name, bool configFile) const
{
    if (!configFile) {
        return section(name);
    }
    if (const Section* s = section(QStringLiteral("profile ") + name)) {
        return s;
    }
    return name == QLatin1String("default") ? section(name) : nullptr;
}

QStringList AwsConfigFile::profileNames(bool configFile) const
{
    QStringList names;
    for (const QString& name : m_order) {
        if (!configFile) {
            names.append(name);
        } else if (name.startsWith(QLatin1String("profile "))) {
            names.append(name.mid(8).trimmed());
        } else if (name == QLatin1String("default")) {
            names.append(name);
        }
    }
    return names;
}

} // namespace flowlens
