#include "ingest/isotime.h"

#include <array>

namespace flowlens {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// The value of `count` digits at `text[pos]`, or -1.
int digits(std::string_view text, std::size_t pos, std::size_t count)
{
    if (pos + count > text.size()) {
        return -1;
    }
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!isDigit(text[i])) {
            return -1;
        }
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

bool isLeapYear(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month)
{
    static constexpr std::array<int, 12> Days = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return month == 2 && isLeapYear(year) ? 29 : Days.at(static_cast<std::size_t>(month - 1));
}

// Days from 1970-01-01 to the given proleptic Gregorian date, counted through 400-year eras.
std::int64_t daysSinceEpoch(int year, int month, int day)
{
    const std::int64_t y = month <= 2 ? year - 1 : year;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yearOfEra = y - era * 400;
    const std::int64_t shiftedMonth = month > 2 ? month - 3 : month + 9; // March = 0
    const std::int64_t dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
    const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

} // namespace

std::optional<std::int64_t> epochSecondsUtc(int year, int month, int day, int hour, int minute, int second)
{
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 60) {
        return std::nullopt;
    }
    return daysSinceEpoch(year, month, day) * 86400 + std::int64_t { hour } * 3600 + std::int64_t { minute } * 60
        + second;
}

std::optional<std::int64_t> parseIsoTimestampMs(std::string_view text, std::size_t& length)
{
    // YYYY-MM-DDTHH:MM:SS is 19 characters with separators at fixed places.
    if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') {
        return std::nullopt;
    }
    const int year = digits(text, 0, 4);
    const int month = digits(text, 5, 2);
    const int day = digits(text, 8, 2);
    const int hour = digits(text, 11, 2);
    const int minute = digits(text, 14, 2);
    const int second = digits(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
        return std::nullopt;
    }
    const std::optional<std::int64_t> seconds = epochSecondsUtc(year, month, day, hour, minute, second);
    if (!seconds) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    std::int64_t millis = 0;
    if (pos < text.size() && text[pos] == '.') {
        const std::size_t start = ++pos;
        while (pos < text.size() && isDigit(text[pos])) {
            if (pos - start < 3) {
                millis = millis * 10 + (text[pos] - '0');
            }
            ++pos;
        }
        const std::size_t count = pos - start;
        if (count == 0 || count > 9) {
            return std::nullopt;
        }
        for (std::size_t i = count; i < 3; ++i) {
            millis *= 10;
        }
    }
    std::int64_t offsetSeconds = 0;
    if (pos < text.size() && text[pos] == 'Z') {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        const int offsetHours = digits(text, pos + 1, 2);
        const bool colon = pos + 3 < text.size() && text[pos + 3] == ':';
        const int offsetMinutes = digits(text, pos + (colon ? 4 : 3), 2);
        if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) {
            return std::nullopt;
        }
        offsetSeconds = std::int64_t { sign } * (offsetHours * 3600 + offsetMinutes * 60);
        pos += colon ? 6 : 5;
    } else {
        return std::nullopt;
    }
    length = pos;
    return (*seconds - offsetSeconds) * 1000 + millis;
}

} // namespace flowlens
