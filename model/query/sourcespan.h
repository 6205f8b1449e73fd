#pragma once

#include <QtGlobal>

namespace flowlens::query {

// Where a token or an AST node stands in the query text, in UTF-16 code units (QChar) from the start.
struct SourceSpan {
    qsizetype offset = 0;
    qsizetype length = 0;

    qsizetype end() const { return offset + length; }
    // The span from the start of `first` to the end of `last`.
    static SourceSpan cover(SourceSpan first, SourceSpan last) { return { first.offset, last.end() - first.offset }; }

    friend bool operator==(SourceSpan, SourceSpan) = default;
};

} // namespace flowlens::query
