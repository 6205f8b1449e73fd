#pragma once

#include "address.h"
#include "appendonlyarray.h"
#include "ids.h"

#include <mutex>
#include <optional>
#include <vector>

namespace flowlens {

std::uint64_t hashAddress(const Address& a);

// Interns every address of the store (all address columns share it, so srcaddr and dstaddr of
// one host have the same id). Lookups by id are lock-free.
class AddressTable {
public:
    AddressId intern(const Address& address);
    std::optional<AddressId> find(const Address& address) const;
    const Address& address(AddressId id) const { return m_entries[id.value]; }
    std::uint32_t size() const { return m_entries.size(); }
    std::size_t memoryBytes() const;

private:
    std::optional<AddressId> findLocked(const Address& address, std::uint64_t hash, std::size_t& slot) const;
    void grow();

    AppendOnlyArray<Address> m_entries;
    mutable std::mutex m_mutex;
    std::vector<std::uint32_t> m_slots = std::vector<std::uint32_t>(1024, 0); // id + 1; open addressing
};

} // namespace flowlens
