#pragma once

#include "synthrecord.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace flowlens {

class SynthTopology;

enum class SynthFormat : std::uint8_t {
    V2, // the 14 default fields
    V5, // the 29 fields of versions 2-5, in AWS table order
};

// Turns SynthRecords into S3 text lines. Written by hand into a caller's buffer (no QString, no
// streams, no locale) because it runs ten million times for a benchmark file.
class RecordFormatter {
public:
    RecordFormatter(SynthFormat format, const SynthTopology& topology);

    // The longest line write() can produce, newline included.
    static constexpr std::size_t MaxRecordLength = 640;

    // The header line (field names), newline included.
    std::string header() const;
    // Writes one record and its newline at `out`; returns the end of what it wrote.
    char* write(char* out, const SynthRecord& record) const;

    static char* writeUnsigned(char* out, std::uint64_t value);
    static char* writeAddress(char* out, const IpAddress& address);
    // pkt-src-aws-service and pkt-dst-aws-service as AWS writes them ("S3", "AMAZON", "-").
    static std::string_view serviceName(AwsService service);

private:
    SynthFormat m_format;
    const SynthTopology& m_topology;
    std::string m_prefix; // "<version> <account-id> ", the same on every line
};

} // namespace flowlens
