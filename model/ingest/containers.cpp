#include "ingest/containers.h"

#include "ingest/isotime.h"
#include "ingest/jsonscan.h"

#include <algorithm>
#include <array>

namespace flowlens {

namespace {

constexpr std::string_view Utf8Bom = "\xEF\xBB\xBF";

// Top-level keys that only CloudWatch Logs output has (CLI pages and subscription payloads).
constexpr std::array<std::string_view, 10> CloudWatchKeys = { "events", "logEvents", "messageType", "nextForwardToken",
    "nextBackwardToken", "searchedLogStreams", "nextToken", "logGroup", "owner", "subscriptionFilters" };

// Length of the UTF-8 sequence at `text[i]`: 0 when invalid, npos when `text` ends inside it.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i)
{
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (lead < 0x80) {
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
    } else {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (i + k >= text.size()) {
            return std::string_view::npos;
        }
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
            return 0;
        }
    }
    return length;
}

// Text is what flow logs are; a NUL, or more than 1 in 20 bytes that are control characters or broken
// UTF-8, means binary.
bool looksBinary(std::string_view head)
{
    std::size_t suspicious = 0;
    for (std::size_t i = 0; i < head.size();) {
        const auto c = static_cast<unsigned char>(head[i]);
        if (c == 0) {
            return true;
        }
        const std::size_t length = utf8SequenceLength(head, i);
        if (length == std::string_view::npos) {
            break; // the head ends mid-character
        }
        const bool control = c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v';
        if (length == 0 || control || c == 0x7f) {
            ++suspicious;
        }
        i += std::max<std::size_t>(length, 1);
    }
    return suspicious * 20 > head.size();
}

bool contains(const std::vector<std::string_view>& keys, std::string_view key)
{
    return std::find(keys.begin(), keys.end(), key) != keys.end();
}

ContainerKind sniffJsonObject(std::string_view head, std::size_t start)
{
    std::size_t closedAt = 0;
    const std::vector<std::string_view> keys = leadingObjectKeys(head, start, closedAt);
    for (const std::string_view key : keys) {
        if (std::find(CloudWatchKeys.begin(), CloudWatchKeys.end(), key) != CloudWatchKeys.end()) {
            return ContainerKind::CloudWatchJson;
        }
    }
    if (!contains(keys, "message")) {
        return ContainerKind::Unknown;
    }
    // An event per line is JSON lines; one that spreads over lines is a (pretty-printed) document.
    const std::size_t newline = head.find('\n', start);
    const bool closesOnFirstLine
        = closedAt != std::string_view::npos && (newline == std::string_view::npos || closedAt <= newline);
    const bool lineLongerThanHead = closedAt == std::string_view::npos && newline == std::string_view::npos;
    return closesOnFirstLine || lineLongerThanHead ? ContainerKind::JsonLines : ContainerKind::CloudWatchJson;
}

ContainerKind sniffJsonArray(std::string_view head, std::size_t start)
{
    const std::size_t first = skipJsonWhitespace(head, start + 1);
    if (first == head.size() || head[first] == ']') {
        return ContainerKind::CloudWatchJson; // `--query events` of an empty page
    }
    if (head[first] != '{') {
        return ContainerKind::Unknown;
    }
    std::size_t closedAt = 0;
    const std::vector<std::string_view> keys = leadingObjectKeys(head, first, closedAt);
    return contains(keys, "message") ? ContainerKind::CloudWatchJson : ContainerKind::Unknown;
}

} // namespace

const char* containerKindName(ContainerKind kind)
{
    switch (kind) {
    case ContainerKind::PlainText:
        return "plain text";
    case ContainerKind::CloudWatchJson:
        return "CloudWatch Logs JSON";
    case ContainerKind::JsonLines:
        return "JSON lines";
    case ContainerKind::CloudWatchExport:
        return "CloudWatch Logs export";
    case ContainerKind::Parquet:
        return "Parquet";
    case ContainerKind::Unknown:
        break;
    }
    return "unknown";
}

ContainerKind sniffContainer(std::string_view head)
{
    if (head.substr(0, 4) == "PAR1") {
        return ContainerKind::Parquet;
    }
    if (head.substr(0, Utf8Bom.size()) == Utf8Bom) {
        head.remove_prefix(Utf8Bom.size());
    }
    if (looksBinary(head)) {
        return ContainerKind::Unknown;
    }
    const std::size_t start = skipJsonWhitespace(head, 0);
    if (start == head.size()) {
        return ContainerKind::PlainText; // empty: nothing to refuse
    }
    if (head[start] == '{') {
        return sniffJsonObject(head, start);
    }
    if (head[start] == '[') {
        return sniffJsonArray(head, start);
    }
    std::size_t length = 0;
    if (parseIsoTimestampMs(head.substr(start), length) && start + length < head.size()
        && head[start + length] == ' ') {
        return ContainerKind::CloudWatchExport;
    }
    return ContainerKind::PlainText;
}

} // namespace flowlens
