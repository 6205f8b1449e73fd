#include "functioncatalog.h"

#include <QStringList>

namespace flowlens::query {

using namespace Qt::StringLiterals;

namespace {

using F = Function;
using A = Aggregate;
using R = ResultRule;
using VT = ValueType;
namespace T = types;

constexpr int kVariadic = -1;

FunctionSpec scalar(QStringView name, Function f, int minArgs, int maxArgs, std::array<TypeMask, 2> argTypes,
    ResultRule rule, ValueType type = VT::Boolean)
{
    return { name, false, f, Aggregate::Count, minArgs, maxArgs, argTypes, rule, type };
}

FunctionSpec aggregate(QStringView name, Aggregate a, int minArgs, int maxArgs, std::array<TypeMask, 2> argTypes,
    ResultRule rule, ValueType type = VT::Integer)
{
    return { name, true, Function::Unresolved, a, minArgs, maxArgs, argTypes, rule, type };
}

const std::array<FunctionSpec, 32>& table()
{
    static const std::array<FunctionSpec, 32> specs { {
        scalar(u"isIpv4InSubnet", F::IsIpv4InSubnet, 2, 2, { T::Address, T::String }, R::Fixed),
        scalar(u"isIpv6InSubnet", F::IsIpv6InSubnet, 2, 2, { T::Address, T::String }, R::Fixed),
        scalar(u"isIpInSubnet", F::IsIpInSubnet, 2, 2, { T::Address, T::String }, R::Fixed),
        scalar(u"ispresent", F::IsPresent, 1, 1, { T::Value, 0 }, R::Fixed),
        scalar(u"isempty", F::IsEmpty, 1, 1, { T::Value, 0 }, R::Fixed),
        scalar(u"isblank", F::IsBlank, 1, 1, { T::Value, 0 }, R::Fixed),
        scalar(u"coalesce", F::Coalesce, 1, kVariadic, { T::Value, T::Value }, R::Unify),
        scalar(u"abs", F::Abs, 1, 1, { T::Numeric, 0 }, R::FirstArgument),
        scalar(u"floor", F::Floor, 1, 1, { T::Numeric, 0 }, R::Fixed, VT::Integer),
        scalar(u"ceil", F::Ceil, 1, 1, { T::Numeric, 0 }, R::Fixed, VT::Integer),
        scalar(u"greatest", F::Greatest, 1, kVariadic, { T::Numeric, T::Numeric }, R::Promote),
        scalar(u"least", F::Least, 1, kVariadic, { T::Numeric, T::Numeric }, R::Promote),
        scalar(u"strlen", F::Strlen, 1, 1, { T::Text, 0 }, R::Fixed, VT::Integer),
        scalar(u"tolower", F::ToLower, 1, 1, { T::String, 0 }, R::Fixed, VT::String),
        scalar(u"toupper", F::ToUpper, 1, 1, { T::String, 0 }, R::Fixed, VT::String),
        scalar(u"concat", F::Concat, 1, kVariadic, { T::Value, T::Value }, R::Fixed, VT::String),
        scalar(u"strcontains", F::StrContains, 2, 2, { T::Text, T::String }, R::Fixed),
        scalar(u"bin", F::Bin, 1, 1, { T::Period, 0 }, R::Fixed, VT::Timestamp),
        scalar(u"datefloor", F::DateFloor, 2, 2, { T::Timestamp, T::Period }, R::Fixed, VT::Timestamp),
        scalar(u"dateceil", F::DateCeil, 2, 2, { T::Timestamp, T::Period }, R::Fixed, VT::Timestamp),
        scalar(u"fromMillis", F::FromMillis, 1, 1, { T::Numeric, 0 }, R::Fixed, VT::Timestamp),
        scalar(u"toMillis", F::ToMillis, 1, 1, { T::Timestamp, 0 }, R::Fixed, VT::Integer),
        aggregate(u"count", A::Count, 0, 1, { T::Value | T::Boolean, 0 }, R::Fixed),
        aggregate(u"count_distinct", A::CountDistinct, 1, 1, { T::Value, 0 }, R::Fixed),
        aggregate(u"sum", A::Sum, 1, 1, { T::Numeric, 0 }, R::FirstArgument),
        aggregate(u"avg", A::Avg, 1, 1, { T::Numeric, 0 }, R::Fixed, VT::Float),
        aggregate(u"min", A::Min, 1, 1, { T::Ordered, 0 }, R::FirstArgument),
        aggregate(u"max", A::Max, 1, 1, { T::Ordered, 0 }, R::FirstArgument),
        aggregate(u"pct", A::Percentile, 2, 2, { T::Numeric | T::Timestamp, T::Numeric }, R::FirstArgument),
        aggregate(u"stddev", A::StdDev, 1, 1, { T::Numeric, 0 }, R::Fixed, VT::Float),
        aggregate(u"earliest", A::Earliest, 1, 1, { T::Value, 0 }, R::FirstArgument),
        aggregate(u"latest", A::Latest, 1, 1, { T::Value, 0 }, R::FirstArgument),
    } };
    return specs;
}

constexpr std::array<QStringView, 24> kUnsupported { {
    u"isValidIp",
    u"isValidIpV4",
    u"isValidIpV6",
    u"ipv4ToNumber",
    u"isPrivateIP",
    u"isPublicIP",
    u"isReservedIP",
    u"substr",
    u"replace",
    u"trim",
    u"ltrim",
    u"rtrim",
    u"log",
    u"sqrt",
    u"round",
    u"sortsFirst",
    u"sortsLast",
    u"now",
    u"jsonParse",
    u"if",
    u"case",
    u"toNumber",
    u"parseDate",
    u"formatDate",
} };

} // namespace

const FunctionSpec* FunctionCatalog::find(QStringView name)
{
    if (name.compare(u"percentile", Qt::CaseInsensitive) == 0) {
        return &spec(Aggregate::Percentile);
    }
    for (const FunctionSpec& s : table()) {
        if (s.name.compare(name, Qt::CaseInsensitive) == 0) {
            return &s;
        }
    }
    return nullptr;
}

const FunctionSpec& FunctionCatalog::spec(Function function)
{
    for (const FunctionSpec& s : table()) {
        if (!s.isAggregate && s.function == function) {
            return s;
        }
    }
    Q_UNREACHABLE();
}

const FunctionSpec& FunctionCatalog::spec(Aggregate aggregate)
{
    for (const FunctionSpec& s : table()) {
        if (s.isAggregate && s.aggregate == aggregate) {
            return s;
        }
    }
    Q_UNREACHABLE();
}

std::span<const FunctionSpec> FunctionCatalog::all()
{
    return table();
}

bool FunctionCatalog::isKnownUnsupported(QStringView name)
{
    for (QStringView n : kUnsupported) {
        if (n.compare(name, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

QString FunctionCatalog::describe(TypeMask mask)
{
    if ((mask & T::Value) == T::Value) {
        return u"a value"_s;
    }
    QStringList parts;
    if (mask & T::Numeric) {
        parts.append(u"a number"_s);
    }
    if (mask & T::String) {
        parts.append(u"a string"_s);
    }
    if (mask & T::Address) {
        parts.append(u"an address"_s);
    }
    if (mask & T::Timestamp) {
        parts.append(u"a timestamp"_s);
    }
    if (mask & T::Period) {
        parts.append(u"a time period such as 5m"_s);
    }
    return parts.join(u" or "_s);
}

} // namespace flowlens::query
