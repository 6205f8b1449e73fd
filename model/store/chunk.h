#pragma once

#include "columnarena.h"
#include "ids.h"
#include "rawchunk.h"
#include "schema/field.h"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace flowlens {

// Up to 64K rows, column by column. Each integer column is stored as offsets from the chunk's
// minimum in 0, 1, 2, 4 or 8 bytes (0: every row has the same value), nulls as a validity
// bitmap only when the column has any. Immutable once built; shared between threads.
class Chunk {
public:
    struct Column {
        std::int64_t base = 0;
        std::uint8_t width = 0;
        const std::uint8_t* data = nullptr; // rowCount * width bytes
        std::size_t bytes = 0;
        std::vector<std::uint64_t> validity; // empty: no nulls
    };

    // Encodes rows whose string and address columns already hold store-wide ids. Column bytes come
    // from `arena` when given, else from the heap.
    static std::shared_ptr<const Chunk> encode(const RawChunk& raw, ColumnArena* arena = nullptr);

    std::uint32_t rowCount() const { return m_rowCount; }
    bool has(FieldId field) const { return m_columns[index(field)] != nullptr; }
    const Column* column(FieldId field) const { return m_columns[index(field)].get(); }

    bool isNull(FieldId field, std::uint32_t row) const;
    std::int64_t value(FieldId field, std::uint32_t row) const; // kNull when null or absent
    // Decodes rows [begin, begin + count) into out; nulls and absent columns become kNull.
    void decode(FieldId field, std::uint32_t begin, std::uint32_t count, std::int64_t* out) const;

    SourceId source(std::uint32_t row) const;
    std::uint64_t line(std::uint32_t row) const;
    std::uint32_t formatId(std::uint32_t row) const;
    const std::vector<ProvenanceRun>& provenance() const { return m_provenance; }

    std::size_t memoryBytes() const;

private:
    std::uint32_t m_rowCount = 0;
    std::array<std::unique_ptr<Column>, FieldCount> m_columns;
    std::vector<ProvenanceRun> m_provenance;
    std::vector<std::shared_ptr<const void>> m_owners; // what holds the column bytes
};

} // namespace flowlens
