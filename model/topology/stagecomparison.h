#pragma once

#include "investigation/filterstate.h"
#include "topologydiff.h"
#include "trafficoverlay.h"

#include <QStringList>
#include <array>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace flowlens {

// One stage of a change (a lab step, "before" or "after" a fix): the topology as it was then and
// the flow-log records of that time. Plain data, so the walkthrough and the window both build it.
struct StageSnapshot {
    QString title; // "Stage 2: ping the private address"
    std::shared_ptr<const Topology> topology; // required
    std::shared_ptr<const FlowStore> store; // may be null: the stage has no traffic
    // The records whose start lies in [first, second) (epoch seconds); nullopt: every record.
    std::optional<std::pair<std::int64_t, std::int64_t>> timeRange;
    // Narrows the records further (clauses and/or a compiled expression); the time range above
    // replaces a time range clause it holds.
    FilterState filter;
};

// The traffic between two addresses in one direction over one protocol, as one stage saw it.
struct StageFlow {
    Address source;
    Address destination;
    int protocol = 0;
    std::uint64_t records = 0;
    std::uint64_t rejects = 0;
    std::uint64_t bytes = 0;
    std::vector<int> ports; // destination ports seen (TCP/UDP), ascending, at most kMaxPorts
    static constexpr std::size_t kMaxPorts = 5;

    // "10.2.1.20 → 10.1.1.10 ICMP: 15 records (ACCEPT)"
    QString toString() const;
    // ACCEPT, REJECT or mixed.
    QString outcome() const;
};

// What one stage shows: the figures of its records and their traffic laid on its topology.
struct StageTraffic {
    std::uint64_t records = 0;
    std::uint64_t accepted = 0;
    std::uint64_t rejected = 0;
    std::uint64_t bytes = 0;
    TrafficOverlay overlay;
    std::vector<StageFlow> flows; // every flow of the stage, most records first
};

// Two stages side by side and what differs between them: configuration (the topology diff, with
// the route and peering changes picked out), flows seen in one stage only, and flows whose outcome
// changed (ACCEPT before, REJECT after, or the reverse).
struct StageComparison {
    std::array<StageTraffic, 2> stages; // [0] before, [1] after
    TopologyDiff diff; // from stage 0's topology to stage 1's
    std::vector<TopologyChange> routeChanges; // the diff's route, association and peering changes
    std::array<std::vector<StageFlow>, 2> onlyIn; // flows of one stage only, most records first
    std::vector<std::pair<StageFlow, StageFlow>> outcomeChanged; // (stage 0, stage 1)

    // The selection of a stage's records (time range and filter applied). Empty without a store.
    static Selection selectionOf(const StageSnapshot& stage);
    static StageTraffic trafficOf(const StageSnapshot& stage);
    // Runs on any thread; reads the stores' snapshots only.
    static StageComparison compute(const StageSnapshot& before, const StageSnapshot& after);

    // The lines shown under a stage: its record figures, the route changes seen from that side
    // (removed ones under stage 0, added ones under stage 1, changed ones under both), its flows
    // that the other stage lacks (at most maxFlows, then "… and N more"), outcome changes.
    QStringList summary(int stage, std::size_t maxFlows = 4) const;
};

} // namespace flowlens
