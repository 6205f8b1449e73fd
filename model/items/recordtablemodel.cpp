#include "recordtablemodel.h"

#include "investigation/rowsorter.h"
#include "investigation/workerpool.h"

#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <limits>

namespace flowlens {

namespace {
const std::vector<RowId> kNoRows;

std::shared_ptr<const std::vector<RowId>> noRows()
{
    return std::shared_ptr<const std::vector<RowId>>(std::shared_ptr<const std::vector<RowId>>(), &kNoRows);
}
} // namespace

RecordTableModel::RecordTableModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_rows(noRows())
    , m_growthTimer(new QTimer(this))
{
    m_growthTimer->setSingleShot(true);
    connect(m_growthTimer, &QTimer::timeout, this, &RecordTableModel::showGrownRows);
}

RecordTableModel::~RecordTableModel()
{
    if (m_cancelSort) {
        m_cancelSort->store(true);
    }
    m_sortFuture.waitForFinished();
}

void RecordTableModel::clear()
{
    dropGrownRows();
    beginResetModel();
    m_store.reset();
    m_snapshot = {};
    m_rows = noRows();
    m_shown = 0;
    m_fields.clear();
    m_givenRows.reset();
    endResetModel();
}

void RecordTableModel::updateColumns()
{
    // Fields appear as columns in catalogue order; new ones (during a load) are appended.
    const auto present = m_store->presentFields();
    std::vector<FieldId> added;
    for (std::size_t f = 0; f < FieldCount; ++f) {
        const auto field = static_cast<FieldId>(f);
        if (present.test(f) && std::find(m_fields.begin(), m_fields.end(), field) == m_fields.end()) {
            added.push_back(field);
        }
    }
    if (!added.empty()) {
        const int first = static_cast<int>(m_fields.size());
        beginInsertColumns({}, first, first + static_cast<int>(added.size()) - 1);
        m_fields.insert(m_fields.end(), added.begin(), added.end());
        endInsertColumns();
    }
}

void RecordTableModel::setRows(std::shared_ptr<const FlowStore> store, FlowStore::Snapshot snapshot,
    std::shared_ptr<const std::vector<RowId>> rows, bool extends, bool moreFollow)
{
    if (!rows) {
        rows = noRows();
    }
    const bool sameStore = store == m_store;
    m_givenRows = rows;
    if (sameStore && extends && m_sortColumn < 0 && rows->size() >= m_shown) {
        // Chunks are never changed once published, so the rows shown are as valid in the larger
        // snapshot as in their own: it can be taken now, and the rows later.
        m_snapshot = std::move(snapshot);
        if (rows->size() == m_shown) {
            updateColumns();
            m_rows = std::move(rows);
            dropGrownRows();
            return;
        }
        m_grownRows = std::move(rows);
        const qint64 since = m_sinceGrowth.isValid() ? m_sinceGrowth.elapsed() : m_growthInterval;
        if (!moreFollow || since >= m_growthInterval) {
            showGrownRows();
        } else if (!m_growthTimer->isActive()) {
            m_growthTimer->start(static_cast<int>(m_growthInterval - since));
        }
        return;
    }
    dropGrownRows();
    if (!sameStore) {
        beginResetModel();
        m_fields.clear();
        m_store = std::move(store);
        endResetModel();
    }
    updateColumns();
    if (m_sortColumn >= 0) {
        // Keep showing the sorted rows until the new ones are sorted, unless the old ones are gone.
        if (!sameStore) {
            showAll(snapshot, rows);
        }
        m_snapshot = std::move(snapshot);
        m_pendingRows = std::move(rows);
        startSort();
        return;
    }
    if (moreFollow && rows->size() > insertionStep()) {
        // The first rows of a load now, the others by insertions of a bounded size.
        beginResetModel();
        m_snapshot = std::move(snapshot);
        m_rows = rows;
        m_shown = insertionStep();
        endResetModel();
        m_grownRows = std::move(rows);
        m_growthTimer->start(0);
        m_sinceGrowth.start();
        return;
    }
    showAll(std::move(snapshot), std::move(rows));
}

void RecordTableModel::showAll(FlowStore::Snapshot snapshot, std::shared_ptr<const std::vector<RowId>> rows)
{
    beginResetModel();
    m_snapshot = std::move(snapshot);
    m_rows = std::move(rows);
    m_shown = m_rows->size();
    endResetModel();
}

std::size_t RecordTableModel::insertionStep() const
{
    if (m_insertionBudget.count() <= 0) {
        return std::numeric_limits<std::size_t>::max();
    }
    return std::max<std::size_t>(kMinInsertion, std::size_t(double(m_insertionBudget.count()) / m_nsPerInsertedRow));
}

void RecordTableModel::showGrownRows()
{
    m_growthTimer->stop();
    if (!m_grownRows) {
        return;
    }
    updateColumns();
    const std::size_t old = m_shown;
    const std::size_t total = m_grownRows->size();
    const std::size_t shown = total - old > insertionStep() ? old + insertionStep() : total;
    if (shown > old) {
        QElapsedTimer timer;
        timer.start();
        beginInsertRows({}, static_cast<int>(old), static_cast<int>(shown) - 1);
        m_rows = m_grownRows;
        m_shown = shown;
        endInsertRows();
        if (shown - old >= std::size_t { kMinInsertion }) {
            const double ns = double(timer.nsecsElapsed()) / double(shown - old);
            m_nsPerInsertedRow = std::max(1.0, (m_nsPerInsertedRow + ns) / 2);
        }
    } else {
        m_rows = m_grownRows;
    }
    if (m_shown < total) {
        m_growthTimer->start(0); // the next insertion after the events waiting now
    } else {
        m_grownRows.reset();
    }
    m_sinceGrowth.start();
}

void RecordTableModel::dropGrownRows()
{
    m_grownRows.reset();
    m_growthTimer->stop();
}

void RecordTableModel::setDisplayOptions(const DisplayOptions& options)
{
    if (options == m_options) {
        return;
    }
    m_options = options;
    if (rowCount() > 0 && columnCount() > 0) {
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    }
}

void RecordTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCount()) {
        m_sortColumn = -1;
        return;
    }
    dropGrownRows(); // every row received takes part (m_givenRows); the sorted rows show them all
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_pendingRows) {
        m_pendingRows = m_givenRows ? m_givenRows : m_rows;
    }
    startSort();
}

