#pragma once

#include <QString>
#include <cstdint>
#include <vector>

namespace flowlens {

// The panes a step can bring to the front.
enum class WalkthroughPane {
    Table,
    Timeline,
    Topology,
    Statistics,
    TopTalkers,
    Conversations,
    Endpoints,
    Findings,
    Reject,
    Facets,
    Sources,
};

// One "Show me" move, performed through a WalkthroughHost. Which members are used depends on kind.
struct WalkthroughAction {
    enum class Kind {
        OpenLab, // the lab's flow logs, and the topology of `stage` (the first stage's when empty)
        Topology, // the topology of `stage`
        Filter, // `expression` becomes the filter bar's expression; pane clauses other than time go
        ResetFilter, // every clause and the expression go
        TimeRange, // `stage`'s window, or [from, to)
        ActionOnly, // `choice`: "REJECT", "ACCEPT" or "ALL" (the REJECT pane's buttons)
        Highlight, // `element`: a vpc-/subnet-/eni-/rtb-/acl-/pcx-/igw- id in the topology
        Reachability, // explains source -> destination (protocol, port) in `stage`'s topology
        Pane, // brings `pane` to the front
        Compare, // `stage` before, `stageB` after, side by side
        Containment, // the network-ACL deny rules that cut `address` off, on `stage`'s topology
        Translate, // the full `expression` query as Logs Insights text and Athena SQL
    };

    Kind kind = Kind::Pane;
    QString stage;
    QString stageB;
    QString expression;
    std::int64_t from = 0; // epoch seconds, inclusive
    std::int64_t to = 0; // exclusive
    QString choice;
    QString element;
    QString source;
    QString destination;
    int protocol = 6; // IANA number
    int port = 0;
    QString address;
    WalkthroughPane pane = WalkthroughPane::Table;
    QString title; // Translate: what the query finds

    static QString kindName(Kind kind); // the spelling in the script: "openLab", "filter", …
};

// A condition on the investigation's current result that tells when a step is done.
struct WalkthroughCheck {
    enum class Kind {
        Every, // at least one record is shown and every one matches `expression`
        Some, // at least one shown record matches `expression`
        None, // no shown record matches `expression`
        IncludesAll, // every loaded record that matches `expression` is shown
        FilterContains, // the filter (clauses and expression) contains the condition `expression`
        TimeRangeWithin, // a time range is set and lies within `stage`'s window, or [from, to)
        MinRows, // at least `count` records are shown
        MaxRows, // at most `count` records are shown
        Finding, // the findings of the shown records include one of kind `expression`
    };

    Kind kind = Kind::MinRows;
    QString expression;
    QString stage;
    std::int64_t from = 0;
    std::int64_t to = 0;
    std::int64_t count = 0;
    QString hint; // shown when this condition does not hold

    // Whether the condition is about what the learner filtered (not just about the data loaded).
    bool dependsOnFilter() const;
    QString describe() const; // for people: "every shown record matches action = \"REJECT\""
    static QString kindName(Kind kind);
};

struct WalkthroughStep {
    QString id; // unique in the walkthrough: "ping-private"
    QString title;
    QString text; // Markdown
    std::vector<WalkthroughAction> showMe;
    std::vector<WalkthroughCheck> checks; // all must hold; none: the step is done once visited
    QString hint; // shown when a check fails and has no hint of its own
};

// A walkthrough script (see resources/walkthroughs/FORMAT.md).
struct Walkthrough {
    QString path; // the script file (may be a ":/" resource)
    QString id; // the file's base name: "peering-lab"
    QString title;
    QString summary;
    QString labPath; // lab.json, resolved against the script's folder
    QString compareBefore; // stage ids for "Compare before/after"; empty when the script has none
    QString compareAfter;
    std::vector<WalkthroughStep> steps;

    int indexOf(const QString& stepId) const;
};

} // namespace flowlens
