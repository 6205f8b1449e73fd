#pragma once

#include "resulttablemodel.h"

namespace flowlens {

// Conversations of the current selection (most bytes first): the Conversations tab.
class ConversationTableModel : public ResultTableModel {
    Q_OBJECT
public:
    enum Column {
        AddressAColumn,
        AddressBColumn,
        ProtocolColumn,
        BytesAtoBColumn,
        BytesBtoAColumn,
        TotalBytesColumn,
        RecordsColumn,
        RejectsColumn,
        FirstSeenColumn,
        DurationColumn,
        OneWayColumn,
        ColumnCount
    };
    enum Role { SortRole = kSortRole, RawValueRole = kRawValueRole };

    explicit ConversationTableModel(QObject* parent = nullptr);

    void setLocalTime(bool local);
    const ConversationRow& conversationAt(int row) const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    std::size_t resultRows() const override;
    QVariant rawValue(int row, int column) const override;
    std::optional<AddressId> addressAt(int row, int column) const override;
    CellFormat cellFormat(int column) const override;
    QVariant displayValue(int row, int column, const QVariant& raw) const override;

    bool m_localTime = false;
};

} // namespace flowlens
