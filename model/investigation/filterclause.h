#pragma once

#include "schema/field.h"
#include "store/ids.h"

#include <QJsonObject>
#include <QString>
#include <cstdint>

namespace flowlens {

class FlowStore;

// One condition of the filter, built by pointing and clicking (a pane, a chart bar, a cell's context
// menu). Values are the store's raw column values (dictionary ids, address ids, numbers; kNull for
// '-'), so evaluating a clause never touches text. `text` keeps the value as the user saw it, for
// captions and for the equivalent query expression.
struct FilterClause {
    enum class Kind {
        Equals, // field = value
        NotEquals, // field != value
        TimeRange, // from <= start < to (epoch seconds)
        Host, // srcaddr = value or dstaddr = value
        Conversation, // the two addresses (value, other) in either direction, protocol `protocol` (kNull: any)
    };

    Kind kind = Kind::Equals;
    FieldId field = FieldId::Action;
    std::int64_t value = kNull;
    std::int64_t other = kNull; // Conversation: the second address; TimeRange: unused
    std::int64_t protocol = kNull; // Conversation only
    std::int64_t from = 0; // TimeRange
    std::int64_t to = 0; // TimeRange, exclusive
    QString text; // the value as shown: "REJECT", "10.0.0.5"; Conversation: "10.0.0.5 ↔ 10.0.0.7"

    static FilterClause equals(const FlowStore& store, FieldId field, std::int64_t value);
    static FilterClause notEquals(const FlowStore& store, FieldId field, std::int64_t value);
    static FilterClause timeRange(std::int64_t from, std::int64_t to);
    static FilterClause host(const FlowStore& store, std::int64_t address);
    static FilterClause conversation(const FlowStore& store, std::int64_t a, std::int64_t b, std::int64_t protocol);

    // Whether this clause and `other` constrain the same thing, so the newer replaces the older
    // (a second click on "action" replaces the first; an exclusion adds up).
    bool replaces(const FilterClause& other) const;

    // For people: "action = REJECT", "time 12:00–12:05 UTC", "host 10.0.0.5".
    QString describe() const;
    // The same condition in the query language (the filter bar's language, Logs Insights syntax).
    QString toQuery() const;

    QJsonObject toJson() const;

    bool operator==(const FilterClause&) const = default;
};

} // namespace flowlens
