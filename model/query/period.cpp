#include "period.h"

#include <array>
#include <string_view>

namespace flowlens::query {

namespace {

using Unit = Period::Unit;

struct UnitSpelling {
    std::u16string_view text;
    Unit unit;
};

constexpr std::array<UnitSpelling, 25> kSpellings { {
    { u"ms", Unit::Millisecond },
    { u"msec", Unit::Millisecond },
    { u"millisecond", Unit::Millisecond },
    { u"s", Unit::Second },
    { u"sec", Unit::Second },
    { u"second", Unit::Second },
    { u"m", Unit::Minute },
    { u"min", Unit::Minute },
    { u"minute", Unit::Minute },
    { u"h", Unit::Hour },
    { u"hr", Unit::Hour },
    { u"hour", Unit::Hour },
    { u"d", Unit::Day },
    { u"day", Unit::Day },
    { u"w", Unit::Week },
    { u"week", Unit::Week },
    { u"mo", Unit::Month },
    { u"mon", Unit::Month },
    { u"month", Unit::Month },
    { u"q", Unit::Quarter },
    { u"qtr", Unit::Quarter },
    { u"quarter", Unit::Quarter },
    { u"y", Unit::Year },
    { u"yr", Unit::Year },
    { u"year", Unit::Year },
} };

std::optional<Unit> exactUnit(QStringView suffix)
{
    const std::u16string_view text(suffix.utf16(), static_cast<std::size_t>(suffix.size()));
    for (const UnitSpelling& s : kSpellings) {
        if (s.text == text) {
            return s.unit;
        }
    }
    return std::nullopt;
}

constexpr std::int64_t kMillisPerUnit[] = { 1, 1000, 60'000, 3'600'000, 86'400'000, 604'800'000 };

} // namespace

std::optional<Period::Unit> Period::unitFromSuffix(QStringView suffix)
{
    if (auto unit = exactUnit(suffix)) {
        return unit;
    }
    // A plural "s" is accepted on every spelling longer than one letter ("hrs", "mins", "days").
    // "ms" itself is milliseconds, matched exactly above, never the plural of "m".
    if (suffix.size() > 2 && suffix.back() == u's') {
        return exactUnit(suffix.chopped(1));
    }
    return std::nullopt;
}

std::optional<std::int64_t> Period::milliseconds() const
{
    if (isCalendar()) {
        return std::nullopt;
    }
    return m_count * kMillisPerUnit[static_cast<int>(m_unit)];
}

std::optional<std::int64_t> Period::months() const
{
    switch (m_unit) {
    case Unit::Month:
        return m_count;
    case Unit::Quarter:
        return m_count * 3;
    case Unit::Year:
        return m_count * 12;
    default:
        return std::nullopt;
    }
}

Period Period::normalized() const
{
    if (m_unit > Unit::Day) {
        return *this;
    }
    const std::int64_t millis = *milliseconds();
    for (int u = static_cast<int>(Unit::Day); u > static_cast<int>(Unit::Millisecond); --u) {
        if (millis % kMillisPerUnit[u] == 0) {
            return { millis / kMillisPerUnit[u], static_cast<Unit>(u) };
        }
    }
    return { millis, Unit::Millisecond };
}

QString Period::toString() const
{
    static constexpr const char16_t* kShort[] = { u"ms", u"s", u"m", u"h", u"d", u"w", u"mo", u"q", u"y" };
    return QString::number(m_count) + QString::fromUtf16(kShort[static_cast<int>(m_unit)]);
}

} // namespace flowlens::query
