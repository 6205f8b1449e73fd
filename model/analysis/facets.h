#pragma once

#include "store/selection.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace flowlens {

// Value → record count for a few fields over a selection (action, protocol, ports, interfaces,
// VPCs, subnets, log status, direction …). Values are the store's raw column values (dictionary or
// address ids, numbers); kNull counts the records where the field is '-'.
struct FacetValue {
    std::int64_t value = kNull;
    std::uint64_t count = 0;
};

struct Facet {
    FieldId field;
    std::vector<FacetValue> values; // most frequent first
    std::uint64_t distinct = 0; // before the limit
};

struct Facets {
    std::vector<Facet> facets;

    static Facets compute(const Selection& selection, const std::vector<FieldId>& fields, std::size_t limit = 20);
};

// Counts the values of a few fields as rows come: one per worker, merged at the end. Lets a pass
// that decodes the columns for other reasons count facets too (the investigation's panes).
class FacetCounter {
public:
    explicit FacetCounter(std::vector<FieldId> fields);

    const std::vector<FieldId>& fields() const { return m_fields; }
    // Counts `value` for the field at `slot` in fields().
    void add(std::size_t slot, std::int64_t value, std::uint64_t times = 1)
    {
        Counter& counter = m_counters[slot];
        if (value >= 0 && value < kDenseLimit) {
            const auto v = static_cast<std::size_t>(value);
            if (v >= counter.dense.size()) {
                counter.dense.resize(v + 1 + counter.dense.size() / 2);
            }
            counter.dense[v] += times;
        } else {
            counter.sparse[value] += times;
        }
    }
    void merge(const FacetCounter& other);
    // The most frequent `limit` values of each field (all of them when 0).
    Facets facets(std::size_t limit) const;

private:
    static constexpr std::int64_t kDenseLimit = 1 << 20; // values below this are counted in a vector
    struct Counter {
        std::vector<std::uint64_t> dense;
        std::unordered_map<std::int64_t, std::uint64_t> sparse; // negatives, large numbers and null
    };
    std::vector<FieldId> m_fields;
    std::vector<Counter> m_counters;
};

} // namespace flowlens
