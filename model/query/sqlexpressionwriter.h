#pragma once

#include "ast.h"

#include <QString>
#include <QStringView>
#include <functional>

namespace flowlens::query {

// SQL text with how tightly it binds, so a caller knows when to put it in parentheses.
struct SqlText {
    enum Precedence : int { Or = 1, And, Not, Comparison, Sum, Product, Negate, Primary };
    QString text;
    int precedence = Primary;

    // `text`, in parentheses when it binds looser than `needed`.
    QString at(int needed) const { return precedence < needed ? u'(' + text + u')' : text; }
};

// Writes one checked expression as Athena (Trino) SQL over AWS's vpc_flow_logs table:
// fields become the table's columns (srcAddr -> srcaddr, logStatus -> log_status, endTime ->
// "end"), @timestamp becomes from_unixtime(start), addresses compare as ipaddress values through
// try_cast (a "-" address is NULL and matches nothing), isIp*InSubnet becomes contains(),
// `like "x"` becomes strpos() and regexes regexp_like(), `/` divides as double, bin() becomes
// date_trunc() for one whole unit and floor(start / n) * n otherwise.
// Things SQL cannot say (@message, @logStream, bin(2mo), periods under a second) throw QueryError.
class SqlExpressionWriter {
public:
    // How to refer to a column a command defined, at the place of the expression being written.
    using ColumnResolver = std::function<SqlText(int column)>;

    SqlExpressionWriter(QStringView queryText, ColumnResolver columns);

    SqlText write(const Expr& e) const;

    // The table column of a field: "srcaddr", "log_status", "\"end\"".
    static QString column(FieldId id);
    // A double-quoted identifier, for output column names.
    static QString identifier(QStringView name);
    // A single-quoted string literal.
    static QString string(QStringView text);

private:
    [[noreturn]] void refuse(const Expr& e, const QString& message) const;
    SqlText field(const Expr& e) const;
    SqlText asAddress(const Expr& e) const;
    SqlText asText(const Expr& e) const;
    SqlText withoutDash(const Expr& e) const;
    SqlText literal(const Expr& e) const;
    SqlText unary(const Expr& e) const;
    SqlText binary(const Expr& e) const;
    SqlText in(const Expr& e) const;
    SqlText like(const Expr& e) const;
    SqlText call(const Expr& e) const;
    SqlText aggregate(const Expr& e) const;
    SqlText timeBucket(const Expr& call, const Expr* timestamp, const Period& period, bool roundUp) const;
    QString arguments(const std::vector<Expr>& args, bool dashAsNull = false) const;

    QStringView m_text;
    ColumnResolver m_columns;
};

} // namespace flowlens::query
