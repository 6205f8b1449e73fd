#include "chunk.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>

namespace flowlens {

namespace {

template <class T>
void packOffsets(const std::int64_t* values, std::uint32_t count, std::int64_t base, std::uint8_t* out)
{
    auto* target = reinterpret_cast<T*>(out);
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::int64_t v = values[i] == kNull ? base : values[i];
        target[i] = static_cast<T>(static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(base));
    }
}

template <class T>
void unpackOffsets(
    const std::uint8_t* data, std::uint32_t begin, std::uint32_t count, std::int64_t base, std::int64_t* out)
{
    const auto* source = reinterpret_cast<const T*>(data) + begin;
    for (std::uint32_t i = 0; i < count; ++i) {
        out[i] = static_cast<std::int64_t>(static_cast<std::uint64_t>(base) + source[i]);
    }
}

// Column bytes: from the arena, or a heap block the chunk owns.
ColumnArena::Allocation allocateBytes(ColumnArena* arena, std::size_t bytes)
{
    if (arena != nullptr) {
        return arena->allocate(bytes);
    }
    std::shared_ptr<std::uint8_t[]> block(new std::uint8_t[bytes]);
    std::uint8_t* data = block.get();
    return { data, std::move(block) };
}

std::unique_ptr<Chunk::Column> encodeColumn(const std::vector<std::int64_t>& values, std::uint32_t count,
    ColumnArena* arena, std::vector<std::shared_ptr<const void>>& owners)
{
    auto column = std::make_unique<Chunk::Column>();
    std::int64_t lo = std::numeric_limits<std::int64_t>::max();
    std::int64_t hi = std::numeric_limits<std::int64_t>::min();
    bool anyNull = false;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::int64_t v = values[i];
        if (v == kNull) {
            anyNull = true;
            continue;
        }
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (lo > hi) { // every row null
        lo = hi = 0;
    }
    if (anyNull) {
        column->validity.assign((count + 63) / 64, 0);
        for (std::uint32_t i = 0; i < count; ++i) {
            if (values[i] != kNull) {
                column->validity[i / 64] |= std::uint64_t(1) << (i % 64);
            }
        }
    }
    column->base = lo;
    const std::uint64_t range = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    column->width = range == 0 ? 0 : range <= 0xFF ? 1 : range <= 0xFFFF ? 2 : range <= 0xFFFFFFFFULL ? 4 : 8;
    if (column->width == 0) {
        return column;
    }
    column->bytes = std::size_t { count } * column->width;
    ColumnArena::Allocation bytes = allocateBytes(arena, column->bytes);
    column->data = bytes.data;
    if (owners.empty() || owners.back() != bytes.owner) {
        owners.push_back(std::move(bytes.owner));
    }
    switch (column->width) {
    case 1:
        packOffsets<std::uint8_t>(values.data(), count, lo, bytes.data);
        break;
    case 2:
        packOffsets<std::uint16_t>(values.data(), count, lo, bytes.data);
        break;
    case 4:
        packOffsets<std::uint32_t>(values.data(), count, lo, bytes.data);
        break;
    default:
        packOffsets<std::uint64_t>(values.data(), count, lo, bytes.data);
        break;
    }
    return column;
}

} // namespace

std::shared_ptr<const Chunk> Chunk::encode(const RawChunk& raw, ColumnArena* arena)
{
    auto chunk = std::make_shared<Chunk>();
    chunk->m_rowCount = raw.rowCount;
    for (std::size_t f = 0; f < FieldCount; ++f) {
        if (!raw.columns[f].empty()) {
            chunk->m_columns[f] = encodeColumn(raw.columns[f], raw.rowCount, arena, chunk->m_owners);
        }
    }
    chunk->m_provenance = raw.provenance;
    chunk->m_provenance.shrink_to_fit();
    return chunk;
}

bool Chunk::isNull(FieldId field, std::uint32_t row) const
{
    const Column* c = column(field);
    if (c == nullptr) {
        return true;
    }
    return !c->validity.empty() && (c->validity[row / 64] & (std::uint64_t(1) << (row % 64))) == 0;
}

std::int64_t Chunk::value(FieldId field, std::uint32_t row) const
{
    std::int64_t out = kNull;
    decode(field, row, 1, &out);
    return out;
}

void Chunk::decode(FieldId field, std::uint32_t begin, std::uint32_t count, std::int64_t* out) const
{
    const Column* c = column(field);
    if (c == nullptr) {
        std::fill_n(out, count, kNull);
        return;
    }
    switch (c->width) {
    case 0:
        std::fill_n(out, count, c->base);
        break;
    case 1:
        unpackOffsets<std::uint8_t>(c->data, begin, count, c->base, out);
        break;
    case 2:
        unpackOffsets<std::uint16_t>(c->data, begin, count, c->base, out);
        break;
    case 4:
        unpackOffsets<std::uint32_t>(c->data, begin, count, c->base, out);
        break;
    default:
        unpackOffsets<std::uint64_t>(c->data, begin, count, c->base, out);
        break;
    }
    if (!c->validity.empty()) {
        // A word of the bitmap at a time: most words have every bit set.
        for (std::uint32_t i = 0; i < count;) {
            const std::uint32_t row = begin + i;
            const std::uint32_t bit = row % 64;
            const std::uint32_t take = std::min<std::uint32_t>(64 - bit, count - i);
            std::uint64_t missing = ~(c->validity[row / 64] >> bit);
            if (take < 64) {
                missing &= (std::uint64_t(1) << take) - 1;
            }
            for (; missing != 0; missing &= missing - 1) {
                out[i + static_cast<std::uint32_t>(std::countr_zero(missing))] = kNull;
            }
            i += take;
        }
    }
}

namespace {
const ProvenanceRun* runOf(const std::vector<ProvenanceRun>& runs, std::uint32_t row)
{
    auto it = std::upper_bound(
        runs.begin(), runs.end(), row, [](std::uint32_t r, const ProvenanceRun& run) { return r < run.firstRow; });
    return it == runs.begin() ? nullptr : &*std::prev(it);
}
} // namespace

SourceId Chunk::source(std::uint32_t row) const
{
    const ProvenanceRun* run = runOf(m_provenance, row);
    return run ? run->source : SourceId();
}

std::uint32_t Chunk::formatId(std::uint32_t row) const
{
    const ProvenanceRun* run = runOf(m_provenance, row);
    return run ? run->format : 0;
}

std::uint64_t Chunk::line(std::uint32_t row) const
{
    const ProvenanceRun* run = runOf(m_provenance, row);
    return run ? run->firstLine + (row - run->firstRow) : 0;
}

std::size_t Chunk::memoryBytes() const
{
    std::size_t bytes = sizeof(Chunk) + m_provenance.capacity() * sizeof(ProvenanceRun);
    for (const auto& c : m_columns) {
        if (c) {
            bytes += sizeof(Column) + c->bytes + c->validity.capacity() * sizeof(std::uint64_t);
        }
    }
    return bytes;
}

} // namespace flowlens
