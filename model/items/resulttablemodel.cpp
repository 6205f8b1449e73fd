#include "resulttablemodel.h"

#include "valueformatter.h"

#include <QLocale>

namespace flowlens {

ResultTableModel::ResultTableModel(std::vector<const char*> headers, QObject* parent)
    : QAbstractTableModel(parent)
    , m_headers(std::move(headers))
{
}

void ResultTableModel::setResult(std::shared_ptr<const InvestigationResult> result)
{
    beginResetModel();
    m_result = std::move(result);
    endResetModel();
}

int ResultTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_result ? 0 : static_cast<int>(resultRows());
}

int ResultTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_headers.size());
}

QVariant ResultTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0
        || section >= static_cast<int>(m_headers.size())) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    return tr(m_headers[static_cast<std::size_t>(section)]);
}

QVariant ResultTableModel::cellData(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const int row = index.row();
    const int column = index.column();
    switch (role) {
    case kSortRole:
        if (const auto address = addressAt(row, column)) {
            const auto bytes = m_result->store->address(*address).bytes;
            return QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()));
        }
        return rawValue(row, column);
    case kRawValueRole:
        return rawValue(row, column);
    case Qt::DisplayRole:
        return displayValue(row, column, rawValue(row, column));
    case Qt::TextAlignmentRole:
        return cellFormat(column) == CellFormat::Text ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant ResultTableModel::rawValue(int, int) const
{
    return {};
}

std::optional<AddressId> ResultTableModel::addressAt(int, int) const
{
    return std::nullopt;
}

ResultTableModel::CellFormat ResultTableModel::cellFormat(int) const
{
    return CellFormat::Text;
}

QVariant ResultTableModel::displayValue(int, int column, const QVariant& raw) const
{
    switch (cellFormat(column)) {
    case CellFormat::Bytes:
        return ValueFormatter::bytes(raw.toULongLong());
    case CellFormat::Count:
        return QLocale().toString(raw.toULongLong());
    case CellFormat::Text:
        break;
    }
    return raw;
}

} // namespace flowlens
