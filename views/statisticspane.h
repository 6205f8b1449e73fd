#pragma once

#include "investigation/investigationresult.h"

#include <QWidget>
#include <optional>

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
    // The statistics the tab on screen shows (none while the pane is hidden): the investigation
    // computes those after the panes, the others when their tab is shown.
    struct Wanted {
        bool endpoints = false; // top talkers and endpoints
        bool conversations = false;
    };
    Wanted wantedStatistics() const;
    // Whether the dock holding the pane is on screen (a dock tabbed behind another is not, though
    // it counts as visible).
    void setOnScreen(bool onScreen);
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
    void statisticsWanted(bool endpoints, bool conversations); // see wantedStatistics()

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QTableView* makeTable(QAbstractItemModel* model, QSortFilterProxyModel*& proxy, int sortColumn);
    void activate(Tab tab, const QModelIndex& proxyIndex);
    void showMenu(Tab tab, const QPoint& position);
    void showFinding(const QModelIndex& proxyIndex);
    void fitColumns();
    void updateTabTexts();
    void announceWanted();

    std::shared_ptr<const InvestigationResult> m_result;
    QTabWidget* m_tabs;
    EndpointTableModel* m_talkers;
    ConversationTableModel* m_conversations;
    EndpointTableModel* m_endpoints;
    FindingTableModel* m_findings;
    QSortFilterProxyModel* m_proxies[4] = {};
    QTableView* m_tables[4] = {};
    bool m_unsized[4] = {}; // the table's columns are not fitted to its current rows yet
    Wanted m_announced; // the last statisticsWanted()
    bool m_onScreen = true;
    std::optional<qint64> m_pendingEndpoint; // asked for before the endpoints were computed
    QLabel* m_findingText;
    RecordTableModel* m_evidenceModel;
    RecordTableView* m_evidence;
    ValueMenu* m_menu;
};

} // namespace flowlens
