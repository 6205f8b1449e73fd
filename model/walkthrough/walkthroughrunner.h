#pragma once

#include "labmanifest.h"
#include "walkthrough.h"

#include <QObject>
#include <QPointer>
#include <map>
#include <memory>

namespace flowlens {

class WalkthroughHost;
struct Topology;

// Performs a step's "Show me" actions in order through a WalkthroughHost. Opening the lab waits for
// its load before the next action (filters need the loaded values). Actions that explain rather
// than change the window (reachability, containment, translate) produce text for the panel; a
// comparison is handed on as compareRequested.
class WalkthroughRunner : public QObject {
    Q_OBJECT
public:
    explicit WalkthroughRunner(WalkthroughHost* host, QObject* parent = nullptr);

    // The lab the steps refer to, with real paths (see LabManifest::materialize).
    void setLab(std::shared_ptr<const LabManifest> lab);
    const LabManifest* lab() const { return m_lab.get(); }

    void run(const std::vector<WalkthroughAction>& actions);
    bool isRunning() const { return m_running; }

    // The explanations, as Markdown; also used by tests.
    QString reachabilityText(const WalkthroughAction& action, QString& blockingId);
    QString containmentText(const WalkthroughAction& action);
    static QString translationText(const WalkthroughAction& action);

Q_SIGNALS:
    void output(const QString& markdown); // an explanation to show beside the step
    void compareRequested(const flowlens::LabStage& before, const flowlens::LabStage& after);
    void finished(bool ok, const QString& error); // every action ran, or the first failure

private:
    void next();
    bool perform(const WalkthroughAction& action, QString& error, bool& wait);
    const LabStage* stage(const QString& id, QString& error) const;
    std::shared_ptr<const Topology> topology(const LabStage& stage, QString& error);

    WalkthroughHost* m_host;
    std::shared_ptr<const LabManifest> m_lab;
    std::map<QString, std::shared_ptr<const Topology>> m_topologies; // by stage id
    std::vector<WalkthroughAction> m_actions;
    std::size_t m_next = 0;
    bool m_running = false;
    std::uint64_t m_generation = 0; // a run started while another waited replaces it
};

} // namespace flowlens
