#include "exprnodes.h"

#include "nodebases.h"
#include "result.h"
#include "store/flowstore.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace flowlens::query {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kTableBatchRows = 4096;

double asDouble(const Values& v, std::size_t i)
{
    if (v.type == ValueType::Float) {
        return v.floats[i];
    }
    return v.ints[i] == kNull ? kNaN : static_cast<double>(v.ints[i]);
}

class ConstantNode : public Node {
public:
    explicit ConstantNode(std::unique_ptr<Constant> value)
        : Node(value->values.type)
        , m_value(std::move(value))
    {
    }
    void eval(const Batch& batch, Values& out) override
    {
        out.reset(type(), batch.count);
        const Values& v = m_value->values;
        switch (storageOf(type())) {
        case Storage::Ints:
            std::fill(out.ints.begin(), out.ints.end(), v.ints[0]);
            break;
        case Storage::Floats:
            std::fill(out.floats.begin(), out.floats.end(), v.floats[0]);
            break;
        case Storage::Strings:
            std::fill(out.strings.begin(), out.strings.end(), v.strings[0]);
            break;
        case Storage::Addresses:
            std::fill(out.addresses.begin(), out.addresses.end(), v.addresses[0]);
            break;
        }
    }

private:
    std::unique_ptr<Constant> m_value;
};

ValueType fieldType(FieldId field)
{
    return valueTypeOf(field);
}

class FieldNode : public Node {
public:
    FieldNode(const FlowStore& store, FieldId field)
        : Node(fieldType(field))
        , m_store(store)
        , m_field(field)
    {
    }
    void eval(const Batch& batch, Values& out) override
    {
        out.reset(type(), batch.count);
        if (storageOf(type()) == Storage::Ints) {
            decodeField(batch, m_field, out.ints.data(), m_scratch);
            return;
        }
        m_codes.resize(batch.count);
        decodeField(batch, m_field, m_codes.data(), m_scratch);
        if (type() == ValueType::String) {
            const StringDictionary& dictionary = m_store.dictionary(m_field);
            for (std::uint32_t i = 0; i < batch.count; ++i) {
                const std::int64_t code = m_codes[i];
                if (code == kNull) {
                    out.strings[i] = {};
                } else {
                    const std::string_view text = dictionary.text(StringId(static_cast<std::uint32_t>(code)));
                    out.strings[i] = text.data() ? text : kEmptyText;
                }
            }
            return;
        }
        for (std::uint32_t i = 0; i < batch.count; ++i) {
            const std::int64_t code = m_codes[i];
            out.addresses[i] = code == kNull ? std::nullopt : std::optional(m_store.address(AddressId(code)));
        }
    }

private:
    const FlowStore& m_store;
    FieldId m_field;
    std::vector<std::int64_t> m_codes;
    std::vector<std::int64_t> m_scratch;
};

class TimestampNode : public Node {
public:
    TimestampNode()
        : Node(ValueType::Timestamp)
    {
    }
    void eval(const Batch& batch, Values& out) override
    {
        out.reset(ValueType::Timestamp, batch.count);
        decodeField(batch, FieldId::EventTimestamp, out.ints.data(), m_scratch);
        m_start.resize(batch.count);
        decodeField(batch, FieldId::Start, m_start.data(), m_scratch);
        for (std::uint32_t i = 0; i < batch.count; ++i) {
            if (out.ints[i] == kNull && m_start[i] != kNull) {
                out.ints[i] = m_start[i] * 1000;
            }
        }
    }

private:
    std::vector<std::int64_t> m_start;
    std::vector<std::int64_t> m_scratch;
};

class MessageNode : public Node {
public:
    explicit MessageNode(const FlowStore& store)
        : Node(ValueType::String)
        , m_store(store)
    {
    }
    void eval(const Batch& batch, Values& out) override
    {
        // The raw line is not kept; the record's fields in its format give the same text.
        out.reset(ValueType::String, batch.count);
        for (std::uint32_t i = 0; i < batch.count; ++i) {
            const std::uint32_t row = batch.row(i);
            const std::vector<std::optional<FieldId>>& fields = formatOf(batch.chunk->formatId(row));
            m_line.clear();
            for (const auto& field : fields) {
                if (!m_line.empty()) {
                    m_line += ' ';
                }
                m_line += field ? m_store.text(*batch.chunk, *field, row) : std::string("-");
            }
            out.strings[i] = batch.arena->keep(m_line);
        }
    }

private:
    const std::vector<std::optional<FieldId>>& formatOf(std::uint32_t id)
    {
        if (id >= m_formats.size()) {
            m_formats.resize(id + 1);
        }
        auto& fields = m_formats[id];
        if (!fields) {
            fields.emplace();
            const RecordFormat format = m_store.format(id);
            for (const RecordFormat::Column& column : format.columns()) {
                fields->push_back(column.field);
            }
        }
        return *fields;
    }

