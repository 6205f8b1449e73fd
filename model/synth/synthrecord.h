#pragma once

#include <array>
#include <cstdint>

namespace flowlens {

struct SynthEni;

// An IPv4 or IPv6 address as the generator draws it; formatted only when written.
struct IpAddress {
    std::array<std::uint16_t, 8> v6 {}; // host order groups, used when isV6
    std::uint32_t v4 = 0; // host order, used when !isV6
    bool isV6 = false;

    static IpAddress fromV4(std::uint32_t address)
    {
        IpAddress a;
        a.v4 = address;
        return a;
    }
    static constexpr std::uint32_t v4Of(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d)
    {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }
    friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

enum class SynthAction : std::uint8_t { Accept, Reject };
enum class SynthLogStatus : std::uint8_t { Ok, NoData, SkipData };
enum class AwsService : std::uint8_t { None, Amazon, S3 };
enum class FlowDirection : std::uint8_t { Ingress, Egress };

// One generated flow-log record before it is formatted: plain data, the v5 fields included.
// Records whose log-status is not Ok are written with `-` in every traffic field.
struct SynthRecord {
    const SynthEni* eni = nullptr; // the interface whose traffic this is
    IpAddress src;
    IpAddress dst;
    IpAddress pktSrc; // differs from src only behind a NAT gateway
    IpAddress pktDst;
    std::uint16_t srcPort = 0;
    std::uint16_t dstPort = 0;
    std::uint8_t protocol = 6;
    std::uint64_t packets = 0;
    std::uint64_t bytes = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;
    SynthAction action = SynthAction::Accept;
    SynthLogStatus status = SynthLogStatus::Ok;
    std::int16_t tcpFlags = 0;
    AwsService pktSrcService = AwsService::None;
    AwsService pktDstService = AwsService::None;
    FlowDirection direction = FlowDirection::Ingress;
    std::uint8_t trafficPath = 0; // 0 is written as `-` (ingress, or unknown)
};

} // namespace flowlens
