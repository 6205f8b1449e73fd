#pragma once

#include "ast.h"

#include <QString>
#include <QStringView>
#include <vector>

namespace flowlens::query {

// Writes a checked query back as Logs Insights text, normalised for StartQuery and for display:
// one line, commands joined by " | ", one space around binary operators, keywords and function
// names in their canonical spelling, fields by their Insights names (srcAddr, logStatus,
// startTime), periods in their largest whole unit (bin(300s) -> bin(5m)), regex flags moved into
// the pattern as (?i), and comments dropped. Parentheses appear only where precedence needs them.
class InsightsPrinter {
public:
    static QString print(const std::vector<Command>& commands);
    static QString expression(const Expr& expr);
    // A name as Insights reads it: bare when it is a plain identifier, else in backquotes.
    static QString name(QStringView name);
    // A double-quoted string literal with \\, \", \n, \r and \t escaped.
    static QString quoted(QStringView text);
    // "and", "=", "+", …: the operator as written in a query.
    static QStringView operatorText(BinaryOp op);
    // Shortest text that reads back as the same double, always with a '.' or an exponent.
    static QString floatText(double value);
};

} // namespace flowlens::query
