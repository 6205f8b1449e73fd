#include "walkthroughchecker.h"

#include "investigation/investigationresult.h"
#include "investigation/querypredicate.h"
#include "labmanifest.h"

#include <QLocale>

namespace flowlens {

namespace {

bool rowIn(const Selection::ChunkRows& rows, std::uint32_t r)
{
    if (rows.all) {
        return true;
    }
    const std::size_t word = r / 64;
    return word < rows.bits.size() && ((rows.bits[word] >> (r % 64)) & 1U) != 0;
}

// Records shown and matching, shown and not matching, hidden and matching.
struct Overlap {
    std::uint64_t shownMatching = 0;
    std::uint64_t shownOther = 0;
    std::uint64_t hiddenMatching = 0;
};

std::optional<Overlap> overlap(const InvestigationResult& result, const QString& expression, QString& reason)
{
    QString error;
    auto predicate = QueryPredicate::compile(result.store, expression, error);
    if (!predicate) {
        reason = QStringLiteral("the condition %1 does not compile: %2").arg(expression, error);
        return std::nullopt;
    }
    const FlowStore::Snapshot& snapshot = result.selection.snapshot();
    FilterState matching;
    matching.predicate = std::move(predicate);
    const Selection match = evaluateFilter(snapshot, matching);
    Overlap o;
    for (std::size_t c = 0; c < snapshot.chunks.size(); ++c) {
        const std::uint32_t n = snapshot.chunks[c]->rowCount();
        const Selection::ChunkRows& shown = result.selection.chunk(c);
        const Selection::ChunkRows& hit = match.chunk(c);
        for (std::uint32_t r = 0; r < n; ++r) {
            const bool s = rowIn(shown, r);
            const bool m = rowIn(hit, r);
            o.shownMatching += s && m ? 1 : 0;
            o.shownOther += s && !m ? 1 : 0;
            o.hiddenMatching += !s && m ? 1 : 0;
        }
    }
    return o;
}

QString number(std::uint64_t n)
{
    return QLocale().toString(static_cast<qulonglong>(n));
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char(':') || c == QLatin1Char('/');
}

} // namespace

QString WalkthroughChecker::normalizeCondition(const QString& text)
{
    // Quotes and parentheses become spaces, '-' and '_' go, runs of spaces become one, and no space
    // stays beside a comparison operator: `(srcAddr = "10.0.0.5")` reads "srcaddr=10.0.0.5".
    QString spaced;
    spaced.reserve(text.size());
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('(') || c == QLatin1Char(')')
            || c == QLatin1Char('`')) {
            spaced.append(QLatin1Char(' '));
        } else if (c != QLatin1Char('-') && c != QLatin1Char('_')) {
            spaced.append(c.toLower());
        }
    }
    const QStringList words = spaced.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    auto isOperator = [](QChar c) {
        return c == QLatin1Char('=') || c == QLatin1Char('!') || c == QLatin1Char('<') || c == QLatin1Char('>')
            || c == QLatin1Char('~');
    };
    QString out;
    for (const QString& word : words) {
        if (!out.isEmpty() && !isOperator(out.back()) && !isOperator(word.front())) {
            out.append(QLatin1Char(' '));
        }
        out.append(word);
    }
    return out;
}

