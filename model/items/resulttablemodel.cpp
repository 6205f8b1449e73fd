#include "resulttablemodel.h"

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

} // namespace flowlens
