#pragma once

#include "investigation/latestjob.h"
#include "topology/flowevidence.h"
#include "topology/reachabilityanalyzer.h"

#include <QDialog>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTreeWidget;

namespace flowlens {

// Why a flow can or cannot pass, as AWS would carry it: the verdict with the first blocking element,
// the explanation and the suggested fix, every hop and rule checked in packet order, and beside it
// what the loaded flow logs observed of that flow (searched in the background). The flow comes from
// a selected record (explain()) or is typed in the fields at the top.
class ReachabilityDialog : public QDialog {
    Q_OBJECT
public:
    explicit ReachabilityDialog(QWidget* parent = nullptr);

    void setTopology(std::shared_ptr<const Topology> topology);
    void setStore(std::shared_ptr<const FlowStore> store); // for the evidence; null: none shown

    // Fills the fields with the flow and explains it.
    void explain(const FlowQuery& query);
    // Explains the flow typed in the fields; false (and the reason shown) when they are not valid.
    bool explainTyped();

    const std::optional<ReachResult>& result() const { return m_result; }
    QString verdictText() const;
    QString explanationText() const;
    QTreeWidget* steps() const { return m_steps; }
    QString evidenceText() const;
    bool isSearchingEvidence() const { return m_evidenceJob.isRunning(); }

    // "tcp", "udp", "icmp", "icmpv6" or a number 0-255.
    static std::optional<int> parseProtocol(const QString& text);

Q_SIGNALS:
    void explained();
    void evidenceReady();

private:
    void evaluate(const FlowQuery& query);
    void showError(const QString& message);

    std::shared_ptr<const Topology> m_topology;
    std::shared_ptr<const FlowStore> m_store;
    std::optional<ReachResult> m_result;
    QLineEdit* m_source;
    QLineEdit* m_destination;
    QComboBox* m_protocol;
    QSpinBox* m_port;
    QLineEdit* m_sourcePort; // empty: any ephemeral port
    QLabel* m_verdict;
    QLabel* m_explanation;
    QLabel* m_evidence;
    QTreeWidget* m_steps;
    QLabel* m_notes;
    LatestJob m_evidenceJob;
};

} // namespace flowlens
