#include "stringdictionary.h"

#include <algorithm>
#include <cstring>

namespace flowlens {

namespace {
constexpr std::size_t kArenaBlock = 64 * 1024;
}

std::string_view StringDictionary::store(std::string_view text)
{
    if (m_blocks.empty() || m_blockUsed + text.size() > m_blockSize) {
        m_blockSize = std::max(kArenaBlock, text.size());
        m_blocks.push_back(std::make_unique<char[]>(m_blockSize));
        m_blockUsed = 0;
    }
    char* destination = m_blocks.back().get() + m_blockUsed;
    std::memcpy(destination, text.data(), text.size());
    m_blockUsed += text.size();
    m_textBytes += text.size();
    return { destination, text.size() };
}

StringId StringDictionary::intern(std::string_view text)
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_index.find(text); it != m_index.end()) {
        return StringId(it->second);
    }
    const std::string_view stored = store(text);
    const std::uint32_t id = m_entries.push_back(stored);
    m_index.emplace(stored, id);
    return StringId(id);
}

std::optional<StringId> StringDictionary::find(std::string_view text) const
{
    std::lock_guard lock(m_mutex);
    if (auto it = m_index.find(text); it != m_index.end()) {
        return StringId(it->second);
    }
    return std::nullopt;
}

std::size_t StringDictionary::memoryBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_blocks.size() * kArenaBlock + m_entries.memoryBytes() + m_index.size() * 48;
}

} // namespace flowlens
