#include "conversationtablemodel.h"

#include "valueformatter.h"

#include <QLocale>

namespace flowlens {

ConversationTableModel::ConversationTableModel(QObject* parent)
    : ResultTableModel(
        { QT_TR_NOOP("Address A"), QT_TR_NOOP("Address B"), QT_TR_NOOP("Protocol"), QT_TR_NOOP("Bytes A→B"),
            QT_TR_NOOP("Bytes B→A"), QT_TR_NOOP("Bytes"), QT_TR_NOOP("Records"), QT_TR_NOOP("Rejects"),
            QT_TR_NOOP("First seen"), QT_TR_NOOP("Duration"), QT_TR_NOOP("One way") },
        parent)
{
}

void ConversationTableModel::setLocalTime(bool local)
{
    m_localTime = local;
    if (rowCount() > 0) {
        Q_EMIT dataChanged(index(0, FirstSeenColumn), index(rowCount() - 1, FirstSeenColumn));
    }
}

std::size_t ConversationTableModel::resultRows() const
{
    return result()->conversations.rows.size();
}

const ConversationRow& ConversationTableModel::conversationAt(int row) const
{
    return result()->conversations.rows[static_cast<std::size_t>(row)];
}

QVariant ConversationTableModel::data(const QModelIndex& index, int role) const
{
    if (role == Qt::ToolTipRole) {
        return checkIndex(index, CheckIndexOption::IndexIsValid)
            ? QVariant(tr("Double-click to filter on this conversation (both directions)"))
            : QVariant();
    }
    return cellData(index, role);
}

std::optional<AddressId> ConversationTableModel::addressAt(int row, int column) const
{
    if (column == AddressAColumn || column == AddressBColumn) {
        const ConversationRow& r = conversationAt(row);
        return column == AddressAColumn ? r.a : r.b;
    }
    return std::nullopt;
}

QVariant ConversationTableModel::rawValue(int row, int column) const
{
    const ConversationRow& r = conversationAt(row);
    switch (column) {
    case AddressAColumn:
    case AddressBColumn:
        return QString::fromStdString(result()->store->address(*addressAt(row, column)).toString());
    case ProtocolColumn:
        return r.protocol == kNull ? QVariant() : QVariant(qlonglong(r.protocol));
    case BytesAtoBColumn:
        return qulonglong(r.bytesAtoB);
    case BytesBtoAColumn:
        return qulonglong(r.bytesBtoA);
    case TotalBytesColumn:
        return qulonglong(r.totalBytes());
    case RecordsColumn:
        return qulonglong(r.recordsAtoB + r.recordsBtoA);
    case RejectsColumn:
        return qulonglong(r.rejects);
    case FirstSeenColumn:
        return r.firstSeen == kNull ? QVariant() : QVariant(qlonglong(r.firstSeen));
    case DurationColumn:
        return qlonglong(r.durationSeconds());
    case OneWayColumn:
        return r.oneWay();
    default:
        return {};
    }
}

ResultTableModel::CellFormat ConversationTableModel::cellFormat(int column) const
{
    switch (column) {
    case BytesAtoBColumn:
    case BytesBtoAColumn:
    case TotalBytesColumn:
        return CellFormat::Bytes;
    case RecordsColumn:
    case RejectsColumn:
    case DurationColumn:
        return CellFormat::Count;
    default:
        return CellFormat::Text;
    }
}

QVariant ConversationTableModel::displayValue(int row, int column, const QVariant& raw) const
{
    switch (column) {
    case ProtocolColumn: {
        const QString name = ValueFormatter::protocolName(raw.toLongLong());
        return raw.isNull() ? QStringLiteral("-") : name.isEmpty() ? raw.toString() : name;
    }
    case FirstSeenColumn:
        return raw.isNull() ? QStringLiteral("-") : ValueFormatter::time(raw.toLongLong(), m_localTime);
    case DurationColumn:
        return QStringLiteral("%1 s").arg(QLocale().toString(raw.toLongLong()));
    case OneWayColumn:
        return conversationAt(row).oneWay() ? tr("one way") : QString();
    default:
        return ResultTableModel::displayValue(row, column, raw);
    }
}

} // namespace flowlens
