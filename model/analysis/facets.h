#pragma once

#include "store/selection.h"

#include <cstdint>
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

} // namespace flowlens
