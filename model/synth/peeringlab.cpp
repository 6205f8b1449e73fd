#include "peeringlab.h"

#include "labflowlog.h"
#include "labtopologybuilder.h"
#include "labtraffic.h"

namespace flowlens {

using namespace Qt::StringLiterals;

namespace {

constexpr std::int64_t T0 = PeeringLab::kStart;
constexpr std::int64_t kMinute = 60;

// 09:mm:ss of the lab's day.
constexpr std::int64_t at(int minute, int second = 0)
{
    return T0 + minute * kMinute + second;
}

const IpAddress kInstance1 = LabTraffic::v4(10, 1, 1, 10);
const IpAddress kInstance2 = LabTraffic::v4(10, 2, 1, 20);
const IpAddress kInstance2Public = LabTraffic::v4(198, 51, 100, 20);
const IpAddress kLaptop = LabTraffic::v4(203, 0, 113, 50);
const IpAddress kScanner = LabTraffic::v4(192, 0, 2, 66);
const IpAddress kMirror = LabTraffic::v4(203, 0, 113, 200);

} // namespace

LabDescription PeeringLab::description() const
{
    return { u"peering-lab"_s, u"Two VPCs and a peering connection"_s,
        {
            { u"setup"_s, u"Two VPCs, one instance in each, flow logs on VPC 1"_s, at(0), at(10),
                u"topology/1-before-peering"_s },
            { u"ping-private"_s, u"instance-1 pings instance-2's private and public addresses"_s, at(10), at(20),
                u"topology/1-before-peering"_s },
            { u"peering"_s, u"A peering connection is requested, accepted and routed"_s, at(20), at(25),
                u"topology/2-after-peering"_s },
            { u"ping-peered"_s, u"instance-1 pings instance-2's private address through the peering"_s, at(25), at(40),
                u"topology/2-after-peering"_s },
        },
        instanceHosts(
            topology(false), { { u"laptop"_s, kLaptop }, { u"scanner"_s, kScanner }, { u"mirror"_s, kMirror } }) };
}

Topology PeeringLab::topology(bool peered)
{
    Topology t;
    LabTopologyBuilder b(t);
    const QString account = QLatin1String(kAccountId);
    const QString region = QLatin1String(kRegion);
    for (const int n : { 1, 2 }) {
        const QString k = QString::number(n);
        const QString vpc = u"vpc-0lab"_s + k;
        const QString subnet = u"subnet-0lab"_s + k;
        b.vpc(vpc, u"lab-vpc-"_s + k, u"10.%1.0.0/16"_s.arg(n));
        b.subnet(subnet, u"lab-public-"_s + k, vpc, u"10.%1.1.0/24"_s.arg(n), u"us-east-1a"_s, true);
        b.internetGateway(u"igw-0lab"_s + k, u"lab-igw-"_s + k, vpc);
        b.routeTable(
            u"rtb-0lab"_s + k, u"lab-rtb-"_s + k, vpc, true, { subnet }, { { u"0.0.0.0/0"_s, u"igw-0lab"_s + k } });
        b.networkAcl(u"acl-0lab"_s + k, QString(), vpc, true, { subnet });
    }
    b.securityGroup(u"sg-0lab1"_s, u"lab-sg-1"_s, u"vpc-0lab1"_s,
        { { 1, 0, 0, u"0.0.0.0/0"_s, {} }, { 6, 22, 22, u"0.0.0.0/0"_s, {} } });
    b.securityGroup(u"sg-0lab2"_s, u"lab-sg-2"_s, u"vpc-0lab2"_s, { { 1, 0, 0, u"0.0.0.0/0"_s, {} } });
    b.instance(u"i-0lab1"_s, u"instance-1"_s, u"eni-0lab1"_s, u"subnet-0lab1"_s, u"10.1.1.10"_s, u"198.51.100.10"_s,
        u"sg-0lab1"_s);
    b.instance(u"i-0lab2"_s, u"instance-2"_s, u"eni-0lab2"_s, u"subnet-0lab2"_s, u"10.2.1.20"_s, u"198.51.100.20"_s,
        u"sg-0lab2"_s);
    if (peered) {
        b.peering(u"pcx-0lab12"_s, u"lab-peering"_s, u"vpc-0lab1"_s, u"vpc-0lab2"_s, account, region);
        b.addRoute(u"rtb-0lab1"_s, u"10.2.0.0/16"_s, u"pcx-0lab12"_s);
        b.addRoute(u"rtb-0lab2"_s, u"10.1.0.0/16"_s, u"pcx-0lab12"_s);
    }
    return t;
}

std::vector<std::pair<QString, Topology>> PeeringLab::topologies() const
{
    return { { u"topology/1-before-peering"_s, topology(false) }, { u"topology/2-after-peering"_s, topology(true) } };
}

bool PeeringLab::writeFlowLogs(const QString& folder, GenerateResult& result)
{
    // The flow log is on VPC 1 only, so every record is eni-0lab1's.
    const Topology t = topology(false);
    LabFlowLog log(t, QLatin1String(kAccountId), QLatin1String(kRegion), u"fl-0lab1"_s, LabFlowLog::labFields());
    const SynthEni& eni = *log.eni(u"eni-0lab1"_s);
    LabTraffic traffic(log, 0x6c6162); // "lab"
    RandomGenerator& random = traffic.random();

    // The learner's SSH session on instance-1, from just after the start to the end: typing and output.
    traffic.connection(eni, false, { kLaptop, kInstance1, 51544, 22 }, at(1, 12), at(38, 40), [&](std::int64_t w) {
        const bool handshake = w == at(1);
        return LabTraffic::Volume { random.between(1800, 6000) + (handshake ? 3200u : 0u), 96,
            random.between(2600, 21000) + (handshake ? 4100u : 0u), 180 };
    });

    // Before the pings the learner copies a script up with scp: a second, short SSH connection.
    traffic.connection(eni, false, { kLaptop, kInstance1, 51602, 22 }, at(6, 10), at(6, 24), [&](std::int64_t) {
        return LabTraffic::Volume { 1'843'000 + random.below(4000), 1400, 28'000 + random.below(3000), 52 };
    });

    // The pings of the story.
    traffic.ping(eni, kInstance1, kInstance2, at(11, 20), at(14, 5), false);
    traffic.ping(eni, kInstance1, kInstance2Public, at(15, 10), at(16, 40), true);
    traffic.ping(eni, kInstance1, kInstance2, at(17, 30), at(18, 10), false);
    traffic.ping(eni, kInstance1, kInstance2, at(26, 15), at(29, 50), true);
    traffic.ping(eni, kInstance1, kInstance2, at(33, 0), at(34, 30), true);

    // Package downloads from the mirror: the big transfers. The client's side is mostly ACKs.
    struct Download {
        std::int64_t from, to;
        std::uint16_t port;
        std::uint32_t megabytesPerMinute;
    };
    for (const Download& d : { Download { at(3, 5), at(5, 40), 41822, 48 },
             Download { at(21, 30), at(22, 10), 43108, 9 }, Download { at(36, 0), at(37, 30), 45290, 26 } }) {
        traffic.connection(eni, true, { kInstance1, kMirror, d.port, 443 }, d.from, d.to, [&](std::int64_t) {
            const std::uint64_t bytes = std::uint64_t(d.megabytesPerMinute) * 1'000'000 + random.below(900'000);
            return LabTraffic::Volume { (bytes / 1448 / 2 + 1) * 52 + 517, 52, bytes, 1500 };
        });
    }

    // The scanner: a slow SYN scan of 240 ports, about six a minute, all dropped by sg-0lab1 (it
    // skips 22, which the group opens).
    std::vector<std::uint16_t> ports;
    for (std::uint16_t p = 1; p <= 1024; ++p) {
        if (p != 22) {
            ports.push_back(p);
        }
    }
    for (std::size_t i = ports.size() - 1; i > 0; --i) {
        std::swap(ports[i], ports[random.below(static_cast<std::uint32_t>(i + 1))]);
    }
    for (std::size_t k = 0; k < 240; ++k) {
        const std::int64_t when = at(0, 4) + static_cast<std::int64_t>(k * 10) + random.below(6);
        traffic.rejected(
            eni, false, { kScanner, kInstance1, 61874, ports[k] }, when, random.chance(300'000) ? 2 : 1, 44);
    }
    // Internet background: other hosts knock on the usual ports now and then.
    static constexpr std::uint16_t kKnocked[] = { 23, 445, 3389, 8080, 5900, 1433 };
    for (int k = 0; k < 18; ++k) {
        const IpAddress source = SynthTopology::randomPublicV4(random);
        traffic.rejected(eni, false,
            { source, kInstance1, static_cast<std::uint16_t>(random.between(1024, 65535)),
                kKnocked[random.below(std::size(kKnocked))] },
            at(0) + random.below(40 * kMinute), random.chance(500'000) ? 2 : 1, 44);
    }
    return log.write(folder, T0, 10 * kMinute, 0x70636c, result);
}

} // namespace flowlens
