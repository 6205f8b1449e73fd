#include "investigation.h"

#include "analysis/chunkparallel.h"
#include "analysis/findingdetector.h"
#include "ingest/loadjob.h"
#include "workerpool.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <limits>

namespace flowlens {

namespace {

constexpr std::int64_t kReject = 1; // FlowStore seeds the action dictionary: ACCEPT = 0, REJECT = 1

// The rows of `selection` whose action is REJECT.
Selection rejectedOnly(const Selection& selection, std::uint64_t& count)
{
    Selection result = selection;
    const auto& chunks = selection.snapshot().chunks;
    forEachChunkParallel<std::vector<std::int64_t>>(
        chunks.size(), [] { return std::vector<std::int64_t>(kChunkRows); },
        [&](std::size_t c, std::vector<std::int64_t>& action) {
            const Chunk& chunk = *chunks[c];
            const std::uint32_t n = chunk.rowCount();
            chunk.decode(FieldId::Action, 0, n, action.data());
            Selection::ChunkRows rows;
            rows.bits.assign((n + 63) / 64, 0);
            selection.forEachRow(c, [&](std::uint32_t r) {
                if (action[r] == kReject) {
                    rows.bits[r / 64] |= std::uint64_t { 1 } << (r % 64);
                    ++rows.count;
                }
            });
            result.chunk(c) = std::move(rows);
        });
    count = result.count();
    return result;
}

} // namespace

void computeSpanAndTotals(InvestigationResult& result)
{
    const Selection& selection = result.selection;
    const auto& chunks = selection.snapshot().chunks;
    struct Span {
        std::int64_t lo = std::numeric_limits<std::int64_t>::max();
        std::int64_t hi = std::numeric_limits<std::int64_t>::min();
        std::vector<std::int64_t> start = std::vector<std::int64_t>(kChunkRows);
        std::vector<std::int64_t> end = std::vector<std::int64_t>(kChunkRows);
        std::vector<std::int64_t> bytes = std::vector<std::int64_t>(kChunkRows);
        std::vector<std::int64_t> packets = std::vector<std::int64_t>(kChunkRows);
        std::uint64_t byteSum = 0;
        std::uint64_t packetSum = 0;
    };
    auto spans = forEachChunkParallel<Span>(
        chunks.size(), [] { return Span {}; },
        [&](std::size_t c, Span& s) {
            const Chunk& chunk = *chunks[c];
            chunk.decode(FieldId::Start, 0, chunk.rowCount(), s.start.data());
            chunk.decode(FieldId::End, 0, chunk.rowCount(), s.end.data());
            chunk.decode(FieldId::Bytes, 0, chunk.rowCount(), s.bytes.data());
            chunk.decode(FieldId::Packets, 0, chunk.rowCount(), s.packets.data());
            selection.forEachRow(c, [&](std::uint32_t r) {
                s.byteSum += s.bytes[r] == kNull ? 0 : static_cast<std::uint64_t>(s.bytes[r]);
                s.packetSum += s.packets[r] == kNull ? 0 : static_cast<std::uint64_t>(s.packets[r]);
                if (s.start[r] != kNull) {
                    s.lo = std::min(s.lo, s.start[r]);
                }
                if (s.end[r] != kNull) {
                    s.hi = std::max(s.hi, s.end[r]);
                }
            });
        });
    std::int64_t lo = std::numeric_limits<std::int64_t>::max();
    std::int64_t hi = std::numeric_limits<std::int64_t>::min();
    for (const Span& s : spans) {
        lo = std::min(lo, s.lo);
        hi = std::max(hi, s.hi);
        result.selectedBytes += s.byteSum;
        result.selectedPackets += s.packetSum;
    }
    if (lo != std::numeric_limits<std::int64_t>::max()) {
        result.firstStart = lo;
    }
    if (hi != std::numeric_limits<std::int64_t>::min()) {
        result.lastEnd = hi;
    }
}

const std::vector<FieldId>& Investigation::facetFields()
{
    static const std::vector<FieldId> fields { FieldId::Action, FieldId::Protocol, FieldId::LogStatus, FieldId::DstPort,
        FieldId::InterfaceId, FieldId::VpcId, FieldId::SubnetId, FieldId::FlowDirection, FieldId::AccountId };
    return fields;
}

namespace {

// Everything but the findings.
std::shared_ptr<InvestigationResult> computePanes(std::shared_ptr<const FlowStore> store, const FilterState& filter,
    const HistogramOptions& histogram, bool loading, std::uint64_t generation)
{
    auto result = std::make_shared<InvestigationResult>();
    result->generation = generation;
    result->filter = filter;
    result->loading = loading;
    const FlowStore::Snapshot snapshot = store->snapshot();
    result->totalRecords = snapshot.rowCount;
    result->selection = evaluateFilter(snapshot, filter);
    result->rows = std::make_shared<const std::vector<RowId>>(result->selection.rowIds());
    computeSpanAndTotals(*result);
    result->histogramOptions = histogram;
    HistogramOptions used = histogram;
    // A bucket the user chose that would make a chart of thousands of bars falls back to automatic.
    if (used.bucketSeconds > 0 && result->firstStart && result->lastEnd
        && (*result->lastEnd - *result->firstStart) / used.bucketSeconds > Investigation::kMaxBuckets) {
        used.bucketSeconds = 0;
        result->histogramClamped = true;
    }
    result->histogram = TimeHistogram::compute(result->selection, used);
    std::vector<FieldId> facetFields;
    for (FieldId f : Investigation::facetFields()) {
        if (store->presentFields().test(index(f))) {
            facetFields.push_back(f);
        }
    }
    result->facets = Facets::compute(result->selection, facetFields, 25);
    const Selection rejected = rejectedOnly(result->selection, result->rejectedRecords);
    std::vector<FieldId> rejectFields { FieldId::SrcAddr, FieldId::DstPort };
    if (store->presentFields().test(index(FieldId::InterfaceId))) {
        rejectFields.push_back(FieldId::InterfaceId);
    }
    result->rejected = Facets::compute(rejected, rejectFields, 25);
    result->endpoints = EndpointStatistics::compute(result->selection, Investigation::kStatisticsRows);
    result->conversations = ConversationStatistics::compute(result->selection, Investigation::kStatisticsRows);
    result->store = std::move(store);
    return result;
}

} // namespace

std::shared_ptr<const InvestigationResult> computeInvestigationResult(std::shared_ptr<const FlowStore> store,
    const FilterState& filter, const HistogramOptions& histogram, bool loading, std::uint64_t generation)
{
    auto result = computePanes(std::move(store), filter, histogram, loading, generation);
    if (!loading) {
        result->findings = FindingDetector(*result->store).detect(result->selection);
        result->findingsComputed = true;
    }
    return result;
}

std::shared_ptr<const InvestigationResult> withFindings(
    const InvestigationResult& result, const std::atomic<bool>* cancel)
{
    FindingDetector detector(*result.store);
    detector.setCancelFlag(cancel);
    std::vector<Finding> findings = detector.detect(result.selection);
    if (cancel != nullptr && cancel->load()) {
        return nullptr;
    }
    auto complete = std::make_shared<InvestigationResult>(result);
    complete->findings = std::move(findings);
    complete->findingsComputed = true;
    return complete;
}

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
    cancelFindings();
    m_future.waitForFinished();
    m_findingsFuture.waitForFinished();
}

