#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace flowlens {

// Raw bytes a reader fills and parsers read. Not zero-initialised, and recycled through a
// BufferPool, so a multi-gigabyte load neither clears nor page-faults fresh memory per block.
class BlockBuffer {
public:
    explicit BlockBuffer(std::size_t capacity);

    char* data() { return m_data.get(); }
    const char* data() const { return m_data.get(); }
    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_capacity; }
    void setSize(std::size_t size) { m_size = size; }
    // Grows the capacity, keeping the first size() bytes.
    void reserve(std::size_t capacity);

private:
    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

// Hands out BlockBuffers whose storage returns to the pool when the last holder lets go.
class BufferPool : public std::enable_shared_from_this<BufferPool> {
public:
    explicit BufferPool(std::size_t bufferBytes);
    std::shared_ptr<BlockBuffer> acquire();

private:
    void release(BlockBuffer* buffer);

    std::size_t m_bufferBytes;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<BlockBuffer>> m_free;
};

} // namespace flowlens
