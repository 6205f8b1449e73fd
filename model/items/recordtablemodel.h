#pragma once

#include "items/valueformatter.h"
#include "store/flowstore.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QFuture>
#include <QPointer>
#include <QTimer>
#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

namespace flowlens {

// The records table: one row per visible record, one column per field the store has. Holds only
// the visible row ids (shared, never copied) in the current sort order; cells are formatted from
// the columns when a view asks. Sorting runs on a worker thread; the rows shown meanwhile stay.
class RecordTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        SortRole = Qt::UserRole, // the raw number (or text) to sort by
        RawValueRole, // the cell as the record text had it ("-" for null)
        RowIdRole, // RowId::value
        FieldRole, // the column's FieldId, as int
        StoreValueRole, // the store's value (dictionary/address id or number; kNull for '-'), as qlonglong
    };

    explicit RecordTableModel(QObject* parent = nullptr);
    ~RecordTableModel() override;

    // Shows `rows` of `snapshot`. `extends`: the rows continue the ones shown (same filter, a
    // larger snapshot during a load), so they are appended instead of replacing the table.
    // `moreFollow` (a load still running): appended rows may wait so that the views hear of new
    // rows at most once per growthInterval(); the last call of a load (false) shows every row.
    // Appended rows (and the first rows of a load) reach the views in insertions of a bounded
    // size, one per turn of the event loop: see setInsertionBudget().
    void setRows(std::shared_ptr<const FlowStore> store, FlowStore::Snapshot snapshot,
        std::shared_ptr<const std::vector<RowId>> rows, bool extends = false, bool moreFollow = false);
    void setGrowthInterval(int ms) { m_growthInterval = ms; }
    int growthInterval() const { return m_growthInterval; }
    // The GUI-thread time one insertion may take: the number of rows per insertion follows the
    // time the last ones took per row (a vertical header spends tens of nanoseconds per row added;
    // kAssumedNsPerRow until measured), kMinInsertion rows at least. Zero: every row at once.
    void setInsertionBudget(std::chrono::nanoseconds budget) { m_insertionBudget = budget; }
    static constexpr int kMinInsertion = 16384;
    static constexpr double kAssumedNsPerRow = 50;
    // Rows received but not shown yet (waiting for the growth interval or the next insertion).
    bool hasPendingGrowth() const { return m_grownRows != nullptr; }
    void clear();

    void setDisplayOptions(const DisplayOptions& options);
    const DisplayOptions& displayOptions() const { return m_options; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    FieldId fieldAt(int column) const { return m_fields[static_cast<std::size_t>(column)]; }
    int columnOf(FieldId field) const; // -1 when the store does not have it
    RowId rowIdAt(int row) const { return (*m_rows)[static_cast<std::size_t>(row)]; }
    std::int64_t valueAt(int row, FieldId field) const;
    const FlowStore* store() const { return m_store.get(); }
    // What the table shows, for work off the GUI thread (exports): immutable, shared.
    std::shared_ptr<const FlowStore> storePointer() const { return m_store; }
    const FlowStore::Snapshot& snapshot() const { return m_snapshot; }
    std::shared_ptr<const std::vector<RowId>> rows() const;
    bool isSorting() const { return m_sorting; }
    // "source.log.gz:123" for a row.
    QString provenance(int row) const;
    QString sourcePath(int row) const;
    std::uint64_t sourceLine(int row) const;

Q_SIGNALS:
    void sortingChanged(bool sorting);

private:
    void updateColumns();
    void startSort();
    void showGrownRows();
    std::size_t insertionStep() const;
    void dropGrownRows();
    void showAll(FlowStore::Snapshot snapshot, std::shared_ptr<const std::vector<RowId>> rows);

    std::shared_ptr<const FlowStore> m_store;
    FlowStore::Snapshot m_snapshot;
    std::shared_ptr<const std::vector<RowId>> m_rows; // the first m_shown of them are the table's rows
    std::size_t m_shown = 0;
    std::shared_ptr<const std::vector<RowId>> m_pendingRows; // waiting to be sorted
    // The rows as the investigation gave them (in row order): what a new sort starts from, so it
    // need not first put the rows of an earlier sort back in row order.
    std::shared_ptr<const std::vector<RowId>> m_givenRows;
    std::vector<FieldId> m_fields;
    DisplayOptions m_options;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    bool m_sorting = false;
    std::shared_ptr<std::atomic<bool>> m_cancelSort;
    std::uint64_t m_sortGeneration = 0;
    QFuture<void> m_sortFuture;
    // Appended rows of a load, waiting for m_growthTimer; each view update on a million-row table
    // costs the GUI thread a few milliseconds (the headers recount their sections).
    std::shared_ptr<const std::vector<RowId>> m_grownRows;
    QTimer* m_growthTimer;
    QElapsedTimer m_sinceGrowth;
    int m_growthInterval = 100;
    std::chrono::nanoseconds m_insertionBudget = std::chrono::milliseconds(8);
    double m_nsPerInsertedRow = kAssumedNsPerRow; // measured by the large insertions
};

} // namespace flowlens
