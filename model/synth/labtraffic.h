#pragma once

#include "randomgenerator.h"
#include "synthrecord.h"

#include <cstdint>
#include <functional>

namespace flowlens {

class LabFlowLog;

// Turns what happens in a lab (a connection, a ping, a rejected probe) into the records one
// interface's flow log shows for it with a 60-second aggregation interval: one record per
// direction and interval, start and end inside the interval, TCP flags OR-ed over it (SYN 2,
// SYN-ACK 18, FIN 1), ICMP with ports 0, and the flow direction as the interface sees it.
class LabTraffic {
public:
    static constexpr std::int64_t kInterval = 60;
    static constexpr std::uint8_t kIcmp = 1;
    static constexpr std::uint8_t kTcp = 6;
    static constexpr std::uint8_t kUdp = 17;
    // An echo request or reply of the default ping: 20 bytes of IP, 8 of ICMP, 56 of data.
    static constexpr std::uint32_t kEchoBytes = 84;

    LabTraffic(LabFlowLog& log, std::uint64_t seed)
        : m_log(log)
        , m_random(seed)
    {
    }

    RandomGenerator& random() { return m_random; }

    struct Flow {
        IpAddress client;
        IpAddress server;
        std::uint16_t clientPort = 0;
        std::uint16_t serverPort = 0;
        std::uint8_t protocol = kTcp;
    };
    // What one interval of a flow carries each way.
    struct Volume {
        std::uint64_t requestBytes = 0;
        std::uint32_t requestPacketSize = 0; // average
        std::uint64_t replyBytes = 0;
        std::uint32_t replyPacketSize = 0;
    };
    using VolumeOf = std::function<Volume(std::int64_t intervalStart)>;

    // A connection open from second `from` to second `to` (inclusive), seen on `observer`, which is
    // the client or the server: a request and a reply record per interval.
    void connection(const SynthEni& observer, bool observerIsClient, const Flow& flow, std::int64_t from,
        std::int64_t to, const VolumeOf& volume);
    // `source` pings `target` once a second from `from` to `to`; `replied` says whether echo replies
    // come back. `observer` holds `source` or `target`.
    void ping(const SynthEni& observer, const IpAddress& source, const IpAddress& target, std::int64_t from,
        std::int64_t to, bool replied);
    // A connection attempt at second `at` that is rejected: the SYN and `attempts` - 1 retries, no
    // answer. A SYN with Linux's options is 60 bytes; scanners send 44 (the MSS option only).
    void rejected(const SynthEni& observer, bool observerIsClient, const Flow& flow, std::int64_t at, int attempts,
        std::uint32_t synBytes = 60);

    static IpAddress v4(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d)
    {
        return IpAddress::fromV4(IpAddress::v4Of(a, b, c, d));
    }
    static std::uint64_t packetsFor(std::uint64_t bytes, std::uint32_t averagePacketSize);

private:
    SynthRecord& record(const SynthEni& observer, bool outbound);
    // The client-to-server record of `flow` (addresses, ports, protocol) as `observer` sees it.
    SynthRecord& requestRecord(const SynthEni& observer, bool observerIsClient, const Flow& flow);

    LabFlowLog& m_log;
    RandomGenerator m_random;
};

} // namespace flowlens
