#include "timebucket.h"

namespace flowlens::query {

namespace {

constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kMonday = -3 * kDay; // 1969-12-29, the Monday before the epoch

// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms).
std::int64_t daysFromCivil(std::int64_t y, std::int64_t m, std::int64_t d)
{
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = floorDiv(y, 400);
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

} // namespace

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    const std::int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

CivilDate civilFromDays(std::int64_t days)
{
    const std::int64_t z = days + 719468;
    const std::int64_t era = floorDiv(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    CivilDate date;
    date.day = doy - (153 * mp + 2) / 5 + 1;
    date.month = mp < 10 ? mp + 3 : mp - 9;
    date.year = yoe + era * 400 + (date.month <= 2 ? 1 : 0);
    return date;
}

std::int64_t timeBucket(std::int64_t ms, const Period& period, bool roundUp)
{
    if (const auto step = period.milliseconds()) {
        const std::int64_t origin = period.unit() == Period::Unit::Week ? kMonday : 0;
        const std::int64_t start = floorDiv(ms - origin, *step) * *step + origin;
        return roundUp && start != ms ? start + *step : start;
    }
    const std::int64_t months = *period.months();
    const CivilDate date = civilFromDays(floorDiv(ms, kDay));
    const std::int64_t index = floorDiv(date.year * 12 + date.month - 1 - 1970 * 12, months) * months + 1970 * 12;
    const std::int64_t start = daysFromCivil(floorDiv(index, 12), index - floorDiv(index, 12) * 12 + 1, 1) * kDay;
    if (!roundUp || start == ms) {
        return start;
    }
    const std::int64_t next = index + months;
    return daysFromCivil(floorDiv(next, 12), next - floorDiv(next, 12) * 12 + 1, 1) * kDay;
}

} // namespace flowlens::query
