#pragma once

#include "investigationresult.h"

#include <memory>
#include <vector>

namespace flowlens {

// The latest results of a store that is not growing, so going back to a filter (Back/Forward,
// REJECT only and back to all) shows it at once instead of computing it again. A result is found
// by its store, the store's row count when it was computed, its filter and its histogram options;
// a store that grows or is replaced finds nothing older. Bounded: at most kEntries results, and
// kRowBudget row ids over their row vectors (a vector shared by several results counts once).
class ResultCache {
public:
    static constexpr std::size_t kEntries = 8;
    static constexpr std::size_t kRowBudget = 24'000'000; // 96 MB of row ids

    // The result for these, if kept; it becomes the most recent.
    std::shared_ptr<const InvestigationResult> find(const std::shared_ptr<const FlowStore>& store,
        std::uint64_t rowCount, const FilterState& filter, const HistogramOptions& options);
    // Keeps `result` (not one computed while loading), replacing the one of the same key (a result
    // with more of its steps done replaces the same result with fewer).
    void insert(std::shared_ptr<const InvestigationResult> result);
    // Forgets the results of other stores or row counts than these.
    void keepOnly(const std::shared_ptr<const FlowStore>& store, std::uint64_t rowCount);
    void clear() { m_entries.clear(); }
    std::size_t size() const { return m_entries.size(); }

private:
    std::vector<std::shared_ptr<const InvestigationResult>> m_entries; // most recent first
};

bool operator==(const HistogramOptions& a, const HistogramOptions& b);

} // namespace flowlens