    const FlowStore& m_store;
    std::vector<std::optional<std::vector<std::optional<FieldId>>>> m_formats;
    std::string m_line;
};

class TableColumnNode : public Node {
public:
    TableColumnNode(std::size_t column, ValueType type)
        : Node(type)
        , m_column(column)
    {
    }
    void eval(const Batch& batch, Values& out) override
    {
        const Values& source = batch.table->column(m_column).values;
        out.reset(type(), batch.count);
        for (std::uint32_t i = 0; i < batch.count; ++i) {
            const std::uint32_t r = batch.row(i);
            switch (storageOf(type())) {
            case Storage::Ints:
                out.ints[i] = source.ints[r];
                break;
            case Storage::Floats:
                out.floats[i] = source.floats[r];
                break;
            case Storage::Strings:
                out.strings[i] = source.strings[r];
                break;
            case Storage::Addresses:
                out.addresses[i] = source.addresses[r];
                break;
            }
        }
    }

private:
    std::size_t m_column;
};

class UnaryNode : public Node {
public:
    UnaryNode(UnaryOp op, NodePtr operand)
        : Node(op == UnaryOp::Not ? ValueType::Boolean : operand->type())
        , m_op(op)
        , m_operand(std::move(operand))
    {
    }
    void eval(const Batch& batch, Values& out) override
    {
        m_operand->eval(batch, out);
        if (type() == ValueType::Float) {
            for (double& d : out.floats) {
                d = -d;
            }
            return;
        }
        for (std::int64_t& v : out.ints) {
            if (v != kNull) {
                v = m_op == UnaryOp::Not ? 1 - v : static_cast<std::int64_t>(0 - static_cast<std::uint64_t>(v));
            }
        }
    }

private:
    UnaryOp m_op;
    NodePtr m_operand;
};

std::int64_t integerOp(BinaryOp op, std::int64_t a, std::int64_t b)
{
    // Wrapping arithmetic: overflow must not be undefined behaviour.
    const auto ua = static_cast<std::uint64_t>(a);
    const auto ub = static_cast<std::uint64_t>(b);
    switch (op) {
    case BinaryOp::Add:
        return static_cast<std::int64_t>(ua + ub);
    case BinaryOp::Subtract:
        return static_cast<std::int64_t>(ua - ub);
    case BinaryOp::Multiply:
        return static_cast<std::int64_t>(ua * ub);
    case BinaryOp::Modulo:
        if (b == 0) {
            return kNull;
        }
        return b == -1 ? 0 : a % b;
    default:
        return kNull;
    }
}

double floatOp(BinaryOp op, double a, double b)
{
    switch (op) {
    case BinaryOp::Add:
        return a + b;
    case BinaryOp::Subtract:
        return a - b;
    case BinaryOp::Multiply:
        return a * b;
    case BinaryOp::Divide:
        return b == 0 ? kNaN : a / b;
    case BinaryOp::Modulo:
        return b == 0 ? kNaN : std::fmod(a, b);
    case BinaryOp::Power:
        return std::pow(a, b);
    default:
        return kNaN;
    }
}

class ArithmeticNode : public OperatorNode {
public:
    using OperatorNode::OperatorNode;

private:
    void combine(Values& out, std::uint32_t n) const override
    {
        if (type() == ValueType::Integer) {
            for (std::uint32_t i = 0; i < n; ++i) {
                const std::int64_t a = m_left.ints[i];
                const std::int64_t b = m_right.ints[i];
                out.ints[i] = a == kNull || b == kNull ? kNull : integerOp(m_op, a, b);
            }
            return;
        }
        for (std::uint32_t i = 0; i < n; ++i) {
            out.floats[i] = floatOp(m_op, asDouble(m_left, i), asDouble(m_right, i));
        }
    }
};

class LogicNode : public OperatorNode {
public:
    LogicNode(BinaryOp op, NodePtr lhs, NodePtr rhs)
        : OperatorNode(ValueType::Boolean, op, std::move(lhs), std::move(rhs))
    {
    }

private:
    void combine(Values& out, std::uint32_t n) const override
    {
        // Three-valued, as in SQL: false and null is false, true or null is true.
        const std::int64_t decisive = m_op == BinaryOp::And ? 0 : 1;
        for (std::uint32_t i = 0; i < n; ++i) {
            const std::int64_t a = m_left.ints[i];
            const std::int64_t b = m_right.ints[i];
            if (a == decisive || b == decisive) {
                out.ints[i] = decisive;
            } else if (a == kNull || b == kNull) {
                out.ints[i] = kNull;
            } else {
                out.ints[i] = 1 - decisive;
            }
        }
    }
};

} // namespace

