#include "literalconverter.h"

#include "insightsprinter.h"
#include "queryerror.h"

namespace flowlens::query {

using namespace Qt::StringLiterals;

using VT = ValueType;

LiteralConverter::LiteralConverter(QStringView text)
    : m_text(text)
{
}

void LiteralConverter::fail(SourceSpan span, const QString& message) const
{
    throw QueryError(m_text, span, message);
}

QString LiteralConverter::source(const Expr& e) const
{
    return u'`' + m_text.sliced(e.span.offset, e.span.length) + u'`';
}

void LiteralConverter::coerce(Expr& literal, const Expr& other) const
{
    const QString* text = std::get_if<QString>(&literal.literal);
    switch (other.type) {
    case VT::Address:
        if (!text) {
            fail(literal.span,
                source(other) + u" is an address; compare it with a quoted address such as \"10.0.0.1\""_s);
        }
        if (const auto address = IpAddress::parse(*text)) {
            literal.literal = *address;
            literal.type = VT::Address;
            return;
        }
        if (text->contains(u'/')) {
            fail(literal.span,
                source(literal) + u" is a network: use isIpInSubnet("_s + InsightsPrinter::expression(other) + u", "_s
                    + InsightsPrinter::quoted(*text) + u')');
        }
        fail(literal.span, source(literal) + u" is not an IP address"_s);
    case VT::String:
        if (const auto* i = std::get_if<std::int64_t>(&literal.literal)) {
            literal.literal = QString::number(*i);
            literal.type = VT::String;
        } else if (std::holds_alternative<double>(literal.literal)) {
            literal.literal = m_text.sliced(literal.span.offset, literal.span.length).toString().remove(u' ');
            literal.type = VT::String;
        }
        return;
    case VT::Integer:
    case VT::Float:
        if (text) {
            bool ok = false;
            const qlonglong i = text->trimmed().toLongLong(&ok);
            if (ok) {
                literal.literal = static_cast<std::int64_t>(i);
                literal.type = VT::Integer;
                return;
            }
            const double d = text->trimmed().toDouble(&ok);
            if (!ok) {
                fail(literal.span, source(other) + u" is a number; "_s + source(literal) + u" is not"_s);
            }
            literal.literal = d;
            literal.type = VT::Float;
        }
        return;
    case VT::Timestamp:
        fail(literal.span,
            u"timestamps compare with timestamps; to compare milliseconds write toMillis("_s
                + InsightsPrinter::expression(other) + u')');
    case VT::Boolean:
        // Insights documents isempty() and friends as returning 1 or 0: `isempty(x) = 0` is a test.
        if (const auto* i = std::get_if<std::int64_t>(&literal.literal); i && (*i == 0 || *i == 1)) {
            literal.literal = *i == 1;
            literal.type = VT::Boolean;
        }
        return;
    default:
        return;
    }
}

void LiteralConverter::toNetwork(Expr& e) const
{
    Expr& network = e.args[1];
    if (network.kind != ExprKind::Literal) {
        fail(network.span, u"the network must be a quoted literal such as \"10.0.0.0/8\""_s);
    }
    const QString text = std::get<QString>(network.literal);
    Cidr::ParseError error = Cidr::ParseError::None;
    Cidr meant;
    const auto cidr = Cidr::parse(text, &error, &meant);
    switch (error) {
    case Cidr::ParseError::None:
        break;
    case Cidr::ParseError::HostBitsSet:
        fail(network.span, source(network) + u" has host bits set; the network is \""_s + meant.toString() + u'"');
    case Cidr::ParseError::BadPrefix:
        fail(network.span, source(network) + u" has an invalid prefix length"_s);
    case Cidr::ParseError::Syntax:
        if (IpAddress::parse(text)) {
            fail(network.span, source(network) + u" is an address, not a network; add a prefix length such as /32"_s);
        }
        [[fallthrough]];
    case Cidr::ParseError::BadAddress:
        fail(network.span, source(network) + u" is not a network in CIDR notation such as \"192.0.2.0/24\""_s);
    }
    if (e.function == Function::IsIpv4InSubnet && !cidr->isV4()) {
        fail(network.span, u"isIpv4InSubnet needs an IPv4 network; use isIpv6InSubnet or isIpInSubnet"_s);
    }
    if (e.function == Function::IsIpv6InSubnet && cidr->isV4()) {
        fail(network.span, u"isIpv6InSubnet needs an IPv6 network; use isIpv4InSubnet or isIpInSubnet"_s);
    }
    network.literal = *cidr;
    network.type = VT::String;
}

} // namespace flowlens::query
