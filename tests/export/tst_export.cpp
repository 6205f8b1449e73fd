// File ▸ Export Records / Statistics from the real window: the rows written against the fixture's
// own records, and cancelling leaves no file.
#include "backgroundexport.h"
#include "flowfixture.h"
#include "investigation/investigation.h"
#include "items/recordexport.h"
#include "items/recordtablemodel.h"
#include "mainwindow.h"
#include "rejectpane.h"
#include "statisticspane.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace flowlens;
using fixture::Flow;

class TestExport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::vector<Flow> m_flows;
    std::unique_ptr<MainWindow> m_window;

    bool settle()
    {
        Investigation* inv = m_window->investigation();
        return QTest::qWaitFor(
            [&] {
                const auto r = inv->result();
                return r && !r->loading && !inv->isComputing() && r->filter == inv->filter()
                    && !m_window->tableModel()->isSorting();
            },
            20000);
    }

    // Runs an export to the end; returns finished's arguments.
    static QList<QVariant> finish(BackgroundExport* job)
    {
        QSignalSpy finished(job, &BackgroundExport::finished);
        if (!finished.wait(30000)) {
            return {};
        }
        return finished.takeFirst();
    }

    // The fixture's REJECT flows as "src dst srcPort dstPort bytes start", sorted.
    QStringList rejectKeys() const
    {
        QStringList keys;
        for (const Flow& f : m_flows) {
            if (f.action == "REJECT") {
                keys.append(QStringLiteral("%1 %2 %3 %4 %5 %6")
                                .arg(QString::fromStdString(f.src), QString::fromStdString(f.dst))
                                .arg(f.srcPort)
                                .arg(f.dstPort)
                                .arg(f.bytes)
                                .arg(f.start));
            }
        }
        keys.sort();
        return keys;
    }

    QStringList exportFiles() const
    {
        return QDir(m_dir.path()).entryList({ QStringLiteral("export*") }, QDir::Files | QDir::Hidden);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("FlowLensTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_export"));
        QSettings().clear();
        m_flows = fixture::makeFlows(60'000, 7);
        const QString path = m_dir.filePath(QStringLiteral("flows.log"));
        QVERIFY(fixture::writeFlows(path, m_flows));
        m_window = std::make_unique<MainWindow>();
        m_window->resize(1200, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QSignalSpy loaded(m_window->investigation(), &Investigation::loadFinished);
        m_window->openPaths({ path });
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 20000);
        QVERIFY(settle());
        QTest::mouseClick(m_window->rejectPane()->button(RejectPane::ActionChoice::RejectOnly), Qt::LeftButton);
        QVERIFY(settle());
        QCOMPARE(qsizetype(m_window->tableModel()->rowCount()), rejectKeys().size());
    }

    void csvHasTheFilteredRows()
    {
        const QString path = m_dir.filePath(QStringLiteral("export-records.csv"));
        const QList<QVariant> done = finish(m_window->exportRecordsTo(path));
        QCOMPARE(done.value(0).toBool(), true);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().split('\n');
        const QStringList header = QString::fromUtf8(lines.first().trimmed()).split(QLatin1Char(','));
        const auto col = [&](const char* name) { return header.indexOf(QLatin1String(name)); };
        for (const char* name : { "srcAddr", "dstAddr", "srcPort", "dstPort", "bytes", "startTime", "action" }) {
            QVERIFY2(col(name) >= 0, name);
        }
        QStringList keys;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines[i].trimmed();
            if (line.isEmpty()) {
                continue;
            }
            const QList<QByteArray> f = line.split(',');
            QCOMPARE(f.size(), header.size());
            QCOMPARE(f[col("action")], QByteArray("REJECT"));
            keys.append(QString::fromLatin1(f[col("srcAddr")] + ' ' + f[col("dstAddr")] + ' ' + f[col("srcPort")] + ' '
                + f[col("dstPort")] + ' ' + f[col("bytes")] + ' ' + f[col("startTime")]));
        }
        keys.sort();
        QCOMPARE(keys, rejectKeys());
    }

    void jsonHasTheFilteredRows()
    {
        const QString path = m_dir.filePath(QStringLiteral("export-records.json"));
        const QList<QVariant> done = finish(m_window->exportRecordsTo(path));
        QCOMPARE(done.value(0).toBool(), true);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        QStringList keys;
        for (const QJsonValue& v : doc.array()) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.value(QStringLiteral("action")).toString(), QStringLiteral("REJECT"));
            QVERIFY(o.value(QStringLiteral("bytes")).isDouble()); // numbers stay numbers
            keys.append(
                QStringLiteral("%1 %2 %3 %4 %5 %6")
                    .arg(o.value(QStringLiteral("srcAddr")).toString(), o.value(QStringLiteral("dstAddr")).toString())
                    .arg(o.value(QStringLiteral("srcPort")).toInteger())
                    .arg(o.value(QStringLiteral("dstPort")).toInteger())
                    .arg(o.value(QStringLiteral("bytes")).toInteger())
                    .arg(o.value(QStringLiteral("startTime")).toInteger()));
        }
        keys.sort();
        QCOMPARE(keys, rejectKeys());
    }

    void cancelLeavesNoFile_data()
    {
        QTest::addColumn<bool>("button");
        QTest::addRow("cancel()") << false;
        QTest::addRow("the dialog's Cancel") << true;
    }

    void cancelLeavesNoFile()
    {
        QFETCH(bool, button);
        const QStringList before = exportFiles();
        const QString path = m_dir.filePath(QStringLiteral("export-cancelled.csv"));
        BackgroundExport* job = m_window->exportRecordsTo(path);
        QSignalSpy finished(job, &BackgroundExport::finished);
        if (button) {
            QVERIFY(job->dialog() != nullptr);
            const auto buttons = job->dialog()->findChildren<QPushButton*>();
            QCOMPARE(buttons.size(), 1);
            buttons.first()->click();
        } else {
            job->cancel();
        }
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().value(0).toBool(), false);
        QCOMPARE(finished.first().value(1).toBool(), true);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(exportFiles(), before); // no temporary left either
    }

    void writerStopsWhenAsked()
    {
        // The model-level writer stops at the first progress call that says no and reports no error.
        const RecordTableModel* model = m_window->tableModel();
        const RecordExport records(
            model->storePointer(), model->snapshot(), model->rows(), { FieldId::SrcAddr, FieldId::Bytes });
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        int calls = 0;
        QString error;
        QVERIFY(!records.write(
            buffer, RecordExport::Format::Csv, [&](std::size_t, std::size_t) { return ++calls < 2; }, error));
        QCOMPARE(calls, 2);
        QVERIFY(error.isEmpty());
        QVERIFY(buffer.data().count('\n') < m_window->tableModel()->rowCount());
    }

    void unwritableFolderIsAnError()
    {
        const QString path = m_dir.filePath(QStringLiteral("missing/export.csv"));
        const QList<QVariant> done = finish(m_window->exportRecordsTo(path));
        QCOMPARE(done.value(0).toBool(), false);
        QCOMPARE(done.value(1).toBool(), false);
        QVERIFY2(done.value(2).toString().contains(path), qPrintable(done.value(2).toString()));
    }

    void statisticsTable()
    {
        const QString path = m_dir.filePath(QStringLiteral("export-statistics.csv"));
        const QAbstractItemModel* model = m_window->statisticsPane()->currentModel();
        // The statistics of the tab shown follow the other panes as a step of their own.
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, 20000);
        const QList<QVariant> done = finish(m_window->exportStatisticsTo(path));
        QCOMPARE(done.value(0).toBool(), true);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QCOMPARE(text.count("\r\n"), qsizetype(model->rowCount()) + 1);
        QCOMPARE(text.left(text.indexOf(',')), model->headerData(0, Qt::Horizontal).toString().toUtf8());
    }

    void cleanupTestCase() { m_window.reset(); }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
