#include "walkthroughpanel.h"

#include "walkthrough/walkthroughhost.h"
#include "walkthrough/walkthroughlibrary.h"
#include "walkthrough/walkthroughparser.h"
#include "walkthrough/walkthroughrunner.h"
#include "walkthrough/walkthroughsession.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace flowlens {

namespace {
const QString kDoneColor = QStringLiteral("#2e7d32");
const QString kTodoColor = QStringLiteral("#9a5b00");
} // namespace

WalkthroughPanel::WalkthroughPanel(WalkthroughHost* host, QWidget* parent)
    : QWidget(parent)
    , m_host(host)
    , m_runner(new WalkthroughRunner(host, this))
    , m_title(new QLabel(this))
    , m_progressText(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_steps(new QListWidget(this))
    , m_text(new QTextBrowser(this))
    , m_status(new QLabel(this))
    , m_back(new QPushButton(tr("Back"), this))
    , m_showMe(new QPushButton(tr("Show me"), this))
    , m_next(new QPushButton(tr("Next"), this))
    , m_compare(new QPushButton(tr("Compare before/after"), this))
    , m_report(new QPushButton(tr("Export report…"), this))
    , m_restart(new QToolButton(this))
{
    m_back->setToolTip(tr("The previous step"));
    m_next->setToolTip(tr("The next step (a step without conditions counts as done when you leave it)"));
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setText(tr("No walkthrough open. Choose one under Help ▸ Walkthroughs."));
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_restart->setText(tr("Restart"));
    m_restart->setToolTip(tr("Forget the progress and start again at step 1"));
    m_steps->setToolTip(tr("The steps; a tick marks the ones done. Click one to go there."));
    m_text->setOpenExternalLinks(true);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing() * 2);
    m_showMe->setToolTip(tr("Let FlowLens do this step: open, filter, point at what matters"));
    m_showMe->setDefault(true);
    m_compare->setToolTip(tr("The topology and traffic of two stages side by side"));
    m_report->setToolTip(tr("Save the steps, the charts and topology pictures and the queries used as a PDF"));

    auto* header = new QHBoxLayout;
    header->addWidget(m_progressText, 1);
    header->addWidget(m_restart);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addStretch(1);
    buttons->addWidget(m_showMe);
    buttons->addWidget(m_next);
    auto* extras = new QHBoxLayout;
    extras->addWidget(m_compare);
    extras->addWidget(m_report);
    extras->addStretch(1);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_steps);
    splitter->addWidget(m_text);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    m_steps->setMinimumHeight(m_steps->fontMetrics().lineSpacing() * 4);
    m_text->setMinimumHeight(m_text->fontMetrics().lineSpacing() * 8);
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(header);
    layout->addWidget(m_progress);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    layout->addLayout(extras);

    connect(m_back, &QPushButton::clicked, this, &WalkthroughPanel::back);
    connect(m_next, &QPushButton::clicked, this, &WalkthroughPanel::next);
    connect(m_showMe, &QPushButton::clicked, this, &WalkthroughPanel::showMe);
    connect(m_restart, &QToolButton::clicked, this, &WalkthroughPanel::restart);
    connect(m_report, &QPushButton::clicked, this, &WalkthroughPanel::reportRequested);
    connect(m_compare, &QPushButton::clicked, this, [this] {
        const auto [before, after] = compareStages();
        if (before && after) {
            Q_EMIT compareRequested(*before, *after);
        }
    });
    connect(m_steps, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_session && row >= 0 && row != m_session->current()) {
            goToStep(row);
        }
    });
    connect(m_runner, &WalkthroughRunner::compareRequested, this, &WalkthroughPanel::compareRequested);
    connect(m_runner, &WalkthroughRunner::output, this, [this](const QString& markdown) {
        m_outputs.append(markdown);
        showStep();
    });
    connect(m_runner, &WalkthroughRunner::finished, this, [this](bool ok, const QString& error) {
        if (ok && m_session && m_session->currentStep().checks.empty()) {
            markDone(m_session->current());
            refreshList();
        }
        if (!ok) {
            m_outputs.append(tr("**Show me stopped:** %1").arg(error));
            showStep();
        }
        updateStatus();
        Q_EMIT showMeFinished(ok, error);
    });
    showStep();
}

WalkthroughPanel::~WalkthroughPanel() = default;

