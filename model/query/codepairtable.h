#pragma once

#include <cstdint>
#include <vector>

namespace flowlens::query {

// Numbers distinct keys of one or two 64-bit codes 0, 1, 2 … in order of first appearance. Both
// codes live in the slot (open addressing, linear probing), so a lookup touches one cache line and
// no key array; the stats fast paths use it for one- and two-key groups.
class CodePairTable {
public:
    CodePairTable();

    static std::uint64_t hash(std::int64_t a, std::int64_t b)
    {
        // splitmix64's finaliser over both codes: every bit reaches the high bits (the partition)
        // and the low bits (the slot).
        std::uint64_t x = static_cast<std::uint64_t>(a) * 0x9E3779B97F4A7C15ULL ^ static_cast<std::uint64_t>(b);
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9ULL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBULL;
        return x ^ (x >> 31);
    }

    std::uint32_t find(std::int64_t a, std::int64_t b) { return find(a, b, hash(a, b)); }
    // `h` must be hash(a, b).
    std::uint32_t find(std::int64_t a, std::int64_t b, std::uint64_t h)
    {
        for (std::size_t i = h & m_mask;; i = (i + 1) & m_mask) {
            Slot& slot = m_slots[i];
            if (slot.group == kEmpty) {
                return insert(slot, a, b, h);
            }
            if (slot.a == a && slot.b == b) {
                return slot.group;
            }
        }
    }
    // Makes room for `groups` groups without growing.
    void reserve(std::size_t groups);
    std::size_t size() const { return m_first.size(); }
    std::int64_t first(std::uint32_t group) const { return m_first[group]; }
    std::int64_t second(std::uint32_t group) const { return m_second[group]; }
    const std::vector<std::int64_t>& firsts() const { return m_first; }
    const std::vector<std::int64_t>& seconds() const { return m_second; }
    // The keys by group, moved out: the table is done with.
    std::vector<std::int64_t> takeFirsts() { return std::move(m_first); }
    std::vector<std::int64_t> takeSeconds() { return std::move(m_second); }
    // Forgets every key but keeps the memory, for a table used again and again.
    void clear();

private:
    struct Slot {
        std::int64_t a = 0;
        std::int64_t b = 0;
        std::uint32_t hash = 0; // the hash's low bits, for growing without hashing again
        std::uint32_t group = kEmpty;
    };
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFF;

    std::uint32_t insert(Slot& slot, std::int64_t a, std::int64_t b, std::uint64_t h);
    void grow() { rehash(m_slots.size() * 2); }
    void rehash(std::size_t slots);

    std::vector<Slot> m_slots;
    std::size_t m_mask;
    std::vector<std::int64_t> m_first; // by group
    std::vector<std::int64_t> m_second;
};

} // namespace flowlens::query
