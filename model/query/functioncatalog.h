#pragma once

#include "ast.h"

#include <QString>
#include <QStringView>
#include <array>
#include <span>

namespace flowlens::query {

// A set of ValueTypes, one bit each.
using TypeMask = std::uint16_t;
constexpr TypeMask typeBit(ValueType t)
{
    return TypeMask(1u << static_cast<unsigned>(t));
}

namespace types {
inline constexpr TypeMask Boolean = typeBit(ValueType::Boolean);
inline constexpr TypeMask Numeric = typeBit(ValueType::Integer) | typeBit(ValueType::Float);
inline constexpr TypeMask String = typeBit(ValueType::String);
inline constexpr TypeMask Address = typeBit(ValueType::Address);
inline constexpr TypeMask Timestamp = typeBit(ValueType::Timestamp);
inline constexpr TypeMask Period = typeBit(ValueType::Period);
inline constexpr TypeMask Text = String | Address;
inline constexpr TypeMask Ordered = Numeric | Text | Timestamp;
inline constexpr TypeMask Value = Ordered;
} // namespace types

// How a call's type follows from its arguments.
enum class ResultRule : std::uint8_t {
    Fixed, // FunctionSpec::resultType
    FirstArgument, // the type of args[0]
    Promote, // Integer when every argument is Integer, else Float
    Unify, // all arguments share one type (literals are converted to it); that type
};

// What the language knows about one function name: its arity and argument and result types.
struct FunctionSpec {
    QStringView name; // canonical spelling, as printed
    bool isAggregate = false;
    Function function = Function::Unresolved;
    Aggregate aggregate = Aggregate::Count;
    int minArgs = 0;
    int maxArgs = 0; // -1: no upper bound
    // Accepted types of the first argument and of every later one.
    std::array<TypeMask, 2> argTypes {};
    ResultRule result = ResultRule::Fixed;
    ValueType resultType = ValueType::Boolean;

    TypeMask acceptedTypes(std::size_t arg) const { return argTypes[arg == 0 ? 0 : 1]; }
};

class FunctionCatalog {
public:
    // Case-insensitive: `ISPRESENT`, `isPresent` and `ispresent` are the same function.
    // `percentile` is accepted as another name for `pct`.
    static const FunctionSpec* find(QStringView name);
    static const FunctionSpec& spec(Function function);
    static const FunctionSpec& spec(Aggregate aggregate);
    static std::span<const FunctionSpec> all();
    // Logs Insights functions FlowLens does not implement, for a clearer error than "unknown".
    static bool isKnownUnsupported(QStringView name);
    // "a number", "an address", "a string or an address", …: what a mask asks for, in an error.
    static QString describe(TypeMask mask);
};

} // namespace flowlens::query
