#pragma once

#include "analysis/timehistogram.h"
#include "filterlibrary.h"
#include "filterstate.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace flowlens {

class FlowStore;

// A filter clause as the file keeps it: values as text ("REJECT", "10.0.0.5"), not as the store's
// ids, so it means the same after the sources are read again.
struct ClauseSpec {
    FilterClause::Kind kind = FilterClause::Kind::Equals;
    FieldId field = FieldId::Action;
    std::optional<QString> value; // Equals/NotEquals (nullopt: the field is '-'); Host: the address
    QString other; // Conversation: the two addresses are value and other
    std::int64_t protocol = kNull; // Conversation
    std::int64_t from = 0; // TimeRange
    std::int64_t to = 0;

    bool operator==(const ClauseSpec&) const = default;
};

// A filter state as the file keeps it: the clauses and the filter bar's expression.
struct FilterSpec {
    std::vector<ClauseSpec> clauses;
    QString expression; // empty: none

    static FilterSpec of(const FilterState& state, const FlowStore& store);
    // The state over `store`. A clause whose value no record has is left out and said in `problems`;
    // so is an expression that no longer compiles.
    FilterState resolve(const std::shared_ptr<const FlowStore>& store, QStringList& problems) const;

    bool operator==(const FilterSpec&) const = default;
};

// An investigation saved to a `.flowlens` file (JSON, versioned): the sources, the filter with its
// back/forward history, the filter bar's recent expressions and saved filters, the table's columns
// and sort, the timeline options and the result pane's query. Never a credential: nothing here
// comes from the AWS configuration.
struct InvestigationFile {
    static constexpr int kVersion = 1;
    static constexpr const char* kFormat = "flowlens-investigation";

    QStringList sources; // absolute paths, in the order they were opened
    std::vector<FilterSpec> history; // back/forward states, oldest first; never empty
    std::size_t position = 0; // the current state in `history`
    QStringList recentExpressions;
    std::vector<SavedFilter> savedFilters;
    QStringList columnLayout; // RecordTableView::columnLayout()
    QString sortField; // Insights name; empty: store order
    bool sortDescending = false;
    HistogramOptions histogram;
    bool logScale = false;
    QString query; // the query whose table the result pane showed; empty: none

    InvestigationFile();
    const FilterSpec& filter() const { return history[position]; }

    QByteArray toJson() const;
    // The file, or nullopt and `error` saying what is wrong and where ("history.states[1].clauses[0]:
    // unknown kind \"between\"", "written by a newer FlowLens (format version 3; this one reads 1)").
    static std::optional<InvestigationFile> fromJson(const QByteArray& json, QString& error);
    // Atomically (QSaveFile): a failed save leaves the previous file as it was.
    bool write(const QString& path, QString& error) const;
    static std::optional<InvestigationFile> read(const QString& path, QString& error);
};

} // namespace flowlens
