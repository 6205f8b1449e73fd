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
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const ConversationRow& r = conversationAt(index.row());
    const FlowStore& store = *result()->store;
    const int column = index.column();
    if (role == SortRole && (column == AddressAColumn || column == AddressBColumn)) {
        const auto bytes = store.address(column == AddressAColumn ? r.a : r.b).bytes;
        return QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()));
    }
    QVariant raw;
    switch (column) {
    case AddressAColumn:
        raw = QString::fromStdString(store.address(r.a).toString());
        break;
    case AddressBColumn:
        raw = QString::fromStdString(store.address(r.b).toString());
        break;
    case ProtocolColumn:
        raw = r.protocol == kNull ? QVariant() : QVariant(qlonglong(r.protocol));
        break;
    case BytesAtoBColumn:
        raw = qulonglong(r.bytesAtoB);
        break;
    case BytesBtoAColumn:
        raw = qulonglong(r.bytesBtoA);
        break;
    case TotalBytesColumn:
        raw = qulonglong(r.totalBytes());
        break;
    case RecordsColumn:
        raw = qulonglong(r.recordsAtoB + r.recordsBtoA);
        break;
    case RejectsColumn:
        raw = qulonglong(r.rejects);
        break;
    case FirstSeenColumn:
        raw = r.firstSeen == kNull ? QVariant() : QVariant(qlonglong(r.firstSeen));
        break;
    case DurationColumn:
        raw = qlonglong(r.durationSeconds());
        break;
    case OneWayColumn:
        raw = r.oneWay();
        break;
    default:
        return {};
    }
    switch (role) {
    case SortRole:
    case RawValueRole:
        return raw;
    case Qt::DisplayRole:
        switch (column) {
        case AddressAColumn:
        case AddressBColumn:
            return raw;
        case ProtocolColumn: {
            const QString name = ValueFormatter::protocolName(raw.toLongLong());
            return raw.isNull() ? QStringLiteral("-") : name.isEmpty() ? raw.toString() : name;
        }
        case BytesAtoBColumn:
        case BytesBtoAColumn:
        case TotalBytesColumn:
            return ValueFormatter::bytes(raw.toULongLong());
        case FirstSeenColumn:
            return raw.isNull() ? QStringLiteral("-") : ValueFormatter::time(raw.toLongLong(), m_localTime);
        case DurationColumn:
            return QStringLiteral("%1 s").arg(QLocale().toString(raw.toLongLong()));
        case OneWayColumn:
            return r.oneWay() ? tr("one way") : QString();
        default:
            return QLocale().toString(raw.toULongLong());
        }
    case Qt::ToolTipRole:
        return tr("Double-click to filter on this conversation (both directions)");
    case Qt::TextAlignmentRole:
        return column <= ProtocolColumn || column == FirstSeenColumn || column == OneWayColumn
            ? QVariant()
            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

} // namespace flowlens
