// MainWindow: exports of the records and statistics tables, written on a worker thread.
#include "backgroundexport.h"
#include "items/recordexport.h"
#include "items/recordtablemodel.h"
#include "items/tableexport.h"
#include "mainwindow.h"
#include "recordtableview.h"
#include "statisticspane.h"

#include <QDir>
#include <QFileDialog>
#include <QIODevice>
#include <QLocale>
#include <QMessageBox>
#include <QStatusBar>

namespace flowlens {

void MainWindow::exportRecords()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export records"),
        QDir::home().filePath(QStringLiteral("flowlens-records.csv")), tr("CSV (*.csv);;JSON (*.json)"));
    if (!path.isEmpty()) {
        exportRecordsTo(path);
    }
}

BackgroundExport* MainWindow::exportRecordsTo(const QString& path)
{
    std::vector<FieldId> fields;
    for (int column : m_table->visibleColumns()) {
        fields.push_back(m_model->fieldAt(column));
    }
    // A snapshot of what the table shows now: the export goes on while the filter changes.
    auto records = std::make_shared<const RecordExport>(
        m_model->storePointer(), m_model->snapshot(), m_model->rows(), std::move(fields));
    const QString count = QLocale().toString(qulonglong(records->rowCount()));
    BackgroundExport* job = BackgroundExport::start(
        path, tr("%1 records").arg(count),
        [records, format = RecordExport::formatFor(path)](
            QIODevice& out, const std::function<bool(double)>& progress, QString& error) {
            return records->write(
                out, format,
                [&](std::size_t done, std::size_t total) { return progress(total == 0 ? 1.0 : double(done) / total); },
                error);
        },
        this);
    reportExport(job, tr("%1 records saved to %2").arg(count, QDir::toNativeSeparators(path)));
    return job;
}

void MainWindow::exportStatistics()
{
    const QString name = m_statistics->currentTitle().section(QLatin1Char(' '), 0, 0).toLower();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export %1").arg(m_statistics->currentTitle()),
        QDir::home().filePath(QStringLiteral("flowlens-%1.csv").arg(name)), tr("CSV (*.csv);;JSON (*.json)"));
    if (!path.isEmpty()) {
        exportStatisticsTo(path);
    }
}

BackgroundExport* MainWindow::exportStatisticsTo(const QString& path)
{
    // The statistics tables hold at most Investigation::kStatisticsRows rows: they are read here, on
    // the GUI thread that owns the model, and only the writing goes to the worker.
    const QAbstractItemModel& model = *m_statistics->currentModel();
    const QByteArray bytes = path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
        ? TableExport::toJson(model)
        : TableExport::toCsv(model).toUtf8();
    BackgroundExport* job = BackgroundExport::start(
        path, m_statistics->currentTitle(),
        [bytes](QIODevice& out, const std::function<bool(double)>& progress, QString& error) {
            if (out.write(bytes) != bytes.size()) {
                error = out.errorString();
                return false;
            }
            return progress(1.0);
        },
        this);
    reportExport(job, tr("Table saved to %1").arg(QDir::toNativeSeparators(path)));
    return job;
}

void MainWindow::reportExport(BackgroundExport* job, const QString& done)
{
    connect(job, &BackgroundExport::finished, this, [this, done](bool ok, bool cancelled, const QString& error) {
        if (ok) {
            statusBar()->showMessage(done);
        } else if (cancelled) {
            statusBar()->showMessage(tr("Export cancelled; no file written"));
        } else {
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Export failed"), error, QMessageBox::Close, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    });
}

} // namespace flowlens
