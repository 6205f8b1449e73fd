#pragma once

#include "store/flowstore.h"

#include <QString>
#include <functional>
#include <memory>
#include <vector>

class QIODevice;

namespace flowlens {

// Writes records (the table's rows, in its order, its visible columns) as CSV or JSON from an
// immutable snapshot, so it can run on a worker thread while the window goes on changing.
// CSV: a header of field names, then the record values as the flow log had them, empty for '-'.
// JSON: an array of objects keyed by field name; numbers as numbers, '-' as null.
class RecordExport {
public:
    enum class Format { Csv, Json };
    // Called now and then with rows written and rows in all; returning false stops the export.
    using Progress = std::function<bool(std::size_t done, std::size_t total)>;

    RecordExport(std::shared_ptr<const FlowStore> store, FlowStore::Snapshot snapshot,
        std::shared_ptr<const std::vector<RowId>> rows, std::vector<FieldId> fields);

    static Format formatFor(const QString& path); // .json → JSON, anything else CSV
    std::size_t rowCount() const { return m_rows ? m_rows->size() : 0; }

    // false when stopped by `progress` (error empty) or when a write failed (error says why).
    bool write(QIODevice& out, Format format, const Progress& progress, QString& error) const;

private:
    std::shared_ptr<const FlowStore> m_store;
    FlowStore::Snapshot m_snapshot;
    std::shared_ptr<const std::vector<RowId>> m_rows;
    std::vector<FieldId> m_fields;
};

} // namespace flowlens
