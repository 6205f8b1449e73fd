#pragma once

#include "investigation/filterclause.h"

#include <QStringList>
#include <QTableView>

namespace flowlens {

class RecordTableModel;
class ValueMenu;

// The records table: uniform rows so millions of them scroll smoothly; a header menu to show,
// hide and reorder columns (remembered by field name); a cell menu to filter on or exclude a value,
// a conversation or a host; copy of the selected rows as CSV or JSON; the raw record line on demand.
class RecordTableView : public QTableView {
    Q_OBJECT
public:
    explicit RecordTableView(QWidget* parent = nullptr);

    void setRecordModel(RecordTableModel* model);
    RecordTableModel* recordModel() const { return m_model; }

    // Visible columns in visual order, and hidden ones, by Insights field name.
    QStringList columnLayout() const;
    void setColumnLayout(const QStringList& layout);

    // The selected rows (or the current one) as CSV or JSON, visible columns in visual order.
    QString selectedRowsAsCsv() const;
    QString selectedRowsAsJson() const;
    std::vector<int> visibleColumns() const;
    // Reads the record's line from its file on a worker thread and shows it.
    void showRawLine(int row);

Q_SIGNALS:
    void filterRequested(const flowlens::FilterClause& clause);
    void endpointRequested(qint64 address);
    void explainRequested(int row); // "Explain Reachability" on a record
    void containRequested(qint64 address); // "Block … with Network ACL Rules" on an address cell
    void rawLineShown(const QString& provenance, const QString& text); // for tests

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void showHeaderMenu(const QPoint& position);
    void showCellMenu(const QPoint& position);
    void applyColumnLayout();
    std::vector<int> selectedRows() const;

    RecordTableModel* m_model = nullptr;
    ValueMenu* m_menu;
    QStringList m_layout; // see columnLayout(); "-name" marks a hidden column
};

} // namespace flowlens
