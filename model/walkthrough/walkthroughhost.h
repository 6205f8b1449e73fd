#pragma once

#include "walkthrough.h"

#include <QString>
#include <cstdint>
#include <functional>
#include <memory>

namespace flowlens {

struct InvestigationResult;
struct LabManifest;
struct LabStage;

// What a walkthrough's "Show me" needs from the window. The MainWindow implements it; the panel
// and the runner know nothing else about the window. Failures return false with a message for the
// learner in `error`.
class WalkthroughHost {
public:
    virtual ~WalkthroughHost() = default;

    // Opens the lab's flow logs in place of what is open, unless exactly they are open already.
    virtual bool openLab(const LabManifest& lab, QString& error) = 0;
    // Shows the topology of the stage (its describe-* JSON folder) in the topology pane.
    virtual bool showTopologyStage(const LabStage& stage, QString& error) = 0;
    // The filter bar's expression (Logs Insights, as after `filter`); pane clauses other than the
    // time range are dropped so the expression alone decides.
    virtual bool applyFilterExpression(const QString& expression, QString& error) = 0;
    virtual void resetFilter() = 0;
    // [from, to) in epoch seconds, replacing the time range.
    virtual void setTimeRange(std::int64_t from, std::int64_t to) = 0;
    // The REJECT pane's All / REJECT only / ACCEPT only control: "ALL", "REJECT" or "ACCEPT".
    virtual void setActionOnly(const QString& choice) = 0;
    virtual void showPane(WalkthroughPane pane) = 0;
    // Marks a vpc-/subnet-/eni-/igw-/pcx- id in the topology pane (an rtb-/acl- id marks the
    // subnets it applies to). False when the topology shown does not have it.
    virtual bool highlightTopologyElement(const QString& id) = 0;
    // Calls `continuation` once no load is running (at once when none is).
    virtual void whenLoaded(std::function<void()> continuation) = 0;
    // The result the panes show (null before anything is open).
    virtual std::shared_ptr<const InvestigationResult> currentResult() const = 0;
};

} // namespace flowlens
