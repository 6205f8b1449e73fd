#include "containmentdialog.h"

#include "selectablelabel.h"
#include "topology/networkaclevaluator.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace flowlens {

namespace {

QString number(std::uint64_t n)
{
    return QLocale().toString(static_cast<qulonglong>(n));
}

QString quoted(const std::string& address)
{
    return QLatin1Char('"') + QString::fromStdString(address) + QLatin1Char('"');
}

enum FlowColumn { StartColumn, SourceColumn, DestinationColumn, ProtocolColumn, PortColumn, BytesColumn, ActionColumn };

const std::array<QString, 4> kSuffixes
    = { QStringLiteral("sh"), QStringLiteral("sh"), QStringLiteral("tf"), QStringLiteral("yaml") };

} // namespace

ContainmentDialog::ContainmentDialog(QWidget* parent)
    : QDialog(parent)
    , m_address(new QComboBox(this))
    , m_acls(new QListWidget(this))
    , m_summary(selectableLabel(this))
    , m_notes(selectableLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_flows(new QTreeWidget(this))
    , m_filterAll(new QPushButton(tr("Filter to These Flows"), this))
{
    setWindowTitle(tr("Contain an Address — Network ACL Deny Rules"));
    resize(980, 760);
    m_address->setEditable(true);
    m_address->setInsertPolicy(QComboBox::NoInsert);
    m_address->lineEdit()->setPlaceholderText(tr("an external address, e.g. 198.51.100.99"));
    m_address->setToolTip(tr("The address to cut off from the subnets behind the chosen network ACLs"));
    auto* planButton = new QPushButton(tr("Plan Rules"), this);
    planButton->setDefault(true);
    connect(planButton, &QPushButton::clicked, this, [this] { contain(m_address->currentText()); });

    m_acls->setToolTip(tr("The network ACLs that get the deny rules: each guards the subnets it is associated with"));
    m_acls->setMaximumHeight(110);
    connect(m_acls, &QListWidget::itemChanged, this, [this] {
        if (!m_filling) {
            replan();
        }
    });

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const std::array<QString, 4> titles { tr("AWS CLI"), tr("Rollback"), tr("Terraform"), tr("CloudFormation") };
    for (std::size_t i = 0; i < m_texts.size(); ++i) {
        m_texts[i] = new QPlainTextEdit(m_tabs);
        m_texts[i]->setReadOnly(true);
        m_texts[i]->setFont(mono);
        m_texts[i]->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_tabs->addTab(m_texts[i], titles[i]);
    }
    auto* copy = new QPushButton(tr("Copy"), this);
    copy->setToolTip(tr("Copy the snippet of the tab shown"));
    connect(copy, &QPushButton::clicked, this, &ContainmentDialog::copySnippet);
    auto* save = new QPushButton(tr("Save…"), this);
    save->setToolTip(tr("Save the snippet of the tab shown to a file"));
    connect(save, &QPushButton::clicked, this, &ContainmentDialog::saveSnippetAs);

    m_flows->setRootIsDecorated(false);
    m_flows->setUniformRowHeights(true);
    m_flows->setHeaderLabels(
        { tr("Start (UTC)"), tr("Source"), tr("Destination"), tr("Protocol"), tr("Port"), tr("Bytes"), tr("Action") });
    m_flows->setToolTip(tr("The first records the rules would have blocked; click one to filter to its conversation"));
    connect(m_flows, &QTreeWidget::itemClicked, this,
        [this](QTreeWidgetItem* item) { Q_EMIT filterRequested(item->data(0, Qt::UserRole).toString()); });
    m_filterAll->setEnabled(false);
    m_filterAll->setToolTip(tr("Filter the investigation to every record the rules would have blocked"));
    connect(m_filterAll, &QPushButton::clicked, this, [this] {
        if (m_plan && m_topology) {
            Q_EMIT filterRequested(m_plan->filterExpression(*m_topology));
        }
    });

    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Address:"), this));
    top->addWidget(m_address, 1);
    top->addWidget(planButton);
    layout->addLayout(top);
    layout->addWidget(new QLabel(tr("Network ACLs to change:"), this));
    layout->addWidget(m_acls);
    layout->addWidget(m_summary);
    layout->addWidget(m_notes);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    auto* snippetBox = new QWidget(splitter);
    auto* snippetLayout = new QVBoxLayout(snippetBox);
    snippetLayout->setContentsMargins(0, 0, 0, 0);
    snippetLayout->addWidget(m_tabs, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(copy);
    buttons->addWidget(save);
    snippetLayout->addLayout(buttons);
    auto* flowBox = new QWidget(splitter);
    auto* flowLayout = new QVBoxLayout(flowBox);
    flowLayout->setContentsMargins(0, 0, 0, 0);
    flowLayout->addWidget(new QLabel(tr("Past flows the rules would have blocked:"), flowBox));
    flowLayout->addWidget(m_flows, 1);
    auto* filterRow = new QHBoxLayout;
    filterRow->addStretch(1);
    filterRow->addWidget(m_filterAll);
    flowLayout->addLayout(filterRow);
    splitter->addWidget(snippetBox);
    splitter->addWidget(flowBox);
    layout->addWidget(splitter, 1);
}

void ContainmentDialog::setTopology(std::shared_ptr<const Topology> topology)
{
    if (topology != m_topology) {
        m_job.cancel();
    }
    m_topology = std::move(topology);
    m_filling = true;
    m_acls->clear();
    if (m_topology) {
        for (const NetworkAcl& acl : m_topology->networkAcls) {
            QStringList subnets;
            for (const QString& s : acl.subnetIds) {
                subnets << s;
            }
            auto* item = new QListWidgetItem(Topology::label(acl.id, acl.name) + QStringLiteral(" · ") + acl.vpcId
                    + (subnets.isEmpty() ? QStringLiteral(" · no subnets")
                                         : QStringLiteral(" · ") + subnets.join(QStringLiteral(", "))),
                m_acls);
            item->setData(Qt::UserRole, acl.id);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Checked);
        }
    }
    m_filling = false;
}

void ContainmentDialog::setStore(std::shared_ptr<const FlowStore> store)
{
    if (store != m_store) {
        m_job.cancel(); // a count in flight names rows of the store it read
    }
    m_store = std::move(store);
}

void ContainmentDialog::setCandidates(const QStringList& addresses)
{
    const QString current = m_address->currentText();
    m_address->clear();
    m_address->addItems(addresses);
    m_address->setCurrentText(current);
}

std::vector<QString> ContainmentDialog::chosenAcls() const
{
    std::vector<QString> ids;
    for (int i = 0; i < m_acls->count(); ++i) {
        if (m_acls->item(i)->checkState() == Qt::Checked) {
            ids.push_back(m_acls->item(i)->data(Qt::UserRole).toString());
        }
    }
    return ids;
}

bool ContainmentDialog::contain(const QString& address)
{
    m_address->setCurrentText(address.trimmed());
    if (!m_topology || m_topology->networkAcls.empty()) {
        m_job.cancel();
        m_plan.reset();
        m_summary->setText(m_topology ? tr("The topology has no network ACLs: open the describe-network-acls JSON "
                                           "(File ▸ Open Topology) to plan deny rules.")
                                      : tr("No topology is loaded: open one with File ▸ Open Topology."));
        showPlan();
        return false;
    }
    if (!Address::parse(address.trimmed().toStdString())) {
        m_job.cancel();
        m_plan.reset();
        m_summary->setText(tr("'%1' is not an IPv4 or IPv6 address.").arg(address.trimmed()));
        showPlan();
        return false;
    }
    replan();
    return true;
}

void ContainmentDialog::replan()
{
    const auto address = Address::parse(m_address->currentText().trimmed().toStdString());
    if (!address || !m_topology) {
        return;
    }
    std::vector<QString> acls = chosenAcls();
    if (acls.empty()) {
        acls.push_back(QStringLiteral("(none)")); // an empty list means every ACL to the planner
    }
    m_plan = NetworkAclContainment::plan(*m_topology, *address, acls);
    m_plan->costPerGigabyte = kCostPerGigabyte;
    const QString text = QString::fromStdString(address->toString());
    QString where;
    if (const Vpc* vpc = m_topology->vpcContaining(*address)) {
        where = tr(" Note: %1 is inside %2; deny rules for it also cut it off from its own subnet's neighbours.")
                    .arg(text, vpc->id);
    }
    m_summary->setText(tr("%n deny rule(s) for %1", nullptr, int(m_plan->rules.size())).arg(text) + QStringLiteral(", ")
        + tr("inbound and outbound, each numbered before the first rule that matches it.") + where
        + (m_store ? tr("\nCounting the past flows…") : tr("\nNo flow logs are loaded: nothing to count.")));
    showPlan();
    m_flows->clear();
    m_filterAll->setEnabled(false);
    if (!m_store) {
        m_job.cancel();
        return;
    }
    m_job.run(
        this,
        [plan = *m_plan, topology = m_topology, store = m_store]() mutable {
            NetworkAclContainment::measure(plan, *topology, *store);
            return plan;
        },
        [this](ContainmentPlan measured) { showFlows(std::move(measured)); });
}

void ContainmentDialog::showPlan()
{
    if (!m_plan) {
        for (QPlainTextEdit* text : m_texts) {
            text->clear();
        }
        m_notes->clear();
        m_flows->clear();
        m_filterAll->setEnabled(false);
        return;
    }
    m_texts[0]->setPlainText(m_plan->awsCli());
    m_texts[1]->setPlainText(m_plan->rollbackCli());
    m_texts[2]->setPlainText(m_plan->terraform());
    m_texts[3]->setPlainText(m_plan->cloudFormation());
    m_notes->setText(m_plan->notes.isEmpty() ? QString() : tr("Notes:\n") + m_plan->notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!m_plan->notes.isEmpty());
    Q_EMIT planned();
}

void ContainmentDialog::showFlows(ContainmentPlan measured)
{
    m_plan = std::move(measured);
    const QString text = QString::fromStdString(m_plan->address.toString());
    QString summary = tr("%n deny rule(s) for %1", nullptr, int(m_plan->rules.size())).arg(text)
        + tr(", inbound and outbound, each numbered before the first rule that matches it.");
    summary += QLatin1Char('\n')
        + tr("They would have blocked %1 records (%2 bytes) of the investigation; %3 bytes went out to %4: "
             "≈ $%5 of data transfer out at $%6/GB.")
              .arg(number(m_plan->blockedRecords), number(m_plan->blockedBytes), number(m_plan->blockedBytesOut), text,
                  QString::number(m_plan->blockedCost(), 'f', 4), QString::number(m_plan->costPerGigabyte, 'f', 2));
    if (m_plan->address.isPrivate()) {
        summary += tr(" (A private address: no internet data-transfer cost is counted.)");
    }
    m_summary->setText(summary);
    m_flows->clear();
    const FlowStore::Snapshot snapshot = m_store->snapshot();
    for (const RowId row : m_plan->blockedRows) {
        const Chunk& chunk = snapshot.chunk(row);
        const std::uint32_t r = rowOf(row);
        auto value = [&](FieldId field) { return chunk.value(field, r); };
        const std::int64_t src = value(FieldId::SrcAddr);
        const std::int64_t dst = value(FieldId::DstAddr);
        const std::int64_t start = value(FieldId::Start);
        const std::int64_t protocol = value(FieldId::Protocol);
        auto* item = new QTreeWidgetItem(m_flows);
        item->setText(StartColumn,
            start == kNull
                ? QStringLiteral("-")
                : QDateTime::fromSecsSinceEpoch(start, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        item->setText(SourceColumn, QString::fromStdString(m_store->text(FieldId::SrcAddr, src)));
        item->setText(DestinationColumn, QString::fromStdString(m_store->text(FieldId::DstAddr, dst)));
        item->setText(ProtocolColumn,
            protocol == kNull ? QStringLiteral("-") : NetworkAclEvaluator::protocolName(static_cast<int>(protocol)));
        item->setText(PortColumn, QString::fromStdString(m_store->text(FieldId::DstPort, value(FieldId::DstPort))));
        item->setText(BytesColumn, QString::fromStdString(m_store->text(FieldId::Bytes, value(FieldId::Bytes))));
        item->setText(ActionColumn, QString::fromStdString(m_store->text(FieldId::Action, value(FieldId::Action))));
        item->setTextAlignment(BytesColumn, Qt::AlignRight | Qt::AlignVCenter);
        const QString conversation = QStringLiteral("srcAddr = ") + quoted(m_store->text(FieldId::SrcAddr, src))
            + QStringLiteral(" and dstAddr = ") + quoted(m_store->text(FieldId::DstAddr, dst));
        item->setData(0, Qt::UserRole, conversation);
    }
    for (int c = 0; c < m_flows->columnCount(); ++c) {
        m_flows->resizeColumnToContents(c);
    }
    if (m_plan->blockedRecords > m_plan->blockedRows.size()) {
        auto* more = new QTreeWidgetItem(m_flows);
        more->setText(StartColumn,
            tr("… and %1 more: Filter to These Flows shows them all")
                .arg(number(m_plan->blockedRecords - m_plan->blockedRows.size())));
        more->setFirstColumnSpanned(true);
        more->setFlags(Qt::ItemIsEnabled);
        more->setData(0, Qt::UserRole, m_topology ? m_plan->filterExpression(*m_topology) : QString());
    }
    m_filterAll->setEnabled(m_plan->blockedRecords > 0);
    Q_EMIT flowsCounted();
}

QString ContainmentDialog::summaryText() const
{
    return m_summary->text();
}

QString ContainmentDialog::notesText() const
{
    return m_notes->text();
}

QString ContainmentDialog::snippetText(int tab) const
{
    return m_texts[static_cast<std::size_t>(tab)]->toPlainText();
}

void ContainmentDialog::copySnippet()
{
    QApplication::clipboard()->setText(snippetText(m_tabs->currentIndex()));
}

QString ContainmentDialog::saveSnippet(int tab, const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    }
    const QByteArray bytes = snippetText(tab).toUtf8();
    if (file.write(bytes) != bytes.size()) {
        return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    }
    return QString();
}

void ContainmentDialog::saveSnippetAs()
{
    const int tab = m_tabs->currentIndex();
    const QString base = m_plan ? QStringLiteral("flowlens-block-")
            + QString::fromStdString(m_plan->address.toString()).replace(QLatin1Char(':'), QLatin1Char('_'))
                                : QStringLiteral("flowlens-block");
    const QString suffix = kSuffixes[static_cast<std::size_t>(tab)];
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the snippet"),
        QDir::home().filePath(base + (tab == 1 ? QStringLiteral("-rollback.") : QStringLiteral(".")) + suffix));
    if (path.isEmpty()) {
        return;
    }
    const QString error = saveSnippet(tab, path);
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Save failed"), error);
    }
}

} // namespace flowlens
