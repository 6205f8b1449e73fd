#include "timehistogram.h"

#include "chunkparallel.h"

#include <array>
#include <cmath>
#include <limits>

namespace flowlens {

namespace {

FieldId metricField(Metric m)
{
    return m == Metric::Bytes ? FieldId::Bytes : FieldId::Packets;
}

std::int64_t floorTo(std::int64_t v, std::int64_t step)
{
    const std::int64_t q = v / step;
    return (v % step != 0 && v < 0 ? q - 1 : q) * step;
}

} // namespace

std::int64_t TimeHistogram::niceBucketSeconds(std::int64_t spanSeconds, int targetBuckets)
{
    static constexpr std::array<std::int64_t, 15> kSteps { 1, 5, 10, 30, 60, 300, 600, 900, 1800, 3600, 10800, 21600,
        43200, 86400, 604800 };
    for (std::int64_t step : kSteps) {
        if (spanSeconds / step < targetBuckets) {
            return step;
        }
    }
    return kSteps.back();
}

TimeHistogram TimeHistogram::compute(const Selection& selection, const HistogramOptions& options)
{
    const auto& chunks = selection.snapshot().chunks;
    // Pass 1: the time span of the selection.
    struct Span {
        std::int64_t lo = std::numeric_limits<std::int64_t>::max();
        std::int64_t hi = std::numeric_limits<std::int64_t>::min();
        std::vector<std::int64_t> start, end;
    };
    auto spans = forEachChunkParallel<Span>(
        chunks.size(), [] { return Span { .start = std::vector<std::int64_t>(kChunkRows), .end = {} }; },
        [&](std::size_t c, Span& s) {
            const Chunk& chunk = *chunks[c];
            chunk.decode(FieldId::Start, 0, chunk.rowCount(), s.start.data());
            selection.forEachRow(c, [&](std::uint32_t r) {
                if (s.start[r] != kNull) {
                    s.lo = std::min(s.lo, s.start[r]);
                    s.hi = std::max(s.hi, s.start[r]);
                }
            });
        });
    std::int64_t lo = std::numeric_limits<std::int64_t>::max();
    std::int64_t hi = std::numeric_limits<std::int64_t>::min();
    for (const Span& s : spans) {
        lo = std::min(lo, s.lo);
        hi = std::max(hi, s.hi);
    }
    return compute(selection, options, lo, hi);
}

TimeHistogram TimeHistogram::compute(
    const Selection& selection, const HistogramOptions& options, std::int64_t lo, std::int64_t hi)
{
    const auto& chunks = selection.snapshot().chunks;
    TimeHistogram h;
    if (lo > hi) {
        return h; // nothing with a start time
    }
    h.bucketSeconds = options.bucketSeconds > 0 ? options.bucketSeconds
                                                : niceBucketSeconds(hi - lo, std::max(1, options.targetBuckets));
    h.origin = floorTo(lo, h.bucketSeconds);
    // Spread needs room for windows that end after the last start.
    std::int64_t last = hi;
    if (options.attribution == Attribution::Spread) {
        last += 3600; // flow windows are at most 10 minutes; an hour of slack covers odd data
    }
    const std::size_t buckets
        = static_cast<std::size_t>((floorTo(last, h.bucketSeconds) - h.origin) / h.bucketSeconds) + 1;

    struct Partial {
        std::vector<double> accept, reject, other;
        std::vector<std::int64_t> start, end, action, amount;
    };
    auto partials = forEachChunkParallel<Partial>(
        chunks.size(),
        [&] {
            return Partial { std::vector<double>(buckets), std::vector<double>(buckets), std::vector<double>(buckets),
                std::vector<std::int64_t>(kChunkRows), std::vector<std::int64_t>(kChunkRows),
                std::vector<std::int64_t>(kChunkRows), std::vector<std::int64_t>(kChunkRows) };
        },
        [&](std::size_t c, Partial& p) {
            const Chunk& chunk = *chunks[c];
            const std::uint32_t n = chunk.rowCount();
            chunk.decode(FieldId::Start, 0, n, p.start.data());
            chunk.decode(FieldId::Action, 0, n, p.action.data());
            if (options.metric != Metric::Records) {
                chunk.decode(metricField(options.metric), 0, n, p.amount.data());
            }
            if (options.attribution == Attribution::Spread) {
                chunk.decode(FieldId::End, 0, n, p.end.data());
            }
            selection.forEachRow(c, [&](std::uint32_t r) {
                const std::int64_t start = p.start[r];
                if (start == kNull) {
                    return;
                }
                double amount = 1;
                if (options.metric != Metric::Records) {
                    if (p.amount[r] == kNull) {
                        return;
                    }
                    amount = static_cast<double>(p.amount[r]);
                }
                std::vector<double>& target = p.action[r] == 0 ? p.accept : p.action[r] == 1 ? p.reject : p.other;
                const std::int64_t end = options.attribution == Attribution::Spread && p.end[r] != kNull
                    ? std::min(p.end[r], last)
                    : start;
                if (end <= start) {
                    target[static_cast<std::size_t>((start - h.origin) / h.bucketSeconds)] += amount;
                    return;
                }
                const double perSecond = amount / static_cast<double>(end - start);
                for (std::int64_t b = floorTo(start, h.bucketSeconds); b < end; b += h.bucketSeconds) {
                    const std::int64_t from = std::max(b, start);
                    const std::int64_t to = std::min(b + h.bucketSeconds, end);
                    target[static_cast<std::size_t>((b - h.origin) / h.bucketSeconds)]
                        += perSecond * static_cast<double>(to - from);
                }
            });
        });
    h.accept.assign(buckets, 0);
    h.reject.assign(buckets, 0);
    h.other.assign(buckets, 0);
    for (const Partial& p : partials) {
        for (std::size_t b = 0; b < buckets; ++b) {
            h.accept[b] += p.accept[b];
            h.reject[b] += p.reject[b];
            h.other[b] += p.other[b];
        }
    }
    // Drop empty slack buckets at the end.
    while (h.accept.size() > 1 && h.accept.back() == 0 && h.reject.back() == 0 && h.other.back() == 0
        && h.bucketStart(h.accept.size() - 1) > hi) {
        h.accept.pop_back();
        h.reject.pop_back();
        h.other.pop_back();
    }
    return h;
}

} // namespace flowlens
