#pragma once

#include "store/flowstore.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace flowlens {

// Counts over a whole store: what `flowlens-cli summary` and the source pane show.
struct StoreSummary {
    struct Count {
        std::string value; // empty for null
        std::uint64_t count = 0;
    };
    std::uint64_t records = 0;
    std::vector<Count> actions; // ACCEPT, REJECT, …, then null
    std::vector<Count> logStatus; // OK, NODATA, SKIPDATA, …
    std::optional<std::int64_t> firstStart;
    std::optional<std::int64_t> lastEnd;
    // The sum of `bytes` over the records that have it (nulls are skipped); nullopt when no record has
    // bytes. A cross-check against other tools summing the same column.
    std::optional<std::uint64_t> bytesTotal;

    static StoreSummary compute(const FlowStore& store);
};

} // namespace flowlens
