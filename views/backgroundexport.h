#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

class QIODevice;
class QProgressDialog;
class QSaveFile;
class QTimer;
class QWidget;

namespace flowlens {

// Writes a file on a worker thread while a progress dialog (shown after a moment, not modal) offers
// Cancel. The file appears only when all of it was written: QSaveFile, committed on the GUI thread
// unless cancelled, so a cancel at any moment (even after the worker wrote the last byte) leaves no
// file and no temporary behind. Deletes itself after `finished`.
class BackgroundExport : public QObject {
    Q_OBJECT
public:
    // Runs on the worker: writes to `out`, calls progress(fraction 0..1) now and then and stops
    // (returning false) when it returns false. Must only read immutable data.
    using Writer = std::function<bool(QIODevice& out, const std::function<bool(double)>& progress, QString& error)>;

    // `what` names the export in the dialog ("12,345 records").
    static BackgroundExport* start(const QString& path, const QString& what, Writer writer, QWidget* parent);
    ~BackgroundExport() override;

    void cancel();
    QString path() const { return m_path; }
    QProgressDialog* dialog() const; // null when the file could not be opened

Q_SIGNALS:
    // ok: the file is complete. cancelled: the user stopped it (no file). Otherwise error says why.
    void finished(bool ok, bool cancelled, const QString& error);

private:
    BackgroundExport(const QString& path, QWidget* parent);
    void onWorkerDone();

    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    QPointer<QProgressDialog> m_dialog;
    QTimer* m_poll;
    QFutureWatcher<void> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_stop = std::make_shared<std::atomic<bool>>(false);
    std::shared_ptr<std::atomic<int>> m_permille = std::make_shared<std::atomic<int>>(0);
    std::shared_ptr<QString> m_error = std::make_shared<QString>();
    std::shared_ptr<bool> m_written = std::make_shared<bool>(false);
    bool m_cancelled = false;
};

} // namespace flowlens
