#pragma once

#include <cstdint>
#include <vector>

namespace flowlens::query {

// Numbers the distinct keys it is given (tuples of `width` 64-bit codes) 0, 1, 2 … in order of
// first appearance. Open addressing; width 0 has exactly one group.
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
    std::uint64_t hash(const std::int64_t* key) const;
    void grow();

    std::size_t m_width;
    std::size_t m_count = 0;
    std::vector<std::int64_t> m_keys;
    std::vector<std::uint32_t> m_slots; // group + 1; 0 is empty
    std::vector<std::uint64_t> m_hashes; // per group, to grow without rehashing keys
};

} // namespace flowlens::query
