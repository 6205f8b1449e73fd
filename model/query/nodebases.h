#pragma once

#include "ast.h"
#include "exprnode.h"

#include <cstdint>
#include <vector>

// Bases the node kinds of exprnodes.cpp, comparisonnodes.cpp and textmatchnodes.cpp share
// (internal to model/query).
namespace flowlens::query {

inline std::int64_t truth(bool b)
{
    return b ? 1 : 0;
}

// An operator over two operands: evaluates both, then combine() writes the result row by row.
class OperatorNode : public Node {
public:
    OperatorNode(ValueType type, BinaryOp op, NodePtr lhs, NodePtr rhs)
        : Node(type)
        , m_op(op)
        , m_lhs(std::move(lhs))
        , m_rhs(std::move(rhs))
    {
    }
    void eval(const Batch& batch, Values& out) final
    {
        m_lhs->eval(batch, m_left);
        m_rhs->eval(batch, m_right);
        out.reset(type(), batch.count);
        combine(out, batch.count);
    }

protected:
    virtual void combine(Values& out, std::uint32_t n) const = 0;

    BinaryOp m_op;
    Values m_left;
    Values m_right;

private:
    NodePtr m_lhs;
    NodePtr m_rhs;
};

// A test over a stored field's codes (numbers, or string/address ids): decodes them into the
// output and replaces each non-null code by 0 or 1.
class FieldTestNode : public Node {
public:
    explicit FieldTestNode(FieldId field)
        : Node(ValueType::Boolean)
        , m_field(field)
    {
    }
    void eval(const Batch& batch, Values& out) final
    {
        out.reset(ValueType::Boolean, batch.count);
        decodeField(batch, m_field, out.ints.data(), m_scratch);
        test(out.ints.data(), batch.count);
    }

protected:
    virtual void test(std::int64_t* codes, std::uint32_t n) = 0;
    template <class Test> static void apply(std::int64_t* v, std::uint32_t n, Test test)
    {
        for (std::uint32_t i = 0; i < n; ++i) {
            v[i] = v[i] == kNull ? kNull : truth(test(v[i]));
        }
    }
    FieldId field() const { return m_field; }

private:
    FieldId m_field;
    std::vector<std::int64_t> m_scratch;
};

} // namespace flowlens::query
