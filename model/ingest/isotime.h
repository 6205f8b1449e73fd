#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace flowlens {

// Seconds since the Unix epoch for a UTC calendar time; nullopt when a field is out of range
// (month 13, 31 April, 29 February of a common year, hour 24, ...). Leap second 60 is accepted.
std::optional<std::int64_t> epochSecondsUtc(int year, int month, int day, int hour, int minute, int second);

// Parses an ISO-8601 timestamp at the start of `text`: YYYY-MM-DDTHH:MM:SS, an optional fraction of
// 1–9 digits, then Z or an offset (+HH:MM, +HHMM). Returns milliseconds since the epoch (the fraction
// truncated to ms) and sets `length` to the characters it used; nullopt when `text` does not start so.
std::optional<std::int64_t> parseIsoTimestampMs(std::string_view text, std::size_t& length);

} // namespace flowlens
