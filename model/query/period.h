#pragma once

#include <QString>
#include <QStringView>
#include <compare>
#include <cstdint>
#include <optional>

namespace flowlens::query {

// A time period literal such as `5m`, `1h` or `2mo`, as bin(), datefloor() and dateceil() take it.
// Units and spellings follow Logs Insights: ms/msec/millisecond, s/sec/second, m/min/minute,
// h/hr/hour, d/day, w/week, mo/mon/month, q/qtr/quarter, y/yr/year; spellings longer than one
// letter may take a plural "s" ("hrs", "mins").
class Period {
public:
    enum class Unit : std::uint8_t { Millisecond, Second, Minute, Hour, Day, Week, Month, Quarter, Year };

    Period() = default;
    Period(std::int64_t count, Unit unit)
        : m_count(count)
        , m_unit(unit)
    {
    }

    static std::optional<Unit> unitFromSuffix(QStringView suffix);

    std::int64_t count() const { return m_count; }
    Unit unit() const { return m_unit; }

    // Months, quarters and years vary in length: they are calendar periods.
    bool isCalendar() const { return m_unit >= Unit::Month; }
    // Length in milliseconds for fixed periods (ms … week); nullopt for calendar periods.
    std::optional<std::int64_t> milliseconds() const;
    // Length in whole months for calendar periods; nullopt for fixed periods.
    std::optional<std::int64_t> months() const;

    // The same length in the largest unit that keeps the count whole: 300s -> 5m, 48h -> 2d.
    // Logs Insights caps `s` and `m` at 60, `h` at 24 and `ms` at 1000 (bin(300s) runs as 1m), so
    // the largest unit is also the one it reads as written. Weeks and calendar units stay as they are.
    Period normalized() const;
    // Text as Insights accepts it: "5m", "1h", "500ms", "1mo".
    QString toString() const;

    auto operator<=>(const Period&) const = default;

private:
    std::int64_t m_count = 0;
    Unit m_unit = Unit::Second;
};

} // namespace flowlens::query
