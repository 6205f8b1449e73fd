#include "investigation.h"

#include "ingest/loadjob.h"
#include "workerpool.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace flowlens {

Investigation::Investigation(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<std::shared_ptr<const InvestigationResult>>();
    clear();
}

Investigation::~Investigation()
{
    if (m_job != nullptr) {
        m_job->cancel();
        m_job->wait();
    }
    cancelSteps();
    if (m_panesCancel) {
        m_panesCancel->store(true);
    }
    m_future.waitForFinished();
    m_stepFuture.waitForFinished();
}

void Investigation::clear()
{
    if (m_job != nullptr) {
        m_job->cancel();
        m_job->wait();
        delete m_job;
    }
    cancelSteps();
    if (m_panesCancel) {
        m_panesCancel->store(true);
    }
    m_future.waitForFinished();
    m_stepFuture.waitForFinished();
    m_cache.clear();
    m_store = std::make_shared<FlowStore>();
    m_job = new LoadJob(*m_store, this);
    connect(m_job, &LoadJob::progress, this, [this](const LoadProgress& p) {
        Q_EMIT loadProgress(p);
        Q_EMIT sourcesChanged();
        schedule();
    });
    connect(m_job, &LoadJob::finished, this, &Investigation::onLoadFinished);
    m_appending = 0;
    m_paths.clear();
    m_queue.clear();
    m_history = FilterHistory();
    m_result.reset();
    Q_EMIT cleared();
    Q_EMIT sourcesChanged();
    Q_EMIT filterChanged();
    schedule();
}

void Investigation::open(const QStringList& paths)
{
    if (paths.isEmpty()) {
        return;
    }
    m_queue += paths;
    if (!m_job->isRunning()) {
        startNextLoad();
    }
}

bool Investigation::isLoading() const
{
    return m_job->isRunning() || m_appending > 0;
}

std::shared_ptr<FlowStore> Investigation::beginAppending()
{
    ++m_appending;
    return m_store;
}

void Investigation::rowsAppended()
{
    Q_EMIT sourcesChanged();
    if (m_appending == 0 && !m_job->isRunning()) {
        Q_EMIT rowsAppendedAfterLoad();
    }
    schedule();
}

void Investigation::endAppending(const std::shared_ptr<FlowStore>& store, const LoadReport& report)
{
    if (store != m_store || m_appending == 0) {
        return; // a job of an investigation since cleared
    }
    --m_appending;
    Q_EMIT sourcesChanged();
    Q_EMIT loadFinished(report);
    schedule(); // with findings, once nothing is loading
}

void Investigation::cancelLoad()
{
    m_queue.clear();
    m_job->cancel();
}

void Investigation::startNextLoad()
{
    const QStringList paths = std::exchange(m_queue, {});
    if (paths.isEmpty()) {
        return;
    }
    m_paths += paths;
    m_job->start(paths);
    Q_EMIT loadStarted(paths);
}

void Investigation::onLoadFinished(const LoadReport& report)
{
    Q_EMIT sourcesChanged();
    Q_EMIT loadFinished(report);
    startNextLoad();
    schedule();
}

void Investigation::setFilter(const FilterState& filter)
{
    if (m_history.push(filter)) {
        Q_EMIT filterChanged();
        schedule();
    }
}

void Investigation::back()
{
    if (m_history.back()) {
        Q_EMIT filterChanged();
        schedule();
    }
}

void Investigation::forward()
{
    if (m_history.forward()) {
        Q_EMIT filterChanged();
        schedule();
    }
}

void Investigation::restoreHistory(FilterHistory history)
{
    m_history = std::move(history);
    Q_EMIT filterChanged();
    schedule();
}

void Investigation::setHistogramOptions(const HistogramOptions& options)
{
    m_histogramOptions = options;
    schedule();
}

void Investigation::refresh()
{
    schedule(false);
}

