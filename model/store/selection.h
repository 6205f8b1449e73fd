#pragma once

#include "flowstore.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace flowlens {

// A set of rows of one store snapshot: a bitmap per chunk (a chunk with every row selected needs
// no bitmap). What a filter produces and what every aggregate and view consumes.
class Selection {
public:
    struct ChunkRows {
        bool all = false; // every row of the chunk; bits unused
        std::vector<std::uint64_t> bits; // bit r = row r, when !all
        std::uint32_t count = 0;
    };

    Selection() = default;
    static Selection all(const FlowStore::Snapshot& snapshot);
    static Selection none(const FlowStore::Snapshot& snapshot);

    const FlowStore::Snapshot& snapshot() const { return m_snapshot; }
    std::size_t chunkCount() const { return m_chunks.size(); }
    const ChunkRows& chunk(std::size_t c) const { return m_chunks[c]; }
    ChunkRows& chunk(std::size_t c) { return m_chunks[c]; }
    std::uint64_t count() const;
    bool contains(RowId row) const;

    // Calls f(row) for each selected row of chunk c, in row order.
    template <class F> void forEachRow(std::size_t c, F&& f) const
    {
        const ChunkRows& rows = m_chunks[c];
        const std::uint32_t n = m_snapshot.chunks[c]->rowCount();
        if (rows.all) {
            for (std::uint32_t r = 0; r < n; ++r) {
                f(r);
            }
            return;
        }
        for (std::size_t w = 0; w < rows.bits.size(); ++w) {
            std::uint64_t word = rows.bits[w];
            while (word != 0) {
                const int bit = __builtin_ctzll(word);
                f(static_cast<std::uint32_t>(w * 64 + static_cast<std::size_t>(bit)));
                word &= word - 1;
            }
        }
    }

    // The selected rows as ids, in chunk order.
    std::vector<RowId> rowIds() const;

private:
    FlowStore::Snapshot m_snapshot;
    std::vector<ChunkRows> m_chunks;
};

} // namespace flowlens