void Investigation::clear()
{
    if (m_job != nullptr) {
        m_job->cancel();
        m_job->wait();
        delete m_job;
    }
    cancelFindings();
    m_future.waitForFinished();
    m_findingsFuture.waitForFinished();
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

void Investigation::schedule()
{
    cancelFindings(); // their selection is about to be replaced
    if (m_computing) {
        m_pending = true;
        return;
    }
    m_computing = true;
    Q_EMIT computingChanged(true);
    QPointer<Investigation> self(this);
    m_future = QtConcurrent::run(investigationPool(),
        [self, store = std::shared_ptr<const FlowStore>(m_store), filter = filter(), options = m_histogramOptions,
            loading = isLoading(), generation = ++m_requested] {
            std::shared_ptr<InvestigationResult> result = computePanes(store, filter, options, loading, generation);
            if (self) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, result] {
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
    // filter, other histogram options or a store since cleared is not.
    const HistogramOptions& o = result->histogramOptions;
    const bool stale = result->store != m_store || !(result->filter == filter())
        || o.metric != m_histogramOptions.metric || o.bucketSeconds != m_histogramOptions.bucketSeconds
        || o.attribution != m_histogramOptions.attribution || o.targetBuckets != m_histogramOptions.targetBuckets;
    if (m_pending) {
        m_pending = false;
        schedule();
    }
    if (!stale) {
        // The same records as the findings shown (the histogram options or F5 changed): keep them.
        if (!result->loading && m_result && m_result->findingsComputed && m_result->store == result->store
            && m_result->totalRecords == result->totalRecords && m_result->filter == result->filter) {
            result->findings = m_result->findings;
            result->findingsComputed = true;
        }
        m_result = std::move(result);
        Q_EMIT resultReady(m_result);
        if (!m_result->loading && !m_result->findingsComputed && !m_computing) {
            startFindings();
        }
    }
    if (!m_computing) {
        Q_EMIT computingChanged(false);
    }
}

void Investigation::startFindings()
{
    cancelFindings();
    m_findingsCancel = std::make_shared<std::atomic<bool>>(false);
    m_findingsRunning = true;
    QPointer<Investigation> self(this);
    m_findingsFuture = QtConcurrent::run(investigationPool(), [self, base = m_result, cancel = m_findingsCancel] {
        std::shared_ptr<const InvestigationResult> complete = withFindings(*base, cancel.get());
        if (!complete || !self) {
            return;
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, base, complete, cancel] {
                if (!self || cancel->load() || self->m_result != base) {
                    return; // a newer request came meanwhile
                }
                self->m_findingsRunning = false;
                self->m_result = complete;
                Q_EMIT self->resultReady(complete);
            },
            Qt::QueuedConnection);
    });
}

void Investigation::cancelFindings()
{
    if (m_findingsCancel) {
        m_findingsCancel->store(true);
        m_findingsCancel.reset();
    }
    m_findingsRunning = false;
}

} // namespace flowlens
