#pragma once

#include "querytable.h"

#include <QAbstractTableModel>

namespace flowlens {

// A QueryTable as a Qt table model: the result pane's table (sorted through a proxy by SortRole)
// and its CSV/JSON export (RawValueRole keeps numbers as numbers).
class QueryTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        SortRole = Qt::UserRole, // per column: numbers or times as doubles, else text; null invalid (last)
        RawValueRole, // the cell: numbers as numbers, times and text as the text shown; null invalid
    };

    explicit QueryTableModel(QObject* parent = nullptr);

    void setTable(QueryTable table);
    const QueryTable& table() const { return m_table; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QueryTable m_table;
    std::vector<bool> m_numeric; // per column: every cell reads as a number (right-aligned)
    std::vector<bool> m_times; // per column: every cell reads as a time
};

} // namespace flowlens
