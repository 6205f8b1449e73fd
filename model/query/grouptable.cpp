#include "grouptable.h"

#include <algorithm>

namespace flowlens::query {

GroupTable::GroupTable(std::size_t width)
    : m_width(width)
    , m_slots(width == 0 ? 0 : 1024)
{
}

std::uint64_t GroupTable::mix(std::uint64_t x)
{
    // splitmix64's finaliser: every key bit reaches the low bits the slot index uses.
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ULL;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

std::uint64_t GroupTable::hash(const std::int64_t* key) const
{
    std::uint64_t h = 0;
    for (std::size_t k = 0; k < m_width; ++k) {
        h = mix(h ^ static_cast<std::uint64_t>(key[k]));
    }
    return h;
}

std::uint32_t GroupTable::find(const std::int64_t* key)
{
    if (m_width == 0) {
        return 0;
    }
    const bool single = m_width == 1;
    const std::uint64_t tag = single ? static_cast<std::uint64_t>(key[0]) : hash(key);
    const std::uint64_t h = single ? mix(tag) : tag;
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        Slot& slot = m_slots[i];
        if (slot.group == kEmpty) {
            const auto group = static_cast<std::uint32_t>(m_count++);
            m_keys.insert(m_keys.end(), key, key + m_width);
            slot = { tag, group };
            if (m_count * 2 > m_slots.size()) {
                grow();
            }
            return group;
        }
        if (slot.tag == tag && (single || std::equal(key, key + m_width, m_keys.data() + slot.group * m_width))) {
            return slot.group;
        }
    }
}

void GroupTable::reserve(std::size_t groups)
{
    if (m_width == 0) {
        return;
    }
    m_keys.reserve(groups * m_width);
    std::size_t slots = m_slots.size();
    while (slots < groups * 2) {
        slots *= 2;
    }
    if (slots != m_slots.size()) {
        rehash(slots);
    }
}

void GroupTable::grow()
{
    rehash(m_slots.size() * 2);
}

void GroupTable::rehash(std::size_t slots)
{
    std::vector<Slot> old(slots);
    old.swap(m_slots);
    const std::size_t mask = m_slots.size() - 1;
    for (const Slot& s : old) {
        if (s.group == kEmpty) {
            continue;
        }
        std::size_t i = (m_width == 1 ? mix(s.tag) : s.tag) & mask;
        while (m_slots[i].group != kEmpty) {
            i = (i + 1) & mask;
        }
        m_slots[i] = s;
    }
}

} // namespace flowlens::query
