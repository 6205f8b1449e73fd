#include "recordtablemodel.h"

namespace flowlens {

RecordTableModel::RecordTableModel(const FlowStore& store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
}

void RecordTableModel::clear()
{
    beginResetModel();
    m_snapshot = {};
    m_rows.clear();
    m_fields.clear();
    endResetModel();
}

void RecordTableModel::refresh()
{
    FlowStore::Snapshot snapshot = m_store.snapshot();
    // New fields appear as columns at the end, in catalogue order.
    const auto present = m_store.presentFields();
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
    const std::size_t oldChunks = m_snapshot.chunks.size();
    std::size_t newRows = 0;
    for (std::size_t c = oldChunks; c < snapshot.chunks.size(); ++c) {
        newRows += snapshot.chunks[c]->rowCount();
    }
    if (newRows == 0) {
        m_snapshot = std::move(snapshot);
        return;
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(newRows) - 1);
    m_rows.reserve(m_rows.size() + newRows);
    for (std::size_t c = oldChunks; c < snapshot.chunks.size(); ++c) {
        for (std::uint32_t r = 0; r < snapshot.chunks[c]->rowCount(); ++r) {
            m_rows.push_back(makeRowId(static_cast<std::uint32_t>(c), r));
        }
    }
    m_snapshot = std::move(snapshot);
    endInsertRows();
}

int RecordTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RecordTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_fields.size());
}

QVariant RecordTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const RowId id = m_rows[static_cast<std::size_t>(index.row())];
    const FieldId field = m_fields[static_cast<std::size_t>(index.column())];
    const Chunk& chunk = m_snapshot.chunk(id);
    const std::int64_t value = chunk.value(field, rowOf(id));
    switch (role) {
    case Qt::DisplayRole:
    case RawValueRole:
        return QString::fromStdString(m_store.text(field, value));
    case SortRole:
        if (value == kNull) {
            return {};
        }
        if (fieldInfo(field).kind == FieldKind::Integer) {
            return static_cast<qlonglong>(value);
        }
        return QString::fromStdString(m_store.text(field, value));
    case RowIdRole:
        return id.value;
    case Qt::TextAlignmentRole:
        return fieldInfo(field).kind == FieldKind::Integer ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ToolTipRole: {
        const SourceInfo source = m_store.source(chunk.source(rowOf(id)));
        return QStringLiteral("%1:%2").arg(source.path).arg(chunk.line(rowOf(id)));
    }
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
        return QStringLiteral("%1 (flow-log field `%2`, version %3)")
            .arg(QString::fromLatin1(info.insightsName), QString::fromLatin1(info.awsName))
            .arg(info.version);
    }
    return {};
}

} // namespace flowlens
