#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowlens {

// How the records of a source are wrapped. Detected from the first bytes (after inflating).
enum class ContainerKind {
    PlainText, // S3 text: optional header line, one record per line
    CloudWatchJson, // a JSON document: `aws logs filter-log-events` / `get-log-events` output,
                    // or a CloudWatch Logs subscription payload (DATA_MESSAGE / CONTROL_MESSAGE)
    JsonLines, // one JSON object per line with a "message" field
    CloudWatchExport, // CloudWatch Logs export to S3: "<ISO-8601 timestamp> <record>" per line
    Parquet, // recognised so it can be refused with a clear message (not read yet)
    Unknown, // binary or otherwise unreadable
};

const char* containerKindName(ContainerKind kind);

// Detects the container from the first bytes of the (inflated) content; `head` is at most a few KiB
// and may end mid-line.
ContainerKind sniffContainer(std::string_view head);

// One log event taken out of a JSON container.
struct LogEvent {
    std::string message; // the flow-log record text
    std::optional<std::int64_t> timestampMs;
    std::string logStream; // empty when the container does not say
};

struct EventExtraction {
    std::vector<LogEvent> events;
    std::string error; // empty on success; else one sentence with the reason (and JSON offset)
};

// Extracts the events of a whole CloudWatch JSON document (see ContainerKind::CloudWatchJson).
// Several documents concatenated one after the other (paged CLI output) are all read.
EventExtraction extractCloudWatchEvents(std::string_view document);

// One line of a JSON-lines container: returns the event, or an error sentence.
std::optional<LogEvent> parseJsonLine(std::string_view line, std::string& error);

// One line of a CloudWatch export: splits "<timestamp> <record>". Returns nullopt (and sets error)
// when the line does not start with an ISO-8601 timestamp.
std::optional<LogEvent> parseExportLine(std::string_view line, std::string& error);

// What an S3 key/path says about a flow-log object, when it follows AWS's layout
// (AWSLogs/<account>/vpcflowlogs/<region>/<yyyy>/<mm>/<dd>/[<HH>/]<account>_vpcflowlogs_<region>_<fl-id>_<YYYYMMDDTHHmmZ>_<hash>.log.gz,
// or the Hive-compatible aws-account-id=/aws-service=/aws-region=/year=/month=/day=/hour= form).
struct S3KeyInfo {
    QString accountId;
    QString region;
    QString flowLogId;
    std::optional<std::int64_t> fileTime; // epoch seconds from the object name, UTC
};
std::optional<S3KeyInfo> parseS3Key(const QString& path);

// Expands files and folders (recursively) into the files to read, in a stable order (sorted by
// path). Skips hidden files and folders and files that cannot be flow logs by name (e.g. .md,
// .png, .parquet is kept so it can be refused clearly). Missing paths are reported in `errors`.
QStringList expandSources(const QStringList& paths, QStringList& errors);

} // namespace flowlens
