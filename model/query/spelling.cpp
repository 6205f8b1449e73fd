#include "spelling.h"

#include <algorithm>
#include <vector>

namespace flowlens::query {

using namespace Qt::StringLiterals;

int editDistance(QStringView a, QStringView b)
{
    const QString x = a.toString().toCaseFolded();
    const QString y = b.toString().toCaseFolded();
    const qsizetype n = x.size();
    const qsizetype m = y.size();
    // Three rows of the optimal-string-alignment table.
    std::vector<int> before(m + 1);
    std::vector<int> previous(m + 1);
    std::vector<int> row(m + 1);
    for (qsizetype j = 0; j <= m; ++j) {
        previous[j] = static_cast<int>(j);
    }
    for (qsizetype i = 1; i <= n; ++i) {
        row[0] = static_cast<int>(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = x[i - 1] == y[j - 1] ? 0 : 1;
            row[j] = std::min({ previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost });
            if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
                row[j] = std::min(row[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, row);
    }
    return previous[m];
}

QString closestSpelling(QStringView word, const QStringList& candidates)
{
    // One typo per three letters, at least one and at most three.
    const int limit = static_cast<int>(std::clamp<qsizetype>(word.size() / 3, 1, 3));
    QString best;
    int bestDistance = limit + 1;
    for (const QString& candidate : candidates) {
        const int d = editDistance(word, candidate);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

QString didYouMean(QStringView word, const QStringList& candidates)
{
    const QString best = closestSpelling(word, candidates);
    return best.isEmpty() ? QString() : u" — did you mean `"_s + best + u"`?"_s;
}

} // namespace flowlens::query
