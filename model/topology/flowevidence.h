#pragma once

#include "reachabilityanalyzer.h"
#include "store/flowstore.h"

#include <vector>

namespace flowlens {

// What the flow logs in the store observed of a flow, to show beside a reachability verdict:
// requests (source → destination, the protocol, the destination port), their REJECT records, and
// replies (destination → source from that port). Requests without replies are one-way traffic.
struct FlowEvidence {
    static constexpr std::size_t kMaxRows = 20;

    std::uint64_t requests = 0;
    std::uint64_t requestRejects = 0;
    std::uint64_t requestBytes = 0;
    std::uint64_t replies = 0;
    std::uint64_t replyRejects = 0;
    std::vector<RowId> rejectRows; // the first kMaxRows REJECT records, requests and replies
    std::vector<RowId> requestRows; // the first kMaxRows requests

    bool oneWay() const { return requests > 0 && replies == 0; }
    bool empty() const { return requests == 0 && replies == 0; }
    QString summary() const;

    static FlowEvidence find(const FlowStore& store, const FlowQuery& query);
};

} // namespace flowlens
