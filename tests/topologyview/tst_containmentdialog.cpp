// The containment dialog offscreen, on the peering-lab fixtures and 400 records drawn with a fixed
// seed: the deny rules (numbers worked out by hand from the fixtures' ACLs), and the past flows they
// would have blocked, checked against a brute-force count over the records written here. Behind the
// ACLs (from the fixtures): acl-a guards subnet-a-public 10.1.1.0/24 (with eni-a1's public address
// 203.0.113.10 and the NAT's 198.51.100.7) and subnet-a-private 10.1.2.0/24; acl-b guards
// subnet-b-private 10.2.1.0/24.
#include "containmentdialog.h"
#include "ingest/loader.h"
#include "investigation/filterstate.h"
#include "investigation/querypredicate.h"
#include "topology/awsjsonloader.h"
#include "valuemenu.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace flowlens;

namespace {

const char* const kTarget = "198.51.100.99";

struct Flow {
    QString src;
    QString dst;
    std::uint64_t bytes = 0;
};

struct Expected {
    std::uint64_t records = 0;
    std::uint64_t bytes = 0;
    std::uint64_t bytesOut = 0; // from behind the ACLs to the target
};

// The brute force: does the address sit behind the chosen ACLs?
bool behind(const QString& address, bool withAclB)
{
    const Address a = *Address::parse(address.toStdString());
    QStringList networks { QStringLiteral("10.1.1.0/24"), QStringLiteral("10.1.2.0/24"),
        QStringLiteral("203.0.113.10/32"), QStringLiteral("198.51.100.7/32") };
    if (withAclB) {
        networks << QStringLiteral("10.2.1.0/24");
    }
    for (const QString& n : networks) {
        if (Cidr::parse(n.toStdString())->contains(a)) {
            return true;
        }
    }
    return false;
}

Expected bruteForce(const std::vector<Flow>& flows, bool withAclB)
{
    Expected e;
    const QString target = QLatin1String(kTarget);
    for (const Flow& f : flows) {
        const bool out = f.dst == target && behind(f.src, withAclB);
        const bool in = f.src == target && behind(f.dst, withAclB);
        if (out || in) {
            ++e.records;
            e.bytes += f.bytes;
            e.bytesOut += out ? f.bytes : 0;
        }
    }
    return e;
}

QString number(std::uint64_t n)
{
    return QLocale().toString(static_cast<qulonglong>(n));
}

} // namespace

class TestContainmentDialog : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::shared_ptr<FlowStore> m_store;
    std::shared_ptr<const Topology> m_topology;
    std::vector<Flow> m_flows;

