#pragma once

#include "filterclause.h"
#include "rowpredicate.h"

#include <QString>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace flowlens {

// What the investigation currently looks at: clauses from the panes, and/or an expression the
// query engine compiled (not part of this build yet: `predicate` stays null until it lands). A
// record is selected when every clause and the predicate accept it.
struct FilterState {
    std::vector<FilterClause> clauses;
    std::shared_ptr<const RowPredicate> predicate;

    bool isEmpty() const { return clauses.empty() && !predicate; }
    // Adds the clause, replacing one that constrains the same thing (see FilterClause::replaces).
    FilterState with(const FilterClause& clause) const;
    FilterState without(std::size_t index) const;
    // Without the clauses of `kind` (and, for Equals/NotEquals, on `field`).
    FilterState withoutKind(FilterClause::Kind kind, FieldId field = FieldId::Action) const;
    // The time range clause, when there is one.
    std::optional<std::pair<std::int64_t, std::int64_t>> timeRange() const;

    QString describe() const; // "action = REJECT, dstPort = 22"; "all records" when empty
    QString toQuery() const; // "action = \"REJECT\" and dstPort = 22"

    // Equal clauses and the same predicate object.
    bool operator==(const FilterState& other) const { return clauses == other.clauses && predicate == other.predicate; }
};

// Evaluates a filter over a snapshot, every chunk in parallel.
Selection evaluateFilter(const FlowStore::Snapshot& snapshot, const FilterState& filter);

} // namespace flowlens
