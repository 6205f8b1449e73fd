#include "ingest/inflatingbytestream.h"

#include <algorithm>
#include <cstring>

namespace flowlens {

namespace {
constexpr unsigned char GzipMagic1 = 0x1f;
} // namespace

InflatingByteStream::InflatingByteStream(std::unique_ptr<FileByteStream> source, std::size_t inputBufferSize)
    : m_source(std::move(source))
    , m_input(LookBack + std::max<std::size_t>(inputBufferSize, 1), 0)
{
}

std::uint64_t InflatingByteStream::positionOf(std::size_t bufferIndex) const
{
    return m_endFileOffset - (m_end - bufferIndex);
}

bool InflatingByteStream::fillInput()
{
    // Only called once everything is consumed: keep the last LookBack bytes in front of the new ones.
    std::memmove(m_input.data(), m_input.data() + m_end - LookBack, LookBack);
    m_pos = LookBack;
    m_end = LookBack;
    const ReadResult got
        = m_source->read(reinterpret_cast<char*>(m_input.data() + LookBack), m_input.size() - LookBack);
    m_end += got.size;
    m_endFileOffset += got.size;
    if (got.atEnd || !got.error.empty()) {
        m_sourceDone = true;
        m_sourceError = got.error;
    }
    return got.size > 0;
}

void InflatingByteStream::failCorrupt(std::uint64_t offset, const std::string& reason)
{
    m_error = m_source->displayName() + " is corrupt at compressed byte " + std::to_string(offset) + ": " + reason;
}

ReadResult InflatingByteStream::read(char* buffer, std::size_t capacity)
{
    auto* output = reinterpret_cast<unsigned char*>(buffer);
    std::size_t produced = 0;
    if (!m_memberBegun) {
        beginMember();
        m_memberBegun = true;
    }
    while (produced < capacity && m_error.empty() && m_phase != Phase::Finished) {
        if (m_pos == m_end && !m_sourceDone) {
            fillInput();
            continue;
        }
        if (m_phase == Phase::BetweenMembers) {
            // Zero padding after a member is fine (some writers round files up); another member may follow.
            while (m_pos < m_end && m_input[m_pos] == 0) {
                ++m_pos;
            }
            if (m_pos < m_end) {
                if (m_input[m_pos] != GzipMagic1) {
                    failCorrupt(positionOf(m_pos), "unexpected data after the end of a gzip member");
                    break;
                }
                beginMember();
                m_phase = Phase::InMember;
            } else if (m_sourceDone) {
                m_phase = Phase::Finished;
                m_error = m_sourceError;
            }
            continue;
        }

        const Step step = inflate(m_input.data() + m_pos, m_end - m_pos, output + produced, capacity - produced);
        m_pos += step.consumed;
        produced += step.produced;
        if (step.status == StepStatus::Corrupt) {
            const auto lastUsed = static_cast<std::int64_t>(positionOf(m_pos))
                - static_cast<std::int64_t>(step.heldBack) - 1 + step.offsetAdjust;
            failCorrupt(static_cast<std::uint64_t>(std::max<std::int64_t>(lastUsed, 0)), step.message);
            break;
        }
        if (step.status == StepStatus::MemberEnd) {
            m_pos -= std::min(step.heldBack, m_pos);
            m_phase = Phase::BetweenMembers;
            continue;
        }
        if (step.consumed == 0 && step.produced == 0) {
            if (m_pos < m_end) {
                failCorrupt(positionOf(m_pos), "the decompressor stopped making progress");
            } else if (m_sourceDone) {
                m_error = m_sourceError.empty()
                    ? m_source->displayName() + " ends early: the gzip stream is cut off after "
                        + std::to_string(m_endFileOffset) + " compressed bytes"
                    : m_sourceError;
            }
        }
    }
    ReadResult result;
    result.size = produced;
    result.atEnd = m_phase == Phase::Finished || !m_error.empty();
    result.error = m_error;
    return result;
}

} // namespace flowlens
