#include "ingest/jsonscan.h"

namespace flowlens {

namespace {

// Index of the quote that closes the string opening at `text[open]`, or npos.
std::size_t stringEnd(std::string_view text, std::size_t open)
{
    for (std::size_t i = open + 1; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == '"') {
            return i;
        }
    }
    return std::string_view::npos;
}

} // namespace

std::size_t skipJsonWhitespace(std::string_view text, std::size_t pos)
{
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n' || text[pos] == '\r')) {
        ++pos;
    }
    return pos;
}

JsonScan findJsonValueEnd(std::string_view text, std::size_t start, std::size_t& end)
{
    std::vector<char> open; // closers we expect, innermost last
    for (std::size_t i = start; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            i = stringEnd(text, i);
            if (i == std::string_view::npos) {
                break;
            }
        } else if (c == '{' || c == '[') {
            open.push_back(c == '{' ? '}' : ']');
        } else if (c == '}' || c == ']') {
            if (open.empty() || open.back() != c) {
                end = i;
                return JsonScan::Mismatched;
            }
            open.pop_back();
            if (open.empty()) {
                end = i + 1;
                return JsonScan::Complete;
            }
        }
    }
    end = text.size();
    return JsonScan::Incomplete;
}

std::vector<std::string_view> leadingObjectKeys(std::string_view text, std::size_t start, std::size_t& closedAt)
{
    std::vector<std::string_view> keys;
    closedAt = std::string_view::npos;
    int depth = 0;
    bool expectKey = false;
    for (std::size_t i = start; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            const std::size_t close = stringEnd(text, i);
            if (close == std::string_view::npos) {
                break;
            }
            if (depth == 1 && expectKey) {
                keys.push_back(text.substr(i + 1, close - i - 1));
            }
            expectKey = false;
            i = close;
        } else if (c == '{' || c == '[') {
            ++depth;
            expectKey = depth == 1;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) {
                closedAt = i + 1;
                break;
            }
        } else if (c == ',' && depth == 1) {
            expectKey = true;
        }
    }
    return keys;
}

} // namespace flowlens
