#pragma once

#include "resulttablemodel.h"

namespace flowlens {

// Findings of the current selection, most severe first: the Findings tab.
class FindingTableModel : public ResultTableModel {
    Q_OBJECT
public:
    enum Column { SeverityColumn, TitleColumn, EvidenceColumn, GuardDutyColumn, KindColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole, RawValueRole };

    explicit FindingTableModel(QObject* parent = nullptr);

    const Finding& findingAt(int row) const;
    bool isComputed() const { return result() && result()->findingsComputed; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    std::size_t resultRows() const override;
};

} // namespace flowlens
