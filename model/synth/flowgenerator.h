#pragma once

#include "recordformatter.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace flowlens {

class SynthTopology;
class TrafficMix;

struct FlowGeneratorOptions {
    std::uint64_t records = 1000;
    std::uint64_t seed = 1;
    SynthFormat format = SynthFormat::V2;
    bool gzip = false;
    // zlib level. 1 keeps a 10M-record benchmark file quick to write; the ratio at 6 is only a
    // little better on this kind of text.
    int gzipLevel = 1;
    // 1: the output path is the file. More: the path is a folder holding the files in the layout
    // S3 delivers them in (AWSLogs/<account>/vpcflowlogs/<region>/<yyyy>/<mm>/<dd>/...).
    std::uint32_t files = 1;
    std::int64_t startTime = 1793491200; // 2026-11-01T00:00:00Z
    std::int64_t spanSeconds = 24 * 3600; // records advance evenly through this span
    std::int64_t intervalSeconds = 60; // the aggregation interval: a record's start and end lie in one
    std::string accountId = "123456789012"; // the account the estate belongs to

    static constexpr std::uint64_t MaxRecords = 4'000'000'000ULL;
    static constexpr std::uint32_t MaxFiles = 100'000;
};

struct GenerateResult {
    bool ok = false;
    QString error; // one sentence naming the file and the reason; empty when ok
    QStringList files; // every file written, in record order
    std::uint64_t records = 0;
    std::uint64_t bytes = 0; // bytes written to disk (compressed when gzip)
};

// Deterministic synthetic VPC flow logs: the same options give the same bytes on any machine.
// The traffic is a stream: records come in time order at an even pace through the span, mixing
// web, inter-VPC service, DNS, ICMP, NAT, S3 and IPv6 traffic with internet noise and three
// incidents (a port scan, an SSH brute force and an exfiltration), see TrafficMix.
class FlowGenerator {
public:
    explicit FlowGenerator(const FlowGeneratorOptions& options);
    ~FlowGenerator();
    FlowGenerator(const FlowGenerator&) = delete;
    FlowGenerator& operator=(const FlowGenerator&) = delete;

    // Why the options cannot be used, or an empty string.
    static QString validate(const FlowGeneratorOptions& options);

    const FlowGeneratorOptions& options() const { return m_options; }
    const SynthTopology& topology() const { return *m_topology; }
    std::string header() const;

    // Generates up to `maxRecords` further records (never past options().records) into `out`,
    // replacing its contents. Returns how many it wrote.
    std::uint64_t nextRecords(std::string& out, std::uint64_t maxRecords);
    std::uint64_t recordsGenerated() const { return m_generated; }

    // Where file `index` of a multi-file output goes, relative to the output folder.
    QString relativeFilePath(std::uint32_t index) const;

    // Writes all records per the options to `path` (the file, or the folder for several files).
    // `progress` gets (records written, records total) now and then; returning false cancels,
    // which keeps what was written and reports an error.
    using Progress = std::function<bool(std::uint64_t done, std::uint64_t total)>;
    GenerateResult writeTo(const QString& path, const Progress& progress = {});

private:
    std::int64_t timeOfRecord(std::uint64_t index) const;
    std::uint64_t firstRecordOfFile(std::uint32_t index) const;

    FlowGeneratorOptions m_options;
    std::unique_ptr<SynthTopology> m_topology;
    std::unique_ptr<TrafficMix> m_traffic;
    RecordFormatter m_formatter;
    std::uint64_t m_generated = 0;
};

} // namespace flowlens
