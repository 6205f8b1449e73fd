#pragma once

#include "address.h"
#include "ids.h"
#include "schema/field.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace flowlens {

// Consecutive rows that came from consecutive lines of one source.
struct ProvenanceRun {
    std::uint32_t firstRow = 0;
    SourceId source;
    std::uint64_t firstLine = 0;
    std::uint32_t format = 0; // FlowStore::format(): the record format these rows were written in
};

// Rows as a parser produced them, before they join the store: one int64 vector per present field
// (kNull for '-'), with strings and IPv6 addresses numbered by chunk-local dictionaries that
// FlowStore::append maps onto the store's own.
struct RawChunk {
    std::uint32_t rowCount = 0;
    std::array<std::vector<std::int64_t>, FieldCount> columns; // empty: the field is absent
    std::array<std::vector<std::string>, FieldCount> localStrings; // string fields: local id → text
    // Address fields hold AddressIds, with IPv6 numbered locally: -(index here + 1).
    std::vector<Address> localAddresses;
    bool addressesInterned = false; // IPv6 ids are already the store's (localAddresses unused)
    std::vector<ProvenanceRun> provenance;
};

} // namespace flowlens
