#pragma once

#include "period.h"
#include "sourcespan.h"

#include <QString>
#include <cstdint>

namespace flowlens::query {

enum class TokenKind : std::uint8_t {
    End,
    Identifier, // srcAddr, @timestamp, filter, and: keywords are identifiers the parser recognises
    QuotedName, // `log-status`: a name in backquotes
    String, // '…' or "…", escapes resolved
    Integer,
    Float,
    Period, // 5m, 1h, 500ms
    Regex, // /…/ with optional flags, only after `like` or `=~`
    Pipe,
    Comma,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Caret,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    RegexMatch, // =~
};

struct Token {
    TokenKind kind = TokenKind::End;
    SourceSpan span;
    QString text; // Identifier/QuotedName: the name; String: the value; Regex: the pattern
    QString regexFlags; // Regex only: the letters after the closing slash
    std::int64_t integer = 0;
    double number = 0;
    Period period;
    bool spaceBefore = false; // white space or a comment stands right before this token
};

} // namespace flowlens::query
