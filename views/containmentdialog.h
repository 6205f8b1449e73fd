#pragma once

#include "investigation/latestjob.h"
#include "topology/networkaclcontainment.h"

#include <QDialog>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace flowlens {

// "Block this address": the network-ACL deny rules that cut an external address off from the
// subnets (inbound and outbound, numbered before the first rule that would let it in, within the
// limits), as AWS CLI commands, Terraform and CloudFormation with the rollback commands; and the
// past flows of the investigation the rules would have blocked (count, bytes, data-transfer cost,
// the first records; a click filters the investigation to them). The rules come from
// NetworkAclContainment, as `flowlens-cli topology contain` prints them; the flows are counted off
// the GUI thread.
class ContainmentDialog : public QDialog {
    Q_OBJECT
public:
    explicit ContainmentDialog(QWidget* parent = nullptr);

    void setTopology(std::shared_ptr<const Topology> topology);
    void setStore(std::shared_ptr<const FlowStore> store); // null: no flows counted
    // Addresses offered in the address box (the busiest external ones, say).
    void setCandidates(const QStringList& addresses);
    // Plans the rules for the address (every ACL of the topology is chosen); false, with the reason
    // shown, when it is not an address or no topology is loaded.
    bool contain(const QString& address);

    const std::optional<ContainmentPlan>& plan() const { return m_plan; } // with the flows once counted
    bool isCounting() const { return m_job.isRunning(); }
    QString summaryText() const;
    QString notesText() const;
    QTabWidget* snippets() const { return m_tabs; }
    QString snippetText(int tab) const; // 0 AWS CLI, 1 rollback, 2 Terraform, 3 CloudFormation
    QListWidget* aclList() const { return m_acls; }
    QTreeWidget* blockedFlows() const { return m_flows; }
    QPushButton* filterButton() const { return m_filterAll; }
    // Writes the snippet of tab `tab` to a file; an error message, empty on success.
    QString saveSnippet(int tab, const QString& path) const;

    // The data-transfer-out price the cost is estimated with (USD per GB, AWS's first tier).
    static constexpr double kCostPerGigabyte = 0.09;

Q_SIGNALS:
    // The filter bar expression for the blocked flows (all of them, or one clicked conversation).
    void filterRequested(const QString& expression);
    void planned(); // the rules are shown
    void flowsCounted(); // the past flows are counted and listed

private:
    void replan();
    void showPlan();
    void showFlows(ContainmentPlan measured);
    void copySnippet();
    void saveSnippetAs();
    std::vector<QString> chosenAcls() const;

    std::shared_ptr<const Topology> m_topology;
    std::shared_ptr<const FlowStore> m_store;
    std::optional<ContainmentPlan> m_plan;
    QComboBox* m_address;
    QListWidget* m_acls;
    QLabel* m_summary;
    QLabel* m_notes;
    QTabWidget* m_tabs;
    std::array<QPlainTextEdit*, 4> m_texts {};
    QTreeWidget* m_flows;
    QPushButton* m_filterAll;
    LatestJob m_job;
    bool m_filling = false; // the ACL list is being rebuilt: its changes are not the user's
};

} // namespace flowlens
