// The reachability dialog offscreen, on the peering-lab fixtures: the verdict a user reads, the hop
// list with the blocking rule, typed flows and their errors, and the flow-log evidence beside it
// (counted here by hand from the records written). Set FLOWLENS_REACH_SCREENSHOT=path.png to keep
// a picture of the dialog.
#include "ingest/loader.h"
#include "reachabilitydialog.h"
#include "topology/awsjsonloader.h"
#include "topology/recordflowquery.h"

#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace flowlens;

namespace {

std::shared_ptr<const Topology> lab(const char* name)
{
    const TopologyLoadResult r = AwsJsonLoader::load(QStringLiteral(FLOWLENS_TOPOLOGY_DATA "/") + QLatin1String(name));
    return std::make_shared<const Topology>(r.topology);
}

FlowQuery ping()
{
    FlowQuery q;
    q.source = *Address::parse("10.1.1.10");
    q.destination = *Address::parse("10.2.1.30");
    q.protocol = 1;
    return q;
}

int blockingRows(const QTreeWidget* tree)
{
    int n = 0;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        n += tree->topLevelItem(i)->text(0).contains(QStringLiteral("blocks"));
    }
    return n;
}

} // namespace

class TestReachabilityDialog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::shared_ptr<FlowStore> m_store;

