#include "selection.h"

namespace flowlens {

Selection Selection::all(const FlowStore::Snapshot& snapshot)
{
    Selection s;
    s.m_snapshot = snapshot;
    s.m_chunks.resize(snapshot.chunks.size());
    for (std::size_t c = 0; c < snapshot.chunks.size(); ++c) {
        s.m_chunks[c].all = true;
        s.m_chunks[c].count = snapshot.chunks[c]->rowCount();
    }
    return s;
}

Selection Selection::none(const FlowStore::Snapshot& snapshot)
{
    Selection s;
    s.m_snapshot = snapshot;
    s.m_chunks.resize(snapshot.chunks.size());
    for (std::size_t c = 0; c < snapshot.chunks.size(); ++c) {
        s.m_chunks[c].bits.assign((snapshot.chunks[c]->rowCount() + 63) / 64, 0);
    }
    return s;
}

std::uint64_t Selection::count() const
{
    std::uint64_t n = 0;
    for (const ChunkRows& c : m_chunks) {
        n += c.count;
    }
    return n;
}

bool Selection::contains(RowId row) const
{
    const std::uint32_t c = chunkOf(row);
    if (c >= m_chunks.size()) {
        return false;
    }
    const ChunkRows& rows = m_chunks[c];
    if (rows.all) {
        return rowOf(row) < m_snapshot.chunks[c]->rowCount();
    }
    const std::uint32_t r = rowOf(row);
    return r / 64 < rows.bits.size() && (rows.bits[r / 64] >> (r % 64) & 1U) != 0;
}

std::vector<RowId> Selection::rowIds() const
{
    std::vector<RowId> ids;
    ids.reserve(count());
    for (std::size_t c = 0; c < m_chunks.size(); ++c) {
        forEachRow(c, [&](std::uint32_t r) { ids.push_back(makeRowId(static_cast<std::uint32_t>(c), r)); });
    }
    return ids;
}

} // namespace flowlens
