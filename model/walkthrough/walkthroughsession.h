#pragma once

#include "walkthrough.h"

#include <QSet>
#include <QString>

namespace flowlens {

// A learner's progress through one walkthrough: the current step and the steps done, kept in
// QSettings under walkthroughs/<id>/ by step id (so a script that gains a step keeps the rest).
class WalkthroughSession {
public:
    explicit WalkthroughSession(Walkthrough walkthrough);

    const Walkthrough& walkthrough() const { return m_walkthrough; }
    int stepCount() const { return static_cast<int>(m_walkthrough.steps.size()); }
    const WalkthroughStep& step(int index) const { return m_walkthrough.steps[static_cast<std::size_t>(index)]; }
    const WalkthroughStep& currentStep() const { return step(m_current); }

    int current() const { return m_current; }
    void setCurrent(int index); // clamped to the steps
    bool isDone(int index) const;
    void setDone(int index, bool done);
    int doneCount() const;
    bool isComplete() const { return doneCount() == stepCount(); }
    // Forgets the progress: step 1, nothing done.
    void restart();

    static QString settingsGroup(const QString& walkthroughId);

private:
    void save() const;

    Walkthrough m_walkthrough;
    int m_current = 0;
    QSet<QString> m_done;
};

} // namespace flowlens
