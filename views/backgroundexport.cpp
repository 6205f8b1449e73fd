#include "backgroundexport.h"

#include "investigation/workerpool.h"

#include <QProgressDialog>
#include <QSaveFile>
#include <QTimer>
#include <QWidget>
#include <QtConcurrent/QtConcurrentRun>

namespace flowlens {

BackgroundExport::BackgroundExport(const QString& path, QWidget* parent)
    : QObject(parent)
    , m_path(path)
    , m_file(std::make_unique<QSaveFile>(path))
    , m_poll(new QTimer(this))
{
}

BackgroundExport::~BackgroundExport()
{
    m_stop->store(true);
    m_watcher.waitForFinished();
    if (m_dialog) {
        m_dialog->deleteLater();
    }
}

BackgroundExport* BackgroundExport::start(const QString& path, const QString& what, Writer writer, QWidget* parent)
{
    auto* job = new BackgroundExport(path, parent);
    if (!job->m_file->open(QIODevice::WriteOnly)) {
        const QString error = tr("Cannot write %1: %2").arg(path, job->m_file->errorString());
        // Reported once the caller has connected to finished.
        QTimer::singleShot(0, job, [job, error] {
            Q_EMIT job->finished(false, false, error);
            job->deleteLater();
        });
        return job;
    }
    job->m_dialog = new QProgressDialog(tr("Exporting %1…").arg(what), tr("Cancel"), 0, 1000, parent);
    job->m_dialog->setWindowTitle(tr("Export"));
    job->m_dialog->setWindowModality(Qt::NonModal); // the window stays usable; the export reads a snapshot
    job->m_dialog->setMinimumDuration(400);
    job->m_dialog->setAutoClose(false);
    job->m_dialog->setAutoReset(false);
    job->m_dialog->setValue(0);
    connect(job->m_dialog, &QProgressDialog::canceled, job, &BackgroundExport::cancel);
    // The worker only stores its progress; the dialog reads it a few times a second.
    connect(job->m_poll, &QTimer::timeout, job, [job] {
        if (job->m_dialog) {
            job->m_dialog->setValue(job->m_permille->load());
        }
    });
    job->m_poll->start(100);
    connect(&job->m_watcher, &QFutureWatcher<void>::finished, job, &BackgroundExport::onWorkerDone);
    job->m_watcher.setFuture(QtConcurrent::run(investigationPool(),
        [file = job->m_file.get(), writer = std::move(writer), stop = job->m_stop, permille = job->m_permille,
            error = job->m_error, written = job->m_written] {
            *written = writer(
                *file,
                [&](double fraction) {
                    permille->store(static_cast<int>(fraction * 1000));
                    return !stop->load();
                },
                *error);
        }));
    return job;
}

QProgressDialog* BackgroundExport::dialog() const
{
    return m_dialog.data();
}

void BackgroundExport::cancel()
{
    m_cancelled = true;
    m_stop->store(true);
}

void BackgroundExport::onWorkerDone()
{
    m_poll->stop();
    if (m_dialog) {
        m_dialog->hide();
    }
    bool ok = false;
    QString error = *m_error;
    if (m_cancelled || !*m_written) {
        m_file->cancelWriting();
        m_file.reset(); // removes the temporary file
    } else if (!m_file->commit()) {
        error = tr("Cannot write %1: %2").arg(m_path, m_file->errorString());
    } else {
        ok = true;
    }
    if (!ok && !m_cancelled && error.isEmpty()) {
        error = tr("Cannot write %1").arg(m_path);
    }
    Q_EMIT finished(ok, m_cancelled, error);
    deleteLater();
}

} // namespace flowlens
