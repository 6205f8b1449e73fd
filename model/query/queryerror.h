#pragma once

#include "sourcespan.h"

#include <QString>
#include <QStringView>

namespace flowlens::query {

// A mistake in a query, as a value: what is wrong and where. Line and column are 1-based and count
// UTF-16 code units; the span is the offending token (length at least 1, except at end of input).
class QueryError {
public:
    QueryError() = default;
    // Computes line and column of `span` in `text`.
    QueryError(QStringView text, SourceSpan span, QString message);

    const QString& message() const { return m_message; }
    SourceSpan span() const { return m_span; }
    qsizetype offset() const { return m_span.offset; }
    qsizetype length() const { return m_span.length; }
    int line() const { return m_line; }
    int column() const { return m_column; }

    // "line 2, column 8: <message>".
    QString toString() const;
    // toString(), then the offending line of `text` and a line of carets under the span, e.g.
    //   line 1, column 8: unknown field `srcadr` — did you mean `srcAddr`?
    //   filter srcadr = "10.0.0.1"
    //          ^^^^^^
    QString render(QStringView text) const;

private:
    QString m_message;
    SourceSpan m_span;
    int m_line = 1;
    int m_column = 1;
};

} // namespace flowlens::query
