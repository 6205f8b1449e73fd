#pragma once

#include "exprnode.h"
#include "store/selection.h"

#include <vector>

namespace flowlens::query {

inline constexpr std::uint32_t kBatchRows = 4096;

// Calls f(batch) for the selected rows of chunk c, kBatchRows at a time: runs of rows when the
// whole chunk is selected, lists of row numbers (kept in `rows`) otherwise.
template <class F>
void forEachBatch(const Selection& selection, std::size_t c, std::vector<std::uint32_t>& rows, ValueArena& arena, F&& f)
{
    const Selection::ChunkRows& selected = selection.chunk(c);
    if (selected.count == 0) {
        return;
    }
    Batch batch;
    batch.chunk = selection.snapshot().chunks[c].get();
    batch.chunkIndex = static_cast<std::uint32_t>(c);
    batch.arena = &arena;
    if (selected.all) {
        const std::uint32_t n = batch.chunk->rowCount();
        for (std::uint32_t begin = 0; begin < n; begin += kBatchRows) {
            arena.clear();
            batch.begin = begin;
            batch.count = std::min(kBatchRows, n - begin);
            f(batch);
        }
        return;
    }
    rows.clear();
    selection.forEachRow(c, [&](std::uint32_t r) { rows.push_back(r); });
    for (std::size_t offset = 0; offset < rows.size(); offset += kBatchRows) {
        arena.clear();
        batch.rows = rows.data() + offset;
        batch.count = static_cast<std::uint32_t>(std::min<std::size_t>(kBatchRows, rows.size() - offset));
        f(batch);
    }
}

} // namespace flowlens::query
