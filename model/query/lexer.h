#pragma once

#include "queryerror.h"
#include "token.h"

#include <QStringView>
#include <optional>
#include <vector>

namespace flowlens::query {

// Splits a Logs Insights query into tokens. `#` starts a comment that runs to the end of the line.
// A slash after `like` or `=~` opens a regex literal; everywhere else it is division.
class Lexer {
public:
    explicit Lexer(QStringView text);

    // All tokens, ending with one TokenKind::End; or the first lexical error.
    std::optional<QueryError> tokenize(std::vector<Token>& tokens);

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek(qsizetype ahead = 0) const;
    bool skipSpaceAndComments();
    bool lexToken(Token& token, const Token* previous);
    bool lexName(Token& token);
    bool lexQuotedName(Token& token);
    bool lexString(Token& token);
    bool lexNumber(Token& token);
    bool lexRegex(Token& token);
    bool lexOperator(Token& token);
    bool fail(qsizetype offset, qsizetype length, QString message);

    QStringView m_text;
    qsizetype m_pos = 0;
    std::optional<QueryError> m_error;
};

} // namespace flowlens::query
