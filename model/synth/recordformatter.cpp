#include "recordformatter.h"

#include "schema/field.h"
#include "synthtopology.h"

#include <array>
#include <cstring>

namespace flowlens {

namespace {

constexpr std::size_t V2FieldCount = 14;
constexpr std::size_t V5FieldCount = 29;

// "00".."99", so integers are written two digits at a time.
constexpr std::array<char, 200> kDigitPairs = [] {
    std::array<char, 200> table {};
    for (int i = 0; i < 100; ++i) {
        table[2 * i] = static_cast<char>('0' + i / 10);
        table[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return table;
}();

inline char* put(char* out, std::string_view text)
{
    std::memcpy(out, text.data(), text.size());
    return out + text.size();
}

inline char* putSpace(char* out)
{
    *out = ' ';
    return out + 1;
}

inline char* putDash(char* out)
{
    out[0] = '-';
    out[1] = ' ';
    return out + 2;
}

char* writeHex(char* out, std::uint16_t value)
{
    static constexpr char digits[] = "0123456789abcdef";
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
        const int nibble = (value >> shift) & 0xf;
        if (nibble != 0 || started || shift == 0) {
            *out++ = digits[nibble];
            started = true;
        }
    }
    return out;
}

// RFC 5952 text: lower case, no leading zeros, the longest run of two or more zero groups (the
// first of equal runs) replaced by "::".
char* writeIpv6(char* out, const std::array<std::uint16_t, 8>& groups)
{
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8;) {
        if (groups[i] != 0) {
            ++i;
            continue;
        }
        int j = i;
        while (j < 8 && groups[j] == 0) {
            ++j;
        }
        if (j - i > bestLength) {
            bestStart = i;
            bestLength = j - i;
        }
        i = j;
    }
    for (int i = 0; i < 8; ++i) {
        if (i == bestStart) {
            *out++ = ':';
            *out++ = ':';
            i += bestLength - 1;
            continue;
        }
        if (i > 0 && i != bestStart + bestLength) {
            *out++ = ':';
        }
        out = writeHex(out, groups[i]);
    }
    return out;
}

} // namespace

std::string_view RecordFormatter::serviceName(AwsService service)
{
    switch (service) {
    case AwsService::Amazon:
        return "AMAZON";
    case AwsService::S3:
        return "S3";
    case AwsService::None:
        break;
    }
    return "-";
}

RecordFormatter::RecordFormatter(SynthFormat format, const SynthTopology& topology)
    : m_format(format)
    , m_topology(topology)
{
    m_prefix = format == SynthFormat::V2 ? "2 " : "5 ";
    m_prefix += topology.accountId();
    m_prefix += ' ';
}

std::string RecordFormatter::header() const
{
    // The names come from the field catalogue, whose first 29 entries are in AWS table order.
    const std::size_t count = m_format == SynthFormat::V2 ? V2FieldCount : V5FieldCount;
    std::string line;
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) {
            line += ' ';
        }
        line += fieldInfo(static_cast<FieldId>(i)).awsName;
    }
    line += '\n';
    return line;
}

char* RecordFormatter::writeUnsigned(char* out, std::uint64_t value)
{
    char scratch[20];
    char* end = scratch + sizeof scratch;
    char* p = end;
    while (value >= 100) {
        const auto pair = static_cast<std::size_t>(value % 100) * 2;
        value /= 100;
        p -= 2;
        p[0] = kDigitPairs[pair];
        p[1] = kDigitPairs[pair + 1];
    }
    if (value >= 10) {
        p -= 2;
        p[0] = kDigitPairs[value * 2];
        p[1] = kDigitPairs[value * 2 + 1];
    } else {
        *--p = static_cast<char>('0' + value);
    }
    const auto length = static_cast<std::size_t>(end - p);
    std::memcpy(out, p, length);
    return out + length;
}

char* RecordFormatter::writeAddress(char* out, const IpAddress& address)
{
    if (address.isV6) {
        return writeIpv6(out, address.v6);
    }
    for (int shift = 24; shift >= 0; shift -= 8) {
        out = writeUnsigned(out, (address.v4 >> shift) & 0xff);
        *out++ = '.';
    }
    return out - 1;
}

char* RecordFormatter::write(char* out, const SynthRecord& r) const
{
    const SynthEni& eni = *r.eni;
    const bool hasTraffic = r.status == SynthLogStatus::Ok;
    out = put(out, m_prefix);
    out = putSpace(put(out, eni.id));
    if (hasTraffic) {
        out = putSpace(writeAddress(out, r.src));
        out = putSpace(writeAddress(out, r.dst));
        out = putSpace(writeUnsigned(out, r.srcPort));
        out = putSpace(writeUnsigned(out, r.dstPort));
        out = putSpace(writeUnsigned(out, r.protocol));
        out = putSpace(writeUnsigned(out, r.packets));
        out = putSpace(writeUnsigned(out, r.bytes));
    } else {
        // NODATA and SKIPDATA carry only the interface, the interval and the status.
        out = put(out, "- - - - - - - ");
    }
    out = putSpace(writeUnsigned(out, static_cast<std::uint64_t>(r.start)));
    out = putSpace(writeUnsigned(out, static_cast<std::uint64_t>(r.end)));
    if (!hasTraffic) {
        out = put(out, r.status == SynthLogStatus::NoData ? "- NODATA" : "- SKIPDATA");
    } else {
        out = put(out, r.action == SynthAction::Accept ? "ACCEPT OK" : "REJECT OK");
    }
    if (m_format == SynthFormat::V2) {
        *out = '\n';
        return out + 1;
    }
    out = putSpace(out);
    if (!hasTraffic) {
        out = put(out, "- - - - - - - - - - - - - - -\n");
        return out;
    }
    const SynthSubnet& subnet = m_topology.subnets()[eni.subnetIndex];
    out = putSpace(put(out, m_topology.vpcs()[eni.vpcIndex].id));
    out = putSpace(put(out, subnet.id));
    out = putSpace(put(out, eni.instanceId));
    out = putSpace(writeUnsigned(out, static_cast<std::uint64_t>(r.tcpFlags)));
    out = put(out, r.src.isV6 ? "IPv6 " : "IPv4 ");
    out = putSpace(writeAddress(out, r.pktSrc));
    out = putSpace(writeAddress(out, r.pktDst));
    out = putSpace(put(out, m_topology.region()));
    out = putSpace(put(out, subnet.azId));
    out = putDash(putDash(out)); // no Wavelength, Outpost or Local Zone here
    out = putSpace(put(out, serviceName(r.pktSrcService)));
    out = putSpace(put(out, serviceName(r.pktDstService)));
    out = put(out, r.direction == FlowDirection::Ingress ? "ingress " : "egress ");
    if (r.trafficPath == 0) {
        *out++ = '-';
    } else {
        out = writeUnsigned(out, r.trafficPath);
    }
    *out = '\n';
    return out + 1;
}

} // namespace flowlens
