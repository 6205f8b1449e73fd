// CloudWatch Logs export to S3: each line is "<ISO-8601 timestamp> <message>".
#include "ingest/containers.h"
#include "ingest/isotime.h"

namespace flowlens {

std::optional<LogEvent> parseExportLine(std::string_view line, std::string& error)
{
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) {
        line.remove_suffix(1);
    }
    std::size_t length = 0;
    const std::optional<std::int64_t> timestamp = parseIsoTimestampMs(line, length);
    if (!timestamp) {
        error = "the line does not start with an ISO-8601 UTC timestamp such as 2023-04-05T06:07:08.123Z";
        return std::nullopt;
    }
    if (length == line.size() || line[length] != ' ') {
        error = "the timestamp is not followed by a space at column " + std::to_string(length + 1);
        return std::nullopt;
    }
    if (length + 1 == line.size()) {
        error = "there is no record after the timestamp";
        return std::nullopt;
    }
    LogEvent event;
    event.timestampMs = timestamp;
    event.message = std::string(line.substr(length + 1));
    return event;
}

} // namespace flowlens
