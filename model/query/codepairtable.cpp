#include "codepairtable.h"

#include <algorithm>

namespace flowlens::query {

namespace {
constexpr std::size_t kInitialSlots = 256;
}

CodePairTable::CodePairTable()
    : m_slots(kInitialSlots)
    , m_mask(kInitialSlots - 1)
{
}

std::uint32_t CodePairTable::insert(Slot& slot, std::int64_t a, std::int64_t b, std::uint64_t h)
{
    const auto group = static_cast<std::uint32_t>(m_first.size());
    slot = { a, b, static_cast<std::uint32_t>(h), group };
    m_first.push_back(a);
    m_second.push_back(b);
    if (m_first.size() * 2 > m_slots.size()) {
        grow();
    }
    return group;
}

void CodePairTable::clear()
{
    std::fill(m_slots.begin(), m_slots.end(), Slot {});
    m_first.clear();
    m_second.clear();
}

void CodePairTable::reserve(std::size_t groups)
{
    m_first.reserve(groups);
    m_second.reserve(groups);
    std::size_t slots = m_slots.size();
    while (slots < groups * 2) {
        slots *= 2;
    }
    if (slots != m_slots.size()) {
        rehash(slots);
    }
}

void CodePairTable::rehash(std::size_t slots)
{
    std::vector<Slot> old(slots);
    old.swap(m_slots);
    m_mask = m_slots.size() - 1;
    for (const Slot& s : old) {
        if (s.group == kEmpty) {
            continue;
        }
        std::size_t i = (m_mask >> 32 == 0 ? s.hash : hash(s.a, s.b)) & m_mask;
        while (m_slots[i].group != kEmpty) {
            i = (i + 1) & m_mask;
        }
        m_slots[i] = s;
    }
}

} // namespace flowlens::query
