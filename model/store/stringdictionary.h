#pragma once

#include "appendonlyarray.h"
#include "ids.h"

#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace flowlens {

// Interns the distinct values of one string column. Ids are dense and stable; text lookups by id
// are lock-free, so views and queries read while a load appends.
class StringDictionary {
public:
    StringDictionary() = default;
    StringDictionary(const StringDictionary&) = delete;
    StringDictionary& operator=(const StringDictionary&) = delete;

    StringId intern(std::string_view text);
    std::optional<StringId> find(std::string_view text) const;
    std::string_view text(StringId id) const { return m_entries[id.value]; }
    std::uint32_t size() const { return m_entries.size(); }
    std::size_t memoryBytes() const;

private:
    std::string_view store(std::string_view text);

    AppendOnlyArray<std::string_view> m_entries;
    mutable std::mutex m_mutex; // guards the map and the arena
    std::unordered_map<std::string_view, std::uint32_t> m_index;
    std::vector<std::unique_ptr<char[]>> m_blocks;
    std::size_t m_blockUsed = 0;
    std::size_t m_blockSize = 0;
    std::size_t m_textBytes = 0;
};

} // namespace flowlens
