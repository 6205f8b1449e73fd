#pragma once

#include "ast.h"
#include "queryerror.h"
#include "token.h"

#include <QStringView>
#include <optional>
#include <vector>

namespace flowlens::query {

// Recursive-descent parser: tokens to an unchecked tree (names unresolved, calls unresolved, no
// types). The Binder checks and resolves it; only the pair of them is a complete front end.
//
//   query      := [command ('|' command)*]
//   command    := fields items | display names | (filter|where) expr
//               | stats items ['by' items] | sort key (',' key)* | limit INTEGER | dedup names
//   items      := expr ['as' name] (',' expr ['as' name])*
//   key        := name ['asc' | 'desc']
//   expr       := and ('or' and)*
//   and        := not ('and' not)*
//   not        := 'not' not | comparison
//   comparison := sum [('=' | '!=' | '<' | '<=' | '>' | '>=') sum
//                     | ['not'] 'in' '[' literal (',' literal)* ']'
//                     | ['not'] 'like' (STRING | REGEX) | '=~' (STRING | REGEX)]
//   sum        := product (('+' | '-') product)*
//   product    := unary (('*' | '/' | '%') unary)*
//   unary      := '-' unary | power
//   power      := primary ['^' unary]
//   primary    := INTEGER | FLOAT | STRING | PERIOD | name | IDENT '(' ['*' | expr (',' expr)*] ')' | '(' expr ')'
//   name       := IDENT | `QUOTED`
//
// Keywords are case-insensitive and only keywords where the grammar expects them.
class Parser {
public:
    Parser(QStringView text, std::vector<Token> tokens);

    std::optional<QueryError> parseQuery(std::vector<Command>& commands);
    // The whole input as one expression (the filter bar).
    std::optional<QueryError> parseStandaloneExpression(Expr& expr);

private:
    const Token& current() const { return m_tokens[m_pos]; }
    const Token& lookahead(std::size_t n = 1) const;
    const Token& advance();
    bool at(TokenKind kind) const { return current().kind == kind; }
    bool atKeyword(QStringView word) const;
    const Token& expect(TokenKind kind, QStringView what);
    [[noreturn]] void failAt(const Token& token, const QString& message) const;
    [[noreturn]] void failAt(SourceSpan span, const QString& message) const;
    QString describe(const Token& token) const;

    Command parseCommand();
    std::vector<Projection> parseItems();
    Expr parseNameReference();
    QString parseAlias(SourceSpan& span);

    Expr parseOr();
    Expr parseAnd();
    Expr parseNot();
    Expr parseComparison();
    Expr parseSum();
    Expr parseProduct();
    Expr parseUnary();
    Expr parsePower();
    Expr parsePrimary();
    Expr parseCall(const Token& nameToken);
    Expr parseList(Expr needle, bool negated, SourceSpan start);
    Expr parseLike(Expr subject, bool negated, bool regexOperator);
    void refuseBareHyphenatedName(const Token& first) const;

    // Counts recursion into parentheses, calls, `not` and unary minus; deep input is an error,
    // not a stack overflow.
    class NestingGuard {
    public:
        explicit NestingGuard(Parser& parser);
        ~NestingGuard();
        NestingGuard(const NestingGuard&) = delete;
        NestingGuard& operator=(const NestingGuard&) = delete;

    private:
        Parser& m_parser;
    };
    static constexpr int kMaxNesting = 200;
    void enterChainLink();
    void checkTreeDepth(const Expr& root) const;
    void checkCommandDepth(const Command& command) const;

    QStringView m_text;
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    int m_nesting = 0;
};

} // namespace flowlens::query
