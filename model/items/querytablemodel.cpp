#include "querytablemodel.h"

#include <QLocale>

namespace flowlens {

QueryTableModel::QueryTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void QueryTableModel::setTable(QueryTable table)
{
    beginResetModel();
    m_table = std::move(table);
    m_numeric.assign(static_cast<std::size_t>(m_table.columnCount()), true);
    m_times.assign(static_cast<std::size_t>(m_table.columnCount()), true);
    for (const QVariantList& row : m_table.rows) {
        for (int c = 0; c < m_table.columnCount(); ++c) {
            if (row[c].isValid() && !QueryTable::number(row[c])) {
                m_numeric[static_cast<std::size_t>(c)] = false;
            }
            if (row[c].isValid() && !QueryTable::time(row[c])) {
                m_times[static_cast<std::size_t>(c)] = false;
            }
        }
    }
    endResetModel();
}

int QueryTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_table.rowCount();
}

int QueryTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_table.columnCount();
}

QVariant QueryTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const QVariant& cell = m_table.rows[static_cast<std::size_t>(index.row())][index.column()];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return QueryTable::text(cell);
    case Qt::TextAlignmentRole:
        return m_numeric[static_cast<std::size_t>(index.column())] ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole: {
        // One type per column, so the proxy compares like with like; null (invalid) sorts last.
        const auto c = static_cast<std::size_t>(index.column());
        if (!cell.isValid()) {
            return {};
        }
        if (m_times[c]) {
            return static_cast<double>(QueryTable::time(cell).value_or(0));
        }
        if (m_numeric[c]) {
            return QueryTable::number(cell).value_or(0);
        }
        return QueryTable::text(cell);
    }
    case RawValueRole:
        if (cell.typeId() == QMetaType::LongLong || cell.typeId() == QMetaType::Double
            || cell.typeId() == QMetaType::Bool) {
            return cell;
        }
        return cell.isValid() ? QVariant(QueryTable::text(cell)) : QVariant();
    default:
        return {};
    }
}

QVariant QueryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < m_table.columnCount()) {
        return m_table.columns[section];
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace flowlens
