#include "facets.h"

#include "chunkparallel.h"

#include <algorithm>

namespace flowlens {

FacetCounter::FacetCounter(std::vector<FieldId> fields)
    : m_fields(std::move(fields))
    , m_counters(m_fields.size())
{
}

void FacetCounter::merge(const FacetCounter& other)
{
    for (std::size_t f = 0; f < m_counters.size(); ++f) {
        Counter& into = m_counters[f];
        const Counter& from = other.m_counters[f];
        into.dense.resize(std::max(into.dense.size(), from.dense.size()));
        for (std::size_t v = 0; v < from.dense.size(); ++v) {
            into.dense[v] += from.dense[v];
        }
        for (const auto& [v, n] : from.sparse) {
            into.sparse[v] += n;
        }
    }
}

Facets FacetCounter::facets(std::size_t limit) const
{
    Facets result;
    for (std::size_t f = 0; f < m_fields.size(); ++f) {
        const Counter& counter = m_counters[f];
        Facet facet { m_fields[f], {}, 0 };
        for (std::size_t v = 0; v < counter.dense.size(); ++v) {
            if (counter.dense[v] > 0) {
                facet.values.push_back({ static_cast<std::int64_t>(v), counter.dense[v] });
            }
        }
        for (const auto& [v, n] : counter.sparse) {
            facet.values.push_back({ v, n });
        }
        facet.distinct = facet.values.size();
        auto more = [](const FacetValue& a, const FacetValue& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        };
        if (limit > 0 && facet.values.size() > limit) {
            std::partial_sort(facet.values.begin(), facet.values.begin() + static_cast<std::ptrdiff_t>(limit),
                facet.values.end(), more);
            facet.values.resize(limit);
        } else {
            std::sort(facet.values.begin(), facet.values.end(), more);
        }
        result.facets.push_back(std::move(facet));
    }
    return result;
}

Facets Facets::compute(const Selection& selection, const std::vector<FieldId>& fields, std::size_t limit)
{
    const auto& chunks = selection.snapshot().chunks;
    struct Partial {
        FacetCounter counter;
        std::vector<std::int64_t> values;
    };
    auto partials = forEachChunkParallel<Partial>(
        chunks.size(),
        [&] {
            return Partial { FacetCounter(fields), std::vector<std::int64_t>(kChunkRows) };
        },
        [&](std::size_t c, Partial& p) {
            const Chunk& chunk = *chunks[c];
            for (std::size_t f = 0; f < fields.size(); ++f) {
                chunk.decode(fields[f], 0, chunk.rowCount(), p.values.data());
                selection.forEachRow(c, [&](std::uint32_t r) { p.counter.add(f, p.values[r]); });
            }
        });
    for (std::size_t i = 1; i < partials.size(); ++i) {
        partials.front().counter.merge(partials[i].counter);
    }
    return partials.empty() ? FacetCounter(fields).facets(limit) : partials.front().counter.facets(limit);
}

} // namespace flowlens
