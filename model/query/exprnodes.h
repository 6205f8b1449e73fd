#pragma once

#include "exprnode.h"

#include <optional>
#include <string>

// The node kinds ExprCompiler builds, behind factory functions (internal to model/query).
namespace flowlens::query {

// One literal as a one-row Values, owning its text and address.
struct Constant {
    Values values;
    std::string text;
    Address address;
    // A new Constant (it must not move: `values` points into it) of `literal` as type `type`.
    static std::unique_ptr<Constant> make(const Literal& literal, ValueType type);
};

NodePtr makeConstant(const Literal& literal, ValueType type);
NodePtr makeField(const FlowStore& store, FieldId field);
NodePtr makeTimestamp(); // @timestamp: the CloudWatch event time, else start in milliseconds
NodePtr makeMessage(const FlowStore& store);
NodePtr makeTableColumn(std::size_t column, ValueType type);
NodePtr makeNot(NodePtr operand);
NodePtr makeNegate(NodePtr operand);
NodePtr makeLogic(BinaryOp op, NodePtr lhs, NodePtr rhs);
NodePtr makeArithmetic(BinaryOp op, ValueType type, NodePtr lhs, NodePtr rhs);
NodePtr makeComparison(BinaryOp op, NodePtr lhs, NodePtr rhs);
// Fast paths over stored codes. `code` is the literal's code (a number, or its string/address id;
// nullopt when no row can hold it).
NodePtr makeFieldCompare(FieldId field, BinaryOp op, std::optional<std::int64_t> code);
NodePtr makeFieldIn(FieldId field, std::vector<std::int64_t> codes, bool negated);
NodePtr makeIn(NodePtr needle, std::vector<std::unique_ptr<Constant>> items, bool negated);
NodePtr makeLike(NodePtr subject, const Literal& pattern, bool negated);
// `like` over a string or address field, tested once per distinct value.
NodePtr makeFieldLike(const FlowStore& store, FieldId field, const Literal& pattern, bool negated);
NodePtr makeCall(const Expr& call, std::vector<NodePtr> args);

// Text of value i (numbers in decimal, addresses in their notation); `buffer` holds it when it is
// not already text. Null values give a null view.
std::string_view valueText(const Values& v, std::size_t i, std::string& buffer);

} // namespace flowlens::query