private Q_SLOTS:
    void initTestCase()
    {
        const QStringList pool { QLatin1String(kTarget), QStringLiteral("10.1.1.10"), QStringLiteral("10.1.2.20"),
            QStringLiteral("10.2.1.30"), QStringLiteral("10.1.1.77"), QStringLiteral("203.0.113.10"),
            QStringLiteral("198.51.100.7"), QStringLiteral("8.8.8.8"), QStringLiteral("172.16.0.1"),
            QStringLiteral("198.51.100.5") };
        QRandomGenerator rng(20261123);
        QByteArray log = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
                         "start end action log-status\n";
        for (int i = 0; i < 400; ++i) {
            Flow f;
            // Half the records involve the target on one side.
            const bool withTarget = rng.bounded(2) == 0;
            const QString other = pool.at(1 + int(rng.bounded(quint32(pool.size() - 1))));
            const QString any = pool.at(int(rng.bounded(quint32(pool.size()))));
            const bool targetFirst = rng.bounded(2) == 0;
            f.src = withTarget ? (targetFirst ? QLatin1String(kTarget) : other) : any;
            f.dst = withTarget ? (targetFirst ? other : QLatin1String(kTarget)) : other;
            f.bytes = 40 + rng.bounded(100000);
            m_flows.push_back(f);
            log += "2 1 eni-x " + f.src.toLatin1() + ' ' + f.dst.toLatin1() + " 40000 443 6 3 "
                + QByteArray::number(qulonglong(f.bytes)) + ' ' + QByteArray::number(1700000000 + i * 60) + ' '
                + QByteArray::number(1700000060 + i * 60) + (i % 7 == 0 ? " REJECT OK\n" : " ACCEPT OK\n");
        }
        QFile file(m_dir.filePath(QStringLiteral("flows.log")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(log);
        file.close();
        auto store = std::make_shared<FlowStore>();
        Loader::load(*store, { file.fileName() });
        QCOMPARE(store->rowCount(), 400U);
        m_store = store;
        const TopologyLoadResult lab = AwsJsonLoader::load(QStringLiteral(FLOWLENS_TOPOLOGY_DATA "/peering-lab-fixed"));
        QVERIFY(lab.ok());
        m_topology = std::make_shared<const Topology>(lab.topology);
    }

    void rulesAndBlockedFlows()
    {
        ContainmentDialog dialog;
        dialog.setTopology(m_topology);
        dialog.setStore(m_store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(dialog.aclList()->count(), 2);
        QSignalSpy counted(&dialog, &ContainmentDialog::flowsCounted);
        QVERIFY(dialog.contain(QLatin1String(kTarget)));
        QVERIFY(counted.wait(10000) || counted.count() == 1);

        // acl-a: the first rule matching the address is 100 (allow all) both ways → 99 each; acl-b
        // inbound: 120 (allow TCP from anywhere) → 119; acl-b outbound allows only 10.1.0.0/16, so the
        // final rule already denies the address there.
        const QString cli = dialog.snippetText(0);
        QCOMPARE(cli.count(QStringLiteral("create-network-acl-entry")), 3);
        QVERIFY(cli.contains(QStringLiteral("--network-acl-id acl-a --ingress --rule-number 99 --protocol -1 "
                                            "--rule-action deny --cidr-block 198.51.100.99/32")));
        QVERIFY(cli.contains(QStringLiteral("--network-acl-id acl-a --egress --rule-number 99")));
        QVERIFY(cli.contains(QStringLiteral("--network-acl-id acl-b --ingress --rule-number 119")));
        QCOMPARE(dialog.snippetText(1).count(QStringLiteral("delete-network-acl-entry")), 3);
        QVERIFY(dialog.snippetText(1).contains(QStringLiteral("--network-acl-id acl-b --ingress --rule-number 119")));
        QVERIFY(dialog.snippetText(2).contains(QStringLiteral("rule_number    = 119")));
        QVERIFY(dialog.snippetText(3).contains(QStringLiteral("RuleNumber: 119")));
        QVERIFY(dialog.notesText().contains(QStringLiteral("acl-b: no outbound rule matches")));

        const Expected e = bruteForce(m_flows, true);
        QVERIFY(e.records > 20); // the seed gives enough to list 20 and say how many more
        const ContainmentPlan& plan = *dialog.plan();
        QCOMPARE(plan.blockedRecords, e.records);
        QCOMPARE(plan.blockedBytes, e.bytes);
        QCOMPARE(plan.blockedBytesOut, e.bytesOut);
        const QString summary = dialog.summaryText();
        QVERIFY2(summary.contains(
                     number(e.records) + QStringLiteral(" records (") + number(e.bytes) + QStringLiteral(" bytes)")),
            qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("$") + QString::number(double(e.bytesOut) / 1e9 * 0.09, 'f', 4)),
            qPrintable(summary));

        // The list: the first 20 records, then a line for the rest.
        QTreeWidget* list = dialog.blockedFlows();
        QCOMPARE(list->topLevelItemCount(), 21);
        QVERIFY(list->topLevelItem(20)->text(0).contains(number(e.records - 20)));
        for (int i = 0; i < 20; ++i) {
            const QTreeWidgetItem* item = list->topLevelItem(i);
            QVERIFY(item->text(1) == QLatin1String(kTarget) || item->text(2) == QLatin1String(kTarget));
        }

        // A click on a row filters to its conversation; the button to every blocked flow, which the
        // filter engine finds again: the brute-force count.
        QSignalSpy filters(&dialog, &ContainmentDialog::filterRequested);
        const QTreeWidgetItem* first = list->topLevelItem(0);
        const QRect rect = list->visualItemRect(first);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(filters.count(), 1);
        QCOMPARE(filters.at(0).at(0).toString(),
            QStringLiteral("srcAddr = \"") + first->text(1) + QStringLiteral("\" and dstAddr = \"") + first->text(2)
                + QLatin1Char('"'));
        QVERIFY(dialog.filterButton()->isEnabled());
        QTest::mouseClick(dialog.filterButton(), Qt::LeftButton);
        QCOMPARE(filters.count(), 2);
        QString error;
        FilterState state;
        state.predicate = QueryPredicate::compile(m_store, filters.at(1).at(0).toString(), error);
        QVERIFY2(state.predicate, qPrintable(error));
        QCOMPARE(evaluateFilter(m_store->snapshot(), state).count(), e.records);

        // Copy and save the Terraform tab.
        dialog.snippets()->setCurrentIndex(2);
        for (QPushButton* button : dialog.findChildren<QPushButton*>()) {
            if (button->text() == QStringLiteral("Copy")) {
                QTest::mouseClick(button, Qt::LeftButton);
            }
        }
        QCOMPARE(QApplication::clipboard()->text(), dialog.snippetText(2));
        const QString path = m_dir.filePath(QStringLiteral("block.tf"));
        QCOMPARE(dialog.saveSnippet(2, path), QString());
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(saved.readAll()), dialog.snippetText(2));
        QVERIFY(!dialog.saveSnippet(2, m_dir.filePath(QStringLiteral("missing/dir/x.tf"))).isEmpty());

        // acl-b unchecked: its rule goes, and so do the flows of 10.2.1.0/24.
        counted.clear();
        dialog.aclList()->item(1)->setCheckState(Qt::Unchecked);
        QTRY_COMPARE_WITH_TIMEOUT(counted.count(), 1, 10000);
        QCOMPARE(dialog.snippetText(0).count(QStringLiteral("create-network-acl-entry")), 2);
        const Expected onlyA = bruteForce(m_flows, false);
        QVERIFY(onlyA.records < e.records);
        QCOMPARE(dialog.plan()->blockedRecords, onlyA.records);
        QCOMPARE(dialog.plan()->blockedBytesOut, onlyA.bytesOut);
    }

    void valueMenuOffersBlocking()
    {
        // The right-click menu of an address offers "Block …" for public addresses, and only where
        // something handles it.
        ValueMenu menu;
        ValueMenu::Cell cell;
        cell.field = FieldId::SrcAddr;
        cell.value = qint64(m_store->findAddress(*Address::parse(kTarget))->value);
        auto blockAction = [&](const ValueMenu::Cell& c) -> QAction* {
            QMenu shown;
            menu.populate(&shown, *m_store, c);
            for (QAction* a : shown.actions()) {
                if (a->text().startsWith(QStringLiteral("Block "))) {
                    a->setParent(&menu); // outlive the menu
                    return a;
                }
            }
            return nullptr;
        };
        QVERIFY(!blockAction(cell)); // nobody listens yet
        QSignalSpy asked(&menu, &ValueMenu::containRequested);
        QAction* block = blockAction(cell);
        QVERIFY(block);
        QCOMPARE(block->text(), QStringLiteral("Block 198.51.100.99 with Network ACL Rules…"));
        block->trigger();
        QCOMPARE(asked.count(), 1);
        QCOMPARE(asked.at(0).at(0).toLongLong(), cell.value);
        ValueMenu::Cell privateCell = cell;
        privateCell.value = qint64(m_store->findAddress(*Address::parse("10.1.1.10"))->value);
        QVERIFY(!blockAction(privateCell));
    }

    void badInput()
    {
        ContainmentDialog dialog;
        QVERIFY(!dialog.contain(QLatin1String(kTarget)));
        QVERIFY(dialog.summaryText().contains(QStringLiteral("No topology is loaded")));
        dialog.setTopology(m_topology);
        QVERIFY(!dialog.contain(QStringLiteral("not-an-address")));
        QVERIFY(dialog.summaryText().contains(QStringLiteral("'not-an-address' is not an IPv4 or IPv6 address")));
        QVERIFY(dialog.snippetText(0).isEmpty());
        // Without flow logs the rules still come, and the dialog says there is nothing to count.
        QVERIFY(dialog.contain(QLatin1String(kTarget)));
        QCOMPARE(dialog.snippetText(0).count(QStringLiteral("create-network-acl-entry")), 3);
        QVERIFY(dialog.summaryText().contains(QStringLiteral("No flow logs are loaded")));
    }
};

QTEST_MAIN(TestContainmentDialog)
#include "tst_containmentdialog.moc"
