#include "statisticspane.h"

#include "bardelegate.h"
#include "items/conversationtablemodel.h"
#include "items/endpointtablemodel.h"
#include "items/findingtablemodel.h"
#include "items/recordtablemodel.h"
#include "recordtableview.h"
#include "valuemenu.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <iterator>

namespace flowlens {

StatisticsPane::StatisticsPane(QWidget* parent)
    : QWidget(parent)
    , m_tabs(new QTabWidget(this))
    , m_talkers(new EndpointTableModel(25, this))
    , m_conversations(new ConversationTableModel(this))
    , m_endpoints(new EndpointTableModel(0, this))
    , m_findings(new FindingTableModel(this))
    , m_findingText(new QLabel(this))
    , m_evidenceModel(new RecordTableModel(this))
    , m_evidence(new RecordTableView(this))
    , m_menu(new ValueMenu(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
    auto* exportButton = new QToolButton(m_tabs);
    exportButton->setText(tr("Export table…"));
    exportButton->setToolTip(tr("Save the table of this tab as CSV or JSON"));
    m_tabs->setCornerWidget(exportButton);
    connect(exportButton, &QToolButton::clicked, this, &StatisticsPane::exportRequested);

    m_tables[TopTalkersTab] = makeTable(m_talkers, m_proxies[TopTalkersTab], EndpointTableModel::TotalBytesColumn);
    m_tables[TopTalkersTab]->setItemDelegateForColumn(
        EndpointTableModel::ShareColumn, new BarDelegate(this, EndpointTableModel::FractionRole));
    m_tabs->addTab(m_tables[TopTalkersTab], tr("Top talkers"));
    m_tabs->setTabToolTip(TopTalkersTab, tr("The 25 hosts that moved the most bytes"));
    m_tables[ConversationsTab]
        = makeTable(m_conversations, m_proxies[ConversationsTab], ConversationTableModel::TotalBytesColumn);
    m_tabs->addTab(m_tables[ConversationsTab], tr("Conversations"));
    m_tabs->setTabToolTip(ConversationsTab, tr("Traffic between two addresses over one protocol, both directions"));
    m_tables[EndpointsTab] = makeTable(m_endpoints, m_proxies[EndpointsTab], EndpointTableModel::TotalBytesColumn);
    m_tabs->addTab(m_tables[EndpointsTab], tr("Endpoints"));
    m_tabs->setTabToolTip(EndpointsTab, tr("Every address: bytes and packets each way, peers, ports, rejects"));

    m_tables[FindingsTab] = makeTable(m_findings, m_proxies[FindingsTab], FindingTableModel::SeverityColumn);
    auto* findings = new QSplitter(Qt::Horizontal, this);
    findings->addWidget(m_tables[FindingsTab]);
    auto* detail = new QWidget(findings);
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(4, 0, 0, 0);
    m_findingText->setWordWrap(true);
    m_findingText->setTextFormat(Qt::PlainText);
    m_findingText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_findingText->setText(tr("Select a finding to see its explanation and evidence records."));
    detailLayout->addWidget(m_findingText);
    m_evidence->setRecordModel(m_evidenceModel);
    detailLayout->addWidget(m_evidence, 1);
    findings->addWidget(detail);
    findings->setStretchFactor(0, 2);
    findings->setStretchFactor(1, 3);
    m_tabs->addTab(findings, tr("Findings"));
    m_tabs->setTabToolTip(
        FindingsTab, tr("Port scans, brute force, spikes, large transfers… with the records behind them"));
    connect(m_tables[FindingsTab]->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        [this](const QModelIndex& current) { showFinding(current); });
    connect(m_evidence, &RecordTableView::filterRequested, this, &StatisticsPane::filterRequested);
    connect(m_evidence, &RecordTableView::endpointRequested, this, &StatisticsPane::showEndpoint);
    connect(m_evidence, &RecordTableView::containRequested, this, &StatisticsPane::containRequested);

    for (int tab = 0; tab < 4; ++tab) {
        QTableView* view = m_tables[tab];
        connect(view, &QTableView::doubleClicked, this,
            [this, tab](const QModelIndex& index) { activate(static_cast<Tab>(tab), index); });
        view->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(view, &QWidget::customContextMenuRequested, this,
            [this, tab](const QPoint& p) { showMenu(static_cast<Tab>(tab), p); });
    }
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        fitColumns();
        announceWanted();
    });
    connect(m_menu, &ValueMenu::filterRequested, this, &StatisticsPane::filterRequested);
    connect(m_menu, &ValueMenu::endpointRequested, this, &StatisticsPane::showEndpoint);
    connect(m_menu, &ValueMenu::containRequested, this, &StatisticsPane::containRequested);
}

