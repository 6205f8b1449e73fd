#include "resultcache.h"

#include <algorithm>

namespace flowlens {

bool operator==(const HistogramOptions& a, const HistogramOptions& b)
{
    return a.metric == b.metric && a.bucketSeconds == b.bucketSeconds && a.targetBuckets == b.targetBuckets
        && a.attribution == b.attribution;
}

std::shared_ptr<const InvestigationResult> ResultCache::find(const std::shared_ptr<const FlowStore>& store,
    std::uint64_t rowCount, const FilterState& filter, const HistogramOptions& options)
{
    const auto at = std::find_if(m_entries.begin(), m_entries.end(), [&](const auto& r) {
        return r->store == store && r->totalRecords == rowCount && r->filter == filter
            && r->histogramOptions == options;
    });
    if (at == m_entries.end()) {
        return nullptr;
    }
    std::rotate(m_entries.begin(), at, at + 1);
    return m_entries.front();
}

void ResultCache::insert(std::shared_ptr<const InvestigationResult> result)
{
    if (!result || result->loading) {
        return;
    }
    std::erase_if(m_entries, [&](const auto& r) {
        return r->store == result->store && r->totalRecords == result->totalRecords && r->filter == result->filter
            && r->histogramOptions == result->histogramOptions;
    });
    m_entries.insert(m_entries.begin(), std::move(result));
    // Drop the least recent until both bounds hold; the newest stays whatever its size.
    while (m_entries.size() > 1) {
        std::size_t rows = 0;
        std::vector<const std::vector<RowId>*> counted;
        for (const auto& r : m_entries) {
            if (r->rows && std::find(counted.begin(), counted.end(), r->rows.get()) == counted.end()) {
                counted.push_back(r->rows.get());
                rows += r->rows->size();
            }
        }
        if (m_entries.size() <= kEntries && rows <= kRowBudget) {
            break;
        }
        m_entries.pop_back();
    }
}

void ResultCache::keepOnly(const std::shared_ptr<const FlowStore>& store, std::uint64_t rowCount)
{
    std::erase_if(m_entries, [&](const auto& r) { return r->store != store || r->totalRecords != rowCount; });
}

} // namespace flowlens
