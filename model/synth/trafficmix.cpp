#include "trafficmix.h"

#include "flowgenerator.h"
#include "synthtopology.h"

#include <algorithm>
#include <iterator>

namespace flowlens {

namespace {

// Traffic paths of egress records (AWS's numbering).
constexpr std::uint8_t PathSameVpc = 1;
constexpr std::uint8_t PathPeering = 4;
constexpr std::uint8_t PathGatewayEndpoint = 7;
constexpr std::uint8_t PathInternetGateway = 8;

constexpr std::uint8_t Icmp = 1;
constexpr std::uint8_t Tcp = 6;
constexpr std::uint8_t Udp = 17;

constexpr std::uint64_t KiB = 1024;
constexpr std::uint64_t MiB = 1024 * KiB;

// The incidents' stretches of the span, in millionths of it, and how much of the traffic there
// belongs to them: about 1.5% of all records are probes, 1% brute-force logins and 0.1% the
// exfiltration, enough for 20,000 records to show each story.
struct Story {
    std::uint32_t fromPpm;
    std::uint32_t toPpm;
    std::uint32_t sharePerMillion;
    bool contains(std::uint32_t position) const { return position >= fromPpm && position < toPpm; }
};
constexpr Story kPortScan { 100'000, 140'000, 550'000 }; // 02:24-03:22 of a day
constexpr Story kSshBruteForce { 350'000, 450'000, 55'000 }; // 08:24-10:48
constexpr Story kExfiltration { 600'000, 640'000, 30'000 }; // 14:24-15:22

// What kinds of everyday traffic a new group is, as cumulative millionths.
enum class Kind : std::uint8_t {
    NoData,
    SkipData,
    Scan,
    InternalReject,
    Ping,
    Web6,
    Dns,
    Nat,
    S3,
    Peering,
    SameVpc,
    Web
};
struct KindWeight {
    Kind kind;
    std::uint32_t perMillion;
};
constexpr KindWeight kMix[] = {
    { Kind::NoData, 10'000 }, { Kind::SkipData, 10'000 }, { Kind::Scan, 95'000 }, { Kind::InternalReject, 7'500 },
    { Kind::Ping, 20'000 }, { Kind::Web6, 28'500 }, { Kind::Dns, 60'000 }, { Kind::Nat, 25'000 }, { Kind::S3, 20'000 },
    { Kind::Peering, 250'000 }, { Kind::SameVpc, 100'000 },
    // Web from the internet: the rest.
};

struct ScanPort {
    std::uint16_t port;
    std::uint8_t protocol;
};
// What internet-wide scanners knock on all day (telnet, SSH, SMB, RDP, databases, IoT admin ports).
constexpr ScanPort kScannedPorts[] = {
    { 23, Tcp },
    { 22, Tcp },
    { 445, Tcp },
    { 3389, Tcp },
    { 1433, Tcp },
    { 3306, Tcp },
    { 5900, Tcp },
    { 8080, Tcp },
    { 8443, Tcp },
    { 2323, Tcp },
    { 6379, Tcp },
    { 9200, Tcp },
    { 27017, Tcp },
    { 25, Tcp },
    { 21, Tcp },
    { 111, Tcp },
    { 135, Tcp },
    { 139, Tcp },
    { 5060, Udp },
    { 81, Tcp },
    { 8888, Tcp },
    { 7547, Tcp },
    { 5555, Tcp },
    { 37215, Tcp },
    { 123, Udp },
    { 161, Udp },
    { 1900, Udp },
    { 53, Udp },
    { 0, Icmp },
};

constexpr std::uint16_t kServicePorts[] = { 8080, 443, 9092, 9200 };

} // namespace

TrafficMix::TrafficMix(const SynthTopology& topology, const FlowGeneratorOptions& options)
    : m_topology(topology)
    , m_options(options)
    , m_random(options.seed)
{
}

std::int64_t TrafficMix::timeOf(const FlowGeneratorOptions& options, std::uint64_t index)
{
    // index < 4e9 and span < 4e7 s (validated), so the product fits.
    const auto span = static_cast<std::uint64_t>(options.spanSeconds);
    return options.startTime + static_cast<std::int64_t>(index * span / std::max<std::uint64_t>(options.records, 1));
}

const SynthRecord& TrafficMix::next(std::uint64_t index)
{
    if (m_pendingNext == m_pendingCount) {
        m_pendingCount = 0;
        m_pendingNext = 0;
        startGroup(index);
    }
    return m_pending[m_pendingNext++];
}

void TrafficMix::startGroup(std::uint64_t index)
{
    const std::int64_t t = timeOf(m_options, index);
    m_windowStart = t - (t - m_options.startTime) % m_options.intervalSeconds;
    runGroup(index);
    // Outside a NAT gateway the packet addresses are the interface-level ones.
    for (std::uint32_t i = 0; i < m_pendingCount; ++i) {
        SynthRecord& r = m_pending[i];
        if (r.pktSrc == IpAddress {}) {
            r.pktSrc = r.src;
        }
        if (r.pktDst == IpAddress {}) {
            r.pktDst = r.dst;
        }
    }
}

void TrafficMix::runGroup(std::uint64_t index)
{
    const auto position = static_cast<std::uint32_t>(index * 1'000'000 / std::max<std::uint64_t>(m_options.records, 1));
    if (kPortScan.contains(position) && m_random.chance(kPortScan.sharePerMillion)) {
        return portScanProbe();
    }
    if (kSshBruteForce.contains(position) && m_random.chance(kSshBruteForce.sharePerMillion)) {
        return sshBruteForceAttempt();
    }
    if (kExfiltration.contains(position) && m_random.chance(kExfiltration.sharePerMillion)) {
        return exfiltrationTransfer();
    }

    std::uint32_t roll = m_random.below(1'000'000);
    Kind kind = Kind::Web;
    for (const KindWeight& w : kMix) {
        if (roll < w.perMillion) {
            kind = w.kind;
            break;
        }
        roll -= w.perMillion;
    }
    switch (kind) {
    case Kind::NoData:
        return noTraffic(SynthLogStatus::NoData);
    case Kind::SkipData:
        return noTraffic(SynthLogStatus::SkipData);
    case Kind::Scan:
        return backgroundScan();
    case Kind::InternalReject:
        return internalReject();
    case Kind::Ping:
        return ping();
    case Kind::Web6:
        return webFromInternet(true);
    case Kind::Dns:
        return dnsLookup();
    case Kind::Nat:
        return natConnection();
    case Kind::S3:
        return s3Transfer();
    case Kind::Peering:
        return serviceCall(true);
    case Kind::SameVpc:
        return serviceCall(false);
    case Kind::Web:
        return webFromInternet(false);
    }
}

void TrafficMix::webFromInternet(bool ipv6)
{
    const SynthEni& server = pick(m_topology.enisWithRole(EniRole::Web));
    Exchange e;
    if (ipv6) {
        const auto& clients = m_topology.ipv6Clients();
        e.client = clients[m_random.skewed(static_cast<std::uint32_t>(clients.size()))];
        e.server = server.ipv6;
    } else {
        e.client = internetClient();
        e.server = server.ipv4; // the internet gateway has already translated the public address
    }
    e.clientPort = clientPort();
    e.serverPort = m_random.chance(850'000) ? 443 : 80;
    e.requestBytes = m_random.heavyTail(240, 350, 2 * MiB);
    e.requestPacketSize = m_random.between(60, 600);
    e.replyBytes = m_random.heavyTail(1200, 560, 64 * MiB);
    e.replyPacketSize = m_random.between(900, 1500); // internet MTU
    addExchange(server, false, e, PathInternetGateway, randomPhase(e.replyBytes));
}

void TrafficMix::serviceCall(bool overPeering)
{
    const SynthEni* client = nullptr;
    const SynthEni* server = nullptr;
    Exchange e;
    const std::uint32_t roll = m_random.below(100);
    if (overPeering && roll < 80) {
        // The application tier in 10.1 calls data stores and services in 10.2.
        client = &pick(m_topology.enisWithRole(EniRole::App));
        const std::uint32_t target = m_random.below(100);
        if (target < 35) {
            server = &pick(m_topology.enisWithRole(EniRole::Database));
            e.serverPort = (server->ipv4.v4 & 1) != 0 ? 5432 : 3306;
        } else if (target < 55) {
            server = &pick(m_topology.enisWithRole(EniRole::Cache));
            e.serverPort = 6379;
        } else {
            server = &pick(m_topology.enisWithRole(EniRole::Service));
            e.serverPort = kServicePorts[m_random.below(std::size(kServicePorts))];
        }
    } else if (overPeering) {
        // Services in 10.2 call back into the application tier.
        client = &pick(m_topology.enisWithRole(EniRole::Service));
        server = &pick(m_topology.enisWithRole(EniRole::App));
        e.serverPort = 8443;
    } else if (roll < 50) {
        client = &pick(m_topology.enisWithRole(EniRole::Web));
        server = &pick(m_topology.enisWithRole(EniRole::App));
        e.serverPort = 8080;
    } else if (roll < 80) {
        client = &pick(m_topology.enisWithRole(EniRole::Service));
        server = &pick(m_topology.enisWithRole(roll < 65 ? EniRole::Database : EniRole::Cache));
        e.serverPort = roll < 65 ? 5432 : 6379;
    } else {
        client = &pick(m_topology.enisWithRole(EniRole::App));
        server = &pick(m_topology.enisWithRole(EniRole::App));
        e.serverPort = 8080;
    }
    e.client = client->ipv4;
    e.server = server->ipv4;
    e.clientPort = ephemeralPort();
    e.requestBytes = m_random.heavyTail(120, 450, 4 * MiB);
    e.requestPacketSize = m_random.between(60, 1200);
    e.replyBytes = m_random.heavyTail(200, 520, 256 * MiB);
    e.replyPacketSize = m_random.between(400, 9001); // jumbo frames inside a region
    const bool seenByClient = m_random.below(2) == 0;
    addExchange(seenByClient ? *client : *server, seenByClient, e, overPeering ? PathPeering : PathSameVpc,
        randomPhase(e.replyBytes));
}

void TrafficMix::dnsLookup()
{
    const SynthEni* client = &anyEni();
    while (client->role == EniRole::NatGateway) {
        client = &anyEni();
    }
    Exchange e;
    e.client = client->ipv4;
    e.server = m_topology.resolverOf(client->vpcIndex);
    e.clientPort = ephemeralPort();
    e.serverPort = 53;
    e.protocol = Udp;
    e.requestBytes = m_random.between(60, 110);
    e.requestPacketSize = 110;
    e.replyBytes = m_random.between(76, 480);
    e.replyPacketSize = 480;
    addExchange(*client, true, e, PathSameVpc, Phase::Whole);
}

void TrafficMix::ping()
{
    if (m_random.chance(300'000)) {
        // Pings from the internet; the security groups do not allow ICMP in.
        const SynthEni& target = pick(m_topology.publicEnis());
        SynthRecord& r = addRecord(target);
        r.src = internetClient();
        r.dst = target.ipv4;
        r.protocol = Icmp;
        r.action = SynthAction::Reject;
        setVolume(r, 84 * m_random.between(1, 4), 84);
        setTimes(r, Phase::Whole);
        return;
    }
    const SynthEni& monitor = pick(m_topology.enisWithRole(EniRole::Monitoring));
    const SynthEni& target = anyEni();
    Exchange e;
    e.client = monitor.ipv4;
    e.server = target.ipv4;
    e.protocol = Icmp;
    const std::uint64_t echoes = m_random.between(1, 60);
    const std::uint32_t size = m_random.chance(800'000) ? 84 : 1500;
    e.requestBytes = echoes * size;
    e.replyBytes = echoes * size;
    e.requestPacketSize = size;
    e.replyPacketSize = size;
    addExchange(monitor, true, e, target.vpcIndex == monitor.vpcIndex ? PathSameVpc : PathPeering, Phase::Middle);
}

void TrafficMix::natConnection()
{
    // An instance in a private subnet reaches the internet through its VPC's NAT gateway. The
    // gateway's interface sees four legs; on two of them the packet addresses differ from the
    // interface-level ones, which is what pkt-srcaddr and pkt-dstaddr are for.
    const bool fromApp = m_random.below(2) == 0;
    const SynthEni& instance = pick(m_topology.enisWithRole(fromApp ? EniRole::App : EniRole::Service));
    const SynthEni& nat = m_topology.natGatewayOf(instance.vpcIndex);
    const bool toAws = m_random.chance(400'000);
    const auto& services = toAws ? m_topology.amazonEndpoints() : m_topology.internetServices();
    const IpAddress remote = services[m_random.skewed(static_cast<std::uint32_t>(services.size()))];
    const AwsService remoteService = toAws ? AwsService::Amazon : AwsService::None;
    const std::uint16_t instancePort = ephemeralPort();
    const std::uint16_t natPort = static_cast<std::uint16_t>(m_random.between(1024, 65535));
    const std::uint64_t requestBytes = m_random.heavyTail(200, 400, 1 * MiB);
    const std::uint64_t replyBytes = m_random.heavyTail(400, 560, 128 * MiB);
    const std::uint32_t requestPacketSize = m_random.between(60, 800);
    const std::uint32_t replyPacketSize = m_random.between(900, 1500);
    const Phase phase = randomPhase(replyBytes);
    static constexpr std::int16_t requestFlags[] = { 3, 2, 0, 1 };
    static constexpr std::int16_t replyFlags[] = { 19, 18, 0, 1 };

    SynthRecord& in = addRecord(nat);
    in.src = instance.ipv4;
    in.dst = nat.ipv4;
    in.pktDst = remote;
    in.pktDstService = remoteService;
    in.srcPort = instancePort;
    in.dstPort = 443;
    setVolume(in, requestBytes, requestPacketSize);

    SynthRecord& out = addRecord(nat);
    out.src = nat.ipv4;
    out.dst = remote;
    out.pktDst = remote;
    out.pktDstService = remoteService;
    out.srcPort = natPort;
    out.dstPort = 443;
    out.direction = FlowDirection::Egress;
    out.trafficPath = PathInternetGateway;
    setVolume(out, requestBytes, requestPacketSize);

    SynthRecord& back = addRecord(nat);
    back.src = remote;
    back.dst = nat.ipv4;
    back.pktSrc = remote;
    back.pktSrcService = remoteService;
    back.srcPort = 443;
    back.dstPort = natPort;
    setVolume(back, replyBytes, replyPacketSize);

    SynthRecord& home = addRecord(nat);
    home.src = nat.ipv4;
    home.dst = instance.ipv4;
    home.pktSrc = remote;
    home.pktSrcService = remoteService;
    home.srcPort = 443;
    home.dstPort = instancePort;
    home.direction = FlowDirection::Egress;
    home.trafficPath = PathSameVpc;
    setVolume(home, replyBytes, replyPacketSize);

    const auto p = static_cast<std::size_t>(phase);
    in.tcpFlags = out.tcpFlags = requestFlags[p];
    back.tcpFlags = home.tcpFlags = replyFlags[p];
    setTimes(in, phase);
    out.start = back.start = home.start = in.start;
    out.end = back.end = home.end = in.end;
}

void TrafficMix::s3Transfer()
{
    // Reads, writes and backups through the S3 gateway endpoint.
    static constexpr EniRole roles[] = { EniRole::App, EniRole::Service, EniRole::Database };
    const SynthEni& client = pick(m_topology.enisWithRole(roles[m_random.below(3)]));
    const auto& endpoints = m_topology.s3Endpoints();
    Exchange e;
    e.client = client.ipv4;
    e.server = endpoints[m_random.below(static_cast<std::uint32_t>(endpoints.size()))];
    e.serverService = AwsService::S3;
    e.clientPort = ephemeralPort();
    e.serverPort = 443;
    const bool upload = m_random.chance(250'000);
    e.requestBytes = upload ? m_random.heavyTail(2 * KiB, 500, 64 * MiB) : m_random.heavyTail(300, 300, 64 * KiB);
    e.replyBytes = upload ? m_random.heavyTail(300, 300, 64 * KiB) : m_random.heavyTail(2 * KiB, 550, 256 * MiB);
    e.requestPacketSize = upload ? m_random.between(1200, 1500) : m_random.between(60, 900);
    e.replyPacketSize = upload ? m_random.between(52, 200) : m_random.between(1200, 1500);
    addExchange(client, true, e, PathGatewayEndpoint, randomPhase(std::max(e.requestBytes, e.replyBytes)));
}

void TrafficMix::backgroundScan()
{
    const SynthEni& target = pick(m_topology.publicEnis());
    const auto& scanners = m_topology.backgroundScanners();
    const ScanPort& probe = kScannedPorts[m_random.below(std::size(kScannedPorts))];
    SynthRecord& r = addRecord(target);
    r.src = scanners[m_random.skewed(static_cast<std::uint32_t>(scanners.size()))];
    r.dst = target.ipv4;
    r.protocol = probe.protocol;
    r.srcPort = probe.protocol == Icmp ? 0 : clientPort();
    r.dstPort = probe.port;
    // The bastion's security group lets SSH in from anywhere, so those probes get through.
    const bool open = target.role == EniRole::Bastion && probe.port == 22;
    r.action = open ? SynthAction::Accept : SynthAction::Reject;
    const std::uint32_t size = probe.protocol == Tcp ? (m_random.below(2) == 0 ? 40 : 44) : m_random.between(40, 120);
    const std::uint32_t attempts = m_random.chance(800'000) ? 1 : m_random.between(2, 3); // SYN retries
    setVolume(r, std::uint64_t(size) * attempts, size);
    r.tcpFlags = probe.protocol == Tcp ? 2 : 0;
    setTimes(r, Phase::Whole);
}

void TrafficMix::internalReject()
{
    // A misconfigured client knocks on a port its peer's security group does not open.
    static constexpr std::uint16_t ports[] = { 22, 3389, 9000, 11211, 5432, 27017 };
    const SynthEni& client = pick(m_topology.enisWithRole(EniRole::App));
    static constexpr EniRole roles[] = { EniRole::Service, EniRole::Cache, EniRole::App };
    const SynthEni& server = pick(m_topology.enisWithRole(roles[m_random.below(3)]));
    SynthRecord& r = addRecord(server);
    r.src = client.ipv4;
    r.dst = server.ipv4;
    r.srcPort = ephemeralPort();
    r.dstPort = ports[m_random.below(std::size(ports))];
    r.action = SynthAction::Reject;
    setVolume(r, 60 * std::uint64_t(m_random.between(1, 3)), 60);
    r.tcpFlags = 2;
    setTimes(r, Phase::Whole);
}

void TrafficMix::noTraffic(SynthLogStatus status)
{
    SynthRecord& r = addRecord(anyEni());
    r.status = status;
    // The record covers the aggregation interval.
    const std::int64_t interval = m_options.intervalSeconds;
    r.start = m_windowStart + m_random.below(static_cast<std::uint32_t>(std::min<std::int64_t>(interval, 8)));
    r.end = std::max(r.start,
        m_windowStart + interval - 1 - m_random.below(static_cast<std::uint32_t>(std::min<std::int64_t>(interval, 8))));
}

void TrafficMix::portScanProbe()
{
    // One SYN per port; the stride walks all 65535 ports without repeating (7919 is prime to
    // 65535), so the scanner's distinct-port count grows with every probe.
    const std::uint64_t k = m_portScanProbes++;
    const SynthEni& target = m_topology.portScanTarget();
    SynthRecord& r = addRecord(target);
    r.src = IpAddress::fromV4(SynthTopology::PortScannerV4);
    r.dst = target.ipv4;
    r.srcPort = static_cast<std::uint16_t>(40000 + (k / 1000) % 20000);
    r.dstPort = static_cast<std::uint16_t>(1 + (k * 7919) % 65535);
    r.action = r.dstPort == 80 || r.dstPort == 443 ? SynthAction::Accept : SynthAction::Reject;
    setVolume(r, 44, 44);
    r.tcpFlags = 2;
    setTimes(r, Phase::Whole);
    r.end = r.start;
}

void TrafficMix::sshBruteForceAttempt()
{
    // Short logins that fail: a handshake, a key exchange, a password and a goodbye.
    const SynthEni& bastion = pick(m_topology.enisWithRole(EniRole::Bastion));
    Exchange e;
    e.client = IpAddress::fromV4(SynthTopology::SshBruteForcerV4);
    e.server = bastion.ipv4;
    e.clientPort = clientPort();
    e.serverPort = 22;
    e.requestBytes = m_random.between(1800, 3600);
    e.requestPacketSize = m_random.between(90, 140);
    e.replyBytes = m_random.between(2400, 4800);
    e.replyPacketSize = m_random.between(110, 180);
    addExchange(bastion, false, e, PathInternetGateway, Phase::Whole);
}

void TrafficMix::exfiltrationTransfer()
{
    // Hundreds of megabytes a minute leave one or two web servers for one outside address.
    const auto& sources = m_topology.exfiltrationSources();
    const SynthEni& source = m_topology.enis()[sources[m_random.below(static_cast<std::uint32_t>(sources.size()))]];
    Exchange e;
    e.client = source.ipv4;
    e.server = IpAddress::fromV4(SynthTopology::ExfiltrationV4);
    e.clientPort = ephemeralPort();
    e.serverPort = 443;
    e.requestBytes = m_random.heavyTail(96 * MiB, 350, 1536 * MiB);
    e.requestPacketSize = 1500;
    e.replyBytes = (e.requestBytes / 1448 / 2 + 1) * 52; // delayed ACKs
    e.replyPacketSize = 52;
    addExchange(source, true, e, PathInternetGateway, Phase::Middle);
}

void TrafficMix::addExchange(
    const SynthEni& observer, bool observerIsClient, const Exchange& e, std::uint8_t egressPath, Phase phase)
{
    // TCP flags OR-ed over the interval: SYN=2, SYN-ACK=18, FIN=1 (ACK only shows with SYN).
    static constexpr std::int16_t requestFlags[] = { 3, 2, 0, 1 };
    static constexpr std::int16_t replyFlags[] = { 19, 18, 0, 1 };
    const auto p = static_cast<std::size_t>(phase);

    SynthRecord& request = addRecord(observer);
    request.src = request.pktSrc = e.client;
    request.dst = request.pktDst = e.server;
    request.srcPort = e.protocol == Icmp ? 0 : e.clientPort;
    request.dstPort = e.protocol == Icmp ? 0 : e.serverPort;
    request.protocol = e.protocol;
    request.pktDstService = e.serverService;
    request.tcpFlags = e.protocol == Tcp ? requestFlags[p] : 0;
    setVolume(request, e.requestBytes, e.requestPacketSize);
    setTimes(request, phase);

    SynthRecord& reply = addRecord(observer);
    reply.src = reply.pktSrc = e.server;
    reply.dst = reply.pktDst = e.client;
    reply.srcPort = request.dstPort;
    reply.dstPort = request.srcPort;
    reply.protocol = e.protocol;
    reply.pktSrcService = e.serverService;
    reply.tcpFlags = e.protocol == Tcp ? replyFlags[p] : 0;
    setVolume(reply, e.replyBytes, e.replyPacketSize);
    // The reply starts with or just after the request and ends in the same interval.
    reply.start = std::min(request.start + static_cast<std::int64_t>(m_random.below(2)), request.end);
    reply.end = request.end;

    SynthRecord& leaving = observerIsClient ? request : reply;
    leaving.direction = FlowDirection::Egress;
    leaving.trafficPath = egressPath;
}

SynthRecord& TrafficMix::addRecord(const SynthEni& eni)
{
    SynthRecord& r = m_pending[m_pendingCount++];
    r = SynthRecord {};
    r.eni = &eni;
    return r;
}

void TrafficMix::setTimes(SynthRecord& r, Phase phase)
{
    // start and end lie inside the aggregation interval; flows that go on across intervals
    // touch its edges, the rest fit in a few seconds.
    const auto interval = static_cast<std::uint32_t>(m_options.intervalSeconds);
    const std::uint32_t edge = std::min<std::uint32_t>(interval, 3);
    const std::int64_t last = m_windowStart + interval - 1;
    switch (phase) {
    case Phase::Whole:
        r.start = m_windowStart + m_random.below(interval);
        r.end = std::min(last, r.start + m_random.below(std::min<std::uint32_t>(interval, 8)));
        break;
    case Phase::Opening:
        r.start = m_windowStart + m_random.below(interval);
        r.end = std::max(r.start, last - m_random.below(edge));
        break;
    case Phase::Middle:
        r.start = m_windowStart + m_random.below(edge);
        r.end = std::max(r.start, last - m_random.below(edge));
        break;
    case Phase::Closing:
        r.start = m_windowStart + m_random.below(edge);
        r.end = r.start + m_random.below(static_cast<std::uint32_t>(last - r.start + 1));
        break;
    }
}

void TrafficMix::setVolume(SynthRecord& r, std::uint64_t bytes, std::uint32_t averagePacketSize)
{
    // Every packet is between 40 bytes (bare IPv4+TCP headers) and 9001 (the jumbo MTU).
    bytes = std::max<std::uint64_t>(bytes, 40);
    std::uint64_t packets = std::max<std::uint64_t>(bytes / std::max<std::uint32_t>(averagePacketSize, 40), 1);
    packets = std::clamp<std::uint64_t>(packets, (bytes + 9000) / 9001, bytes / 40);
    r.bytes = bytes;
    r.packets = packets;
}

const SynthEni& TrafficMix::pick(const std::vector<std::uint32_t>& enis)
{
    return m_topology.enis()[enis[m_random.skewed(static_cast<std::uint32_t>(enis.size()))]];
}

const SynthEni& TrafficMix::anyEni()
{
    const auto& enis = m_topology.enis();
    return enis[m_random.below(static_cast<std::uint32_t>(enis.size()))];
}

IpAddress TrafficMix::internetClient()
{
    // Most visitors come back; some are new.
    if (m_random.chance(300'000)) {
        return SynthTopology::randomPublicV4(m_random);
    }
    const auto& clients = m_topology.internetClients();
    return clients[m_random.skewed(static_cast<std::uint32_t>(clients.size()))];
}

TrafficMix::Phase TrafficMix::randomPhase(std::uint64_t bytes)
{
    // Small exchanges open and close within one interval; big transfers span several.
    if (bytes < 4 * MiB && m_random.chance(900'000)) {
        return Phase::Whole;
    }
    return static_cast<Phase>(m_random.below(4));
}

} // namespace flowlens
