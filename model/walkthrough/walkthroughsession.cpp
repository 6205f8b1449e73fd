#include "walkthroughsession.h"

#include <QSettings>
#include <algorithm>

namespace flowlens {

QString WalkthroughSession::settingsGroup(const QString& walkthroughId)
{
    return QStringLiteral("walkthroughs/") + walkthroughId;
}

WalkthroughSession::WalkthroughSession(Walkthrough walkthrough)
    : m_walkthrough(std::move(walkthrough))
{
    QSettings settings;
    settings.beginGroup(settingsGroup(m_walkthrough.id));
    const QStringList done = settings.value(QStringLiteral("done")).toStringList();
    for (const QString& id : done) {
        if (m_walkthrough.indexOf(id) >= 0) {
            m_done.insert(id);
        }
    }
    m_current = std::max(0, m_walkthrough.indexOf(settings.value(QStringLiteral("current")).toString()));
}

void WalkthroughSession::setCurrent(int index)
{
    m_current = std::clamp(index, 0, std::max(0, stepCount() - 1));
    save();
}

bool WalkthroughSession::isDone(int index) const
{
    return index >= 0 && index < stepCount() && m_done.contains(step(index).id);
}

void WalkthroughSession::setDone(int index, bool done)
{
    if (index < 0 || index >= stepCount() || isDone(index) == done) {
        return;
    }
    if (done) {
        m_done.insert(step(index).id);
    } else {
        m_done.remove(step(index).id);
    }
    save();
}

int WalkthroughSession::doneCount() const
{
    return static_cast<int>(m_done.size());
}

void WalkthroughSession::restart()
{
    m_done.clear();
    m_current = 0;
    save();
}

void WalkthroughSession::save() const
{
    QSettings settings;
    settings.beginGroup(settingsGroup(m_walkthrough.id));
    QStringList done;
    for (const WalkthroughStep& s : m_walkthrough.steps) {
        if (m_done.contains(s.id)) {
            done.append(s.id);
        }
    }
    settings.setValue(QStringLiteral("done"), done);
    settings.setValue(QStringLiteral("current"), stepCount() > 0 ? step(m_current).id : QString());
}

} // namespace flowlens
