#pragma once

#include "walkthrough.h"

#include <QString>
#include <vector>

namespace flowlens {

struct InvestigationResult;
struct LabManifest;

// Whether a step's conditions hold for a result, and what to tell the learner when not.
struct CheckOutcome {
    bool passed = false;
    int failedIndex = -1; // the first condition that does not hold
    QString hint; // the failed condition's hint, else the step's
    QString reason; // what was found instead: "412 shown records do not match action = \"REJECT\""
};

// Evaluates walkthrough checks against an investigation result: its filter and time range, the
// records it shows (its selection) among those loaded (its store snapshot), and its findings.
// Reads only the immutable result, so it may run on any thread.
class WalkthroughChecker {
public:
    static CheckOutcome evaluate(
        const WalkthroughStep& step, const InvestigationResult& result, const LabManifest* lab);
    // One condition; `reason` says what was found when it does not hold.
    static bool holds(
        const WalkthroughCheck& check, const InvestigationResult& result, const LabManifest* lab, QString& reason);

    // The text a FilterContains condition is looked for in: lower case, without quotes, parentheses,
    // '-', '_' and the spaces around operators (so srcAddr = "x", srcaddr=x and src_addr = 'x' read alike).
    static QString normalizeCondition(const QString& text);
};

} // namespace flowlens
