#include "costincidentlab.h"

#include "labflowlog.h"
#include "labtopologybuilder.h"
#include "labtraffic.h"
#include "topology/networkaclcontainment.h"

namespace flowlens {

using namespace Qt::StringLiterals;

namespace {

constexpr std::int64_t T0 = CostIncidentLab::kStart;
constexpr std::int64_t kMinute = 60;

const IpAddress kDatabase = LabTraffic::v4(10, 3, 2, 30);
const IpAddress kUnknown = LabTraffic::v4(192, 0, 2, 77);
const IpAddress kPaymentApi = LabTraffic::v4(203, 0, 113, 200);

// The same figures for an interval whichever interface reports it: drawn from the interval and the flow.
RandomGenerator randomFor(std::int64_t intervalStart, std::uint64_t flow)
{
    return RandomGenerator(static_cast<std::uint64_t>(intervalStart) * 0x9E3779B97F4A7C15ULL ^ flow);
}

} // namespace

LabDescription CostIncidentLab::description() const
{
    return { u"cost-incident"_s, u"Unexpected data-transfer cost"_s,
        {
            { u"leak"_s, u"Both web servers send gigabytes to an unknown address"_s, kStart, kContained,
                u"topology/1-before-containment"_s },
            { u"contained"_s, u"A network-ACL deny rule blocks the address; the shop keeps working"_s, kContained, kEnd,
                u"topology/2-after-containment"_s },
        },
        instanceHosts(topology(false), { { u"unknown"_s, kUnknown }, { u"payment-api"_s, kPaymentApi } }) };
}

Topology CostIncidentLab::topology(bool contained)
{
    Topology t;
    LabTopologyBuilder b(t);
    b.vpc(u"vpc-0shop"_s, u"shop-vpc"_s, u"10.3.0.0/16"_s);
    b.subnet(u"subnet-0web"_s, u"shop-web"_s, u"vpc-0shop"_s, u"10.3.1.0/24"_s, u"us-east-1a"_s, true);
    b.subnet(u"subnet-0db"_s, u"shop-db"_s, u"vpc-0shop"_s, u"10.3.2.0/24"_s, u"us-east-1b"_s, false);
    b.internetGateway(u"igw-0shop"_s, u"shop-igw"_s, u"vpc-0shop"_s);
    b.routeTable(u"rtb-0shop"_s, u"shop-private-rt"_s, u"vpc-0shop"_s, true, {}, {});
    b.routeTable(u"rtb-0web"_s, u"shop-web-rt"_s, u"vpc-0shop"_s, false, { u"subnet-0web"_s },
        { { u"0.0.0.0/0"_s, u"igw-0shop"_s } });
    // The web subnet keeps the VPC's default ACL; the database subnet talks to the VPC only.
    b.networkAcl(u"acl-0web"_s, QString(), u"vpc-0shop"_s, true, { u"subnet-0web"_s });
    b.networkAcl(u"acl-0db"_s, u"shop-db-acl"_s, u"vpc-0shop"_s, false, { u"subnet-0db"_s }, u"10.3.0.0/16"_s);
    b.securityGroup(u"sg-0web"_s, u"shop-web"_s, u"vpc-0shop"_s, { { 6, 443, 443, u"0.0.0.0/0"_s, {} } });
    b.securityGroup(u"sg-0db"_s, u"shop-db"_s, u"vpc-0shop"_s, { { 6, 5432, 5432, {}, u"sg-0web"_s } });
    b.instance(
        u"i-0web1"_s, u"web-1"_s, u"eni-0web1"_s, u"subnet-0web"_s, u"10.3.1.11"_s, u"198.51.100.111"_s, u"sg-0web"_s);
    b.instance(
        u"i-0web2"_s, u"web-2"_s, u"eni-0web2"_s, u"subnet-0web"_s, u"10.3.1.12"_s, u"198.51.100.112"_s, u"sg-0web"_s);
    b.instance(u"i-0db1"_s, u"db"_s, u"eni-0db1"_s, u"subnet-0db"_s, u"10.3.2.30"_s, QString(), u"sg-0db"_s);
    if (contained) {
        // Exactly what FlowLens proposes for the address on the topology before.
        const ContainmentPlan plan = NetworkAclContainment::plan(t, LabTopologyBuilder::address(u"192.0.2.77"_s));
        for (const ContainmentRule& rule : plan.rules) {
            b.addAclEntry(rule.aclId,
                { rule.ruleNumber, -1, false, rule.egress, LabTopologyBuilder::cidr(rule.cidr), std::nullopt });
        }
    }
    return t;
}

std::vector<std::pair<QString, Topology>> CostIncidentLab::topologies() const
{
    return { { u"topology/1-before-containment"_s, topology(false) },
        { u"topology/2-after-containment"_s, topology(true) } };
}

bool CostIncidentLab::writeFlowLogs(const QString& folder, GenerateResult& result)
{
    // The flow log covers the whole VPC: the web servers' and the database's interfaces.
    const Topology t = topology(false);
    LabFlowLog log(t, QLatin1String(kAccountId), QLatin1String(kRegion), u"fl-0shop"_s, LabFlowLog::labFields());
    const SynthEni& db = *log.eni(u"eni-0db1"_s);
    LabTraffic traffic(log, 0x73686f70); // "shop"
    RandomGenerator& random = traffic.random();

    std::vector<IpAddress> clients;
    for (int i = 0; i < 160; ++i) {
        clients.push_back(SynthTopology::randomPublicV4(random));
    }
    static constexpr std::uint16_t kKnocked[] = { 22, 23, 445, 3389, 8080, 6379 };

    for (const int n : { 1, 2 }) {
        const SynthEni& web = *log.eni(u"eni-0web"_s + QString::number(n));
        const std::uint64_t flowBase = static_cast<std::uint64_t>(n) << 40;

        // Shoppers: a handful of short HTTPS exchanges a minute, all through the 90 minutes.
        for (std::int64_t minute = T0; minute < kEnd; minute += kMinute) {
            const std::uint32_t visits = random.between(5, 11);
            for (std::uint32_t v = 0; v < visits; ++v) {
                const std::int64_t from = minute + random.below(52);
                const std::int64_t to = from + random.below(8);
                const LabTraffic::Flow flow { clients[random.skewed(static_cast<std::uint32_t>(clients.size()))],
                    web.ipv4, static_cast<std::uint16_t>(random.between(1024, 65535)), 443 };
                const std::uint64_t request = random.between(420, 2600);
                const std::uint64_t reply = random.heavyTail(6000, 520, 3'000'000);
                traffic.connection(web, false, flow, from, to, [&](std::int64_t) {
                    return LabTraffic::Volume { request, 310, reply, 1400 };
                });
            }
            // Now and then a probe from the internet that sg-0web drops.
            if (random.chance(250'000)) {
                traffic.rejected(web, false,
                    { SynthTopology::randomPublicV4(random), web.ipv4,
                        static_cast<std::uint16_t>(random.between(1024, 65535)),
                        kKnocked[random.below(std::size(kKnocked))] },
                    minute + random.below(60), random.chance(500'000) ? 2 : 1, 44);
            }
            // A payment call every few minutes.
            if (random.chance(400'000)) {
                const std::int64_t from = minute + random.below(55);
                const std::uint64_t request = random.between(2200, 7800);
                const std::uint64_t reply = random.between(900, 4200);
                traffic.connection(web, true,
                    { web.ipv4, kPaymentApi, static_cast<std::uint16_t>(random.between(32768, 60999)), 443 }, from,
                    from + random.below(4), [&](std::int64_t) {
                        return LabTraffic::Volume { request, 600, reply, 700 };
                    });
            }
        }

        // The database pool: connections recycled every 15 minutes, seen by the web server (client)
        // and by the database (server) alike.
        for (std::int64_t from = T0 + 3 + n; from < kEnd; from += 15 * kMinute) {
            const LabTraffic::Flow flow { web.ipv4, kDatabase, static_cast<std::uint16_t>(random.between(32768, 60999)),
                5432 };
            const std::uint64_t id = flowBase | flow.clientPort;
            const auto volume = [id](std::int64_t w) {
                RandomGenerator r = randomFor(w, id);
                return LabTraffic::Volume { r.between(40'000, 420'000), 220, r.heavyTail(200'000, 450, 6'000'000),
                    8000 };
            };
            const std::int64_t to = std::min(from + 15 * kMinute - 5, kEnd - 1);
            traffic.connection(web, true, flow, from, to, volume);
            traffic.connection(db, false, flow, from, to, volume);
        }

        // The leak: an upload of about 45 MB a minute to 192.0.2.77, a new connection every five
        // minutes, until 11:00. The ACKs coming back are small.
        const std::int64_t offset = n == 1 ? 7 : 95;
        for (std::int64_t from = T0 + offset; from < kContained; from += 5 * kMinute) {
            const std::int64_t to = std::min(from + 290, kContained - 1);
            const std::int64_t first = from;
            traffic.connection(web, true,
                { web.ipv4, kUnknown, static_cast<std::uint16_t>(random.between(32768, 60999)), 443 }, from, to,
                [&](std::int64_t w) {
                    const std::int64_t seconds = std::min(to, w + kMinute - 1) - std::max(first, w) + 1;
                    const std::uint64_t bytes = (random.between(38'000'000, 52'000'000) / 60) * std::uint64_t(seconds);
                    return LabTraffic::Volume { bytes, 1500, (bytes / 1448 / 2 + 1) * 52, 52 };
                });
        }
        // After the deny rule: the uploader retries twice a minute and every SYN is dropped.
        for (std::int64_t minute = kContained; minute < kEnd; minute += kMinute) {
            for (int attempt = 0; attempt < 2; ++attempt) {
                traffic.rejected(web, true,
                    { web.ipv4, kUnknown, static_cast<std::uint16_t>(random.between(32768, 60999)), 443 },
                    minute + attempt * 30 + random.below(20), 3);
            }
        }
    }
    return log.write(folder, T0, 10 * kMinute, 0x636f7374, result);
}

} // namespace flowlens
