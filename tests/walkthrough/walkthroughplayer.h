#pragma once
// Plays one step of the walkthrough open in a MainWindow's panel as a learner who starts from an
// unfiltered view: the step's conditions are checked before Show me, Show me runs, the panes get
// its result, and the conditions are checked again.

#include "investigation/investigation.h"
#include "items/recordtablemodel.h"
#include "mainwindow.h"
#include "walkthrough/walkthroughsession.h"
#include "walkthroughpanel.h"

#include <QSignalSpy>
#include <QTest>

namespace player {

// The panes and the findings show the result of the current filter and nothing is loading.
inline bool settle(flowlens::MainWindow& window)
{
    flowlens::Investigation* inv = window.investigation();
    return QTest::qWaitFor(
        [&] {
            const auto r = inv->result();
            return !inv->isLoading() && r && !r->loading && !inv->isComputing() && !inv->isComputingFindings()
                && r->filter == inv->filter() && !window.tableModel()->isSorting();
        },
        30000);
}

// The panel's conditions were evaluated against the investigation's current result.
inline bool checked(flowlens::MainWindow& window)
{
    return QTest::qWaitFor(
        [&] {
            const auto r = window.investigation()->result();
            return r && window.walkthroughPanel()->checkedResult() == r;
        },
        30000);
}

struct StepOutcome {
    bool passedBefore = false;
    bool passedAfter = false;
    QString failure; // empty when the step played as it should
};

inline StepOutcome playStep(flowlens::MainWindow& window, int index)
{
    using namespace flowlens;
    StepOutcome out;
    WalkthroughPanel* panel = window.walkthroughPanel();
    panel->goToStep(index);
    const WalkthroughStep& step = panel->session()->step(index);
    const QString name = QStringLiteral("step %1 (%2)").arg(index + 1).arg(step.id);
    const bool hasChecks = !step.checks.empty();
    if (window.investigation()->result()) {
        window.resetFilter();
        if (!settle(window)) {
            out.failure = name + QStringLiteral(": the unfiltered view did not settle");
            return out;
        }
        if (hasChecks) {
            if (!checked(window)) {
                out.failure = name + QStringLiteral(": no check before Show me");
                return out;
            }
            out.passedBefore = panel->outcome().passed;
        }
    }
    QSignalSpy finished(panel, &WalkthroughPanel::showMeFinished);
    panel->showMe();
    if (!QTest::qWaitFor([&] { return finished.count() == 1; }, 30000)) {
        out.failure = name + QStringLiteral(": Show me did not finish");
        return out;
    }
    if (!finished.at(0).at(0).toBool()) {
        out.failure = name + QStringLiteral(": Show me failed: ") + finished.at(0).at(1).toString();
        return out;
    }
    if (!settle(window)) {
        out.failure = name + QStringLiteral(": the result after Show me did not arrive");
        return out;
    }
    if (!hasChecks) {
        out.passedAfter = panel->session()->isDone(index);
        if (!out.passedAfter) {
            out.failure = name + QStringLiteral(": not marked done after Show me");
        }
        return out;
    }
    if (!checked(window)) {
        out.failure = name + QStringLiteral(": no check after Show me");
        return out;
    }
    out.passedAfter = panel->outcome().passed;
    if (!out.passedAfter) {
        out.failure = name + QStringLiteral(": the check fails after Show me: ") + panel->outcome().reason;
        return out;
    }
    bool filterDependent = false;
    for (const WalkthroughCheck& c : step.checks) {
        filterDependent = filterDependent || c.dependsOnFilter();
    }
    if (filterDependent && out.passedBefore) {
        out.failure = name + QStringLiteral(": the check already passed on the unfiltered view");
    }
    if (!panel->session()->isDone(index)) {
        out.failure = name + QStringLiteral(": passed but not marked done");
    }
    return out;
}

} // namespace player
