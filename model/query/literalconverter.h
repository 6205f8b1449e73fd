#pragma once

#include "ast.h"

#include <QStringView>

namespace flowlens::query {

// Turns literals into the values they are compared with, at parse time, so the evaluator never
// parses text per row: "10.0.0.1" next to an address field becomes an IpAddress, "17" next to a
// number becomes 17, 123456789012 next to a string field becomes "123456789012", 1 or 0 next to a
// condition becomes true or false, and the network
// of isIpInSubnet() becomes a Cidr. Failures throw QueryError; the Binder catches them.
class LiteralConverter {
public:
    explicit LiteralConverter(QStringView text);

    // Converts the Literal node `literal` to meet `other`'s type where a conversion exists;
    // leaves it alone where none is needed (the caller then checks the types).
    void coerce(Expr& literal, const Expr& other) const;
    // Replaces the network argument (args[1]) of an isIp*InSubnet call by a Cidr literal.
    void toNetwork(Expr& call) const;

private:
    [[noreturn]] void fail(SourceSpan span, const QString& message) const;
    QString source(const Expr& e) const;

    QStringView m_text;
};

} // namespace flowlens::query
