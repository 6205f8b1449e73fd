#include "addressindex.h"

namespace flowlens {

AddressIndex::AddressIndex()
    : m_slots(1024)
{
}

std::uint32_t AddressIndex::insert(AddressId id)
{
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t slot = hash(id.value) & mask;; slot = (slot + 1) & mask) {
        Slot& s = m_slots[slot];
        if (s.id == id.value) {
            return s.number;
        }
        if (s.id == kNull) {
            const auto number = static_cast<std::uint32_t>(m_ids.size());
            s = { id.value, number };
            m_ids.push_back(id);
            if (m_ids.size() * 2 > m_slots.size()) {
                grow();
            }
            return number;
        }
    }
}

std::optional<std::uint32_t> AddressIndex::find(AddressId id) const
{
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t slot = hash(id.value) & mask;; slot = (slot + 1) & mask) {
        const Slot& s = m_slots[slot];
        if (s.id == id.value) {
            return s.number;
        }
        if (s.id == kNull) {
            return std::nullopt;
        }
    }
}

void AddressIndex::grow()
{
    m_slots.assign(m_slots.size() * 2, Slot {});
    const std::size_t mask = m_slots.size() - 1;
    for (std::uint32_t number = 0; number < m_ids.size(); ++number) {
        std::size_t slot = hash(m_ids[number].value) & mask;
        while (m_slots[slot].id != kNull) {
            slot = (slot + 1) & mask;
        }
        m_slots[slot] = { m_ids[number].value, number };
    }
}

} // namespace flowlens
