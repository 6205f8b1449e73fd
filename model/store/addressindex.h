#pragma once

#include "ids.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace flowlens {

// Numbers the address ids it is given densely from 0, in the order first seen, so a table per
// address over a selection can be a plain vector (address ids themselves are sparse: an IPv4 id
// is the address). Open addressing; not thread-safe, one per worker.
class AddressIndex {
public:
    AddressIndex();

    // The id's number, given it now when it has none.
    std::uint32_t insert(AddressId id);
    std::optional<std::uint32_t> find(AddressId id) const;
    std::uint32_t size() const { return static_cast<std::uint32_t>(m_ids.size()); }
    AddressId id(std::uint32_t number) const { return m_ids[number]; }

private:
    struct Slot {
        std::int64_t id = kNull; // kNull: empty
        std::uint32_t number = 0;
    };
    static std::size_t hash(std::int64_t id)
    {
        const std::uint64_t h = static_cast<std::uint64_t>(id) * 0x9E3779B97F4A7C15ULL;
        return static_cast<std::size_t>(h ^ (h >> 32));
    }
    void grow();

    std::vector<Slot> m_slots;
    std::vector<AddressId> m_ids; // by number
};

} // namespace flowlens
