#pragma once

#include <cstdint>
#include <vector>

namespace flowlens::query {

// Numbers the distinct keys it is given (tuples of `width` 64-bit codes) 0, 1, 2 … in order of
// first appearance. Open addressing; a one-code key lives in its slot, so a lookup touches one
// cache line. Width 0 has exactly one group.
class GroupTable {
public:
    explicit GroupTable(std::size_t width);

    std::uint32_t find(const std::int64_t* key);
    // Makes room for `groups` groups without growing again.
    void reserve(std::size_t groups);
    std::size_t size() const { return m_width == 0 ? 1 : m_count; }
    std::size_t width() const { return m_width; }
    const std::int64_t* key(std::uint32_t group) const { return m_keys.data() + group * m_width; }

private:
    struct Slot {
        std::uint64_t tag = 0; // width 1: the key itself; wider: the key's hash
        std::uint32_t group = kEmpty;
    };
    static constexpr std::uint32_t kEmpty = 0xFFFFFFFF;

    std::uint64_t hash(const std::int64_t* key) const;
    static std::uint64_t mix(std::uint64_t x);
    void grow();
    void rehash(std::size_t slots);

    std::size_t m_width;
    std::size_t m_count = 0;
    std::vector<std::int64_t> m_keys;
    std::vector<Slot> m_slots;
};

} // namespace flowlens::query
