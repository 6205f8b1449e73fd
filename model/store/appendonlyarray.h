#pragma once

#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <memory>

namespace flowlens {

// An array that one writer appends to while any number of readers index the elements already
// published. Elements never move: storage grows in segments of doubling size (64, 128, 256 …),
// so a reader needs no lock and memory stays proportional to the size.
template <class T> class AppendOnlyArray {
public:
    AppendOnlyArray() = default;
    AppendOnlyArray(const AppendOnlyArray&) = delete;
    AppendOnlyArray& operator=(const AppendOnlyArray&) = delete;
    ~AppendOnlyArray()
    {
        for (auto& segment : m_segments) {
            delete[] segment.load(std::memory_order_relaxed);
        }
    }

    std::uint32_t size() const { return m_size.load(std::memory_order_acquire); }

    const T& operator[](std::uint32_t i) const
    {
        const auto [segment, offset] = locate(i);
        return m_segments[segment].load(std::memory_order_acquire)[offset];
    }

    // Writer only.
    std::uint32_t push_back(T value)
    {
        const std::uint32_t i = m_size.load(std::memory_order_relaxed);
        const auto [segment, offset] = locate(i);
        T* storage = m_segments[segment].load(std::memory_order_relaxed);
        if (storage == nullptr) {
            storage = new T[kBase << segment];
            m_segments[segment].store(storage, std::memory_order_release);
        }
        storage[offset] = std::move(value);
        m_size.store(i + 1, std::memory_order_release);
        return i;
    }

    std::size_t memoryBytes() const
    {
        std::size_t bytes = 0;
        for (std::size_t s = 0; s < kSegments; ++s) {
            if (m_segments[s].load(std::memory_order_relaxed) != nullptr) {
                bytes += (kBase << s) * sizeof(T);
            }
        }
        return bytes;
    }

private:
    static constexpr std::size_t kBase = 64;
    static constexpr std::size_t kSegments = 27; // 64 · (2^27 − 1) elements: more than 32-bit ids

    static std::pair<std::size_t, std::size_t> locate(std::uint32_t i)
    {
        const std::uint64_t q = std::uint64_t(i) / kBase + 1;
        const std::size_t segment = static_cast<std::size_t>(std::bit_width(q) - 1);
        const std::size_t offset = i - kBase * ((std::size_t(1) << segment) - 1);
        return { segment, offset };
    }

    std::array<std::atomic<T*>, kSegments> m_segments {};
    std::atomic<std::uint32_t> m_size { 0 };
};

} // namespace flowlens
