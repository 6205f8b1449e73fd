#include "addresstable.h"

#include <cstring>

namespace flowlens {

std::uint64_t hashAddress(const Address& a)
{
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    std::memcpy(&hi, a.bytes.data(), 8);
    std::memcpy(&lo, a.bytes.data() + 8, 8);
    std::uint64_t h = (hi * 0x9E3779B97F4A7C15ULL) ^ lo;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return h ^ (h >> 32);
}

std::optional<std::uint32_t> AddressTable::findLocked(
    const Address& address, std::uint64_t hash, std::size_t& slot) const
{
    const std::size_t mask = m_slots.size() - 1;
    for (slot = hash & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t entry = m_slots[slot];
        if (entry == 0) {
            return std::nullopt;
        }
        if (m_entries[entry - 1] == address) {
            return entry - 1;
        }
    }
}

std::uint32_t AddressTable::intern(const Address& address)
{
    std::lock_guard lock(m_mutex);
    std::size_t slot = 0;
    if (auto found = findLocked(address, hashAddress(address), slot)) {
        return *found;
    }
    const std::uint32_t id = m_entries.push_back(address);
    m_slots[slot] = id + 1;
    if (std::size_t(id + 1) * 2 > m_slots.size()) {
        grow();
    }
    return id;
}

void AddressTable::grow()
{
    m_slots.assign(m_slots.size() * 2, 0);
    const std::size_t mask = m_slots.size() - 1;
    for (std::uint32_t id = 0; id < m_entries.size(); ++id) {
        std::size_t slot = hashAddress(m_entries[id]) & mask;
        while (m_slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        m_slots[slot] = id + 1;
    }
}

std::optional<std::uint32_t> AddressTable::find(const Address& address) const
{
    std::lock_guard lock(m_mutex);
    std::size_t slot = 0;
    return findLocked(address, hashAddress(address), slot);
}

std::size_t AddressTable::memoryBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_entries.memoryBytes() + m_slots.capacity() * sizeof(std::uint32_t);
}

} // namespace flowlens
