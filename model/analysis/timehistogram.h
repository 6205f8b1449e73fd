#pragma once

#include "store/selection.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace flowlens {

enum class Metric { Records, Bytes, Packets };

// How a flow's amount is placed in time. AtStart: all of it in the bucket of its start (what
// Logs Insights' bin() over start does). Spread: in proportion to how much of its [start, end]
// window each bucket covers, so a 10-minute aggregation window does not show as a one-bucket spike.
enum class Attribution { AtStart, Spread };

struct HistogramOptions {
    Metric metric = Metric::Records;
    std::int64_t bucketSeconds = 0; // 0: chosen so the span fits about targetBuckets buckets
    int targetBuckets = 120;
    Attribution attribution = Attribution::AtStart;
};

// ACCEPT / REJECT / other (null action: NODATA, SKIPDATA) amounts per time bucket over a selection.
struct TimeHistogram {
    std::int64_t origin = 0; // start of bucket 0, epoch seconds, a multiple of bucketSeconds
    std::int64_t bucketSeconds = 60;
    std::vector<double> accept;
    std::vector<double> reject;
    std::vector<double> other;

    std::size_t bucketCount() const { return accept.size(); }
    std::int64_t bucketStart(std::size_t i) const { return origin + static_cast<std::int64_t>(i) * bucketSeconds; }

    static TimeHistogram compute(const Selection& selection, const HistogramOptions& options);
    // The same, for a caller that knows the earliest and latest start time of the selection (a
    // pass over the rows of its own): one pass over the rows instead of two.
    static TimeHistogram compute(
        const Selection& selection, const HistogramOptions& options, std::int64_t firstStart, std::int64_t lastStart);
    // The smallest of 1 s, 5 s, 10 s, 30 s, 1 m, 5 m, 10 m, 15 m, 30 m, 1 h, 3 h, 6 h, 12 h, 1 d, 7 d
    // that splits spanSeconds into at most targetBuckets buckets.
    static std::int64_t niceBucketSeconds(std::int64_t spanSeconds, int targetBuckets);
};

} // namespace flowlens
