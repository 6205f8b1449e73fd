#pragma once

#include "schema/field.h"

#include <QString>
#include <QStringList>
#include <array>
#include <bitset>
#include <cstdint>
#include <vector>

namespace flowlens {

class FlowStore;

// What completion may offer for a loaded store: the fields its records have and, for the fields
// people filter on (actions, protocols, addresses, ports, interfaces, VPCs …), their most frequent
// values with record counts. Computed once per load, off the GUI thread.
struct FieldVocabulary {
    struct Value {
        QString text; // as the record had it: "REJECT", "10.0.0.5", "22"
        std::uint64_t count = 0;
    };
    std::bitset<FieldCount> present;
    std::array<std::vector<Value>, FieldCount> values; // most frequent first

    static constexpr std::size_t kValuesPerField = 12;
    // Counts every record of the store (nulls are not offered).
    static FieldVocabulary compute(const FlowStore& store, std::size_t limit = kValuesPerField);
    // The fields whose values are worth offering: text and address fields, and a few small integers
    // (version, ports, protocol, TCP flags) — not bytes, packets or times.
    static bool offersValues(FieldId field);
};

// One thing the completion popup offers, and what choosing it writes.
struct CompletionItem {
    QString label; // shown: "dstPort", "22 — 6,712 records"
    QString insertion; // replaces the text being completed: "dstPort", "22", "\"REJECT\""
};

// Completion for the filter bar: looks at the text before the cursor and offers field names (and
// the functions and commands of the language) where a name goes, or the common values of the field
// compared against (after `=`, `!=`, `<`, `like`, `in [`, or an opening quote).
struct Completions {
    enum class Kind { None, Name, Value };
    Kind kind = Kind::None;
    FieldId field = FieldId::Count; // Value: whose values
    int from = 0; // the text to replace: [from, from + length)
    int length = 0;
    QString prefix; // what was typed of it (without a quote)
    std::vector<CompletionItem> items;

    static Completions at(const QString& text, int cursor, const FieldVocabulary& vocabulary);
    // `text` with the item written in place of [from, from + length); `cursor` is set after it.
    QString apply(const QString& text, const CompletionItem& item, int& cursor) const;
};

} // namespace flowlens
