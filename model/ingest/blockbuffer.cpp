#include "blockbuffer.h"

#include <cstring>

namespace flowlens {

BlockBuffer::BlockBuffer(std::size_t capacity)
    : m_data(std::make_unique_for_overwrite<char[]>(capacity))
    , m_capacity(capacity)
{
}

void BlockBuffer::reserve(std::size_t capacity)
{
    if (capacity <= m_capacity) {
        return;
    }
    auto grown = std::make_unique_for_overwrite<char[]>(capacity);
    std::memcpy(grown.get(), m_data.get(), m_size);
    m_data = std::move(grown);
    m_capacity = capacity;
}

BufferPool::BufferPool(std::size_t bufferBytes)
    : m_bufferBytes(bufferBytes)
{
}

std::shared_ptr<BlockBuffer> BufferPool::acquire()
{
    std::unique_ptr<BlockBuffer> buffer;
    {
        std::lock_guard lock(m_mutex);
        if (!m_free.empty()) {
            buffer = std::move(m_free.back());
            m_free.pop_back();
        }
    }
    if (!buffer) {
        buffer = std::make_unique<BlockBuffer>(m_bufferBytes);
    }
    buffer->setSize(0);
    std::weak_ptr<BufferPool> pool = weak_from_this();
    return { buffer.release(), [pool](BlockBuffer* b) {
                if (auto p = pool.lock()) {
                    p->release(b);
                } else {
                    delete b;
                }
            } };
}

void BufferPool::release(BlockBuffer* buffer)
{
    std::lock_guard lock(m_mutex);
    m_free.emplace_back(buffer);
}

} // namespace flowlens
