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
    const double share = result()->selectedBytes > 0 ? double(r.bytesOut) / double(result()->selectedBytes) : 0.0;
    QVariant raw;
    switch (index.column()) {
    case AddressColumn:
        raw = QString::fromStdString(result()->store->address(r.address).toString());
        break;
    case TotalBytesColumn:
        raw = qulonglong(r.totalBytes());
        break;
    case ShareColumn:
        raw = share;
        break;
    case BytesOutColumn:
        raw = qulonglong(r.bytesOut);
        break;
    case BytesInColumn:
        raw = qulonglong(r.bytesIn);
        break;
    case PacketsOutColumn:
        raw = qulonglong(r.packetsOut);
        break;
    case PacketsInColumn:
        raw = qulonglong(r.packetsIn);
        break;
    case RecordsColumn:
        raw = qulonglong(r.records);
        break;
    case RejectsColumn:
        raw = qulonglong(r.rejects);
        break;
    case PeersColumn:
        raw = r.peers;
        break;
    case DstPortsColumn:
        raw = r.dstPorts;
        break;
    default:
        return {};
    }
    switch (role) {
    case SortRole:
    case RawValueRole:
        if (index.column() == AddressColumn && role == SortRole) {
            const auto bytes = result()->store->address(r.address).bytes;
            return QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()));
        }
        return raw;
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
    case Qt::DisplayRole:
        switch (index.column()) {
        case AddressColumn:
            return raw;
        case TotalBytesColumn:
        case BytesOutColumn:
        case BytesInColumn:
            return ValueFormatter::bytes(raw.toULongLong());
        case ShareColumn:
            return QStringLiteral("%1 %").arg(share * 100.0, 0, 'f', 1);
        default:
            return QLocale().toString(raw.toULongLong());
        }
    case Qt::ToolTipRole:
        return index.column() == AddressColumn ? tr("Double-click to filter on this host; right-click for more")
                                               : raw.toString();
    case Qt::TextAlignmentRole:
        return index.column() == AddressColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

} // namespace flowlens
