// MainWindow, continued: the query bar's library and completion, full queries with their result
// pane, and investigation files. Kept apart from mainwindow.cpp so each file stays short.
#include "chartexportdialog.h"
#include "filterbar.h"
#include "investigation/filtercompletion.h"
#include "investigation/filterlibrary.h"
#include "investigation/investigation.h"
#include "investigation/queryrunner.h"
#include "investigation/workerpool.h"
#include "investigationdocument.h"
#include "mainwindow.h"
#include "queryresultpane.h"
#include "recordtableview.h"
#include "timelineview.h"

#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace flowlens {

namespace {
QString investigationFilter()
{
    return QObject::tr("FlowLens investigations (*.flowlens)");
}
} // namespace

void MainWindow::createQueryPane()
{
    m_library = new FilterLibrary(this);
    m_library->bindToSettings();
    m_filterBar->setLibrary(m_library);
    m_runner = new QueryRunner(this);
    m_queryPane = new QueryResultPane(this);
    m_queryDock = new QDockWidget(tr("Query Result"), this);
    m_queryDock->setObjectName(QStringLiteral("queryResultDock"));
    m_queryDock->setWidget(m_queryPane);
    addDockWidget(Qt::BottomDockWidgetArea, m_queryDock);
    if (auto* statistics = findChild<QDockWidget*>(QStringLiteral("statisticsDock"))) {
        tabifyDockWidget(statistics, m_queryDock);
        statistics->raise();
    }
    m_document = new InvestigationDocument(
        { m_investigation, m_table, m_timeline, m_library, m_queryPane, [this](const QString& q) { runQuery(q); } },
        this);
}

void MainWindow::connectQueryBar()
{
    connect(m_filterBar, &FilterBar::queryRequested, this, &MainWindow::runQuery);
    connect(m_investigation, &Investigation::loadFinished, this, &MainWindow::updateVocabulary);
    connect(m_investigation, &Investigation::cleared, this, [this] { m_filterBar->setVocabulary(nullptr); });
    connect(m_runner, &QueryRunner::started, this, [this](const QString& text) { m_queryPane->setRunning(text); });
    connect(m_runner, &QueryRunner::finished, this, [this](const QueryTable& table) {
        m_filterBar->showNote(tr("%1 rows in the Query Result pane").arg(QLocale().toString(table.rowCount())));
        m_queryPane->setTable(table);
    });
    connect(m_runner, &QueryRunner::failed, this, [this](const QString& error) {
        m_filterBar->showExpressionError(error);
        m_queryPane->setIdle(tr("The query failed: %1").arg(error));
    });
    connect(m_runner, &QueryRunner::cancelled, this, [this] { m_queryPane->setIdle(tr("Query cancelled")); });
    connect(m_queryPane, &QueryResultPane::cancelRequested, m_runner, &QueryRunner::cancel);
    connect(m_queryPane, &QueryResultPane::exportTableRequested, this, &MainWindow::exportQueryTable);
    connect(m_queryPane, &QueryResultPane::exportChartRequested, this, &MainWindow::exportQueryChart);
    connect(m_document, &InvestigationDocument::pathChanged, this, [this](const QString& path) {
        setWindowTitle(path.isEmpty() ? tr("FlowLens") : tr("%1 — FlowLens").arg(QFileInfo(path).fileName()));
    });
    connect(m_document, &InvestigationDocument::restored, this, [this](const QStringList& problems) {
        statusBar()->showMessage(problems.isEmpty()
                ? tr("Investigation restored from %1").arg(QDir::toNativeSeparators(m_document->path()))
                : tr("Investigation restored, except: %1").arg(problems.join(QStringLiteral("; "))));
    });
}

void MainWindow::runQuery(const QString& text)
{
    const auto result = m_investigation->result();
    if (!result) {
        m_filterBar->showExpressionError(tr("No records to query yet"));
        return;
    }
    m_queryDock->show();
    m_queryDock->raise();
    m_runner->run(result->store, result->selection, text);
}

