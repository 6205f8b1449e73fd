#include "addresstable.h"

#include <cstring>

namespace flowlens {

std::size_t AddressHash::operator()(const Address& a) const noexcept
{
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;
    std::memcpy(&hi, a.bytes.data(), 8);
    std::memcpy(&lo, a.bytes.data() + 8, 8);
    std::uint64_t h = (hi * 0x9E3779B97F4A7C15ULL) ^ lo;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ULL;
    return static_cast<std::size_t>(h ^ (h >> 32));
}

AddressId AddressTable::intern(const Address& address)
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_index.find(address); it != m_index.end()) {
        return AddressId(it->second);
    }
    const std::uint32_t id = m_entries.push_back(address);
    m_index.emplace(address, id);
    return AddressId(id);
}

std::optional<AddressId> AddressTable::find(const Address& address) const
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_index.find(address); it != m_index.end()) {
        return AddressId(it->second);
    }
    return std::nullopt;
}

std::size_t AddressTable::memoryBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_entries.memoryBytes() + m_index.size() * 40;
}

} // namespace flowlens
