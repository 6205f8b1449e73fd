#include "resultsteps.h"

#include "analysis/chunkparallel.h"
#include "analysis/findingdetector.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <mutex>

namespace flowlens {

namespace {

constexpr std::int64_t kReject = 1; // FlowStore seeds the action dictionary: ACCEPT = 0, REJECT = 1
constexpr std::size_t kFacetValues = 25;

bool cancelled(const std::atomic<bool>* cancel)
{
    return cancel != nullptr && cancel->load(std::memory_order_relaxed);
}

bool selectsEverything(const Selection& selection)
{
    for (std::size_t c = 0; c < selection.chunkCount(); ++c) {
        if (!selection.chunk(c).all) {
            return false;
        }
    }
    return true;
}

// The ids of every row of a snapshot depend only on the chunks' row counts: results of the
// all-records selection share one vector (10M rows are 40 MB) while any of them is alive.
std::shared_ptr<const std::vector<RowId>> everyRow(const FlowStore::Snapshot& snapshot)
{
    std::vector<std::uint32_t> counts(snapshot.chunks.size());
    for (std::size_t c = 0; c < counts.size(); ++c) {
        counts[c] = snapshot.chunks[c]->rowCount();
    }
    static std::mutex mutex;
    static std::vector<std::uint32_t> lastCounts;
    static std::weak_ptr<const std::vector<RowId>> last;
    {
        const std::lock_guard lock(mutex);
        if (auto rows = last.lock(); rows && lastCounts == counts) {
            return rows;
        }
    }
    std::vector<std::uint64_t> offsets(counts.size() + 1, 0);
    for (std::size_t c = 0; c < counts.size(); ++c) {
        offsets[c + 1] = offsets[c] + counts[c];
    }
    auto rows = std::make_shared<std::vector<RowId>>(offsets.back());
    forEachChunkParallel<char>(
        counts.size(), [] { return char {}; },
        [&](std::size_t c, char&) {
            RowId* out = rows->data() + offsets[c];
            for (std::uint32_t r = 0; r < counts[c]; ++r) {
                out[r] = makeRowId(static_cast<std::uint32_t>(c), r);
            }
        });
    const std::lock_guard lock(mutex);
    lastCounts = std::move(counts);
    last = rows;
    return rows;
}

// What one worker gathers in the first pass of the panes.
struct PanesPartial {
    PanesPartial(const std::vector<FieldId>& facetFields, const std::vector<FieldId>& rejectFields)
        : facets(facetFields)
        , rejected(rejectFields)
    {
    }
    FacetCounter facets;
    FacetCounter rejected; // over the REJECT rows
    std::uint64_t rejectedRecords = 0;
    std::uint64_t bytes = 0;
    std::uint64_t packets = 0;
    std::int64_t firstStart = std::numeric_limits<std::int64_t>::max();
    std::int64_t lastStart = std::numeric_limits<std::int64_t>::min();
    std::int64_t lastEnd = std::numeric_limits<std::int64_t>::min();
    std::vector<std::int64_t> start = std::vector<std::int64_t>(kChunkRows);
    std::vector<std::int64_t> end = std::vector<std::int64_t>(kChunkRows);
    std::vector<std::int64_t> byteColumn = std::vector<std::int64_t>(kChunkRows);
    std::vector<std::int64_t> packetColumn = std::vector<std::int64_t>(kChunkRows);
    std::vector<std::int64_t> action = std::vector<std::int64_t>(kChunkRows);
    std::vector<std::int64_t> values = std::vector<std::int64_t>(kChunkRows);
    std::vector<std::uint32_t> rejectRows; // of the chunk at hand
    std::vector<std::uint32_t> histogram; // of one column's encoded values
};

// Decodes `field` for the selected rows of chunk c into out (indexed by row; other rows are left
// as they were). A chunk with few rows selected (a REJECT-only filter keeps one in fourteen) reads
// just those rows from the encoded column instead of decoding all of them.
void decodeSelected(const Chunk& chunk, FieldId field, const Selection& selection, std::size_t c, std::int64_t* out)
{
    const Chunk::Column* column = chunk.column(field);
    if (column == nullptr || selection.chunk(c).count >= chunk.rowCount() / 8) {
        chunk.decode(field, 0, chunk.rowCount(), out);
        return;
    }
    const std::uint8_t* data = column->data;
    const std::int64_t base = column->base;
    auto read = [&](auto width) {
        using Word = decltype(width);
        selection.forEachRow(c, [&](std::uint32_t r) {
            Word w {};
            std::memcpy(&w, data + std::size_t { r } * sizeof(Word), sizeof(Word));
            out[r] = base + static_cast<std::int64_t>(w);
        });
    };
    switch (column->width) {
    case 0:
        selection.forEachRow(c, [&](std::uint32_t r) { out[r] = base; });
        break;
    case 1:
        read(std::uint8_t {});
        break;
    case 2:
        read(std::uint16_t {});
        break;
    case 4:
        read(std::uint32_t {});
        break;
    default:
        read(std::uint64_t {});
        break;
    }
    if (!column->validity.empty()) {
        selection.forEachRow(c, [&](std::uint32_t r) {
            if ((column->validity[r / 64] >> (r % 64) & 1U) == 0) {
                out[r] = kNull;
            }
        });
    }
}

// Counts the values of `field` over the selected rows of chunk c, from the encoded column itself
// when its values are stored in one or two bytes without nulls (most facet columns: dictionary
// ids, ports, protocols): a small histogram per chunk instead of a decode and a lookup per row.
void countColumn(const Chunk& chunk, FieldId field, const Selection& selection, std::size_t c, FacetCounter& counter,
    std::size_t slot, PanesPartial& p)
{
    const Chunk::Column* column = chunk.column(field);
    const std::uint32_t selected = selection.chunk(c).count;
    if (column == nullptr) {
        counter.add(slot, kNull, selected);
        return;
    }
    if (column->validity.empty() && column->width == 0) {
        counter.add(slot, column->base, selected);
        return;
    }
    // Two-byte values need a histogram of 64K counts: worth it only for many rows.
    if (column->validity.empty() && (column->width == 1 || (column->width == 2 && selected >= kChunkRows / 4))) {
        p.histogram.assign(column->width == 1 ? 256 : 65536, 0);
        const std::uint8_t* data = column->data;
        if (column->width == 1) {
            selection.forEachRow(c, [&](std::uint32_t r) { ++p.histogram[data[r]]; });
        } else {
            selection.forEachRow(c, [&](std::uint32_t r) {
                std::uint16_t v = 0;
                std::memcpy(&v, data + std::size_t { r } * 2, 2);
                ++p.histogram[v];
            });
        }
        for (std::size_t v = 0; v < p.histogram.size(); ++v) {
            if (p.histogram[v] != 0) {
                counter.add(slot, column->base + static_cast<std::int64_t>(v), p.histogram[v]);
            }
        }
        return;
    }
    decodeSelected(chunk, field, selection, c, p.values.data());
    selection.forEachRow(c, [&](std::uint32_t r) { counter.add(slot, p.values[r]); });
}

} // namespace

const std::vector<FieldId>& paneFacetFields()
{
    static const std::vector<FieldId> fields { FieldId::Action, FieldId::Protocol, FieldId::LogStatus, FieldId::DstPort,
        FieldId::InterfaceId, FieldId::VpcId, FieldId::SubnetId, FieldId::FlowDirection, FieldId::AccountId };
    return fields;
}

void computeSpanAndTotals(InvestigationResult& result)
{
    const Selection& selection = result.selection;
    const auto& chunks = selection.snapshot().chunks;
    auto spans = forEachChunkParallel<PanesPartial>(
        chunks.size(), [] { return PanesPartial({}, {}); },
        [&](std::size_t c, PanesPartial& s) {
            const Chunk& chunk = *chunks[c];
            chunk.decode(FieldId::Start, 0, chunk.rowCount(), s.start.data());
            chunk.decode(FieldId::End, 0, chunk.rowCount(), s.end.data());
            chunk.decode(FieldId::Bytes, 0, chunk.rowCount(), s.byteColumn.data());
            chunk.decode(FieldId::Packets, 0, chunk.rowCount(), s.packetColumn.data());
            selection.forEachRow(c, [&](std::uint32_t r) {
                s.bytes += s.byteColumn[r] == kNull ? 0 : static_cast<std::uint64_t>(s.byteColumn[r]);
                s.packets += s.packetColumn[r] == kNull ? 0 : static_cast<std::uint64_t>(s.packetColumn[r]);
                if (s.start[r] != kNull) {
                    s.firstStart = std::min(s.firstStart, s.start[r]);
                }
                if (s.end[r] != kNull) {
                    s.lastEnd = std::max(s.lastEnd, s.end[r]);
                }
            });
        });
    std::int64_t lo = std::numeric_limits<std::int64_t>::max();
    std::int64_t hi = std::numeric_limits<std::int64_t>::min();
    for (const PanesPartial& s : spans) {
        lo = std::min(lo, s.firstStart);
        hi = std::max(hi, s.lastEnd);
        result.selectedBytes += s.bytes;
        result.selectedPackets += s.packets;
    }
    if (lo != std::numeric_limits<std::int64_t>::max()) {
        result.firstStart = lo;
    }
    if (hi != std::numeric_limits<std::int64_t>::min()) {
        result.lastEnd = hi;
    }
}

std::shared_ptr<InvestigationResult> computePanes(std::shared_ptr<const FlowStore> store, const FilterState& filter,
    const HistogramOptions& histogram, bool loading, std::uint64_t generation, const std::atomic<bool>* cancel)
{
    auto result = std::make_shared<InvestigationResult>();
    result->generation = generation;
    result->filter = filter;
    result->loading = loading;
    result->histogramOptions = histogram;
    const FlowStore::Snapshot snapshot = store->snapshot();
    result->totalRecords = snapshot.rowCount;
    result->selection = evaluateFilter(snapshot, filter);
    if (cancelled(cancel)) {
        return nullptr;
    }
    const Selection& selection = result->selection;
    const auto& chunks = snapshot.chunks;

    // Pass 1: totals, time span, facets, the REJECT pane's counts and the row ids, per chunk.
    std::vector<FieldId> facetFields;
    for (FieldId f : paneFacetFields()) {
        if (store->presentFields().test(index(f))) {
            facetFields.push_back(f);
        }
    }
    std::vector<FieldId> rejectFields { FieldId::SrcAddr, FieldId::DstPort };
    if (store->presentFields().test(index(FieldId::InterfaceId))) {
        rejectFields.push_back(FieldId::InterfaceId);
    }
    const bool everything = selectsEverything(selection);
    std::shared_ptr<std::vector<RowId>> rows;
    std::vector<std::uint64_t> offsets(chunks.size() + 1, 0);
    if (everything) {
        result->rows = everyRow(snapshot);
    } else {
        for (std::size_t c = 0; c < chunks.size(); ++c) {
            offsets[c + 1] = offsets[c] + selection.chunk(c).count;
        }
        rows = std::make_shared<std::vector<RowId>>(offsets.back());
    }
    auto partials = forEachChunkParallel<PanesPartial>(
        chunks.size(), [&] { return PanesPartial(facetFields, rejectFields); },
        [&](std::size_t c, PanesPartial& p) {
            if (cancelled(cancel)) {
                return;
            }
            const Chunk& chunk = *chunks[c];
            decodeSelected(chunk, FieldId::Start, selection, c, p.start.data());
            decodeSelected(chunk, FieldId::End, selection, c, p.end.data());
            decodeSelected(chunk, FieldId::Bytes, selection, c, p.byteColumn.data());
            decodeSelected(chunk, FieldId::Packets, selection, c, p.packetColumn.data());
            decodeSelected(chunk, FieldId::Action, selection, c, p.action.data());
            RowId* out = rows ? rows->data() + offsets[c] : nullptr;
            p.rejectRows.clear();
            selection.forEachRow(c, [&](std::uint32_t r) {
                if (out != nullptr) {
                    *out++ = makeRowId(static_cast<std::uint32_t>(c), r);
                }
                p.bytes += p.byteColumn[r] == kNull ? 0 : static_cast<std::uint64_t>(p.byteColumn[r]);
                p.packets += p.packetColumn[r] == kNull ? 0 : static_cast<std::uint64_t>(p.packetColumn[r]);
                if (p.start[r] != kNull) {
                    p.firstStart = std::min(p.firstStart, p.start[r]);
                    p.lastStart = std::max(p.lastStart, p.start[r]);
                }
                if (p.end[r] != kNull) {
                    p.lastEnd = std::max(p.lastEnd, p.end[r]);
                }
                if (p.action[r] == kReject) {
                    p.rejectRows.push_back(r);
                }
            });
            p.rejectedRecords += p.rejectRows.size();
            for (std::size_t f = 0; f < facetFields.size(); ++f) {
                countColumn(chunk, facetFields[f], selection, c, p.facets, f, p);
            }
            // The REJECT pane's fields, over the REJECT rows only.
            if (!p.rejectRows.empty()) {
                for (std::size_t slot = 0; slot < rejectFields.size(); ++slot) {
                    decodeSelected(chunk, rejectFields[slot], selection, c, p.values.data());
                    for (const std::uint32_t r : p.rejectRows) {
                        p.rejected.add(slot, p.values[r]);
                    }
                }
            }
        });
    if (cancelled(cancel)) {
        return nullptr;
    }
    PanesPartial& total = partials.front();
    for (std::size_t i = 1; i < partials.size(); ++i) {
        const PanesPartial& p = partials[i];
        total.facets.merge(p.facets);
        total.rejected.merge(p.rejected);
        total.rejectedRecords += p.rejectedRecords;
        total.bytes += p.bytes;
        total.packets += p.packets;
        total.firstStart = std::min(total.firstStart, p.firstStart);
        total.lastStart = std::max(total.lastStart, p.lastStart);
        total.lastEnd = std::max(total.lastEnd, p.lastEnd);
    }
    if (rows) {
        result->rows = std::move(rows);
    }
    result->selectedBytes = total.bytes;
    result->selectedPackets = total.packets;
    if (total.firstStart != std::numeric_limits<std::int64_t>::max()) {
        result->firstStart = total.firstStart;
    }
    if (total.lastEnd != std::numeric_limits<std::int64_t>::min()) {
        result->lastEnd = total.lastEnd;
    }
    result->facets = total.facets.facets(kFacetValues);
    result->rejected = total.rejected.facets(kFacetValues);
    result->rejectedRecords = total.rejectedRecords;

    // Pass 2: the timeline, whose bucket follows from the span of pass 1.
    HistogramOptions used = histogram;
    // A bucket the user chose that would make a chart of thousands of bars falls back to automatic.
    if (used.bucketSeconds > 0 && result->firstStart && result->lastEnd
        && (*result->lastEnd - *result->firstStart) / used.bucketSeconds > kMaxBuckets) {
        used.bucketSeconds = 0;
        result->histogramClamped = true;
    }
    result->histogram = TimeHistogram::compute(selection, used, total.firstStart, total.lastStart);
    if (cancelled(cancel)) {
        return nullptr;
    }
    result->store = std::move(store);
    return result;
}

bool hasStep(const InvestigationResult& result, ResultStep step)
{
    switch (step) {
    case ResultStep::Endpoints:
        return result.endpointsComputed;
    case ResultStep::Conversations:
        return result.conversationsComputed;
    case ResultStep::Findings:
        break;
    }
    return result.findingsComputed;
}

std::shared_ptr<const InvestigationResult> withStep(
    const InvestigationResult& result, ResultStep step, const std::atomic<bool>* cancel)
{
    if (step == ResultStep::Findings) {
        return withFindings(result, cancel);
    }
    auto complete = std::make_shared<InvestigationResult>(result);
    if (step == ResultStep::Endpoints) {
        complete->endpoints = EndpointStatistics::compute(result.selection, kStatisticsRows, {}, cancel);
        complete->endpointsComputed = true;
    } else {
        complete->conversations = ConversationStatistics::compute(result.selection, kStatisticsRows, cancel);
        complete->conversationsComputed = true;
    }
    return cancelled(cancel) ? nullptr : complete;
}

std::shared_ptr<const InvestigationResult> withFindings(
    const InvestigationResult& result, const std::atomic<bool>* cancel)
{
    FindingDetector detector(*result.store);
    detector.setCancelFlag(cancel);
    std::vector<Finding> findings = detector.detect(result.selection);
    if (cancelled(cancel)) {
        return nullptr;
    }
    auto complete = std::make_shared<InvestigationResult>(result);
    complete->findings = std::move(findings);
    complete->findingsComputed = true;
    return complete;
}

std::shared_ptr<const InvestigationResult> computeInvestigationResult(std::shared_ptr<const FlowStore> store,
    const FilterState& filter, const HistogramOptions& histogram, bool loading, std::uint64_t generation)
{
    std::shared_ptr<InvestigationResult> result
        = computePanes(std::move(store), filter, histogram, loading, generation);
    result->endpoints = EndpointStatistics::compute(result->selection, kStatisticsRows);
    result->endpointsComputed = true;
    result->conversations = ConversationStatistics::compute(result->selection, kStatisticsRows);
    result->conversationsComputed = true;
    if (!loading) {
        result->findings = FindingDetector(*result->store).detect(result->selection);
        result->findingsComputed = true;
    }
    return result;
}

} // namespace flowlens