bool WalkthroughPanel::openWalkthrough(const QString& path, QString& error)
{
    auto walkthrough = WalkthroughParser::parseFile(path, error);
    if (!walkthrough) {
        return false;
    }
    auto lab = LabManifest::load(walkthrough->labPath, error);
    if (!lab || !WalkthroughParser::validateAgainst(*walkthrough, *lab, error)) {
        return false;
    }
    auto usable = LabManifest::materialize(*lab, WalkthroughLibrary::labCacheFolder(lab->lab), error);
    if (!usable) {
        return false;
    }
    m_lab = std::make_shared<const LabManifest>(std::move(*usable));
    m_runner->setLab(m_lab);
    m_session = std::make_unique<WalkthroughSession>(std::move(*walkthrough));
    m_outputs.clear();
    m_title->setText(m_session->walkthrough().title);
    m_title->setToolTip(m_session->walkthrough().summary);
    refreshList();
    showStep();
    scheduleCheck();
    Q_EMIT walkthroughOpened(m_session->walkthrough().title);
    return true;
}

std::pair<const LabStage*, const LabStage*> WalkthroughPanel::compareStages() const
{
    if (!m_session || !m_lab || m_lab->stages.empty()) {
        return { nullptr, nullptr };
    }
    const Walkthrough& w = m_session->walkthrough();
    if (!w.compareBefore.isEmpty()) {
        return { m_lab->stage(w.compareBefore), m_lab->stage(w.compareAfter) };
    }
    if (m_lab->stages.size() < 2) {
        return { nullptr, nullptr };
    }
    return { &m_lab->stages.front(), &m_lab->stages.back() };
}

void WalkthroughPanel::setResult(std::shared_ptr<const InvestigationResult> result)
{
    m_result = std::move(result);
    scheduleCheck();
}

void WalkthroughPanel::goToStep(int index)
{
    if (!m_session) {
        return;
    }
    m_session->setCurrent(index);
    m_outputs.clear();
    refreshList();
    showStep();
    scheduleCheck();
}

void WalkthroughPanel::showMe()
{
    if (!m_session || m_runner->isRunning()) {
        return;
    }
    m_outputs.clear();
    showStep();
    m_status->setText(tr("Showing…"));
    m_showMe->setEnabled(false);
    m_runner->run(m_session->currentStep().showMe);
}

bool WalkthroughPanel::isShowing() const
{
    return m_runner->isRunning();
}

void WalkthroughPanel::next()
{
    if (!m_session) {
        return;
    }
    // A step without conditions is reading (or watching Show me): moving on completes it.
    if (m_session->currentStep().checks.empty()) {
        markDone(m_session->current());
    }
    if (m_session->current() + 1 < m_session->stepCount()) {
        goToStep(m_session->current() + 1);
    } else {
        refreshList();
        updateStatus();
    }
}

void WalkthroughPanel::back()
{
    if (m_session && m_session->current() > 0) {
        goToStep(m_session->current() - 1);
    }
}

void WalkthroughPanel::restart()
{
    if (m_session) {
        m_session->restart();
        goToStep(0);
    }
}

void WalkthroughPanel::refreshList()
{
    const QSignalBlocker blocker(m_steps);
    m_steps->clear();
    if (!m_session) {
        return;
    }
    for (int i = 0; i < m_session->stepCount(); ++i) {
        const bool done = m_session->isDone(i);
        auto* item = new QListWidgetItem(QStringLiteral("%1  %2. %3")
                                             .arg(done ? QStringLiteral("✔") : QStringLiteral("○"))
                                             .arg(i + 1)
                                             .arg(m_session->step(i).title),
            m_steps);
        item->setToolTip(done ? tr("Done") : tr("Not done yet"));
        if (done) {
            item->setForeground(QColor(kDoneColor));
        }
    }
    m_steps->setCurrentRow(m_session->current());
    const int done = m_session->doneCount();
    m_progress->setRange(0, m_session->stepCount());
    m_progress->setValue(done);
    m_progressText->setText(m_session->isComplete() ? tr("All %1 steps done").arg(m_session->stepCount())
                                                    : tr("%1 of %2 steps done").arg(done).arg(m_session->stepCount()));
}

