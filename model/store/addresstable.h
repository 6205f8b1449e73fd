#pragma once

#include "address.h"
#include "appendonlyarray.h"

#include <mutex>
#include <optional>
#include <vector>

namespace flowlens {

std::uint64_t hashAddress(const Address& a);

// Numbers addresses densely from 0 in the order they are first interned. The store keeps its IPv6
// addresses in one (all address columns share it, so srcaddr and dstaddr of one host have the
// same id); the query engine numbers computed addresses with one. Lookups by index are lock-free.
class AddressTable {
public:
    std::uint32_t intern(const Address& address);
    std::optional<std::uint32_t> find(const Address& address) const;
    const Address& address(std::uint32_t index) const { return m_entries[index]; }
    std::uint32_t size() const { return m_entries.size(); }
    std::size_t memoryBytes() const;

private:
    std::optional<std::uint32_t> findLocked(const Address& address, std::uint64_t hash, std::size_t& slot) const;
    void grow();

    AppendOnlyArray<Address> m_entries;
    mutable std::mutex m_mutex;
    std::vector<std::uint32_t> m_slots = std::vector<std::uint32_t>(1024, 0); // id + 1; open addressing
};

} // namespace flowlens
