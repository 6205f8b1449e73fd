#include "filterlibrary.h"

#include <QSettings>

namespace flowlens {

namespace {
const QString kRecentKey = QStringLiteral("filter/recent");
const QString kSavedKey = QStringLiteral("filter/saved");
const QString kName = QStringLiteral("name");
const QString kExpression = QStringLiteral("expression");
} // namespace

FilterLibrary::FilterLibrary(QObject* parent)
    : QObject(parent)
{
}

void FilterLibrary::bindToSettings()
{
    QSettings settings;
    m_recent = settings.value(kRecentKey).toStringList();
    m_recent.removeAll(QString());
    m_saved.clear();
    const int n = settings.beginReadArray(kSavedKey);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        SavedFilter f { settings.value(kName).toString(), settings.value(kExpression).toString() };
        if (!f.name.isEmpty() && !f.expression.isEmpty() && indexOfSaved(f.name) < 0) {
            m_saved.push_back(f);
        }
    }
    settings.endArray();
    m_bound = true;
    Q_EMIT changed();
}

void FilterLibrary::addRecent(const QString& expression)
{
    const QString text = expression.trimmed();
    if (text.isEmpty()) {
        return;
    }
    m_recent.removeAll(text);
    m_recent.prepend(text);
    while (m_recent.size() > kMaxRecent) {
        m_recent.removeLast();
    }
    store();
}

void FilterLibrary::setRecent(const QStringList& recent)
{
    m_recent.clear();
    for (const QString& e : recent) {
        if (!e.trimmed().isEmpty() && !m_recent.contains(e.trimmed()) && m_recent.size() < kMaxRecent) {
            m_recent.append(e.trimmed());
        }
    }
    store();
}

void FilterLibrary::clearRecent()
{
    m_recent.clear();
    store();
}

int FilterLibrary::indexOfSaved(const QString& name) const
{
    for (std::size_t i = 0; i < m_saved.size(); ++i) {
        if (m_saved[i].name == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

bool FilterLibrary::save(const QString& name, const QString& expression)
{
    const QString n = name.trimmed();
    const QString e = expression.trimmed();
    if (n.isEmpty() || e.isEmpty()) {
        return false;
    }
    const int i = indexOfSaved(n);
    if (i >= 0) {
        m_saved[static_cast<std::size_t>(i)].expression = e;
    } else {
        m_saved.push_back({ n, e });
    }
    store();
    return true;
}

bool FilterLibrary::rename(const QString& from, const QString& to)
{
    const QString t = to.trimmed();
    const int i = indexOfSaved(from);
    if (i < 0 || t.isEmpty() || (t != from && indexOfSaved(t) >= 0)) {
        return false;
    }
    m_saved[static_cast<std::size_t>(i)].name = t;
    store();
    return true;
}

bool FilterLibrary::remove(const QString& name)
{
    const int i = indexOfSaved(name);
    if (i < 0) {
        return false;
    }
    m_saved.erase(m_saved.begin() + i);
    store();
    return true;
}

void FilterLibrary::setSaved(std::vector<SavedFilter> saved)
{
    m_saved.clear();
    for (SavedFilter& f : saved) {
        if (!f.name.trimmed().isEmpty() && !f.expression.trimmed().isEmpty() && indexOfSaved(f.name.trimmed()) < 0) {
            m_saved.push_back({ f.name.trimmed(), f.expression.trimmed() });
        }
    }
    store();
}

void FilterLibrary::store()
{
    if (m_bound) {
        QSettings settings;
        settings.setValue(kRecentKey, m_recent);
        settings.remove(kSavedKey);
        settings.beginWriteArray(kSavedKey, static_cast<int>(m_saved.size()));
        for (std::size_t i = 0; i < m_saved.size(); ++i) {
            settings.setArrayIndex(static_cast<int>(i));
            settings.setValue(kName, m_saved[i].name);
            settings.setValue(kExpression, m_saved[i].expression);
        }
        settings.endArray();
    }
    Q_EMIT changed();
}

} // namespace flowlens