QTableView* StatisticsPane::makeTable(QAbstractItemModel* model, QSortFilterProxyModel*& proxy, int sortColumn)
{
    proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(Qt::UserRole); // every statistics model: SortRole = Qt::UserRole
    auto* view = new QTableView(this);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(sortColumn, Qt::DescendingOrder); // largest (or most severe) first
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    // Column widths from the rows shown and at most this many others, not all 2,000.
    view->horizontalHeader()->setResizeContentsPrecision(100);
    view->setToolTip(tr("Click a header to sort; double-click a row to filter on it; right-click for more"));
    return view;
}

QTableView* StatisticsPane::table(Tab tab) const
{
    return m_tables[tab];
}

const QAbstractItemModel* StatisticsPane::currentModel() const
{
    return m_proxies[std::clamp(m_tabs->currentIndex(), 0, 3)];
}

QString StatisticsPane::currentTitle() const
{
    return m_tabs->tabText(m_tabs->currentIndex()).remove(QLatin1Char('&'));
}

void StatisticsPane::setResult(std::shared_ptr<const InvestigationResult> result)
{
    // The statistics and findings come after the rest of a result, each in a step of its own (the
    // same result again with one more part): only the tables of a part that changed are reset.
    const std::shared_ptr<const InvestigationResult> before = std::exchange(m_result, result);
    const bool same = before && result && before->generation == result->generation && before->store == result->store;
    if (!same || before->endpointsComputed != result->endpointsComputed) {
        m_talkers->setResult(result);
        m_endpoints->setResult(result);
        m_unsized[TopTalkersTab] = m_unsized[EndpointsTab] = true;
        if (m_pendingEndpoint && result->endpointsComputed) {
            showEndpoint(*m_pendingEndpoint);
        }
    }
    if (!same || before->conversationsComputed != result->conversationsComputed) {
        m_conversations->setResult(result);
        m_unsized[ConversationsTab] = true;
    }
    if (!same || before->findingsComputed != result->findingsComputed) {
        m_findings->setResult(result);
        m_evidenceModel->clear();
        m_unsized[FindingsTab] = true;
        const bool computed = result->findingsComputed;
        m_findingText->setText(computed ? (result->findings.empty() ? tr("No findings in the selection.")
                                                                    : tr("Select a finding to see its explanation and "
                                                                         "evidence records."))
                : result->loading       ? tr("Findings are computed when loading finishes.")
                                        : tr("Computing the findings…"));
    }
    updateTabTexts();
    fitColumns();
}

void StatisticsPane::updateTabTexts()
{
    // The statistics of the tab on screen are computed after the other panes; until they come the
    // tab says so. Those of the other tabs are computed when their tab is shown.
    const Wanted wanted = wantedStatistics();
    const bool endpoints = m_result && !m_result->endpointsComputed && wanted.endpoints;
    const bool conversations = m_result && !m_result->conversationsComputed && wanted.conversations;
    const QString pending = tr(" (computing…)");
    m_tabs->setTabText(TopTalkersTab, tr("Top talkers") + (endpoints ? pending : QString()));
    m_tabs->setTabText(ConversationsTab, tr("Conversations") + (conversations ? pending : QString()));
    m_tabs->setTabText(EndpointsTab, tr("Endpoints") + (endpoints ? pending : QString()));
    m_tabs->setTabText(FindingsTab,
        !m_result                        ? tr("Findings")
            : m_result->findingsComputed ? tr("Findings (%1)").arg(m_result->findings.size())
            : m_result->loading          ? tr("Findings (after loading)")
                                         : tr("Findings (computing…)"));
}

StatisticsPane::Wanted StatisticsPane::wantedStatistics() const
{
    if (!isVisible() || !m_onScreen) {
        return {};
    }
    const int tab = m_tabs->currentIndex();
    return { tab == TopTalkersTab || tab == EndpointsTab, tab == ConversationsTab };
}

void StatisticsPane::setOnScreen(bool onScreen)
{
    m_onScreen = onScreen;
    announceWanted();
}

void StatisticsPane::announceWanted()
{
    const Wanted wanted = wantedStatistics();
    if (wanted.endpoints != m_announced.endpoints || wanted.conversations != m_announced.conversations) {
        m_announced = wanted;
        updateTabTexts();
        Q_EMIT statisticsWanted(wanted.endpoints, wanted.conversations);
    }
}

void StatisticsPane::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    announceWanted();
}

void StatisticsPane::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    announceWanted();
}

void StatisticsPane::fitColumns()
{
    // Measuring cells is the costly part of a new result on the GUI thread: only the tab shown is
    // measured now, each other one when it is shown.
    const int tab = m_tabs->currentIndex();
    if (tab >= 0 && tab < 4 && m_unsized[tab]) {
        m_unsized[tab] = false;
        m_tables[tab]->resizeColumnsToContents();
    }
}

