#pragma once

#include "ast.h"

#include <QString>
#include <vector>

namespace flowlens::query {

// Prints a checked tree as S-expressions, one command after another separated by a space. It shows
// what the binder decided, so tests can state expected trees by hand:
//
//   (filter EXPR)  (fields ITEM…)  (display NAME…)  (stats ITEM… [(by ITEM…)])
//   (sort (asc NAME) (desc NAME)…)  (limit N)  (dedup NAME…)
//   ITEM  := EXPR | (as EXPR alias)
//   field: its Insights name (srcAddr, startTime, @timestamp); @message; column: $name
//   literals: 17  -1.5  "text"  ip:10.0.0.1  cidr:10.0.0.0/8  5m (period as written)  re:/x/i
//   (not E) (neg E) (OP E E) with OP one of or and = != < <= > >= + - * / % ^
//   (in E (list LIT…)) (not-in …) (like E LIT) (not-like …)
//   calls and aggregates: (name ARG…) in canonical spelling; count(*) and count() are (count)
class SExpressionPrinter {
public:
    static QString print(const std::vector<Command>& commands);
    static QString expression(const Expr& expr);
};

} // namespace flowlens::query
