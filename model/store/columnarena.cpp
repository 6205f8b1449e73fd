#include "columnarena.h"

#include <new>
#include <sys/mman.h>

namespace flowlens {

namespace {

constexpr std::size_t kHugePage = std::size_t { 2 } << 20;
constexpr std::size_t kAlignment = 64;

} // namespace

// One mapping, its usable range aligned to a huge page so the kernel can back it with them.
class ColumnArena::Slab {
public:
    explicit Slab(std::size_t bytes)
        : m_mapped(bytes + kHugePage)
    {
        m_base = ::mmap(nullptr, m_mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (m_base == MAP_FAILED) {
            throw std::bad_alloc();
        }
        const auto address = reinterpret_cast<std::uintptr_t>(m_base);
        m_begin = reinterpret_cast<std::uint8_t*>((address + kHugePage - 1) & ~(kHugePage - 1));
#ifdef MADV_HUGEPAGE
        ::madvise(m_begin, bytes, MADV_HUGEPAGE); // advice only: without THP the slab still works
#endif
    }
    Slab(const Slab&) = delete;
    Slab& operator=(const Slab&) = delete;
    ~Slab() { ::munmap(m_base, m_mapped); }

    std::uint8_t* begin() const { return m_begin; }

private:
    std::size_t m_mapped;
    void* m_base = nullptr;
    std::uint8_t* m_begin = nullptr;
};

ColumnArena::Allocation ColumnArena::allocate(std::size_t bytes)
{
    bytes = (bytes + kAlignment - 1) & ~(kAlignment - 1);
    if (bytes > kSlabBytes / 4) {
        auto slab = std::make_shared<Slab>(bytes); // a column this large gets a mapping of its own
        std::lock_guard lock(m_mutex);
        m_allocated += bytes;
        return { slab->begin(), slab };
    }
    std::lock_guard lock(m_mutex);
    if (!m_current || m_used + bytes > kSlabBytes) {
        m_current = std::make_shared<Slab>(kSlabBytes);
        m_used = 0;
    }
    std::uint8_t* data = m_current->begin() + m_used;
    m_used += bytes;
    m_allocated += bytes;
    return { data, m_current };
}

std::size_t ColumnArena::allocatedBytes() const
{
    std::lock_guard lock(m_mutex);
    return m_allocated;
}

} // namespace flowlens
