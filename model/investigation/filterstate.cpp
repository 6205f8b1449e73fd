#include "filterstate.h"

#include "analysis/chunkparallel.h"

#include <QStringList>
#include <algorithm>

namespace flowlens {

FilterState FilterState::with(const FilterClause& clause) const
{
    FilterState next = *this;
    std::erase_if(next.clauses, [&](const FilterClause& c) { return clause.replaces(c); });
    next.clauses.push_back(clause);
    return next;
}

FilterState FilterState::without(std::size_t index) const
{
    FilterState next = *this;
    if (index < next.clauses.size()) {
        next.clauses.erase(next.clauses.begin() + static_cast<std::ptrdiff_t>(index));
    }
    return next;
}

FilterState FilterState::withoutKind(FilterClause::Kind kind, FieldId field) const
{
    const bool byField = kind == FilterClause::Kind::Equals || kind == FilterClause::Kind::NotEquals;
    FilterState next = *this;
    std::erase_if(
        next.clauses, [&](const FilterClause& c) { return c.kind == kind && (!byField || c.field == field); });
    return next;
}

std::optional<std::pair<std::int64_t, std::int64_t>> FilterState::timeRange() const
{
    for (const FilterClause& c : clauses) {
        if (c.kind == FilterClause::Kind::TimeRange) {
            return std::make_pair(c.from, c.to);
        }
    }
    return std::nullopt;
}

QString FilterState::describe() const
{
    if (isEmpty()) {
        return QStringLiteral("all records");
    }
    QStringList parts;
    for (const FilterClause& c : clauses) {
        parts.append(c.describe());
    }
    if (predicate) {
        parts.append(predicate->text());
    }
    return parts.join(QStringLiteral(", "));
}

QString FilterState::toQuery() const
{
    QStringList parts;
    for (const FilterClause& c : clauses) {
        parts.append(c.toQuery());
    }
    if (predicate) {
        parts.append(QLatin1Char('(') + predicate->text() + QLatin1Char(')'));
    }
    return parts.join(QStringLiteral(" and "));
}

namespace {

struct Buffers {
    std::vector<std::int64_t> a = std::vector<std::int64_t>(kChunkRows);
    std::vector<std::int64_t> b = std::vector<std::int64_t>(kChunkRows);
    std::vector<std::int64_t> p = std::vector<std::int64_t>(kChunkRows);
    std::vector<std::uint8_t> keep = std::vector<std::uint8_t>(kChunkRows);
};

// Clears keep[r] for the rows of the chunk the clause rejects.
void applyClause(const Chunk& chunk, const FilterClause& clause, Buffers& buf)
{
    const std::uint32_t n = chunk.rowCount();
    using Kind = FilterClause::Kind;
    switch (clause.kind) {
    case Kind::Equals:
    case Kind::NotEquals: {
        chunk.decode(clause.field, 0, n, buf.a.data());
        const bool want = clause.kind == Kind::Equals;
        for (std::uint32_t r = 0; r < n; ++r) {
            buf.keep[r] &= static_cast<std::uint8_t>((buf.a[r] == clause.value) == want);
        }
        return;
    }
    case Kind::TimeRange:
        chunk.decode(FieldId::Start, 0, n, buf.a.data());
        for (std::uint32_t r = 0; r < n; ++r) {
            const std::int64_t t = buf.a[r];
            buf.keep[r] &= static_cast<std::uint8_t>(t != kNull && t >= clause.from && t < clause.to);
        }
        return;
    case Kind::Host:
        chunk.decode(FieldId::SrcAddr, 0, n, buf.a.data());
        chunk.decode(FieldId::DstAddr, 0, n, buf.b.data());
        for (std::uint32_t r = 0; r < n; ++r) {
            buf.keep[r] &= static_cast<std::uint8_t>(buf.a[r] == clause.value || buf.b[r] == clause.value);
        }
        return;
    case Kind::Conversation:
        chunk.decode(FieldId::SrcAddr, 0, n, buf.a.data());
        chunk.decode(FieldId::DstAddr, 0, n, buf.b.data());
        if (clause.protocol != kNull) {
            chunk.decode(FieldId::Protocol, 0, n, buf.p.data());
        }
        for (std::uint32_t r = 0; r < n; ++r) {
            const bool pair = (buf.a[r] == clause.value && buf.b[r] == clause.other)
                || (buf.a[r] == clause.other && buf.b[r] == clause.value);
            const bool protocol = clause.protocol == kNull || buf.p[r] == clause.protocol;
            buf.keep[r] &= static_cast<std::uint8_t>(pair && protocol);
        }
        return;
    }
}

} // namespace

Selection evaluateFilter(const FlowStore::Snapshot& snapshot, const FilterState& filter)
{
    Selection selection = Selection::all(snapshot);
    if (filter.isEmpty()) {
        return selection;
    }
    forEachChunkParallel<Buffers>(
        snapshot.chunks.size(), [] { return Buffers {}; },
        [&](std::size_t c, Buffers& buf) {
            const Chunk& chunk = *snapshot.chunks[c];
            const std::uint32_t n = chunk.rowCount();
            Selection::ChunkRows& rows = selection.chunk(c);
            if (!filter.clauses.empty()) {
                std::fill(buf.keep.begin(), buf.keep.begin() + n, std::uint8_t { 1 });
                for (const FilterClause& clause : filter.clauses) {
                    applyClause(chunk, clause, buf);
                }
                rows.all = false;
                rows.bits.assign((n + 63) / 64, 0);
                rows.count = 0;
                for (std::uint32_t r = 0; r < n; ++r) {
                    if (buf.keep[r] != 0) {
                        rows.bits[r / 64] |= std::uint64_t { 1 } << (r % 64);
                        ++rows.count;
                    }
                }
                if (rows.count == n) {
                    rows.all = true;
                    rows.bits.clear();
                }
            }
            if (filter.predicate) {
                if (rows.all) {
                    rows.all = false;
                    rows.bits.assign((n + 63) / 64, ~std::uint64_t { 0 });
                    if (n % 64 != 0) {
                        rows.bits.back() = (std::uint64_t { 1 } << (n % 64)) - 1;
                    }
                }
                filter.predicate->narrow(snapshot, c, rows);
            }
        });
    return selection;
}

} // namespace flowlens
