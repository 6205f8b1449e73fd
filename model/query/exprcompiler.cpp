#include "exprcompiler.h"

#include "exprnodes.h"
#include "store/flowstore.h"

namespace flowlens::query {

namespace {

bool isComparison(BinaryOp op)
{
    return op >= BinaryOp::Equal && op <= BinaryOp::GreaterEqual;
}

BinaryOp mirrored(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Less:
        return BinaryOp::Greater;
    case BinaryOp::LessEqual:
        return BinaryOp::GreaterEqual;
    case BinaryOp::Greater:
        return BinaryOp::Less;
    case BinaryOp::GreaterEqual:
        return BinaryOp::LessEqual;
    default:
        return op;
    }
}

} // namespace

Expr fieldReference(FieldId field)
{
    Expr e;
    e.kind = ExprKind::Field;
    e.field = field;
    e.type = valueTypeOf(field);
    e.name = QString::fromUtf8(fieldInfo(field).insightsName);
    return e;
}

bool isStoredField(const Expr& e)
{
    return e.kind == ExprKind::Field && e.field != FieldId::EventTimestamp;
}

ExprCompiler::ExprCompiler(const FlowStore& store, const Query& query)
    : m_store(store)
    , m_query(query)
    , m_tableColumns(query.columns().size(), -1)
{
}

void ExprCompiler::setTableColumn(int queryColumn, std::size_t tableColumn)
{
    m_tableColumns[static_cast<std::size_t>(queryColumn)] = static_cast<int>(tableColumn);
}

void ExprCompiler::setAggregateColumn(const Expr* aggregate, std::size_t tableColumn)
{
    m_aggregateColumns.emplace_back(aggregate, tableColumn);
}

std::optional<std::int64_t> ExprCompiler::codeOf(FieldId field, const Literal& literal) const
{
    switch (fieldInfo(field).kind) {
    case FieldKind::Integer:
        return std::get<std::int64_t>(literal);
    case FieldKind::String: {
        const auto id = m_store.dictionary(field).find(std::get<QString>(literal).toStdString());
        return id ? std::optional<std::int64_t>(id->value) : std::nullopt;
    }
    case FieldKind::Address: {
        Address address;
        address.bytes = std::get<IpAddress>(literal).bytes();
        const auto id = m_store.findAddress(address);
        return id ? std::optional<std::int64_t>(id->value) : std::nullopt;
    }
    }
    return std::nullopt;
}

NodePtr ExprCompiler::compile(const Expr& e) const
{
    switch (e.kind) {
    case ExprKind::Literal:
        return makeConstant(e.literal, e.type);
    case ExprKind::Field:
        return makeField(m_store, e.field);
    case ExprKind::Message:
        return makeMessage(m_store);
    case ExprKind::Column:
        return compileColumn(e);
    case ExprKind::Unary:
        return e.unaryOp == UnaryOp::Not ? makeNot(compile(e.args[0])) : makeNegate(compile(e.args[0]));
    case ExprKind::Binary:
        return compileBinary(e);
    case ExprKind::In:
        return compileIn(e);
    case ExprKind::Like:
        return compileLike(e);
    case ExprKind::Call:
        return compileCall(e);
    case ExprKind::Aggregate:
        for (const auto& [aggregate, column] : m_aggregateColumns) {
            if (aggregate == &e) {
                return makeTableColumn(column, e.type);
            }
        }
        break;
    case ExprKind::Name:
        break;
    }
    // The binder resolved every name and stats placed every aggregate; nothing else reaches here.
    return makeConstant(std::monostate {}, e.type);
}

NodePtr ExprCompiler::compileColumn(const Expr& e) const
{
    const int table = m_tableColumns[static_cast<std::size_t>(e.column)];
    if (table >= 0) {
        return makeTableColumn(static_cast<std::size_t>(table), e.type);
    }
    const ColumnDef& def = m_query.columns()[static_cast<std::size_t>(e.column)];
    if (def.origin == ColumnDef::Origin::Fields) {
        const auto& fields = std::get<FieldsCommand>(m_query.commands()[static_cast<std::size_t>(def.command)]);
        return compile(fields.items[static_cast<std::size_t>(def.item)].expr);
    }
    return makeConstant(std::monostate {}, e.type);
}

