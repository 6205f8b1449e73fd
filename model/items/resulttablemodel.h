#pragma once

#include "investigation/investigationresult.h"

#include <QAbstractTableModel>
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
    // headers: untranslated (QT_TR_NOOP) column titles, one per column.
    ResultTableModel(std::vector<const char*> headers, QObject* parent);
    // The rows the result has for this table; called only when there is a result.
    virtual std::size_t resultRows() const = 0;

private:
    std::vector<const char*> m_headers;
    std::shared_ptr<const InvestigationResult> m_result;
};

} // namespace flowlens
