#pragma once

#include "investigation/investigationresult.h"

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;

namespace flowlens {

class ConversationTableModel;
class EndpointTableModel;
class FindingTableModel;
class RecordTableModel;
class RecordTableView;
class ValueMenu;

// Statistics of the current selection in tabs: top talkers, conversations, endpoints and findings
// (with their evidence records). Each table sorts by any column, a double-click filters on the
// row, a right-click offers the value menu, and Export writes the table as CSV or JSON.
class StatisticsPane : public QWidget {
    Q_OBJECT
public:
    enum Tab { TopTalkersTab, ConversationsTab, EndpointsTab, FindingsTab };

    explicit StatisticsPane(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const InvestigationResult> result);
    void setLocalTime(bool local);
    // Switches to the Endpoints tab and selects the address's row.
    void showEndpoint(qint64 address);

    QTabWidget* tabs() const { return m_tabs; }
    QTableView* table(Tab tab) const;
    RecordTableView* evidenceView() const { return m_evidence; }
    // The model behind the current tab's table (sorted as shown), for export.
    const QAbstractItemModel* currentModel() const;
    QString currentTitle() const;

Q_SIGNALS:
    void filterRequested(const flowlens::FilterClause& clause);
    void expressionRequested(const QString& expression); // a finding's query for its evidence
    void exportRequested();
    void containRequested(qint64 address); // "Block … with Network ACL Rules" on an endpoint

private:
    QTableView* makeTable(QAbstractItemModel* model, QSortFilterProxyModel*& proxy, int sortColumn);
    void activate(Tab tab, const QModelIndex& proxyIndex);
    void showMenu(Tab tab, const QPoint& position);
    void showFinding(const QModelIndex& proxyIndex);
    void fitColumns();

    std::shared_ptr<const InvestigationResult> m_result;
    QTabWidget* m_tabs;
    EndpointTableModel* m_talkers;
    ConversationTableModel* m_conversations;
    EndpointTableModel* m_endpoints;
    FindingTableModel* m_findings;
    QSortFilterProxyModel* m_proxies[4] = {};
    QTableView* m_tables[4] = {};
    bool m_unsized[4] = {}; // the table's columns are not fitted to its current rows yet
    QLabel* m_findingText;
    RecordTableModel* m_evidenceModel;
    RecordTableView* m_evidence;
    ValueMenu* m_menu;
};

} // namespace flowlens
