#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace flowlens {

// Light scans of JSON text that stop short of parsing it: where one document ends (to split
// concatenated documents) and which keys an object starts with (to recognise a container from a
// few KiB that may end mid-document). Strings and their escapes are honoured; nothing else is checked.

enum class JsonScan {
    Complete, // `end` is just past the closing bracket
    Incomplete, // the text ended first
    Mismatched, // a closing bracket of the wrong kind (or one too many) at `end`
};

// `text[start]` is '{' or '['.
JsonScan findJsonValueEnd(std::string_view text, std::size_t start, std::size_t& end);

// The raw (unescaped) keys of the object that starts at `text[start]` ('{'), in order, as far as `text`
// goes. `closedAt` is set to the index just past the object's closing brace, or to npos when the text
// ends before it.
std::vector<std::string_view> leadingObjectKeys(std::string_view text, std::size_t start, std::size_t& closedAt);

std::size_t skipJsonWhitespace(std::string_view text, std::size_t pos);

} // namespace flowlens
