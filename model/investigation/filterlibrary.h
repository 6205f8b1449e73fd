#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace flowlens {

// A filter the user named, to apply again later.
struct SavedFilter {
    QString name;
    QString expression;

    bool operator==(const SavedFilter&) const = default;
};

// The filter bar's memory: the expressions applied recently (newest first, no repeats) and the
// saved filters (name + expression, names unique). Persisted in QSettings under `filter/` when
// bound to settings, so a new window — or the next run — finds them; an investigation file carries
// a copy of both.
class FilterLibrary : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxRecent = 50;

    explicit FilterLibrary(QObject* parent = nullptr);

    // Reads the lists from QSettings and writes every later change back.
    void bindToSettings();

    const QStringList& recent() const { return m_recent; }
    // Puts `expression` first (moving it if it was there); trims to kMaxRecent.
    void addRecent(const QString& expression);
    void setRecent(const QStringList& recent);
    void clearRecent();

    const std::vector<SavedFilter>& saved() const { return m_saved; }
    int indexOfSaved(const QString& name) const; // -1 when no filter has that name
    // Saves (or, when the name exists, replaces) a filter. False for an empty name or expression.
    bool save(const QString& name, const QString& expression);
    // False when `from` does not exist, `to` is empty or another filter is called `to`.
    bool rename(const QString& from, const QString& to);
    bool remove(const QString& name);
    void setSaved(std::vector<SavedFilter> saved);

Q_SIGNALS:
    void changed();

private:
    void store();

    QStringList m_recent;
    std::vector<SavedFilter> m_saved;
    bool m_bound = false;
};

} // namespace flowlens
