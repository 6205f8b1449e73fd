#pragma once

#include "investigation/investigationfile.h"

#include <QObject>
#include <functional>
#include <optional>

namespace flowlens {

class FilterLibrary;
class Investigation;
class QueryResultPane;
class RecordTableView;
class TimelineView;
struct InvestigationResult;

// Saves the window's investigation to a `.flowlens` file and opens one again as it was: reads the
// sources, then (when they are loaded) puts back the filter history, the table's columns and sort,
// the timeline options, the filter bar's recent and saved filters, and re-runs the result pane's
// query over the restored filter.
class InvestigationDocument : public QObject {
    Q_OBJECT
public:
    struct Parts {
        Investigation* investigation;
        RecordTableView* table;
        TimelineView* timeline;
        FilterLibrary* library;
        QueryResultPane* queryPane;
        std::function<void(const QString&)> runQuery;
    };

    InvestigationDocument(Parts parts, QObject* parent);

    // The state of the window now, as it would be saved.
    InvestigationFile capture() const;
    bool save(const QString& path, QString& error);
    // Reads and checks the file first: on an error nothing changes. Then replaces the investigation.
    bool open(const QString& path, QString& error);
    QString path() const { return m_path; }
    bool isRestoring() const { return m_pending.has_value() || m_awaitingResult; }

Q_SIGNALS:
    void pathChanged(const QString& path);
    // The restore finished; `problems` lists what could not be put back (a value no record has).
    void restored(const QStringList& problems);

private:
    void applyPending();
    void onResult(const std::shared_ptr<const InvestigationResult>& result);

    Parts m_parts;
    QString m_path;
    std::optional<InvestigationFile> m_pending; // waiting for its sources to load
    bool m_awaitingResult = false; // the restored filter's result is not in yet
    QString m_pendingQuery; // to run over the restored filter's result
    std::optional<std::pair<FieldId, Qt::SortOrder>> m_pendingSort; // once the table has its columns
    QStringList m_problems;
};

} // namespace flowlens
