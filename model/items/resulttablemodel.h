#pragma once

#include "investigation/investigationresult.h"

#include <QAbstractTableModel>
#include <optional>
#include <vector>

namespace flowlens {

// Base of the statistics tables: holds the investigation result they show, and their headers.
class ResultTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    void setResult(std::shared_ptr<const InvestigationResult> result);
    const std::shared_ptr<const InvestigationResult>& result() const { return m_result; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    static constexpr int kSortRole = Qt::UserRole;
    static constexpr int kRawValueRole = Qt::UserRole + 1;
    // How a column's raw value shows: as it is (left-aligned), or a byte size or a count (right-aligned).
    enum class CellFormat { Text, Bytes, Count };

    // headers: untranslated (QT_TR_NOOP) column titles, one per column.
    ResultTableModel(std::vector<const char*> headers, QObject* parent);
    // The rows the result has for this table; called only when there is a result.
    virtual std::size_t resultRows() const = 0;

    // For tables of values per row (endpoints, conversations): the sort, raw, display and
    // alignment roles of a cell from rawValue(), addressAt(), cellFormat() and displayValue().
    // An address column sorts by the address's bytes, so 10.0.0.9 comes before 10.0.0.10.
    QVariant cellData(const QModelIndex& index, int role) const;
    virtual QVariant rawValue(int row, int column) const;
    // The address a cell shows, if it shows one.
    virtual std::optional<AddressId> addressAt(int row, int column) const;
    virtual CellFormat cellFormat(int column) const;
    virtual QVariant displayValue(int row, int column, const QVariant& raw) const;

private:
    std::vector<const char*> m_headers;
    std::shared_ptr<const InvestigationResult> m_result;
};

} // namespace flowlens
