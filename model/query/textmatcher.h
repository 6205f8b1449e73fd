#pragma once

#include "ast.h"

#include <QRegularExpression>
#include <QString>
#include <QStringDecoder>
#include <string>
#include <string_view>

namespace flowlens::query {

// Tests text for `like`/`=~`: a substring or a regular expression.
class TextMatcher {
public:
    explicit TextMatcher(const Literal& pattern);
    bool matches(std::string_view text);

private:
    std::string m_substring;
    QRegularExpression m_regex;
    bool m_isRegex = false;
    QString m_buffer;
    QStringDecoder m_decoder { QStringDecoder::Utf8 };
};

} // namespace flowlens::query