void WalkthroughPanel::showStep()
{
    const bool open = m_session != nullptr;
    m_back->setEnabled(open && m_session->current() > 0);
    m_next->setEnabled(open);
    m_showMe->setEnabled(open && !m_session->currentStep().showMe.empty() && !m_runner->isRunning());
    m_restart->setEnabled(open);
    m_report->setEnabled(open);
    const auto [before, after] = compareStages();
    m_compare->setEnabled(before && after);
    if (!open) {
        m_text->setMarkdown(tr("A walkthrough takes you through a lab step by step: what to look at, "
                               "**Show me** to let FlowLens do it, and a check that tells you when the step is done."));
        updateStatus();
        return;
    }
    const WalkthroughStep& step = m_session->currentStep();
    m_next->setText(m_session->current() + 1 == m_session->stepCount() ? tr("Finish") : tr("Next"));
    QString markdown = QStringLiteral("## %1. %2\n\n%3\n").arg(m_session->current() + 1).arg(step.title, step.text);
    if (!step.checks.empty()) {
        markdown += tr("\n**Done when:**\n\n");
        for (const WalkthroughCheck& check : step.checks) {
            markdown += QStringLiteral("- %1\n").arg(check.describe());
        }
    }
    for (const QString& output : m_outputs) {
        markdown += QStringLiteral("\n---\n\n") + output + QLatin1Char('\n');
    }
    m_text->setMarkdown(markdown);
    updateStatus();
}

void WalkthroughPanel::updateStatus()
{
    if (!m_session) {
        m_status->clear();
        return;
    }
    const WalkthroughStep& step = m_session->currentStep();
    const bool done = m_session->isDone(m_session->current());
    auto colored = [](const QString& color, const QString& text) {
        return QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color, text);
    };
    if (m_runner->isRunning()) {
        m_status->setText(tr("Showing…"));
    } else if (step.checks.empty()) {
        m_status->setText(done ? colored(kDoneColor, tr("✔ Done."))
                               : tr("Read the step, press <b>Show me</b> to see it, then <b>Next</b>."));
    } else if (!m_result || m_result->loading) {
        m_status->setText(tr("Waiting for the records to load…"));
    } else if (!m_checked) {
        m_status->setText(tr("Checking…"));
    } else if (m_outcome.passed) {
        m_status->setText(colored(kDoneColor, tr("✔ Done: the view shows what this step asks for.")));
    } else {
        QString text = colored(kTodoColor, tr("Not yet: %1.").arg(m_outcome.reason.toHtmlEscaped()));
        if (!m_outcome.hint.isEmpty()) {
            text += QStringLiteral("<br>") + tr("Hint: %1").arg(m_outcome.hint.toHtmlEscaped());
        }
        if (done) {
            text += QStringLiteral("<br>") + tr("(You completed this step earlier.)");
        }
        m_status->setText(text);
    }
}

void WalkthroughPanel::scheduleCheck()
{
    m_checked = false;
    if (!m_session || !m_result || m_result->loading || m_session->currentStep().checks.empty()) {
        updateStatus();
        return;
    }
    const std::uint64_t generation = ++m_checkGeneration;
    const int index = m_session->current();
    // Copies: the worker must not touch the panel, which may change step or go away meanwhile.
    auto watcher = new QFutureWatcher<CheckOutcome>(this);
    connect(
        watcher, &QFutureWatcher<CheckOutcome>::finished, this, [this, watcher, generation, index, result = m_result] {
            watcher->deleteLater();
            onCheck(generation, index, result, watcher->result());
        });
    watcher->setFuture(QtConcurrent::run([step = m_session->currentStep(), result = m_result, lab = m_lab] {
        return WalkthroughChecker::evaluate(step, *result, lab.get());
    }));
    updateStatus();
}

void WalkthroughPanel::onCheck(
    std::uint64_t generation, int step, std::shared_ptr<const InvestigationResult> result, const CheckOutcome& outcome)
{
    if (generation != m_checkGeneration || !m_session || step != m_session->current()) {
        return; // a newer result or another step
    }
    m_outcome = outcome;
    m_checkedResult = std::move(result);
    m_checked = true;
    if (outcome.passed && !m_session->isDone(step)) {
        markDone(step);
        refreshList();
    }
    updateStatus();
    Q_EMIT checkEvaluated(step, outcome.passed);
}

void WalkthroughPanel::markDone(int step)
{
    if (!m_session->isDone(step)) {
        m_session->setDone(step, true);
        Q_EMIT stepDone(step);
    }
}

} // namespace flowlens
