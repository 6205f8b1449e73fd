#pragma once

#include "randomgenerator.h"
#include "synthrecord.h"

#include <array>
#include <cstdint>
#include <vector>

namespace flowlens {

struct FlowGeneratorOptions;
struct SynthEni;
class SynthTopology;

// Decides what happens on the network, one small group of records at a time (a request and its
// reply, the four legs of a NAT-ed connection, a single rejected probe), and hands the records out
// one by one. The everyday mix (web from the internet, service calls over the peering link,
// DNS, ICMP, NAT and S3 traffic, IPv6 clients, internet background scans, NODATA and SKIPDATA)
// runs all day; three incidents are confined to their own stretch of the span so that they
// stand out on a timeline: a port scan, an SSH brute force and an exfiltration.
class TrafficMix {
public:
    TrafficMix(const SynthTopology& topology, const FlowGeneratorOptions& options);

    // The record at position `index` of the output; called with 0, 1, 2, ... in turn.
    const SynthRecord& next(std::uint64_t index);

    // When the record at `index` happens: the records advance evenly through the span.
    static std::int64_t timeOf(const FlowGeneratorOptions& options, std::uint64_t index);

private:
    // One side's traffic of a request/reply exchange, before it is seen on an interface.
    struct Exchange {
        IpAddress client;
        IpAddress server;
        std::uint16_t clientPort = 0;
        std::uint16_t serverPort = 0;
        std::uint8_t protocol = 6;
        std::uint64_t requestBytes = 0;
        std::uint64_t replyBytes = 0;
        std::uint32_t requestPacketSize = 0; // the average, before clamping to 40..9001
        std::uint32_t replyPacketSize = 0;
        AwsService serverService = AwsService::None;
    };
    enum class Phase : std::uint8_t { Whole, Opening, Middle, Closing };

    void startGroup(std::uint64_t index);
    void runGroup(std::uint64_t index);

    void webFromInternet(bool ipv6);
    void serviceCall(bool overPeering);
    void dnsLookup();
    void ping();
    void natConnection();
    void s3Transfer();
    void backgroundScan();
    void internalReject();
    void noTraffic(SynthLogStatus status);
    void portScanProbe();
    void sshBruteForceAttempt();
    void exfiltrationTransfer();

    // Adds the request and reply records of `exchange` as `observer` sees them. `egressPath` is
    // the traffic-path of whichever record leaves the observer.
    void addExchange(const SynthEni& observer, bool observerIsClient, const Exchange& exchange, std::uint8_t egressPath,
        Phase phase);
    SynthRecord& addRecord(const SynthEni& eni);
    void setTimes(SynthRecord& record, Phase phase);
    void setVolume(SynthRecord& record, std::uint64_t bytes, std::uint32_t averagePacketSize);

    const SynthEni& pick(const std::vector<std::uint32_t>& enis);
    const SynthEni& anyEni();
    IpAddress internetClient();
    Phase randomPhase(std::uint64_t bytes);
    std::uint16_t ephemeralPort() { return static_cast<std::uint16_t>(m_random.between(32768, 60999)); }
    std::uint16_t clientPort() { return static_cast<std::uint16_t>(m_random.between(1024, 65535)); }

    const SynthTopology& m_topology;
    const FlowGeneratorOptions& m_options;
    RandomGenerator m_random;
    std::int64_t m_windowStart = 0; // the aggregation interval the current group falls in
    std::uint64_t m_portScanProbes = 0;
    std::array<SynthRecord, 4> m_pending {};
    std::uint32_t m_pendingCount = 0;
    std::uint32_t m_pendingNext = 0;
};

} // namespace flowlens