void StatisticsPane::setLocalTime(bool local)
{
    m_conversations->setLocalTime(local);
    DisplayOptions options = m_evidenceModel->displayOptions();
    options.localTime = local;
    m_evidenceModel->setDisplayOptions(options);
}

void StatisticsPane::showEndpoint(qint64 address)
{
    m_tabs->setCurrentIndex(EndpointsTab);
    if (m_result && !m_result->endpointsComputed) {
        m_pendingEndpoint = address; // selected once the endpoints come
        return;
    }
    m_pendingEndpoint.reset();
    for (int r = 0; r < m_endpoints->rowCount(); ++r) {
        if (m_endpoints->addressAt(r) == address) {
            const QModelIndex index = m_proxies[EndpointsTab]->mapFromSource(m_endpoints->index(r, 0));
            m_tables[EndpointsTab]->setCurrentIndex(index);
            m_tables[EndpointsTab]->scrollTo(index, QAbstractItemView::PositionAtCenter);
            return;
        }
    }
}

void StatisticsPane::activate(Tab tab, const QModelIndex& proxyIndex)
{
    if (!m_result || !proxyIndex.isValid()) {
        return;
    }
    const QModelIndex index = m_proxies[tab]->mapToSource(proxyIndex);
    const FlowStore& store = *m_result->store;
    switch (tab) {
    case TopTalkersTab:
        Q_EMIT filterRequested(FilterClause::host(store, m_talkers->addressAt(index.row())));
        break;
    case EndpointsTab:
        Q_EMIT filterRequested(FilterClause::host(store, m_endpoints->addressAt(index.row())));
        break;
    case ConversationsTab: {
        const ConversationRow& c = m_conversations->conversationAt(index.row());
        Q_EMIT filterRequested(FilterClause::conversation(store, c.a.value, c.b.value, c.protocol));
        break;
    }
    case FindingsTab:
        showFinding(proxyIndex);
        Q_EMIT expressionRequested(m_findings->findingAt(index.row()).filter);
        break;
    }
}

void StatisticsPane::showMenu(Tab tab, const QPoint& position)
{
    const QModelIndex proxyIndex = m_tables[tab]->indexAt(position);
    if (!m_result || !proxyIndex.isValid() || tab == FindingsTab) {
        return;
    }
    const QModelIndex index = m_proxies[tab]->mapToSource(proxyIndex);
    ValueMenu::Cell cell;
    cell.text = proxyIndex.data(Qt::DisplayRole).toString();
    if (tab == ConversationsTab) {
        const ConversationRow& c = m_conversations->conversationAt(index.row());
        cell.field = index.column() == ConversationTableModel::ProtocolColumn ? FieldId::Protocol : FieldId::SrcAddr;
        cell.value = index.column() == ConversationTableModel::AddressBColumn ? c.b.value
            : index.column() == ConversationTableModel::ProtocolColumn        ? c.protocol
                                                                              : c.a.value;
        cell.conversation = std::make_pair(std::int64_t(c.a.value), std::int64_t(c.b.value));
        cell.protocol = c.protocol;
    } else {
        const EndpointTableModel* model = tab == TopTalkersTab ? m_talkers : m_endpoints;
        cell.field = FieldId::SrcAddr;
        cell.value = model->addressAt(index.row());
    }
    m_menu->exec(this, m_tables[tab]->viewport()->mapToGlobal(position), *m_result->store, cell);
}

void StatisticsPane::showFinding(const QModelIndex& proxyIndex)
{
    if (!m_result || !proxyIndex.isValid()) {
        return;
    }
    const Finding& f = m_findings->findingAt(m_proxies[FindingsTab]->mapToSource(proxyIndex).row());
    QString text
        = QStringLiteral("%1 [%2]\n\n%3").arg(f.title, QString::fromLatin1(severityName(f.severity)), f.explanation);
    if (!f.guardDutyType.isEmpty()) {
        text += tr("\n\nGuardDuty: %1").arg(f.guardDutyType);
    }
    text += tr("\n\nQuery for the evidence (double-click the finding to apply it): %1").arg(f.filter);
    text += tr("\nEvidence: %1 records; the first %2 are below.")
                .arg(QLocale().toString(qulonglong(f.evidenceCount)))
                .arg(QLocale().toString(qulonglong(f.evidence.size())));
    m_findingText->setText(text);
    m_evidenceModel->setRows(
        m_result->store, m_result->selection.snapshot(), std::make_shared<const std::vector<RowId>>(f.evidence));
}

} // namespace flowlens