void RecordTableModel::startSort()
{
    if (m_cancelSort) {
        m_cancelSort->store(true);
    }
    if (!m_store || !m_pendingRows) {
        return;
    }
    m_cancelSort = std::make_shared<std::atomic<bool>>(false);
    const std::uint64_t generation = ++m_sortGeneration;
    if (!m_sorting) {
        m_sorting = true;
        Q_EMIT sortingChanged(true);
    }
    QPointer<RecordTableModel> self(this);
    m_sortFuture = QtConcurrent::run(investigationPool(),
        [self, store = m_store, snapshot = m_snapshot, rows = m_pendingRows, field = fieldAt(m_sortColumn),
            descending = m_sortOrder == Qt::DescendingOrder, cancel = m_cancelSort, generation] {
            auto sorted = sortRows(*store, snapshot, *rows, field, descending, cancel.get());
            if (!sorted || !self) {
                return;
            }
            auto shared = std::make_shared<const std::vector<RowId>>(std::move(*sorted));
            QMetaObject::invokeMethod(
                self.data(),
                [self, shared, snapshot, generation] {
                    if (!self || generation != self->m_sortGeneration) {
                        return;
                    }
                    self->showAll(snapshot, shared);
                    self->m_pendingRows.reset();
                    self->m_sorting = false;
                    Q_EMIT self->sortingChanged(false);
                },
                Qt::QueuedConnection);
        });
}

int RecordTableModel::columnOf(FieldId field) const
{
    const auto it = std::find(m_fields.begin(), m_fields.end(), field);
    return it == m_fields.end() ? -1 : static_cast<int>(it - m_fields.begin());
}

int RecordTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_shown);
}

std::shared_ptr<const std::vector<RowId>> RecordTableModel::rows() const
{
    if (m_shown == m_rows->size()) {
        return m_rows;
    }
    return std::make_shared<const std::vector<RowId>>(
        m_rows->begin(), m_rows->begin() + static_cast<std::ptrdiff_t>(m_shown));
}

int RecordTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_fields.size());
}

std::int64_t RecordTableModel::valueAt(int row, FieldId field) const
{
    const RowId id = rowIdAt(row);
    return m_snapshot.chunk(id).value(field, rowOf(id));
}

QString RecordTableModel::sourcePath(int row) const
{
    const RowId id = rowIdAt(row);
    return m_store->source(m_snapshot.chunk(id).source(rowOf(id))).path;
}

std::uint64_t RecordTableModel::sourceLine(int row) const
{
    const RowId id = rowIdAt(row);
    return m_snapshot.chunk(id).line(rowOf(id));
}

QString RecordTableModel::provenance(int row) const
{
    return QStringLiteral("%1:%2").arg(QFileInfo(sourcePath(row)).fileName()).arg(sourceLine(row));
}

QVariant RecordTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const RowId id = rowIdAt(index.row());
    const FieldId field = fieldAt(index.column());
    const std::int64_t value = m_snapshot.chunk(id).value(field, rowOf(id));
    switch (role) {
    case Qt::DisplayRole:
        return ValueFormatter::format(*m_store, field, value, m_options);
    case RawValueRole:
        return ValueFormatter::raw(*m_store, field, value);
    case SortRole:
        if (value == kNull) {
            return {};
        }
        if (fieldInfo(field).kind == FieldKind::Integer) {
            return static_cast<qlonglong>(value);
        }
        return ValueFormatter::raw(*m_store, field, value);
    case RowIdRole:
        return id.value;
    case FieldRole:
        return static_cast<int>(field);
    case StoreValueRole:
        return static_cast<qlonglong>(value);
    case Qt::TextAlignmentRole:
        return fieldInfo(field).kind == FieldKind::Integer && !ValueFormatter::isTimeField(field)
                && field != FieldId::Protocol
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    case Qt::ToolTipRole:
        return QStringLiteral("%1 = %2\n%3")
            .arg(QString::fromLatin1(fieldInfo(field).insightsName), ValueFormatter::raw(*m_store, field, value),
                provenance(index.row()));
    default:
        return {};
    }
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    const FieldInfo& info = fieldInfo(m_fields[static_cast<std::size_t>(section)]);
    if (role == Qt::DisplayRole) {
        return QString::fromLatin1(info.insightsName);
    }
    if (role == Qt::ToolTipRole) {
        return QStringLiteral("%1 (flow-log field `%2`, version %3). Click to sort; right-click to choose columns.")
            .arg(QString::fromLatin1(info.insightsName), QString::fromLatin1(info.awsName))
            .arg(info.version);
    }
    return {};
}

} // namespace flowlens