void decodeField(const Batch& batch, FieldId field, std::int64_t* out, std::vector<std::int64_t>& scratch)
{
    const Chunk& chunk = *batch.chunk;
    if (!batch.rows) {
        chunk.decode(field, batch.begin, batch.count, out);
        return;
    }
    if (batch.count == 0) {
        return;
    }
    const auto [lo, hi] = std::minmax_element(batch.rows, batch.rows + batch.count);
    const std::uint32_t span = *hi - *lo + 1;
    if (span <= 4 * batch.count + 64) {
        scratch.resize(span);
        chunk.decode(field, *lo, span, scratch.data());
        for (std::uint32_t i = 0; i < batch.count; ++i) {
            out[i] = scratch[batch.rows[i] - *lo];
        }
        return;
    }
    for (std::uint32_t i = 0; i < batch.count; ++i) {
        out[i] = chunk.value(field, batch.rows[i]);
    }
}

Values evaluateOverTable(Node& node, Result& table)
{
    Values all;
    all.type = node.type();
    all.reserve(table.rowCount());
    Values part;
    Batch batch;
    batch.table = &table;
    batch.arena = &table.arena();
    for (std::size_t begin = 0; begin < table.rowCount(); begin += kTableBatchRows) {
        batch.begin = static_cast<std::uint32_t>(begin);
        batch.count = static_cast<std::uint32_t>(std::min<std::size_t>(kTableBatchRows, table.rowCount() - begin));
        node.eval(batch, part);
        all.appendAll(part);
    }
    return all;
}

std::unique_ptr<Constant> Constant::make(const Literal& literal, ValueType type)
{
    auto c = std::make_unique<Constant>();
    c->values.reset(type, 1);
    switch (storageOf(type)) {
    case Storage::Ints:
        if (const auto* i = std::get_if<std::int64_t>(&literal)) {
            c->values.ints[0] = *i;
        } else if (const auto* b = std::get_if<bool>(&literal)) {
            c->values.ints[0] = truth(*b);
        } else {
            c->values.ints[0] = kNull;
        }
        break;
    case Storage::Floats:
        if (const auto* i = std::get_if<std::int64_t>(&literal)) {
            c->values.floats[0] = static_cast<double>(*i);
        } else if (const auto* d = std::get_if<double>(&literal)) {
            c->values.floats[0] = *d;
        } else {
            c->values.floats[0] = kNaN;
        }
        break;
    case Storage::Strings:
        if (const auto* s = std::get_if<QString>(&literal)) {
            c->text = s->toStdString();
            c->values.strings[0] = c->text.empty() ? kEmptyText : std::string_view(c->text);
        } else {
            c->values.strings[0] = {};
        }
        break;
    case Storage::Addresses:
        if (const auto* a = std::get_if<IpAddress>(&literal)) {
            c->address.bytes = a->bytes();
            c->values.addresses[0] = c->address;
        } else {
            c->values.addresses[0] = std::nullopt;
        }
        break;
    }
    return c;
}

std::string_view valueText(const Values& v, std::size_t i, std::string& buffer)
{
    if (v.isNull(i)) {
        return {};
    }
    switch (v.type) {
    case ValueType::String:
        return v.strings[i];
    case ValueType::Address:
        buffer = v.addresses[i]->toString();
        return buffer;
    case ValueType::Float:
        buffer = Result::floatText(v.floats[i]);
        return buffer;
    case ValueType::Timestamp:
        buffer = Result::timestampText(v.ints[i]);
        return buffer;
    default: {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, v.ints[i]).ptr;
        buffer.assign(digits, end);
        return buffer;
    }
    }
}

NodePtr makeConstant(const Literal& literal, ValueType type)
{
    return std::make_unique<ConstantNode>(Constant::make(literal, type));
}

NodePtr makeField(const FlowStore& store, FieldId field)
{
    if (field == FieldId::EventTimestamp) {
        return makeTimestamp();
    }
    return std::make_unique<FieldNode>(store, field);
}

NodePtr makeTimestamp()
{
    return std::make_unique<TimestampNode>();
}

NodePtr makeMessage(const FlowStore& store)
{
    return std::make_unique<MessageNode>(store);
}

NodePtr makeTableColumn(std::size_t column, ValueType type)
{
    return std::make_unique<TableColumnNode>(column, type);
}

NodePtr makeNot(NodePtr operand)
{
    return std::make_unique<UnaryNode>(UnaryOp::Not, std::move(operand));
}

NodePtr makeNegate(NodePtr operand)
{
    return std::make_unique<UnaryNode>(UnaryOp::Negate, std::move(operand));
}

NodePtr makeLogic(BinaryOp op, NodePtr lhs, NodePtr rhs)
{
    return std::make_unique<LogicNode>(op, std::move(lhs), std::move(rhs));
}

NodePtr makeArithmetic(BinaryOp op, ValueType type, NodePtr lhs, NodePtr rhs)
{
    return std::make_unique<ArithmeticNode>(type, op, std::move(lhs), std::move(rhs));
}

} // namespace flowlens::query
