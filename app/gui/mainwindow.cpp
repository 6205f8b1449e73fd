#include "mainwindow.h"

#include "ingest/loadjob.h"
#include "items/recordtablemodel.h"
#include "loadprogresswidget.h"
#include "recordtableview.h"
#include "store/flowstore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

namespace flowlens {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_store(std::make_unique<FlowStore>())
    , m_job(new LoadJob(*m_store, this))
    , m_model(new RecordTableModel(*m_store, this))
    , m_table(new RecordTableView(this))
    , m_progress(new LoadProgressWidget(this))
    , m_count(new QLabel(this))
{
    setWindowTitle(tr("FlowLens"));
    setAcceptDrops(true);
    m_table->setModel(m_model);
    setCentralWidget(m_table);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_count);
    createActions();
    updateRecordCount();

    connect(m_job, &LoadJob::progress, this, [this](const LoadProgress& p) {
        m_progress->showProgress(p);
        m_model->refresh();
        updateRecordCount();
    });
    connect(m_job, &LoadJob::finished, this, &MainWindow::onLoadFinished);
    connect(m_progress, &LoadProgressWidget::cancelRequested, m_job, &LoadJob::cancel);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Files…"), this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Open flow logs"), QString(), tr("Flow logs (*.log *.gz *.txt *.json *.jsonl);;All files (*)"));
        openPaths(paths);
    });
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Open flow-log files: plain, .gz, CloudWatch JSON"));
    QAction* folder = file->addAction(tr("Open &Folder…"), this, [this] {
        const QString path = QFileDialog::getExistingDirectory(this, tr("Open a folder of flow logs"));
        if (!path.isEmpty()) {
            openPaths({ path });
        }
    });
    folder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    folder->setToolTip(tr("Open every flow-log file below a folder, such as an S3 AWSLogs/ tree"));
    file->addAction(tr("Open &Sample"), this, &MainWindow::openBundledSample)
        ->setToolTip(tr("Open the bundled sample flow logs"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About FlowLens"), this, [this] {
        QMessageBox::about(this, tr("About FlowLens"),
            tr("<h3>FlowLens %1</h3><p>A desktop investigator for AWS VPC Flow Logs.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::openPaths(const QStringList& paths)
{
    if (paths.isEmpty()) {
        return;
    }
    if (m_job->isRunning()) {
        m_pending += paths;
        return;
    }
    statusBar()->showMessage(tr("Opening %1…").arg(paths.join(QStringLiteral(", "))));
    m_job->start(paths);
}

void MainWindow::openBundledSample()
{
    // The loader reads real files, so the sample is copied out of the resources first: into this
    // user's cache folder, not a shared /tmp where another user's copy could be in the way.
    const QString resource = QStringLiteral(":/flowlens/sample/flowlens-sample.log.gz");
    if (!QFile::exists(resource)) {
        statusBar()->showMessage(tr("The bundled sample is missing from this build"));
        return;
    }
    QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (folder.isEmpty() || !QDir().mkpath(folder)) {
        folder = QDir::tempPath();
    }
    const QString target = QDir(folder).filePath(QStringLiteral("flowlens-sample.log.gz"));
    QFile::remove(target);
    if (!QFile::copy(resource, target)) {
        statusBar()->showMessage(tr("Cannot copy the bundled sample to %1").arg(QDir::toNativeSeparators(target)));
        return;
    }
    // A copy from the resources is read-only; make it the user's to replace next time.
    QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    openPaths({ target });
    statusBar()->showMessage(tr("Opened the bundled sample: synthetic flow logs of two peered VPCs"));
}

void MainWindow::onLoadFinished(const LoadReport& report)
{
    m_progress->showFinished();
    m_model->refresh();
    updateRecordCount();
    QStringList problems = report.problems;
    for (SourceId id : report.sources) {
        const SourceInfo info = m_store->source(id);
        if (!info.error.isEmpty()) {
            problems.append(QDir::toNativeSeparators(info.path) + QStringLiteral(": ") + info.error);
        }
    }
    const QLocale locale;
    QString message = tr("Loaded %1 records from %2 files in %3 s")
                          .arg(locale.toString(static_cast<qulonglong>(report.records)))
                          .arg(report.sources.size())
                          .arg(report.seconds, 0, 'f', 1);
    if (report.errors > 0) {
        message += tr("; %1 malformed lines skipped").arg(locale.toString(static_cast<qulonglong>(report.errors)));
    }
    if (report.cancelled) {
        message
            = tr("Loading cancelled; kept %1 records").arg(locale.toString(static_cast<qulonglong>(report.records)));
    }
    statusBar()->showMessage(message);
    if (!problems.isEmpty()) {
        QMessageBox::warning(this, tr("Some input could not be read"), problems.join(QLatin1Char('\n')));
    }
    if (!m_pending.isEmpty()) {
        openPaths(std::exchange(m_pending, {}));
    }
}

void MainWindow::updateRecordCount()
{
    const QLocale locale;
    m_count->setText(tr("%1 records").arg(locale.toString(static_cast<qulonglong>(m_model->rowCount()))));
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            paths.append(url.toLocalFile());
        }
    }
    openPaths(paths);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_job->cancel();
    m_job->wait();
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    event->accept();
}

} // namespace flowlens
