#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>

namespace flowlens {

// Where chunk columns keep their bytes: large slabs handed out by bumping a pointer, asked of the
// kernel as transparent huge pages. A load of millions of records then faults in a few hundred
// 2 MiB pages instead of tens of thousands of 4 KiB ones, and nothing is zeroed twice. A slab is
// freed when the last chunk using it goes. Thread-safe.
class ColumnArena {
public:
    static constexpr std::size_t kSlabBytes = std::size_t { 32 } << 20;

    struct Allocation {
        std::uint8_t* data = nullptr;
        std::shared_ptr<const void> owner; // keeps the slab alive
    };

    // `bytes` of uninitialised memory, 64-byte aligned.
    Allocation allocate(std::size_t bytes);

    // Bytes handed out so far (not the slabs' reserved size).
    std::size_t allocatedBytes() const;

private:
    class Slab;

    mutable std::mutex m_mutex;
    std::shared_ptr<Slab> m_current;
    std::size_t m_used = 0;
    std::size_t m_allocated = 0;
};

} // namespace flowlens
