#include "ast.h"

namespace flowlens::query {

using namespace Qt::StringLiterals;

using VT = ValueType;

QString typePhraseOf(ValueType t)
{
    switch (t) {
    case VT::Boolean:
        return u"a condition"_s;
    case VT::Integer:
    case VT::Float:
        return u"a number"_s;
    case VT::String:
        return u"a string"_s;
    case VT::Address:
        return u"an address"_s;
    case VT::Timestamp:
        return u"a timestamp"_s;
    case VT::Period:
        return u"a time period"_s;
    case VT::Regex:
        return u"a regular expression"_s;
    }
    return {};
}

ValueType valueTypeOf(FieldId id)
{
    if (id == FieldId::EventTimestamp) {
        return VT::Timestamp;
    }
    switch (fieldInfo(id).kind) {
    case FieldKind::Integer:
        return VT::Integer;
    case FieldKind::Address:
        return VT::Address;
    case FieldKind::String:
        break;
    }
    return VT::String;
}

ValueType valueTypeOf(const Literal& value)
{
    struct Visitor {
        VT operator()(std::monostate) const { return VT::Boolean; }
        VT operator()(bool) const { return VT::Boolean; }
        VT operator()(std::int64_t) const { return VT::Integer; }
        VT operator()(double) const { return VT::Float; }
        VT operator()(const QString&) const { return VT::String; }
        VT operator()(const IpAddress&) const { return VT::Address; }
        VT operator()(const Cidr&) const { return VT::String; }
        VT operator()(const Period&) const { return VT::Period; }
        VT operator()(const RegexPattern&) const { return VT::Regex; }
    };
    return std::visit(Visitor {}, value);
}

QString typeName(ValueType type)
{
    return typePhraseOf(type).section(u' ', 1);
}

} // namespace flowlens::query