bool WalkthroughChecker::holds(
    const WalkthroughCheck& check, const InvestigationResult& result, const LabManifest* lab, QString& reason)
{
    using Kind = WalkthroughCheck::Kind;
    const std::uint64_t shown = result.selection.count();
    switch (check.kind) {
    case Kind::Every:
    case Kind::Some:
    case Kind::None:
    case Kind::IncludesAll: {
        const auto o = overlap(result, check.expression, reason);
        if (!o) {
            return false;
        }
        if (check.kind == Kind::Every) {
            if (shown == 0) {
                reason = QStringLiteral("no records are shown");
                return false;
            }
            if (o->shownOther > 0) {
                reason = QStringLiteral("%1 of the %2 shown records do not match %3")
                             .arg(number(o->shownOther), number(shown), check.expression);
                return false;
            }
        } else if (check.kind == Kind::Some && o->shownMatching == 0) {
            reason = QStringLiteral("none of the %1 shown records matches %2").arg(number(shown), check.expression);
            return false;
        } else if (check.kind == Kind::None && o->shownMatching > 0) {
            reason = QStringLiteral("%1 shown records match %2").arg(number(o->shownMatching), check.expression);
            return false;
        } else if (check.kind == Kind::IncludesAll && o->hiddenMatching > 0) {
            reason = QStringLiteral("%1 records matching %2 are filtered out")
                         .arg(number(o->hiddenMatching), check.expression);
            return false;
        }
        return true;
    }
    case Kind::FilterContains: {
        const QString haystack = normalizeCondition(result.filter.toQuery());
        const QString needle = normalizeCondition(check.expression);
        for (qsizetype at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
            const qsizetype after = at + needle.size();
            const bool startsWord = at == 0 || !isWordChar(haystack.at(at - 1)) || !isWordChar(needle.front());
            const bool endsWord
                = after == haystack.size() || !isWordChar(haystack.at(after)) || !isWordChar(needle.back());
            if (startsWord && endsWord) {
                return true;
            }
        }
        reason = result.filter.isEmpty()
            ? QStringLiteral("no filter is set")
            : QStringLiteral("the filter (%1) does not contain %2").arg(result.filter.toQuery(), check.expression);
        return false;
    }
    case Kind::TimeRangeWithin: {
        std::int64_t from = check.from;
        std::int64_t to = check.to;
        if (!check.stage.isEmpty()) {
            const LabStage* stage = lab ? lab->stage(check.stage) : nullptr;
            if (!stage) {
                reason = QStringLiteral("stage %1 is not part of the lab").arg(check.stage);
                return false;
            }
            from = stage->start;
            to = stage->end;
        }
        const auto range = result.filter.timeRange();
        if (!range) {
            reason = QStringLiteral("no time range is set");
            return false;
        }
        if (range->first < from || range->second > to) {
            reason = QStringLiteral("the time range is not within the stage's window");
            return false;
        }
        return true;
    }
    case Kind::MinRows:
        if (shown < static_cast<std::uint64_t>(check.count)) {
            reason = QStringLiteral("%1 records are shown").arg(number(shown));
            return false;
        }
        return true;
    case Kind::MaxRows:
        if (shown > static_cast<std::uint64_t>(check.count)) {
            reason = QStringLiteral("%1 records are shown").arg(number(shown));
            return false;
        }
        return true;
    case Kind::Finding:
        if (!result.findingsComputed) {
            reason = QStringLiteral("the findings are not computed yet");
            return false;
        }
        for (const Finding& f : result.findings) {
            if (f.kind == check.expression) {
                return true;
            }
        }
        reason = QStringLiteral("no %1 finding among the %2 listed").arg(check.expression).arg(result.findings.size());
        return false;
    }
    return false;
}

CheckOutcome WalkthroughChecker::evaluate(
    const WalkthroughStep& step, const InvestigationResult& result, const LabManifest* lab)
{
    CheckOutcome outcome;
    if (result.loading) {
        outcome.reason = QStringLiteral("the records are still loading");
        outcome.hint = step.hint;
        return outcome;
    }
    for (std::size_t i = 0; i < step.checks.size(); ++i) {
        QString reason;
        if (!holds(step.checks[i], result, lab, reason)) {
            outcome.failedIndex = static_cast<int>(i);
            outcome.reason = reason;
            outcome.hint = step.checks[i].hint.isEmpty() ? step.hint : step.checks[i].hint;
            return outcome;
        }
    }
    outcome.passed = true;
    return outcome;
}

} // namespace flowlens