void MainWindow::updateVocabulary()
{
    // Every record is counted once per load, off the GUI thread; a result for a store since
    // replaced is dropped.
    QPointer<MainWindow> self(this);
    std::shared_ptr<const FlowStore> store = m_investigation->storePointer();
    (void)QtConcurrent::run(investigationPool(), [self, store] {
        auto vocabulary = std::make_shared<const FieldVocabulary>(FieldVocabulary::compute(*store));
        QMetaObject::invokeMethod(
            self.data(),
            [self, store, vocabulary] {
                if (self && self->m_investigation->storePointer() == store) {
                    self->m_filterBar->setVocabulary(vocabulary);
                }
            },
            Qt::QueuedConnection);
    });
}

void MainWindow::exportQueryTable()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export query result"),
        QDir::home().filePath(QStringLiteral("flowlens-query.csv")), tr("CSV (*.csv);;JSON (*.json)"));
    QString error;
    if (!path.isEmpty() && !m_queryPane->exportTable(path, error)) {
        showError(tr("Export failed"), error);
    }
}

void MainWindow::exportQueryChart()
{
    ChartExportDialog dialog(QDir::home().filePath(QStringLiteral("flowlens-query.png")), ChartExportOptions(), this);
    QString error;
    if (dialog.exec() == QDialog::Accepted && !m_queryPane->exportChart(dialog.path(), dialog.options(), error)) {
        showError(tr("Export failed"), error);
    }
}

void MainWindow::createInvestigationActions(QMenu* file)
{
    file->addSeparator();
    QAction* open = file->addAction(tr("Open &Investigation…"), this, [this] {
        const QString path
            = QFileDialog::getOpenFileName(this, tr("Open investigation"), QString(), investigationFilter());
        if (!path.isEmpty()) {
            openInvestigation(path);
        }
    });
    open->setStatusTip(tr("Open a saved .flowlens investigation: its sources, filters, history and panes"));
    QAction* save = file->addAction(tr("&Save Investigation"), this, [this] {
        if (m_document->path().isEmpty()) {
            saveInvestigationAs();
        } else {
            saveInvestigation(m_document->path());
        }
    });
    save->setShortcut(QKeySequence::Save);
    save->setStatusTip(tr("Save the sources, filters, history, columns and queries to a .flowlens file"));
    QAction* saveAs = file->addAction(tr("Save Investigation &As…"), this, &MainWindow::saveInvestigationAs);
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    saveAs->setStatusTip(tr("Save the investigation to a new .flowlens file"));
}

void MainWindow::saveInvestigationAs()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Save investigation"),
        QDir::home().filePath(QStringLiteral("investigation.flowlens")), investigationFilter());
    if (path.isEmpty()) {
        return;
    }
    if (!path.endsWith(QStringLiteral(".flowlens"), Qt::CaseInsensitive)) {
        path += QStringLiteral(".flowlens");
    }
    saveInvestigation(path);
}

bool MainWindow::saveInvestigation(const QString& path)
{
    QString error;
    if (!m_document->save(path, error)) {
        showError(tr("Investigation not saved"), error);
        return false;
    }
    addRecent({ path });
    statusBar()->showMessage(tr("Investigation saved to %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

bool MainWindow::openInvestigation(const QString& path)
{
    QString error;
    if (!m_document->open(path, error)) {
        showError(tr("Investigation not opened"), error);
        return false;
    }
    addRecent({ path });
    statusBar()->showMessage(tr("Opening investigation %1…").arg(QDir::toNativeSeparators(path)));
    return true;
}

void MainWindow::showError(const QString& title, const QString& message)
{
    m_lastError = message;
    statusBar()->showMessage(message, 30000);
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Close, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // not modal to the event loop: tests and loading go on
}

} // namespace flowlens