NodePtr ExprCompiler::compileBinary(const Expr& e) const
{
    const Expr& lhs = e.args[0];
    const Expr& rhs = e.args[1];
    switch (e.binaryOp) {
    case BinaryOp::And:
    case BinaryOp::Or:
        return makeLogic(e.binaryOp, compile(lhs), compile(rhs));
    default:
        break;
    }
    if (!isComparison(e.binaryOp)) {
        return makeArithmetic(e.binaryOp, e.type, compile(lhs), compile(rhs));
    }
    // field <op> literal over stored codes: numbers in any order, strings and addresses for = and !=.
    const bool fieldLeft = isStoredField(lhs) && rhs.kind == ExprKind::Literal;
    const bool fieldRight = isStoredField(rhs) && lhs.kind == ExprKind::Literal;
    if (fieldLeft || fieldRight) {
        const Expr& field = fieldLeft ? lhs : rhs;
        const Expr& literal = fieldLeft ? rhs : lhs;
        const BinaryOp op = fieldLeft ? e.binaryOp : mirrored(e.binaryOp);
        const bool equality = op == BinaryOp::Equal || op == BinaryOp::NotEqual;
        const bool integral = field.type == ValueType::Integer && literal.type == ValueType::Integer;
        const bool coded = (field.type == ValueType::String || field.type == ValueType::Address)
            && literal.type == field.type && equality;
        if (integral || coded) {
            return makeFieldCompare(field.field, op, codeOf(field.field, literal.literal));
        }
    }
    return makeComparison(e.binaryOp, compile(lhs), compile(rhs));
}

NodePtr ExprCompiler::compileIn(const Expr& e) const
{
    const Expr& needle = e.args[0];
    bool coded = isStoredField(needle) && needle.type != ValueType::Float;
    for (std::size_t i = 1; i < e.args.size() && coded; ++i) {
        coded = e.args[i].kind == ExprKind::Literal && e.args[i].type == needle.type;
    }
    if (coded) {
        std::vector<std::int64_t> codes;
        for (std::size_t i = 1; i < e.args.size(); ++i) {
            if (const auto code = codeOf(needle.field, e.args[i].literal)) {
                codes.push_back(*code);
            }
        }
        return makeFieldIn(needle.field, std::move(codes), e.negated);
    }
    std::vector<std::unique_ptr<Constant>> items;
    for (std::size_t i = 1; i < e.args.size(); ++i) {
        items.push_back(Constant::make(e.args[i].literal, e.args[i].type));
    }
    return makeIn(compile(needle), std::move(items), e.negated);
}

NodePtr ExprCompiler::compileLike(const Expr& e) const
{
    const Expr& subject = e.args[0];
    if (isStoredField(subject) && (subject.type == ValueType::String || subject.type == ValueType::Address)) {
        return makeFieldLike(m_store, subject.field, e.args[1].literal, e.negated);
    }
    return makeLike(compile(subject), e.args[1].literal, e.negated);
}

NodePtr ExprCompiler::compileCall(const Expr& e) const
{
    std::vector<NodePtr> args;
    if (e.function == Function::Bin) {
        args.push_back(makeTimestamp()); // bin(p) is datefloor(@timestamp, p)
        return makeCall(e, std::move(args));
    }
    for (const Expr& arg : e.args) {
        const bool constantOnly
            = std::holds_alternative<Period>(arg.literal) || std::holds_alternative<Cidr>(arg.literal);
        args.push_back(arg.kind == ExprKind::Literal && constantOnly ? nullptr : compile(arg));
    }
    return makeCall(e, std::move(args));
}

} // namespace flowlens::query
