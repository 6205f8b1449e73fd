#pragma once

#include "values.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace flowlens {
class Chunk;
class FlowStore;
} // namespace flowlens

namespace flowlens::query {

class Result;

// The rows one evaluation step looks at: rows of a store chunk, or rows of a result table (after
// stats); either a run [begin, begin + count) or a list of `count` row numbers.
struct Batch {
    const Chunk* chunk = nullptr;
    std::uint32_t chunkIndex = 0;
    const Result* table = nullptr;
    std::uint32_t begin = 0;
    std::uint32_t count = 0;
    const std::uint32_t* rows = nullptr;
    ValueArena* arena = nullptr; // for text computed in this batch; cleared between batches

    std::uint32_t row(std::size_t i) const { return rows ? rows[i] : begin + static_cast<std::uint32_t>(i); }
};

// A compiled expression: writes one value per row of a batch into `out`, column-wise. Nodes keep
// the buffers of their operands between batches, so a batch loop does not allocate per row. A
// node tree is used by one thread at a time; every worker compiles its own.
class Node {
public:
    explicit Node(ValueType type)
        : m_type(type)
    {
    }
    virtual ~Node() = default;
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    ValueType type() const { return m_type; }
    virtual void eval(const Batch& batch, Values& out) = 0;

private:
    ValueType m_type;
};

using NodePtr = std::unique_ptr<Node>;

// Decodes the stored codes of `field` (numbers, or string/address ids; kNull for null) for the
// batch's rows. `scratch` is reused between calls.
void decodeField(const Batch& batch, FieldId field, std::int64_t* out, std::vector<std::int64_t>& scratch);

// Evaluates `node` over every row of `table`; computed text goes to the table's arena.
Values evaluateOverTable(Node& node, Result& table);

} // namespace flowlens::query
