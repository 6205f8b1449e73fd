#pragma once

#include "resulttablemodel.h"

namespace flowlens {

// Endpoints of the current selection (most bytes first): the Endpoints and Top talkers tabs.
class EndpointTableModel : public ResultTableModel {
    Q_OBJECT
public:
    enum Column {
        AddressColumn,
        TotalBytesColumn,
        ShareColumn,
        BytesOutColumn,
        BytesInColumn,
        PacketsOutColumn,
        PacketsInColumn,
        RecordsColumn,
        RejectsColumn,
        PeersColumn,
        DstPortsColumn,
        ColumnCount
    };
    enum Role { SortRole = kSortRole, RawValueRole = kRawValueRole, AddressIdRole, FractionRole };

    // limit 0: every endpoint of the result.
    explicit EndpointTableModel(std::size_t limit = 0, QObject* parent = nullptr);

    std::int64_t addressAt(int row) const;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    std::size_t resultRows() const override;
    QVariant rawValue(int row, int column) const override;
    std::optional<AddressId> addressAt(int row, int column) const override;
    CellFormat cellFormat(int column) const override;
    QVariant displayValue(int row, int column, const QVariant& raw) const override;
    double shareAt(int row) const; // of the selection's bytes, sent by this endpoint

    std::size_t m_limit;
};

} // namespace flowlens
