#include "storesummary.h"

#include <algorithm>
#include <array>

namespace flowlens {

namespace {

// Counts a dictionary column's values; index 0 is null, id i is slot i + 1.
void countColumn(const Chunk& chunk, FieldId field, std::vector<std::uint64_t>& counts, std::int64_t* scratch)
{
    chunk.decode(field, 0, chunk.rowCount(), scratch);
    for (std::uint32_t i = 0; i < chunk.rowCount(); ++i) {
        const std::size_t slot = scratch[i] == kNull ? 0 : static_cast<std::size_t>(scratch[i]) + 1;
        if (slot >= counts.size()) {
            counts.resize(slot + 1);
        }
        ++counts[slot];
    }
}

std::vector<StoreSummary::Count> named(const FlowStore& store, FieldId field, const std::vector<std::uint64_t>& counts)
{
    std::vector<StoreSummary::Count> out;
    for (std::size_t slot = 1; slot < counts.size(); ++slot) {
        if (counts[slot] > 0) {
            out.push_back({ std::string(store.dictionary(field).text(StringId(static_cast<std::uint32_t>(slot - 1)))),
                counts[slot] });
        }
    }
    if (!counts.empty() && counts[0] > 0) {
        out.push_back({ std::string(), counts[0] });
    }
    return out;
}

std::optional<std::uint64_t> sumColumn(const FlowStore::Snapshot& snapshot, FieldId field, std::int64_t* scratch)
{
    std::optional<std::uint64_t> total;
    for (const auto& chunk : snapshot.chunks) {
        if (chunk->column(field) == nullptr) {
            continue;
        }
        chunk->decode(field, 0, chunk->rowCount(), scratch);
        for (std::uint32_t i = 0; i < chunk->rowCount(); ++i) {
            if (scratch[i] != kNull) {
                total = total.value_or(0) + static_cast<std::uint64_t>(scratch[i]);
            }
        }
    }
    return total;
}

} // namespace

StoreSummary StoreSummary::compute(const FlowStore& store)
{
    StoreSummary summary;
    const FlowStore::Snapshot snapshot = store.snapshot();
    std::vector<std::int64_t> scratch(kChunkRows);
    std::vector<std::uint64_t> actions;
    std::vector<std::uint64_t> status;
    for (const auto& chunk : snapshot.chunks) {
        summary.records += chunk->rowCount();
        countColumn(*chunk, FieldId::Action, actions, scratch.data());
        countColumn(*chunk, FieldId::LogStatus, status, scratch.data());
        for (const auto& [field, isStart] :
            std::array { std::pair { FieldId::Start, true }, std::pair { FieldId::End, false } }) {
            const Chunk::Column* column = chunk->column(field);
            if (column == nullptr) {
                continue;
            }
            chunk->decode(field, 0, chunk->rowCount(), scratch.data());
            for (std::uint32_t i = 0; i < chunk->rowCount(); ++i) {
                const std::int64_t v = scratch[i];
                if (v == kNull) {
                    continue;
                }
                if (isStart) {
                    summary.firstStart = std::min(summary.firstStart.value_or(v), v);
                } else {
                    summary.lastEnd = std::max(summary.lastEnd.value_or(v), v);
                }
            }
        }
    }
    summary.bytesTotal = sumColumn(snapshot, FieldId::Bytes, scratch.data());
    summary.actions = named(store, FieldId::Action, actions);
    summary.logStatus = named(store, FieldId::LogStatus, status);
    return summary;
}

} // namespace flowlens
