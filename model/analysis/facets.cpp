#include "facets.h"

#include "chunkparallel.h"

#include <algorithm>
#include <unordered_map>

namespace flowlens {

namespace {

constexpr std::int64_t kDenseLimit = 1 << 20; // values below this are counted in a vector

struct Counter {
    std::vector<std::uint64_t> dense;
    std::unordered_map<std::int64_t, std::uint64_t> sparse; // negatives, large numbers and null
    void add(std::int64_t v)
    {
        if (v >= 0 && v < kDenseLimit) {
            if (static_cast<std::size_t>(v) >= dense.size()) {
                dense.resize(static_cast<std::size_t>(v) + 1 + dense.size() / 2);
            }
            ++dense[static_cast<std::size_t>(v)];
        } else {
            ++sparse[v];
        }
    }
};

} // namespace

Facets Facets::compute(const Selection& selection, const std::vector<FieldId>& fields, std::size_t limit)
{
    const auto& chunks = selection.snapshot().chunks;
    struct Partial {
        std::vector<Counter> counters;
        std::vector<std::int64_t> values;
    };
    auto partials = forEachChunkParallel<Partial>(
        chunks.size(),
        [&] {
            return Partial { std::vector<Counter>(fields.size()), std::vector<std::int64_t>(kChunkRows) };
        },
        [&](std::size_t c, Partial& p) {
            const Chunk& chunk = *chunks[c];
            for (std::size_t f = 0; f < fields.size(); ++f) {
                chunk.decode(fields[f], 0, chunk.rowCount(), p.values.data());
                Counter& counter = p.counters[f];
                selection.forEachRow(c, [&](std::uint32_t r) { counter.add(p.values[r]); });
            }
        });
    Facets result;
    for (std::size_t f = 0; f < fields.size(); ++f) {
        std::unordered_map<std::int64_t, std::uint64_t> merged;
        std::vector<std::uint64_t> dense;
        for (const Partial& p : partials) {
            const Counter& counter = p.counters[f];
            dense.resize(std::max(dense.size(), counter.dense.size()));
            for (std::size_t v = 0; v < counter.dense.size(); ++v) {
                dense[v] += counter.dense[v];
            }
            for (const auto& [v, n] : counter.sparse) {
                merged[v] += n;
            }
        }
        Facet facet { fields[f], {}, 0 };
        for (std::size_t v = 0; v < dense.size(); ++v) {
            if (dense[v] > 0) {
                facet.values.push_back({ static_cast<std::int64_t>(v), dense[v] });
            }
        }
        for (const auto& [v, n] : merged) {
            facet.values.push_back({ v, n });
        }
        facet.distinct = facet.values.size();
        std::sort(facet.values.begin(), facet.values.end(), [](const FacetValue& a, const FacetValue& b) {
            return a.count != b.count ? a.count > b.count : a.value < b.value;
        });
        if (limit > 0 && facet.values.size() > limit) {
            facet.values.resize(limit);
        }
        result.facets.push_back(std::move(facet));
    }
    return result;
}

} // namespace flowlens
