#pragma once

#include <string>
#include <string_view>

namespace flowlens {

// Appends `text` (UTF-8) as a JSON string, quotes included, escaping what JSON requires.
void appendJsonString(std::string& out, std::string_view text);
// Appends `text` as a CSV field (RFC 4180): quoted, with quotes doubled, when it holds a comma, a
// quote or a line break.
void appendCsvField(std::string& out, std::string_view text);

} // namespace flowlens
