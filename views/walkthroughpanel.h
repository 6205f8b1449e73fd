#pragma once

#include "investigation/investigationresult.h"
#include "walkthrough/labmanifest.h"
#include "walkthrough/walkthroughchecker.h"

#include <QWidget>
#include <memory>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QTextBrowser;
class QToolButton;

namespace flowlens {

class WalkthroughHost;
class WalkthroughRunner;
class WalkthroughSession;

// A guided walkthrough beside the investigation: the steps with ticks and progress, the current
// step's text, Back / Show me / Next, whether the step's "done when" conditions hold (with a hint
// when not), and what Show me explained (reachability, containment, queries). It acts on the
// window only through a WalkthroughHost; comparing stages and exporting a report are signals.
class WalkthroughPanel : public QWidget {
    Q_OBJECT
public:
    explicit WalkthroughPanel(WalkthroughHost* host, QWidget* parent = nullptr);
    ~WalkthroughPanel() override;

    // Reads the script and its lab (copied out of the resources when bundled) and shows the step the
    // learner was at. False with `error` (file, step and field) when either is unusable; the
    // walkthrough shown before stays.
    bool openWalkthrough(const QString& path, QString& error);
    bool hasWalkthrough() const { return m_session != nullptr; }
    const WalkthroughSession* session() const { return m_session.get(); }
    const LabManifest* lab() const { return m_lab.get(); }
    // The stages "Compare before/after" compares (the script's, else the lab's first and last).
    std::pair<const LabStage*, const LabStage*> compareStages() const;

    // The investigation's latest result: the current step's conditions are checked against it.
    void setResult(std::shared_ptr<const InvestigationResult> result);

    void goToStep(int index);
    void showMe();
    void next();
    void back();
    void restart();

    // What the last check found for the current step (meaningful after checkEvaluated).
    const CheckOutcome& outcome() const { return m_outcome; }
    // The result m_outcome was computed from (null when the current step is not checked yet).
    std::shared_ptr<const InvestigationResult> checkedResult() const { return m_checked ? m_checkedResult : nullptr; }
    bool isShowing() const; // Show me's actions still running

    QListWidget* stepList() const { return m_steps; }
    QTextBrowser* textView() const { return m_text; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* showMeButton() const { return m_showMe; }
    QPushButton* nextButton() const { return m_next; }
    QPushButton* backButton() const { return m_back; }
    QPushButton* compareButton() const { return m_compare; }
    QPushButton* reportButton() const { return m_report; }

Q_SIGNALS:
    void compareRequested(const flowlens::LabStage& before, const flowlens::LabStage& after);
    void reportRequested();
    void walkthroughOpened(const QString& title);
    void showMeFinished(bool ok, const QString& error);
    // The current step's conditions were checked against the latest result.
    void checkEvaluated(int step, bool passed);
    // A step became done: its conditions held, or (a step without any) Show me ran or Next left it.
    void stepDone(int step);

private:
    void markDone(int step);
    void showStep();
    void refreshList();
    void updateStatus();
    void scheduleCheck();
    void onCheck(std::uint64_t generation, int step, std::shared_ptr<const InvestigationResult> result,
        const CheckOutcome& outcome);

    WalkthroughHost* m_host;
    WalkthroughRunner* m_runner;
    std::unique_ptr<WalkthroughSession> m_session;
    std::shared_ptr<const LabManifest> m_lab;
    std::shared_ptr<const InvestigationResult> m_result;
    CheckOutcome m_outcome;
    std::shared_ptr<const InvestigationResult> m_checkedResult;
    bool m_checked = false; // m_outcome belongs to the current step and result
    std::uint64_t m_checkGeneration = 0;
    QStringList m_outputs; // Show me's explanations for the current step, Markdown

    QLabel* m_title;
    QLabel* m_progressText;
    QProgressBar* m_progress;
    QListWidget* m_steps;
    QTextBrowser* m_text;
    QLabel* m_status;
    QPushButton* m_back;
    QPushButton* m_showMe;
    QPushButton* m_next;
    QPushButton* m_compare;
    QPushButton* m_report;
    QToolButton* m_restart;
};

} // namespace flowlens
