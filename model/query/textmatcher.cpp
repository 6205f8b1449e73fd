#include "textmatcher.h"

namespace flowlens::query {

TextMatcher::TextMatcher(const Literal& pattern)
{
    if (const auto* regex = std::get_if<RegexPattern>(&pattern)) {
        QRegularExpression::PatternOptions options;
        options.setFlag(QRegularExpression::CaseInsensitiveOption, regex->caseInsensitive);
        options.setFlag(QRegularExpression::MultilineOption, regex->multiLine);
        options.setFlag(QRegularExpression::DotMatchesEverythingOption, regex->dotAll);
        m_regex = QRegularExpression(regex->pattern, options);
        m_regex.optimize();
        m_isRegex = true;
    } else if (const auto* text = std::get_if<QString>(&pattern)) {
        m_substring = text->toStdString();
    }
}

bool TextMatcher::matches(std::string_view text)
{
    if (!m_isRegex) {
        return text.find(m_substring) != std::string_view::npos;
    }
    // Decoded into a buffer that keeps its capacity: no allocation per row.
    m_buffer.resize(static_cast<qsizetype>(text.size()));
    m_decoder.resetState();
    const QChar* end = m_decoder.appendToBuffer(m_buffer.data(), QByteArrayView(text.data(), qsizetype(text.size())));
    m_buffer.truncate(end - m_buffer.constData());
    return m_regex.match(m_buffer).hasMatch();
}

} // namespace flowlens::query
