#pragma once

#include "store/flowstore.h"

#include <QAbstractTableModel>
#include <algorithm>
#include <vector>

namespace flowlens {

// The records table: one row per visible record, one column per field the store has. Holds only
// the visible row ids; cells are formatted from the columns when a view asks.
class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        SortRole = Qt::UserRole, // the raw number (or text) to sort by
        RawValueRole, // the cell as the record text had it ("-" for null)
        RowIdRole, // RowId::value
    };

    explicit RecordTableModel(const FlowStore& store, QObject* parent = nullptr);

    // Picks up rows and fields the store gained since the last call (during a load).
    void refresh();
    void clear();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    FieldId fieldAt(int column) const { return m_fields[static_cast<std::size_t>(column)]; }
    RowId rowIdAt(int row) const { return m_rows[static_cast<std::size_t>(row)]; }

private:
    const FlowStore& m_store;
    FlowStore::Snapshot m_snapshot;
    std::vector<RowId> m_rows;
    std::vector<FieldId> m_fields;
};

} // namespace flowlens
