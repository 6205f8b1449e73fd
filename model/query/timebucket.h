#pragma once

#include "period.h"

#include <cstdint>

namespace flowlens::query {

// The start (or, rounding up, the end) of the period that holds a time in milliseconds since the
// Unix epoch, in UTC. Fixed periods count from the epoch, except weeks, which start on Monday as
// date_trunc('week') has them; months, quarters and years are calendar periods counted from
// January 1970 (bin(2mo) starts in odd months).
std::int64_t timeBucket(std::int64_t milliseconds, const Period& period, bool roundUp = false);

// The proleptic Gregorian date of a day counted from 1970-01-01.
struct CivilDate {
    std::int64_t year = 1970;
    std::int64_t month = 1; // 1–12
    std::int64_t day = 1; // 1–31
};
CivilDate civilFromDays(std::int64_t days);
std::int64_t floorDiv(std::int64_t a, std::int64_t b);

} // namespace flowlens::query
