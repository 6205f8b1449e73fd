#include "lexer.h"

#include <charconv>
#include <string>

namespace flowlens::query {

using namespace Qt::StringLiterals;

namespace {

bool isAsciiDigit(QChar c)
{
    return c.unicode() >= u'0' && c.unicode() <= u'9';
}

bool isNameStart(QChar c)
{
    return c.isLetter() || c == u'_' || c == u'@';
}

// Logs Insights lets names carry dots (JSON paths such as `detail.state`); hyphens need backquotes.
bool isNamePart(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'.';
}

bool opensRegex(const Token* previous)
{
    if (!previous) {
        return false;
    }
    if (previous->kind == TokenKind::RegexMatch) {
        return true;
    }
    return previous->kind == TokenKind::Identifier && previous->text.compare(u"like"_s, Qt::CaseInsensitive) == 0;
}

} // namespace

Lexer::Lexer(QStringView text)
    : m_text(text)
{
}

QChar Lexer::peek(qsizetype ahead) const
{
    const qsizetype at = m_pos + ahead;
    return at < m_text.size() ? m_text[at] : QChar();
}

bool Lexer::fail(qsizetype offset, qsizetype length, QString message)
{
    m_error = QueryError(m_text, { offset, length }, std::move(message));
    return false;
}

std::optional<QueryError> Lexer::tokenize(std::vector<Token>& tokens)
{
    tokens.clear();
    m_pos = 0;
    m_error.reset();
    while (true) {
        Token token;
        token.spaceBefore = skipSpaceAndComments() || tokens.empty();
        token.span.offset = m_pos;
        if (atEnd()) {
            tokens.push_back(token);
            return std::nullopt;
        }
        if (!lexToken(token, tokens.empty() ? nullptr : &tokens.back())) {
            tokens.clear();
            return m_error;
        }
        token.span.length = m_pos - token.span.offset;
        tokens.push_back(std::move(token));
    }
}

bool Lexer::skipSpaceAndComments()
{
    const qsizetype start = m_pos;
    while (!atEnd()) {
        const QChar c = peek();
        if (c.isSpace()) {
            ++m_pos;
        } else if (c == u'#') {
            while (!atEnd() && peek() != u'\n') {
                ++m_pos;
            }
        } else {
            break;
        }
    }
    return m_pos != start;
}

bool Lexer::lexToken(Token& token, const Token* previous)
{
    const QChar c = peek();
    if (isNameStart(c)) {
        return lexName(token);
    }
    if (isAsciiDigit(c) || (c == u'.' && isAsciiDigit(peek(1)))) {
        return lexNumber(token);
    }
    if (c == u'`') {
        return lexQuotedName(token);
    }
    if (c == u'"' || c == u'\'') {
        return lexString(token);
    }
    if (c == u'/' && opensRegex(previous)) {
        return lexRegex(token);
    }
    return lexOperator(token);
}

bool Lexer::lexName(Token& token)
{
    const qsizetype start = m_pos;
    ++m_pos;
    while (!atEnd() && isNamePart(peek())) {
        ++m_pos;
    }
    token.kind = TokenKind::Identifier;
    token.text = m_text.sliced(start, m_pos - start).toString();
    return true;
}

bool Lexer::lexQuotedName(Token& token)
{
    const qsizetype start = m_pos++;
    while (!atEnd() && peek() != u'`' && peek() != u'\n') {
        ++m_pos;
    }
    if (peek() != u'`') {
        return fail(start, m_pos - start, u"unterminated name: missing closing backquote"_s);
    }
    token.kind = TokenKind::QuotedName;
    token.text = m_text.sliced(start + 1, m_pos - start - 1).toString();
    ++m_pos;
    if (token.text.isEmpty()) {
        return fail(start, 2, u"empty name in backquotes"_s);
    }
    return true;
}

bool Lexer::lexString(Token& token)
{
    const qsizetype start = m_pos;
    const QChar quote = peek();
    ++m_pos;
    QString value;
    while (true) {
        if (atEnd() || peek() == u'\n') {
            return fail(start, m_pos - start, u"unterminated string: missing closing "_s + quote);
        }
        const QChar c = peek();
        ++m_pos;
        if (c == quote) {
            break;
        }
        if (c != u'\\' || atEnd()) {
            value += c;
            continue;
        }
        const QChar escaped = peek();
        ++m_pos;
        switch (escaped.unicode()) {
        case u'n':
            value += u'\n';
            break;
        case u't':
            value += u'\t';
            break;
        case u'r':
            value += u'\r';
            break;
        case u'\\':
        case u'"':
        case u'\'':
            value += escaped;
            break;
        default:
            // Unknown escapes stay as written, so regex-like text ("a\.b") survives unchanged.
            value += u'\\';
            value += escaped;
            break;
        }
    }
    token.kind = TokenKind::String;
    token.text = std::move(value);
    return true;
}

bool Lexer::lexNumber(Token& token)
{
    const qsizetype start = m_pos;
    while (isAsciiDigit(peek())) {
        ++m_pos;
    }
    bool isFloat = false;
    if (peek() == u'.' && isAsciiDigit(peek(1))) {
        isFloat = true;
        ++m_pos;
        while (isAsciiDigit(peek())) {
            ++m_pos;
        }
        if (peek() == u'.' && isAsciiDigit(peek(1))) {
            // 10.0.0.1 written without quotes: say so instead of "unexpected number".
            while (isAsciiDigit(peek()) || peek() == u'.' || peek() == u'/') {
                ++m_pos;
            }
            const QString text = m_text.sliced(start, m_pos - start).toString();
            return fail(start, m_pos - start, u"addresses and networks are strings: write \""_s + text + u"\""_s);
        }
    }
    if ((peek() == u'e' || peek() == u'E')
        && (isAsciiDigit(peek(1)) || ((peek(1) == u'+' || peek(1) == u'-') && isAsciiDigit(peek(2))))) {
        isFloat = true;
        m_pos += 2;
        while (isAsciiDigit(peek())) {
            ++m_pos;
        }
    }
    const qsizetype numberEnd = m_pos;
    const std::string digits = m_text.sliced(start, numberEnd - start).toString().toStdString();
    if (peek().isLetter()) {
        while (!atEnd() && peek().isLetter()) {
            ++m_pos;
        }
        const QStringView suffix = m_text.sliced(numberEnd, m_pos - numberEnd);
        const auto unit = Period::unitFromSuffix(suffix);
        if (!unit) {
            return fail(numberEnd, m_pos - numberEnd,
                u"unknown time unit `"_s + suffix + u"`; use ms, s, m, h, d, w, mo, q or y"_s);
        }
        if (isFloat) {
            return fail(start, m_pos - start, u"a time period needs a whole number, such as 90s or 5m"_s);
        }
        std::int64_t count = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
        if (ec != std::errc() || count <= 0) {
            return fail(start, m_pos - start, u"a time period must be a positive whole number"_s);
        }
        token.kind = TokenKind::Period;
        token.period = Period(count, *unit);
        return true;
    }
    if (isFloat) {
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), token.number);
        if (ec != std::errc()) {
            return fail(start, m_pos - start, u"number out of range"_s);
        }
        token.kind = TokenKind::Float;
        return true;
    }
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), token.integer);
    if (ec != std::errc()) {
        return fail(start, m_pos - start, u"number too large for a 64-bit integer"_s);
    }
    token.kind = TokenKind::Integer;
    return true;
}

