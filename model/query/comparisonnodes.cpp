#include "exprnodes.h"
#include "nodebases.h"

#include <algorithm>

// The comparison nodes: two evaluated operands, a stored field against a literal's code, and `in`.
namespace flowlens::query {

namespace {

bool holds(BinaryOp op, int c)
{
    switch (op) {
    case BinaryOp::Equal:
        return c == 0;
    case BinaryOp::NotEqual:
        return c != 0;
    case BinaryOp::Less:
        return c < 0;
    case BinaryOp::LessEqual:
        return c <= 0;
    case BinaryOp::Greater:
        return c > 0;
    case BinaryOp::GreaterEqual:
        return c >= 0;
    default:
        return false;
    }
}

class ComparisonNode : public OperatorNode {
public:
    ComparisonNode(BinaryOp op, NodePtr lhs, NodePtr rhs)
        : OperatorNode(ValueType::Boolean, op, std::move(lhs), std::move(rhs))
    {
    }

private:
    void combine(Values& out, std::uint32_t n) const override
    {
        for (std::uint32_t i = 0; i < n; ++i) {
            if (m_left.isNull(i) || m_right.isNull(i)) {
                out.ints[i] = kNull; // null never equals anything, not even null
            } else {
                out.ints[i] = truth(holds(m_op, compareValues(m_left, i, m_right, i)));
            }
        }
    }
};

class FieldCompareNode : public FieldTestNode {
public:
    FieldCompareNode(FieldId field, BinaryOp op, std::optional<std::int64_t> code)
        : FieldTestNode(field)
        , m_op(op)
        , m_code(code)
    {
    }

private:
    void test(std::int64_t* v, std::uint32_t n) override
    {
        if (!m_code) { // the literal is in no row: = is false, != is true
            const bool answer = m_op == BinaryOp::NotEqual;
            apply(v, n, [answer](std::int64_t) { return answer; });
            return;
        }
        const std::int64_t c = *m_code;
        switch (m_op) {
        case BinaryOp::Equal:
            apply(v, n, [c](std::int64_t x) { return x == c; });
            break;
        case BinaryOp::NotEqual:
            apply(v, n, [c](std::int64_t x) { return x != c; });
            break;
        case BinaryOp::Less:
            apply(v, n, [c](std::int64_t x) { return x < c; });
            break;
        case BinaryOp::LessEqual:
            apply(v, n, [c](std::int64_t x) { return x <= c; });
            break;
        case BinaryOp::Greater:
            apply(v, n, [c](std::int64_t x) { return x > c; });
            break;
        default:
            apply(v, n, [c](std::int64_t x) { return x >= c; });
            break;
        }
    }

    BinaryOp m_op;
    std::optional<std::int64_t> m_code;
};

class FieldInNode : public FieldTestNode {
public:
    FieldInNode(FieldId field, std::vector<std::int64_t> codes, bool negated)
        : FieldTestNode(field)
        , m_codes(std::move(codes))
        , m_negated(negated)
    {
    }

private:
    void test(std::int64_t* v, std::uint32_t n) override
    {
        apply(v, n, [this](std::int64_t x) {
            return (std::find(m_codes.begin(), m_codes.end(), x) != m_codes.end()) != m_negated;
        });
    }

    std::vector<std::int64_t> m_codes;
    bool m_negated;
};

class InNode : public Node {
public:
    InNode(NodePtr needle, std::vector<std::unique_ptr<Constant>> items, bool negated)
        : Node(ValueType::Boolean)
        , m_needle(std::move(needle))
        , m_items(std::move(items))
        , m_negated(negated)
    {
    }
    void eval(const Batch& batch, Values& out) override
    {
        m_needle->eval(batch, m_values);
        out.reset(ValueType::Boolean, batch.count);
        for (std::uint32_t i = 0; i < batch.count; ++i) {
            if (m_values.isNull(i)) {
                out.ints[i] = kNull;
                continue;
            }
            bool found = false;
            for (const auto& item : m_items) {
                if (!item->values.isNull(0) && compareValues(m_values, i, item->values, 0) == 0) {
                    found = true;
                    break;
                }
            }
            out.ints[i] = truth(found != m_negated);
        }
    }

private:
    NodePtr m_needle;
    std::vector<std::unique_ptr<Constant>> m_items;
    bool m_negated;
    Values m_values;
};

} // namespace

NodePtr makeComparison(BinaryOp op, NodePtr lhs, NodePtr rhs)
{
    return std::make_unique<ComparisonNode>(op, std::move(lhs), std::move(rhs));
}

NodePtr makeFieldCompare(FieldId field, BinaryOp op, std::optional<std::int64_t> code)
{
    return std::make_unique<FieldCompareNode>(field, op, code);
}

NodePtr makeFieldIn(FieldId field, std::vector<std::int64_t> codes, bool negated)
{
    return std::make_unique<FieldInNode>(field, std::move(codes), negated);
}

NodePtr makeIn(NodePtr needle, std::vector<std::unique_ptr<Constant>> items, bool negated)
{
    return std::make_unique<InNode>(std::move(needle), std::move(items), negated);
}

} // namespace flowlens::query
