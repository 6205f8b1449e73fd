#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace flowlens::query {

// Edit distance (insertions, deletions, substitutions and swaps of neighbours), ignoring case.
int editDistance(QStringView a, QStringView b);

// The candidate closest to `word`, if it is close enough to be a likely typo; else an empty
// string. On a tie the earlier candidate wins, so list preferred spellings first.
QString closestSpelling(QStringView word, const QStringList& candidates);

// ` — did you mean `x`?` for a close candidate, else an empty string.
QString didYouMean(QStringView word, const QStringList& candidates);

} // namespace flowlens::query
