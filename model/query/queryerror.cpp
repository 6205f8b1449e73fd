#include "queryerror.h"

namespace flowlens::query {

using namespace Qt::StringLiterals;

QueryError::QueryError(QStringView text, SourceSpan span, QString message)
    : m_message(std::move(message))
    , m_span(span)
{
    const qsizetype end = qBound(qsizetype(0), span.offset, text.size());
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < end; ++i) {
        if (text[i] == u'\n') {
            ++m_line;
            lineStart = i + 1;
        }
    }
    m_column = static_cast<int>(end - lineStart) + 1;
}

QString QueryError::toString() const
{
    return u"line "_s + QString::number(m_line) + u", column "_s + QString::number(m_column) + u": "_s + m_message;
}

QString QueryError::render(QStringView text) const
{
    const qsizetype offset = qBound(qsizetype(0), m_span.offset, text.size());
    qsizetype lineStart = offset;
    while (lineStart > 0 && text[lineStart - 1] != u'\n') {
        --lineStart;
    }
    qsizetype lineEnd = offset;
    while (lineEnd < text.size() && text[lineEnd] != u'\n') {
        ++lineEnd;
    }
    QStringView line = text.sliced(lineStart, lineEnd - lineStart);
    if (line.endsWith(u'\r')) {
        line.chop(1);
    }
    // Keep tabs so the carets line up under the same characters in a terminal.
    QString marker;
    for (qsizetype i = lineStart; i < offset; ++i) {
        marker += text[i] == u'\t' ? u'\t' : u' ';
    }
    const qsizetype caretCount = qMax(qsizetype(1), qMin(m_span.length, lineStart + line.size() - offset));
    marker += QString(caretCount, u'^');
    return toString() + u'\n' + line + u'\n' + marker;
}

} // namespace flowlens::query
