#include "plaintable.h"

#include <QLocale>
#include <algorithm>
#include <cmath>

namespace flowlens {

QVariant PlainTable::typed(const QString& text)
{
    if (text.isEmpty()) {
        return {};
    }
    bool ok = false;
    const double number = text.toDouble(&ok);
    if (ok && std::isfinite(number)) {
        return number;
    }
    return text;
}

bool PlainTable::isNumericColumn(int column) const
{
    bool any = false;
    for (const QVariantList& row : rows) {
        const QVariant& v = row.value(column);
        if (!v.isValid()) {
            continue;
        }
        if (v.typeId() != QMetaType::Double) {
            return false;
        }
        any = true;
    }
    return any;
}

PlainTableModel::PlainTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void PlainTableModel::setTable(PlainTable table)
{
    beginResetModel();
    m_table = std::move(table);
    endResetModel();
}

int PlainTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.rows.size());
}

int PlainTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.columns.size());
}

QVariant PlainTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) {
        return {};
    }
    const QVariant& value = m_table.rows[static_cast<std::size_t>(index.row())].value(index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (value.typeId() == QMetaType::Double) {
            const double d = value.toDouble();
            // Counts and sums are whole numbers: no ".0", no exponent.
            return d == std::floor(d) && std::fabs(d) < 9e15 ? QString::number(static_cast<qint64>(d))
                                                             : QString::number(d, 'g', 12);
        }
        return value.toString();
    case Qt::TextAlignmentRole:
        return value.typeId() == QMetaType::Double ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case SortRole:
    case RawValueRole:
        return value;
    default:
        return {};
    }
}

QVariant PlainTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole) {
        return {};
    }
    if (orientation == Qt::Vertical) {
        return section + 1;
    }
    return m_table.columns.value(section);
}

void PlainTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCount()) {
        return;
    }
    beginResetModel(); // small tables: no persistent indexes worth keeping
    std::stable_sort(m_table.rows.begin(), m_table.rows.end(), [&](const QVariantList& a, const QVariantList& b) {
        const QVariant& x = a.value(column);
        const QVariant& y = b.value(column);
        if (!x.isValid() || !y.isValid()) {
            return order == Qt::AscendingOrder ? (!x.isValid() && y.isValid()) : (x.isValid() && !y.isValid());
        }
        const QPartialOrdering c = QVariant::compare(x, y);
        return order == Qt::AscendingOrder ? c == QPartialOrdering::Less : c == QPartialOrdering::Greater;
    });
    endResetModel();
}

} // namespace flowlens