bool Lexer::lexRegex(Token& token)
{
    const qsizetype start = m_pos++;
    QString pattern;
    while (true) {
        if (atEnd() || peek() == u'\n') {
            return fail(start, m_pos - start, u"unterminated regular expression: missing closing /"_s);
        }
        const QChar c = peek();
        ++m_pos;
        if (c == u'/') {
            break;
        }
        if (c == u'\\' && peek() == u'/') {
            pattern += u'/';
            ++m_pos;
            continue;
        }
        pattern += c;
        if (c == u'\\' && !atEnd() && peek() != u'\n') {
            pattern += peek();
            ++m_pos;
        }
    }
    const qsizetype flagsStart = m_pos;
    while (!atEnd() && peek().isLetter()) {
        const QChar flag = peek();
        if (flag != u'i' && flag != u'm' && flag != u's') {
            return fail(m_pos, 1, u"unknown regular expression flag `"_s + flag + u"`; use i, m or s"_s);
        }
        ++m_pos;
    }
    token.kind = TokenKind::Regex;
    token.text = std::move(pattern);
    token.regexFlags = m_text.sliced(flagsStart, m_pos - flagsStart).toString();
    return true;
}

bool Lexer::lexOperator(Token& token)
{
    const qsizetype start = m_pos;
    const QChar c = peek();
    const QChar next = peek(1);
    auto take = [&](TokenKind kind, int length) {
        token.kind = kind;
        m_pos += length;
        return true;
    };
    switch (c.unicode()) {
    case u'|':
        if (next == u'|') {
            return fail(start, 2, u"`||` is not Logs Insights syntax; use `or`"_s);
        }
        return take(TokenKind::Pipe, 1);
    case u',':
        return take(TokenKind::Comma, 1);
    case u'(':
        return take(TokenKind::LeftParen, 1);
    case u')':
        return take(TokenKind::RightParen, 1);
    case u'[':
        return take(TokenKind::LeftBracket, 1);
    case u']':
        return take(TokenKind::RightBracket, 1);
    case u'+':
        return take(TokenKind::Plus, 1);
    case u'-':
        return take(TokenKind::Minus, 1);
    case u'*':
        return take(TokenKind::Star, 1);
    case u'/':
        return take(TokenKind::Slash, 1);
    case u'%':
        return take(TokenKind::Percent, 1);
    case u'^':
        return take(TokenKind::Caret, 1);
    case u'=':
        if (next == u'~') {
            return take(TokenKind::RegexMatch, 2);
        }
        if (next == u'=') {
            return fail(start, 2, u"`==` is not Logs Insights syntax; use `=`"_s);
        }
        return take(TokenKind::Equal, 1);
    case u'!':
        if (next == u'=') {
            return take(TokenKind::NotEqual, 2);
        }
        return fail(start, 1, u"`!` is not Logs Insights syntax; use `not`"_s);
    case u'<':
        if (next == u'=') {
            return take(TokenKind::LessEqual, 2);
        }
        if (next == u'>') {
            return fail(start, 2, u"`<>` is not Logs Insights syntax; use `!=`"_s);
        }
        return take(TokenKind::Less, 1);
    case u'>':
        return next == u'=' ? take(TokenKind::GreaterEqual, 2) : take(TokenKind::Greater, 1);
    case u'&':
        if (next == u'&') {
            return fail(start, 2, u"`&&` is not Logs Insights syntax; use `and`"_s);
        }
        break;
    default:
        break;
    }
    return fail(start, 1, u"unexpected character `"_s + c + u"`"_s);
}

} // namespace flowlens::query