private Q_SLOTS:
    void initTestCase()
    {
        // Three echo requests a1 → b1 and no reply; one REJECTed SSH attempt from outside; one NODATA record.
        QFile f(m_dir.filePath(QStringLiteral("pings.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                "action log-status\n"
                "2 1 eni-a1 10.1.1.10 10.2.1.30 0 0 1 1 84 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a1 10.1.1.10 10.2.1.30 0 0 1 1 84 1700000060 1700000120 ACCEPT OK\n"
                "2 1 eni-a1 10.1.1.10 10.2.1.30 0 0 1 1 84 1700000120 1700000180 ACCEPT OK\n"
                "2 1 eni-a1 198.51.100.99 10.1.1.10 51000 22 6 1 60 1700000000 1700000060 REJECT OK\n"
                "2 1 eni-a1 - - - - - - - 1700000000 1700000060 - NODATA\n");
        f.close();
        m_store = std::make_shared<FlowStore>();
        Loader::load(*m_store, { f.fileName() });
        QCOMPARE(m_store->rowCount(), 5U);
    }

    void brokenThenFixed()
    {
        ReachabilityDialog dialog;
        dialog.setTopology(lab("peering-lab-broken"));
        dialog.setStore(m_store);
        QSignalSpy evidence(&dialog, &ReachabilityDialog::evidenceReady);
        dialog.explain(ping());
        // The broken lab: VPC A's route table sends 10.2.0.0/16 to the internet gateway.
        QVERIFY2(dialog.verdictText().startsWith(QStringLiteral("Not reachable: no route")),
            qPrintable(dialog.verdictText()));
        QVERIFY(dialog.result() && !dialog.result()->reachable());
        QVERIFY2(dialog.verdictText().contains(dialog.result()->blockingId), qPrintable(dialog.verdictText()));
        QVERIFY(dialog.result()->blockingId.startsWith(QStringLiteral("rtb-")));
        QVERIFY2(dialog.explanationText().contains(QStringLiteral("Fix: ")), qPrintable(dialog.explanationText()));
        QCOMPARE(dialog.steps()->topLevelItemCount(), int(dialog.result()->steps.size()));
        QCOMPARE(blockingRows(dialog.steps()), 1);
        // Evidence: the three requests, no reply (one-way), found in the background.
        QTRY_COMPARE(evidence.size(), 1);
        QVERIFY2(
            dialog.evidenceText().contains(QStringLiteral("3 request records")), qPrintable(dialog.evidenceText()));
        QVERIFY(dialog.evidenceText().contains(QStringLiteral("0 reply records")));
        QVERIFY(dialog.evidenceText().contains(QStringLiteral("one-way")));

        dialog.setTopology(lab("peering-lab-fixed"));
        dialog.explain(ping());
        QCOMPARE(dialog.verdictText(), QStringLiteral("Reachable"));
        QCOMPARE(blockingRows(dialog.steps()), 0);
        QVERIFY(dialog.steps()->topLevelItemCount() > 2);
        // The path names the peering connection it goes through.
        bool peering = false;
        for (int i = 0; i < dialog.steps()->topLevelItemCount(); ++i) {
            peering |= dialog.steps()->topLevelItem(i)->text(1) == QStringLiteral("pcx-0ab");
        }
        QVERIFY(peering);
        if (const QByteArray shot = qgetenv("FLOWLENS_REACH_SCREENSHOT"); !shot.isEmpty()) {
            dialog.setTopology(lab("peering-lab-broken"));
            dialog.explain(ping());
            QTRY_VERIFY(!dialog.isSearchingEvidence());
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(dialog.grab().save(QString::fromLocal8Bit(shot)));
        }
    }

    void typed()
    {
        ReachabilityDialog dialog;
        dialog.setTopology(lab("peering-lab-fixed"));
        const auto edits = dialog.findChildren<QLineEdit*>();
        QLineEdit* source = nullptr;
        QLineEdit* destination = nullptr;
        for (QLineEdit* e : edits) {
            if (e->placeholderText() == QStringLiteral("10.1.1.10")) {
                source = e;
            } else if (e->placeholderText() == QStringLiteral("10.2.1.20")) {
                destination = e;
            }
        }
        QVERIFY(source && destination);
        QTest::keyClicks(source, QStringLiteral("10.1.1.999"));
        QTest::keyClicks(destination, QStringLiteral("10.2.1.30"));
        QVERIFY(!dialog.explainTyped());
        QCOMPARE(dialog.verdictText(), QStringLiteral("'10.1.1.999' is not an IP address"));
        QVERIFY(!dialog.result());
        source->clear();
        QTest::keyClicks(source, QStringLiteral("10.1.1.10"));
        auto* protocol = dialog.findChild<QComboBox*>();
        protocol->setCurrentText(QStringLiteral("smtp"));
        QVERIFY(!dialog.explainTyped());
        QVERIFY(dialog.verdictText().startsWith(QStringLiteral("'smtp' is not a protocol")));
        protocol->setCurrentText(QStringLiteral("icmp"));
        QVERIFY(!dialog.findChild<QSpinBox*>()->isEnabled()); // ICMP has no ports
        protocol->setCurrentText(QStringLiteral("tcp"));
        QVERIFY(dialog.findChild<QSpinBox*>()->isEnabled());
        dialog.findChild<QSpinBox*>()->setValue(5432);
        // Clicking Explain runs the typed flow: the result is the analyzer's for that flow.
        QPushButton* button = nullptr;
        for (QPushButton* b : dialog.findChildren<QPushButton*>()) {
            if (b->text() == QStringLiteral("Explain")) {
                button = b;
            }
        }
        QVERIFY(button);
        QSignalSpy explained(&dialog, &ReachabilityDialog::explained);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(explained.size(), 1);
        FlowQuery q = ping();
        q.protocol = 6;
        q.port = 5432;
        const ReachResult expected = ReachabilityAnalyzer(*lab("peering-lab-fixed")).evaluate(q);
        QCOMPARE(dialog.result()->verdict, expected.verdict);
        QCOMPARE(dialog.steps()->topLevelItemCount(), int(expected.steps.size()));
        QCOMPARE(dialog.evidenceText(), QStringLiteral("Flow logs: none loaded"));

        QCOMPARE(ReachabilityDialog::parseProtocol(QStringLiteral(" ICMP ")), std::optional<int>(1));
        QCOMPARE(ReachabilityDialog::parseProtocol(QStringLiteral("256")), std::nullopt);
        QCOMPARE(ReachabilityDialog::parseProtocol(QStringLiteral("47")), std::optional<int>(47));
    }

    void withoutTopology()
    {
        ReachabilityDialog dialog;
        dialog.explain(ping());
        QVERIFY(dialog.verdictText().startsWith(QStringLiteral("No topology is loaded")));
    }

    void queryOfRecord()
    {
        // Rows in file order in one chunk: 3 is the SSH attempt, 4 the NODATA record.
        const auto ssh = flowQueryOfRecord(*m_store, makeRowId(0, 3));
        QVERIFY(ssh);
        QCOMPARE(QString::fromStdString(ssh->source.toString()), QStringLiteral("198.51.100.99"));
        QCOMPARE(QString::fromStdString(ssh->destination.toString()), QStringLiteral("10.1.1.10"));
        QCOMPARE(ssh->protocol, 6);
        QCOMPARE(ssh->port, 22);
        QCOMPARE(ssh->sourcePort, std::optional<int>(51000));
        const auto icmp = flowQueryOfRecord(*m_store, makeRowId(0, 0));
        QVERIFY(icmp && icmp->protocol == 1 && icmp->port == 0 && !icmp->sourcePort);
        QString error;
        QVERIFY(!flowQueryOfRecord(*m_store, makeRowId(0, 4), &error));
        QVERIFY2(error.contains(QStringLiteral("NODATA")), qPrintable(error));
        QVERIFY(!flowQueryOfRecord(*m_store, makeRowId(7, 0), &error));
        QVERIFY2(error.contains(QStringLiteral("not in the store")), qPrintable(error));
    }
};

QTEST_MAIN(TestReachabilityDialog)
#include "tst_reachabilitydialog.moc"
