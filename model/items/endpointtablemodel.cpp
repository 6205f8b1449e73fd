#include "endpointtablemodel.h"

#include "valueformatter.h"

#include <QLocale>

namespace flowlens {

EndpointTableModel::EndpointTableModel(std::size_t limit, QObject* parent)
    : ResultTableModel({ QT_TR_NOOP("Address"), QT_TR_NOOP("Bytes"), QT_TR_NOOP("Share sent"), QT_TR_NOOP("Bytes out"),
                           QT_TR_NOOP("Bytes in"), QT_TR_NOOP("Packets out"), QT_TR_NOOP("Packets in"),
                           QT_TR_NOOP("Records"), QT_TR_NOOP("Rejects"), QT_TR_NOOP("Peers"), QT_TR_NOOP("Dst ports") },
        parent)
    , m_limit(limit)
{
}

std::size_t EndpointTableModel::resultRows() const
{
    const std::size_t n = result()->endpoints.rows.size();
    return m_limit > 0 ? std::min(n, m_limit) : n;
}

std::int64_t EndpointTableModel::addressAt(int row) const
{
    return result()->endpoints.rows[static_cast<std::size_t>(row)].address.value;
}

QVariant EndpointTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const EndpointRow& r = result()->endpoints.rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case AddressIdRole:
        return qlonglong(r.address.value);
    case FractionRole: {
        // The bar: bytes sent relative to the biggest sender of the rows shown.
        if (index.column() != ShareColumn) {
            return {};
        }
        std::uint64_t top = 0;
        for (std::size_t i = 0; i < resultRows(); ++i) {
            top = std::max(top, result()->endpoints.rows[i].bytesOut);
        }
        return top > 0 ? double(r.bytesOut) / double(top) : 0.0;
    }
    case Qt::ToolTipRole:
        return index.column() == AddressColumn ? tr("Double-click to filter on this host; right-click for more")
                                               : rawValue(index.row(), index.column()).toString();
    default:
        return cellData(index, role);
    }
}

std::optional<AddressId> EndpointTableModel::addressAt(int row, int column) const
{
    if (column != AddressColumn) {
        return std::nullopt;
    }
    return result()->endpoints.rows[static_cast<std::size_t>(row)].address;
}

double EndpointTableModel::shareAt(int row) const
{
    const EndpointRow& r = result()->endpoints.rows[static_cast<std::size_t>(row)];
    return result()->selectedBytes > 0 ? double(r.bytesOut) / double(result()->selectedBytes) : 0.0;
}

QVariant EndpointTableModel::rawValue(int row, int column) const
{
    const EndpointRow& r = result()->endpoints.rows[static_cast<std::size_t>(row)];
    switch (column) {
    case AddressColumn:
        return QString::fromStdString(result()->store->address(r.address).toString());
    case TotalBytesColumn:
        return qulonglong(r.totalBytes());
    case ShareColumn:
        return shareAt(row);
    case BytesOutColumn:
        return qulonglong(r.bytesOut);
    case BytesInColumn:
        return qulonglong(r.bytesIn);
    case PacketsOutColumn:
        return qulonglong(r.packetsOut);
    case PacketsInColumn:
        return qulonglong(r.packetsIn);
    case RecordsColumn:
        return qulonglong(r.records);
    case RejectsColumn:
        return qulonglong(r.rejects);
    case PeersColumn:
        return r.peers;
    case DstPortsColumn:
        return r.dstPorts;
    default:
        return {};
    }
}

ResultTableModel::CellFormat EndpointTableModel::cellFormat(int column) const
{
    switch (column) {
    case AddressColumn:
        return CellFormat::Text;
    case TotalBytesColumn:
    case BytesOutColumn:
    case BytesInColumn:
        return CellFormat::Bytes;
    default:
        return CellFormat::Count;
    }
}

QVariant EndpointTableModel::displayValue(int row, int column, const QVariant& raw) const
{
    if (column == ShareColumn) {
        return QStringLiteral("%1 %").arg(shareAt(row) * 100.0, 0, 'f', 1);
    }
    return ResultTableModel::displayValue(row, column, raw);
}

} // namespace flowlens
