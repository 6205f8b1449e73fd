// The Qt item models over an investigation result, under QAbstractItemModelTester, checked against
// figures computed from the records the test wrote; and table export to CSV and JSON.
#include "flowfixture.h"
#include "ingest/loader.h"
#include "investigation/investigation.h"
#include "items/conversationtablemodel.h"
#include "items/endpointtablemodel.h"
#include "items/findingtablemodel.h"
#include "items/recordtablemodel.h"
#include "items/tableexport.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStringListModel>
#include <QTemporaryDir>
#include <QTest>
#include <map>

using namespace flowlens;
using fixture::Flow;

class TestItemModels : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::vector<Flow> m_flows;
    std::shared_ptr<FlowStore> m_store = std::make_shared<FlowStore>();
    std::shared_ptr<const InvestigationResult> m_result;

private Q_SLOTS:
    void initTestCase()
    {
        m_flows = fixture::makeFlows(3000, 7);
        const QString path = m_dir.filePath(QStringLiteral("flows.log"));
        QVERIFY(fixture::writeFlows(path, m_flows));
        QCOMPARE(Loader::load(*m_store, { path }).records, m_flows.size());
        m_result = computeInvestigationResult(m_store, {}, {}, false, 1);
    }

    void recordTableShowsAndSorts()
    {
        RecordTableModel model;
        QAbstractItemModelTester tester(&model);
        model.setRows(m_store, m_result->selection.snapshot(), m_result->rows);
        QCOMPARE(model.rowCount(), static_cast<int>(m_flows.size()));
        QCOMPARE(model.columnCount(), 14); // the v2 fields
        const int protocol = model.columnOf(FieldId::Protocol);
        const int bytes = model.columnOf(FieldId::Bytes);
        const int start = model.columnOf(FieldId::Start);
        // Row r is line r + 1 before sorting.
        const Flow& f0 = m_flows[0];
        QCOMPARE(model.data(model.index(0, protocol)).toString(),
            f0.protocol == 6 ? QStringLiteral("TCP") : QStringLiteral("UDP"));
        QCOMPARE(
            model.data(model.index(0, bytes), RecordTableModel::RawValueRole).toString(), QString::number(f0.bytes));
        QCOMPARE(model.data(model.index(0, start)).toString(),
            QDateTime::fromSecsSinceEpoch(f0.start, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        QVERIFY(model.data(model.index(0, bytes), Qt::ToolTipRole).toString().contains(QStringLiteral("flows.log:1")));
        QCOMPARE(model.provenance(41), QStringLiteral("flows.log:42"));

        DisplayOptions raw;
        raw.protocolNames = false;
        raw.byteUnits = false;
        model.setDisplayOptions(raw);
        QCOMPARE(model.data(model.index(0, protocol)).toString(), QString::number(f0.protocol));
        QCOMPARE(model.data(model.index(0, bytes)).toString(), QString::number(f0.bytes));

        // Background sort by bytes, descending: the rows arrive sorted.
        QSignalSpy sorting(&model, &RecordTableModel::sortingChanged);
        model.sort(bytes, Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isSorting(), 10000);
        std::vector<std::int64_t> expected;
        for (const Flow& f : m_flows) {
            expected.push_back(f.bytes);
        }
        std::sort(expected.begin(), expected.end(), std::greater<>());
        for (int r = 0; r < model.rowCount(); r += 37) {
            QCOMPARE(
                model.data(model.index(r, bytes), RecordTableModel::SortRole).toLongLong(), expected[std::size_t(r)]);
        }
        QCOMPARE(sorting.count(), 2); // started, finished

        // A new row set while sorted is sorted too.
        auto half = std::make_shared<std::vector<RowId>>(m_result->rows->begin(), m_result->rows->begin() + 1000);
        model.setRows(m_store, m_result->selection.snapshot(), half);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isSorting() && model.rowCount() == 1000, 10000);
        std::vector<std::int64_t> firstThousand;
        for (std::size_t i = 0; i < 1000; ++i) {
            firstThousand.push_back(m_flows[i].bytes);
        }
        std::sort(firstThousand.begin(), firstThousand.end(), std::greater<>());
        QCOMPARE(model.data(model.index(0, bytes), RecordTableModel::SortRole).toLongLong(), firstThousand[0]);
        QCOMPARE(model.data(model.index(999, bytes), RecordTableModel::SortRole).toLongLong(), firstThousand[999]);
    }

    void recordTableAppendsDuringLoad()
    {
        RecordTableModel model;
        QAbstractItemModelTester tester(&model);
        auto part = std::make_shared<std::vector<RowId>>(m_result->rows->begin(), m_result->rows->begin() + 100);
        model.setRows(m_store, m_result->selection.snapshot(), part);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRows(m_store, m_result->selection.snapshot(), m_result->rows, true);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.rowCount(), static_cast<int>(m_flows.size()));
    }

    void recordTableBatchesGrowthDuringLoad()
    {
        // Rows arriving while a load runs reach the views at most once per growth interval; the
        // last result of the load shows every row, in store order.
        RecordTableModel model;
        QAbstractItemModelTester tester(&model);
        model.setGrowthInterval(3'600'000); // nothing is shown by the timer during this test
        auto prefix = [&](std::size_t n) {
            return std::make_shared<const std::vector<RowId>>(m_result->rows->begin(), m_result->rows->begin() + n);
        };
        model.setRows(m_store, m_result->selection.snapshot(), prefix(100), false, true);
        QCOMPARE(model.rowCount(), 100);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRows(m_store, m_result->selection.snapshot(), prefix(500), true, true);
        QCOMPARE(inserted.count(), 1); // the first growth is shown at once
        QCOMPARE(model.rowCount(), 500);
        model.setRows(m_store, m_result->selection.snapshot(), prefix(1000), true, true);
        model.setRows(m_store, m_result->selection.snapshot(), prefix(2000), true, true);
        QCOMPARE(inserted.count(), 1); // these wait for the interval
        QCOMPARE(model.rowCount(), 500);
        QVERIFY(model.hasPendingGrowth());
        model.setRows(m_store, m_result->selection.snapshot(), m_result->rows, true, false); // the load ended
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted.last().at(1).toInt(), 500); // one insertion of the rows that waited
        QCOMPARE(inserted.last().at(2).toInt(), static_cast<int>(m_flows.size()) - 1);
        QCOMPARE(reset.count(), 0);
        QVERIFY(!model.hasPendingGrowth());
        // What the table reports is every record, line by line as written.
        const int bytes = model.columnOf(FieldId::Bytes);
        QCOMPARE(model.rowCount(), static_cast<int>(m_flows.size()));
        for (int r = 0; r < model.rowCount(); ++r) {
            QCOMPARE(model.data(model.index(r, bytes), RecordTableModel::SortRole).toLongLong(),
                m_flows[std::size_t(r)].bytes);
        }

        // With a short interval the rows that wait are shown by the timer, without another result.
        RecordTableModel timed;
        QAbstractItemModelTester timedTester(&timed);
        timed.setGrowthInterval(50);
        timed.setRows(m_store, m_result->selection.snapshot(), prefix(100), false, true);
        timed.setRows(m_store, m_result->selection.snapshot(), prefix(200), true, true);
        timed.setRows(m_store, m_result->selection.snapshot(), prefix(300), true, true);
        QTRY_COMPARE_WITH_TIMEOUT(timed.rowCount(), 300, 10000);
        QVERIFY(!timed.hasPendingGrowth());

        // A reset (another filter) while rows wait drops them: the new rows are shown as they are.
        model.setRows(m_store, m_result->selection.snapshot(), prefix(100), false, true);
        model.setRows(m_store, m_result->selection.snapshot(), prefix(200), true, true);
        model.setRows(m_store, m_result->selection.snapshot(), prefix(50), false, true);
        QVERIFY(!model.hasPendingGrowth());
        QCOMPARE(model.rowCount(), 50);
    }

    void recordTableInsertsLargeGrowthInSteps()
    {
        // 20,000 table rows over the 3000 records (row r is record r % 3000): more than one
        // insertion may hold, so they reach the views in several, one per turn of the event loop.
        const auto& all = *m_result->rows;
        auto cycle = [&](std::size_t n) {
            auto rows = std::make_shared<std::vector<RowId>>();
            for (std::size_t r = 0; r < n; ++r) {
                rows->push_back(all[r % all.size()]);
            }
            return std::shared_ptr<const std::vector<RowId>>(std::move(rows));
        };
        const auto snapshot = m_result->selection.snapshot();
        const int bytes = 9; // column of the v2 field `bytes`
        auto bytesAt = [&](const RecordTableModel& model, int row) {
            return model.data(model.index(row, bytes), RecordTableModel::SortRole).toLongLong();
        };
        const int total = 20'000;

        RecordTableModel model;
        QAbstractItemModelTester tester(&model);
        model.setInsertionBudget(std::chrono::microseconds(100)); // kMinInsertion rows per insertion
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        // The first result of a load: the first rows now, the others in insertions that follow.
        model.setRows(m_store, snapshot, cycle(total), false, true);
        QCOMPARE(model.columnOf(FieldId::Bytes), bytes);
        QCOMPARE(model.rowCount(), RecordTableModel::kMinInsertion);
        QVERIFY(model.hasPendingGrowth());
        QCOMPARE(model.rows()->size(), std::size_t(model.rowCount())); // what exports see: the rows shown
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), total, 10000);
        QVERIFY(!model.hasPendingGrowth());
        QVERIFY(inserted.count() >= 1);
        int next = RecordTableModel::kMinInsertion;
        for (const auto& args : inserted) { // contiguous, in order, each at least the minimum unless last
            QCOMPARE(args.at(1).toInt(), next);
            next = args.at(2).toInt() + 1;
        }
        QCOMPARE(next, total);
        for (int r : { 0, 2999, 3000, 16383, 16384, total - 1 }) {
            QCOMPARE(bytesAt(model, r), m_flows[std::size_t(r) % m_flows.size()].bytes);
        }

        // The last result of a load, far larger: shown in insertions too, every row in the end.
        inserted.clear();
        model.setRows(m_store, snapshot, cycle(3 * total), true, false);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3 * total, 10000);
        QCOMPARE(inserted.first().at(1).toInt(), total);
        QCOMPARE(inserted.last().at(2).toInt(), 3 * total - 1);
        QCOMPARE(bytesAt(model, 3 * total - 1), m_flows[std::size_t(3 * total - 1) % m_flows.size()].bytes);

        // A sort asked while rows wait takes every row received.
        RecordTableModel sorting; // (the tester above covers the insertions; this one is about the rows)
        sorting.setInsertionBudget(std::chrono::microseconds(100));
        sorting.setRows(m_store, snapshot, cycle(total), false, true);
        QVERIFY(sorting.hasPendingGrowth());
        sorting.sort(bytes, Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(!sorting.isSorting(), 10000);
        QCOMPARE(sorting.rowCount(), total);
        std::vector<std::int64_t> expected;
        for (int r = 0; r < total; ++r) {
            expected.push_back(m_flows[std::size_t(r) % m_flows.size()].bytes);
        }
        std::sort(expected.begin(), expected.end(), std::greater<>());
        for (int r = 0; r < total; r += 997) {
            QCOMPARE(bytesAt(sorting, r), expected[std::size_t(r)]);
        }

        // Without a budget, every row at once.
        RecordTableModel whole;
        whole.setInsertionBudget({});
        whole.setRows(m_store, snapshot, cycle(total), false, true);
        QCOMPARE(whole.rowCount(), total);
        QVERIFY(!whole.hasPendingGrowth());
    }

    void endpointsMatchBruteForce()
    {
        EndpointTableModel model;
        QAbstractItemModelTester tester(&model);
        model.setResult(m_result);
        std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> bytes; // out, in
        std::uint64_t total = 0;
        for (const Flow& f : m_flows) {
            bytes[f.src].first += static_cast<std::uint64_t>(f.bytes);
            bytes[f.dst].second += static_cast<std::uint64_t>(f.bytes);
            total += static_cast<std::uint64_t>(f.bytes);
        }
        QCOMPARE(model.rowCount(), static_cast<int>(bytes.size()));
        for (int r = 0; r < model.rowCount(); ++r) {
            const auto address = model.data(model.index(r, EndpointTableModel::AddressColumn)).toString().toStdString();
            const auto& [out, in] = bytes[address];
            QCOMPARE(model.data(model.index(r, EndpointTableModel::BytesOutColumn), EndpointTableModel::RawValueRole)
                         .toULongLong(),
                out);
            QCOMPARE(model.data(model.index(r, EndpointTableModel::BytesInColumn), EndpointTableModel::RawValueRole)
                         .toULongLong(),
                in);
            QCOMPARE(model.data(model.index(r, EndpointTableModel::ShareColumn), EndpointTableModel::RawValueRole)
                         .toDouble(),
                double(out) / double(total));
        }
        EndpointTableModel top(5);
        QAbstractItemModelTester topTester(&top);
        top.setResult(m_result);
        QCOMPARE(top.rowCount(), 5);
    }

    void conversationsMatchBruteForce()
    {
        ConversationTableModel model;
        QAbstractItemModelTester tester(&model);
        model.setResult(m_result);
        std::map<std::tuple<std::string, std::string, int>, std::uint64_t> records;
        for (const Flow& f : m_flows) {
            const auto key
                = f.src < f.dst ? std::make_tuple(f.src, f.dst, f.protocol) : std::make_tuple(f.dst, f.src, f.protocol);
            ++records[key];
        }
        QCOMPARE(model.rowCount(), static_cast<int>(records.size()));
        for (int r = 0; r < model.rowCount(); r += 7) {
            auto a = model.data(model.index(r, ConversationTableModel::AddressAColumn)).toString().toStdString();
            auto b = model.data(model.index(r, ConversationTableModel::AddressBColumn)).toString().toStdString();
            if (b < a) {
                std::swap(a, b);
            }
            const int protocol = model
                                     .data(model.index(r, ConversationTableModel::ProtocolColumn),
                                         ConversationTableModel::RawValueRole)
                                     .toInt();
            QCOMPARE(
                model.data(model.index(r, ConversationTableModel::RecordsColumn), ConversationTableModel::RawValueRole)
                    .toULongLong(),
                records[std::make_tuple(a, b, protocol)]);
        }
    }

    void findingsModel()
    {
        FindingTableModel model;
        QAbstractItemModelTester tester(&model);
        model.setResult(m_result);
        QVERIFY(model.isComputed());
        QCOMPARE(model.rowCount(), static_cast<int>(m_result->findings.size()));
    }

    void exportCsvAndJson()
    {
        RecordTableModel model;
        auto three = std::make_shared<std::vector<RowId>>(m_result->rows->begin(), m_result->rows->begin() + 3);
        model.setRows(m_store, m_result->selection.snapshot(), three);
        const std::vector<int> columns { model.columnOf(FieldId::SrcAddr), model.columnOf(FieldId::Bytes),
            model.columnOf(FieldId::Action) };
        const QString csv = TableExport::toCsv(model, {}, columns);
        QString expected = QStringLiteral("srcAddr,bytes,action\r\n");
        for (int i = 0; i < 3; ++i) {
            expected += QStringLiteral("%1,%2,%3\r\n")
                            .arg(QString::fromStdString(m_flows[std::size_t(i)].src))
                            .arg(m_flows[std::size_t(i)].bytes)
                            .arg(QString::fromStdString(m_flows[std::size_t(i)].action));
        }
        QCOMPARE(csv, expected);

        const QString path = m_dir.filePath(QStringLiteral("endpoints.json"));
        EndpointTableModel endpoints;
        endpoints.setResult(m_result);
        QString error;
        QVERIFY2(TableExport::write(endpoints, path, error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray array = QJsonDocument::fromJson(file.readAll()).array();
        QCOMPARE(array.size(), endpoints.rowCount());
        const QJsonObject first = array[0].toObject();
        QCOMPARE(first[QStringLiteral("Address")].toString(),
            endpoints.data(endpoints.index(0, EndpointTableModel::AddressColumn)).toString());
        QVERIFY(first[QStringLiteral("Bytes out")].isDouble()); // numbers stay numbers
        QVERIFY(!TableExport::write(endpoints, m_dir.filePath(QStringLiteral("no/such/dir/x.csv")), error));
        QVERIFY(error.contains(QStringLiteral("Cannot write")));

        // Quoting: a comma or a quote in a header or cell is quoted, quotes doubled.
        QStringListModel quoted({ QStringLiteral("say \"hi\""), QStringLiteral("a,b"), QStringLiteral("plain") });
        QCOMPARE(TableExport::toCsv(quoted), QStringLiteral("1\r\n\"say \"\"hi\"\"\"\r\n\"a,b\"\r\nplain\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_itemmodels.moc"
