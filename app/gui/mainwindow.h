#pragma once

#include <QMainWindow>
#include <memory>

class QLabel;

namespace flowlens {

class FlowStore;
class LoadJob;
class LoadProgressWidget;
class RecordTableModel;
class RecordTableView;
struct LoadReport;

// Wires the panes to the loaded data. For now: the record table, opening files and folders, and
// load progress; the investigation panes arrive with their own issue.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openPaths(const QStringList& paths);
    // Copies the bundled sample out of the resources and opens it.
    void openBundledSample();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void onLoadFinished(const LoadReport& report);
    void updateRecordCount();

    std::unique_ptr<FlowStore> m_store;
    LoadJob* m_job;
    RecordTableModel* m_model;
    RecordTableView* m_table;
    LoadProgressWidget* m_progress;
    QLabel* m_count;
    QStringList m_pending; // paths dropped while a load runs
};

} // namespace flowlens
