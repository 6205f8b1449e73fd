#include "investigationdocument.h"

#include "investigation/filterlibrary.h"
#include "investigation/investigation.h"
#include "items/recordtablemodel.h"
#include "queryresultpane.h"
#include "recordtableview.h"
#include "timelineview.h"

#include <QFileInfo>
#include <QHeaderView>

namespace flowlens {

InvestigationDocument::InvestigationDocument(Parts parts, QObject* parent)
    : QObject(parent)
    , m_parts(std::move(parts))
{
    connect(m_parts.investigation, &Investigation::loadFinished, this, [this] {
        if (m_pending && !m_parts.investigation->isLoading()) {
            applyPending();
        }
    });
    // A new, empty investigation is saved under a new name, not over the file of the last one.
    connect(m_parts.investigation, &Investigation::cleared, this, [this] {
        if (!m_path.isEmpty()) {
            m_path.clear();
            Q_EMIT pathChanged(m_path);
        }
    });
    // Queued: after the window has given the result to the table.
    connect(m_parts.investigation, &Investigation::resultReady, this, &InvestigationDocument::onResult,
        Qt::QueuedConnection);
}

InvestigationFile InvestigationDocument::capture() const
{
    const Investigation& inv = *m_parts.investigation;
    InvestigationFile file;
    for (const QString& source : inv.openedPaths()) {
        file.sources.append(QFileInfo(source).absoluteFilePath());
    }
    file.history.clear();
    for (const FilterState& state : inv.history().states()) {
        file.history.push_back(FilterSpec::of(state, inv.store()));
    }
    file.position = inv.history().position();
    file.recentExpressions = m_parts.library->recent();
    file.savedFilters = m_parts.library->saved();
    file.columnLayout = m_parts.table->columnLayout();
    const QHeaderView* header = m_parts.table->horizontalHeader();
    const int sortColumn = header->sortIndicatorSection();
    if (header->isSortIndicatorShown() && sortColumn >= 0 && sortColumn < m_parts.table->recordModel()->columnCount()) {
        file.sortField = QString::fromLatin1(fieldInfo(m_parts.table->recordModel()->fieldAt(sortColumn)).insightsName);
        file.sortDescending = header->sortIndicatorOrder() == Qt::DescendingOrder;
    }
    file.histogram = m_parts.timeline->histogramOptions();
    file.logScale = m_parts.timeline->logScale();
    file.query = m_parts.queryPane->table().query;
    return file;
}

bool InvestigationDocument::save(const QString& path, QString& error)
{
    if (!capture().write(path, error)) {
        return false;
    }
    m_path = path;
    Q_EMIT pathChanged(m_path);
    return true;
}

bool InvestigationDocument::open(const QString& path, QString& error)
{
    std::optional<InvestigationFile> file = InvestigationFile::read(path, error);
    if (!file) {
        return false; // the investigation shown stays as it was
    }
    m_problems.clear();
    m_pendingQuery.clear();
    m_pendingSort.reset();
    m_awaitingResult = false;
    m_parts.investigation->clear(); // forgets the path of the investigation shown before
    m_path = path;
    Q_EMIT pathChanged(m_path);
    m_pending = std::move(file);
    if (m_pending->sources.isEmpty()) {
        applyPending();
    } else {
        m_parts.investigation->open(m_pending->sources);
    }
    return true;
}

void InvestigationDocument::applyPending()
{
    const InvestigationFile file = std::move(*m_pending);
    m_pending.reset();
    // The file's saved filters and recent expressions join the user's (same name: the file's wins).
    for (const SavedFilter& saved : file.savedFilters) {
        m_parts.library->save(saved.name, saved.expression);
    }
    for (auto it = file.recentExpressions.crbegin(); it != file.recentExpressions.crend(); ++it) {
        m_parts.library->addRecent(*it);
    }
    m_parts.table->setColumnLayout(file.columnLayout);
    if (const std::optional<FieldId> field = fieldByAnyName(file.sortField.toStdString());
        field && !file.sortField.isEmpty()) {
        m_pendingSort.emplace(*field, file.sortDescending ? Qt::DescendingOrder : Qt::AscendingOrder);
    } else {
        m_parts.table->sortByColumn(-1, Qt::AscendingOrder);
    }
    m_parts.timeline->setOptions(file.histogram.metric, file.histogram.bucketSeconds, file.logScale);
    std::vector<FilterState> states;
    for (const FilterSpec& spec : file.history) {
        states.push_back(spec.resolve(m_parts.investigation->storePointer(), m_problems));
    }
    m_problems.removeDuplicates();
    m_pendingQuery = file.query;
    m_awaitingResult = true;
    m_parts.investigation->restoreHistory(FilterHistory(std::move(states), file.position));
}

void InvestigationDocument::onResult(const std::shared_ptr<const InvestigationResult>& result)
{
    if (m_pending || !m_awaitingResult) {
        return;
    }
    if (m_pendingSort) {
        const int column = m_parts.table->recordModel()->columnOf(m_pendingSort->first);
        if (column >= 0) {
            m_parts.table->sortByColumn(column, m_pendingSort->second);
            m_pendingSort.reset();
        }
    }
    if (result->loading || !(result->filter == m_parts.investigation->filter())) {
        return;
    }
    // The query ran over the filtered records when it was saved: run it over the restored filter.
    m_awaitingResult = false;
    m_pendingSort.reset();
    if (!m_pendingQuery.isEmpty()) {
        m_parts.runQuery(std::exchange(m_pendingQuery, {}));
    }
    Q_EMIT restored(m_problems);
}

} // namespace flowlens