void Investigation::schedule(bool useCache)
{
    cancelSteps(); // their result is about to be replaced
    const std::uint64_t rows = m_store->rowCount();
    m_cache.keepOnly(m_store, rows); // the store only grows: results of fewer rows are gone for good
    if (!isLoading()) {
        // A store that no longer grows: a result computed for it before is still right.
        if (auto cached = useCache ? m_cache.find(m_store, rows, filter(), m_histogramOptions) : nullptr) {
            ++m_requested;
            if (m_computing) {
                m_panesCancel->store(true); // its result, if it still comes, is dropped
                m_pending = false;
            }
            show(std::move(cached));
            return;
        }
    }
    if (m_computing) {
        m_pending = true;
        return;
    }
    m_computing = true;
    Q_EMIT computingChanged(true);
    m_panesCancel = std::make_shared<std::atomic<bool>>(false);
    QPointer<Investigation> self(this);
    m_future = QtConcurrent::run(investigationPool(),
        [self, store = std::shared_ptr<const FlowStore>(m_store), filter = filter(), options = m_histogramOptions,
            loading = isLoading(), generation = ++m_requested, cancel = m_panesCancel] {
            std::shared_ptr<InvestigationResult> result
                = computePanes(store, filter, options, loading, generation, cancel.get());
            if (self) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, result = cancel->load() ? nullptr : std::move(result)] {
                        if (self) {
                            self->onComputed(result);
                        }
                    },
                    Qt::QueuedConnection);
            }
        });
}

void Investigation::onComputed(std::shared_ptr<InvestigationResult> result)
{
    m_computing = false;
    // A result for an older snapshot is still worth showing while a load runs; one for another
    // filter, other histogram options or a store since cleared is not; nor one cancelled.
    const bool stale = !result || result->store != m_store || !(result->filter == filter())
        || !(result->histogramOptions == m_histogramOptions);
    if (!stale) {
        // The same records as the result shown (the histogram options or F5 changed): keep the
        // statistics and findings it has.
        if (!result->loading && m_result && m_result->store == result->store
            && m_result->totalRecords == result->totalRecords && m_result->filter == result->filter) {
            if (m_result->findingsComputed) {
                result->findings = m_result->findings;
                result->findingsComputed = true;
            }
            if (m_result->endpointsComputed) {
                result->endpoints = m_result->endpoints;
                result->endpointsComputed = true;
            }
            if (m_result->conversationsComputed) {
                result->conversations = m_result->conversations;
                result->conversationsComputed = true;
            }
        }
        show(std::move(result));
    }
    if (m_pending) {
        m_pending = false;
        schedule();
    }
    if (!m_computing) {
        Q_EMIT computingChanged(false);
        // A result shown from the cache while this ran has waited for it to continue its steps.
        continueSteps();
    }
}

void Investigation::show(std::shared_ptr<const InvestigationResult> result)
{
    m_result = std::move(result);
    m_cache.insert(m_result);
    Q_EMIT resultReady(m_result);
    continueSteps();
}

bool Investigation::isComputingFindings() const
{
    return m_result && !m_result->loading && !m_result->findingsComputed;
}

void Investigation::setWantedStatistics(bool endpoints, bool conversations)
{
    if (endpoints == m_wantEndpoints && conversations == m_wantConversations) {
        return;
    }
    m_wantEndpoints = endpoints;
    m_wantConversations = conversations;
    // The statistics on screen first: a step no longer first in line gives way.
    if (m_stepRunning && m_stepRunning != nextStep()) {
        cancelSteps();
    }
    continueSteps();
}

std::optional<ResultStep> Investigation::nextStep() const
{
    if (!m_result) {
        return std::nullopt;
    }
    if (m_wantEndpoints && !m_result->endpointsComputed) {
        return ResultStep::Endpoints;
    }
    if (m_wantConversations && !m_result->conversationsComputed) {
        return ResultStep::Conversations;
    }
    if (!m_result->loading && !m_result->findingsComputed) {
        return ResultStep::Findings;
    }
    return std::nullopt;
}

void Investigation::continueSteps()
{
    // A newer panes result is on its way: the steps will follow it instead.
    if (m_computing || m_stepRunning) {
        return;
    }
    const std::optional<ResultStep> step = nextStep();
    if (!step) {
        return;
    }
    m_stepCancel = std::make_shared<std::atomic<bool>>(false);
    m_stepRunning = step;
    QPointer<Investigation> self(this);
    m_stepFuture = QtConcurrent::run(investigationPool(), [self, base = m_result, cancel = m_stepCancel, step = *step] {
        std::shared_ptr<const InvestigationResult> complete = withStep(*base, step, cancel.get());
        if (!complete || !self) {
            return;
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, base, complete, cancel] {
                if (!self || cancel->load() || self->m_result != base) {
                    return; // a newer request came meanwhile
                }
                self->m_stepRunning.reset();
                self->show(complete);
            },
            Qt::QueuedConnection);
    });
}

void Investigation::cancelSteps()
{
    if (m_stepCancel) {
        m_stepCancel->store(true);
        m_stepCancel.reset();
    }
    m_stepRunning.reset();
}

} // namespace flowlens
