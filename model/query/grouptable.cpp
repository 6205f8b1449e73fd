#include "grouptable.h"

#include <algorithm>

namespace flowlens::query {

GroupTable::GroupTable(std::size_t width)
    : m_width(width)
    , m_slots(width == 0 ? 0 : 1024, 0)
{
}

std::uint64_t GroupTable::hash(const std::int64_t* key) const
{
    std::uint64_t h = 0x9E3779B97F4A7C15ULL;
    for (std::size_t k = 0; k < m_width; ++k) {
        h ^= static_cast<std::uint64_t>(key[k]) + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
        h *= 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
    }
    return h;
}

std::uint32_t GroupTable::find(const std::int64_t* key)
{
    if (m_width == 0) {
        return 0;
    }
    const std::uint64_t h = hash(key);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t slot = h & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t entry = m_slots[slot];
        if (entry == 0) {
            const auto group = static_cast<std::uint32_t>(m_count++);
            m_keys.insert(m_keys.end(), key, key + m_width);
            m_hashes.push_back(h);
            m_slots[slot] = group + 1;
            if (m_count * 2 > m_slots.size()) {
                grow();
            }
            return group;
        }
        if (m_hashes[entry - 1] == h && std::equal(key, key + m_width, m_keys.data() + (entry - 1) * m_width)) {
            return entry - 1;
        }
    }
}

void GroupTable::reserve(std::size_t groups)
{
    if (m_width == 0) {
        return;
    }
    m_keys.reserve(groups * m_width);
    m_hashes.reserve(groups);
    while (m_slots.size() < groups * 2) {
        grow();
    }
}

void GroupTable::grow()
{
    m_slots.assign(m_slots.size() * 2, 0);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t g = 0; g < m_count; ++g) {
        std::size_t slot = m_hashes[g] & mask;
        while (m_slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        m_slots[slot] = static_cast<std::uint32_t>(g + 1);
    }
}

} // namespace flowlens::query
