#pragma once

#include "address.h"
#include "appendonlyarray.h"
#include "ids.h"

#include <mutex>
#include <optional>
#include <unordered_map>

namespace flowlens {

struct AddressHash {
    std::size_t operator()(const Address& a) const noexcept;
};

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
    AppendOnlyArray<Address> m_entries;
    mutable std::mutex m_mutex;
    std::unordered_map<Address, std::uint32_t, AddressHash> m_index;
};

} // namespace flowlens
