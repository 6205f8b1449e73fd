#pragma once

#include "store/flowstore.h"

#include <cstdio>
#include <string>
#include <vector>

namespace flowlens::cli {

// Writes store rows in file order (source, then line) as JSON lines or CSV, buffered.
class RecordWriter {
public:
    enum class Style { JsonLines, Csv };

    RecordWriter(const FlowStore& store, Style style, std::FILE* out);
    // Returns false when writing failed (e.g. a closed pipe or a full disk).
    bool writeAll();

private:
    struct Run {
        SourceId source;
        std::uint64_t firstLine;
        std::uint32_t chunk;
        std::uint32_t firstRow;
        std::uint32_t rows;
        std::uint32_t format;
    };
    std::vector<Run> runsInFileOrder(const FlowStore::Snapshot& snapshot) const;
    void writeValue(FieldId field, std::int64_t value, bool json);
    bool flushIfLarge(bool force = false);

    const FlowStore& m_store;
    Style m_style;
    std::FILE* m_out;
    std::string m_buffer;
};

} // namespace flowlens::cli
