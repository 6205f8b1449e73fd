#include "synthtopology.h"

#include "randomgenerator.h"

#include <algorithm>

namespace flowlens {

namespace {

// AWS resource ids are a prefix and 17 hex digits; recent ones start with 0.
std::string awsId(RandomGenerator& random, const char* prefix)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string id(prefix);
    id += '0';
    const std::uint64_t bits = random.next();
    for (int shift = 60; shift >= 0; shift -= 4) {
        id += digits[(bits >> shift) & 0xf];
    }
    return id;
}

struct V4Range {
    std::uint32_t base;
    int prefix;
    bool contains(std::uint32_t a) const { return (a >> (32 - prefix)) == (base >> (32 - prefix)); }
};

constexpr std::uint32_t v4Of(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d)
{
    return IpAddress::v4Of(a, b, c, d);
}

// Private, shared, loopback, link-local, documentation, benchmarking, multicast and reserved space.
constexpr V4Range kNotPublic[] = {
    { v4Of(0, 0, 0, 0), 8 },
    { v4Of(10, 0, 0, 0), 8 },
    { v4Of(100, 64, 0, 0), 10 },
    { v4Of(127, 0, 0, 0), 8 },
    { v4Of(169, 254, 0, 0), 16 },
    { v4Of(172, 16, 0, 0), 12 },
    { v4Of(192, 0, 0, 0), 24 },
    { v4Of(192, 0, 2, 0), 24 },
    { v4Of(192, 168, 0, 0), 16 },
    { v4Of(198, 18, 0, 0), 15 },
    { v4Of(198, 51, 100, 0), 24 },
    { v4Of(203, 0, 113, 0), 24 },
    { v4Of(224, 0, 0, 0), 3 },
};

// Where us-east-1's AWS APIs (service AMAZON) and S3 answer.
constexpr V4Range kAmazonRanges[]
    = { { v4Of(52, 94, 0, 0), 16 }, { v4Of(54, 239, 0, 0), 16 }, { v4Of(52, 46, 0, 0), 16 } };
constexpr V4Range kS3Ranges[] = { { v4Of(52, 216, 0, 0), 15 }, { v4Of(54, 231, 0, 0), 16 }, { v4Of(3, 5, 0, 0), 20 } };

// First groups of IPv6 clients: European, American, Latin-American and Asian ISPs' allocations.
constexpr std::uint16_t kIpv6ClientPrefixes[] = { 0x2a02, 0x2a01, 0x2001, 0x2600, 0x2607, 0x2804, 0x240e, 0x2406 };

std::vector<IpAddress> drawFrom(RandomGenerator& random, const V4Range* ranges, std::size_t rangeCount, int count)
{
    std::vector<IpAddress> out;
    for (int i = 0; i < count; ++i) {
        const V4Range& r = ranges[random.below(static_cast<std::uint32_t>(rangeCount))];
        const std::uint32_t hostBits = 32 - r.prefix;
        const std::uint32_t host = random.below((1u << hostBits) - 2) + 1;
        out.push_back(IpAddress::fromV4(r.base | host));
    }
    return out;
}

IpAddress randomIpv6Client(RandomGenerator& random)
{
    IpAddress a;
    a.isV6 = true;
    a.v6[0] = kIpv6ClientPrefixes[random.below(std::size(kIpv6ClientPrefixes))];
    a.v6[1] = static_cast<std::uint16_t>(random.below(0x10000));
    a.v6[2] = static_cast<std::uint16_t>(random.below(0x10000));
    a.v6[3] = static_cast<std::uint16_t>(random.below(0x100) << 8);
    if (random.below(2) == 0) {
        // Statically numbered hosts (::15) compress; SLAAC and privacy addresses do not.
        a.v6[7] = static_cast<std::uint16_t>(random.between(1, 0x1ff));
    } else {
        for (int g = 4; g < 8; ++g) {
            a.v6[g] = static_cast<std::uint16_t>(random.below(0x10000));
        }
    }
    return a;
}

} // namespace

SynthTopology::SynthTopology(std::uint64_t seed, std::string accountId)
    : m_accountId(std::move(accountId))
    , m_region("us-east-1")
    , m_byRole(8)
{
    // A stream of its own, so that adding traffic kinds later does not move the estate.
    RandomGenerator random(seed ^ 0x746f706f6c6f6779ULL);
    m_flowLogId = awsId(random, "fl-");

    for (std::uint32_t v = 0; v < 2; ++v) {
        SynthVpc vpc;
        vpc.id = awsId(random, "vpc-");
        vpc.cidr = v4Of(10, v + 1, 0, 0);
        vpc.hasIpv6 = v == 0; // the web tier is dual-stack
        vpc.ipv6Prefix = { 0x2600, 0x1f18, static_cast<std::uint16_t>(random.below(0x10000)),
            static_cast<std::uint16_t>(random.below(0x100) << 8) };
        m_vpcs.push_back(vpc);
    }
    // VPC A (10.1): the internet-facing tier and the application servers.
    addSubnet(random, 0, 0, "use1-az1", true);
    addSubnet(random, 0, 1, "use1-az2", true);
    addSubnet(random, 0, 10, "use1-az1", false);
    addSubnet(random, 0, 11, "use1-az2", false);
    // VPC B (10.2): data stores and internal services, reached over the peering link.
    addSubnet(random, 1, 0, "use1-az4", true);
    addSubnet(random, 1, 20, "use1-az4", false);
    addSubnet(random, 1, 21, "use1-az6", false);
    addSubnet(random, 1, 30, "use1-az4", false);
    addSubnet(random, 1, 31, "use1-az6", false);

    addEnis(random, 0, EniRole::NatGateway, 1);
    addEnis(random, 0, EniRole::Bastion, 1);
    addEnis(random, 0, EniRole::Web, 12);
    addEnis(random, 1, EniRole::Web, 12);
    addEnis(random, 2, EniRole::App, 60);
    addEnis(random, 3, EniRole::App, 60);
    addEnis(random, 2, EniRole::Monitoring, 1);
    addEnis(random, 3, EniRole::Monitoring, 1);
    addEnis(random, 4, EniRole::NatGateway, 1);
    addEnis(random, 5, EniRole::Database, 15);
    addEnis(random, 6, EniRole::Database, 15);
    addEnis(random, 5, EniRole::Cache, 8);
    addEnis(random, 6, EniRole::Cache, 8);
    addEnis(random, 7, EniRole::Service, 50);
    addEnis(random, 8, EniRole::Service, 50);

    for (std::uint32_t i = 0; i < m_enis.size(); ++i) {
        const SynthEni& eni = m_enis[i];
        if (eni.role == EniRole::Web || eni.role == EniRole::Bastion || eni.role == EniRole::NatGateway) {
            m_publicEnis.push_back(i);
        }
        if (eni.role == EniRole::NatGateway) {
            m_natGateways.push_back(i);
        }
    }
    const auto& web = enisWithRole(EniRole::Web);
    m_portScanTarget = web[random.below(static_cast<std::uint32_t>(web.size()))];
    const std::uint32_t firstLeaker = random.below(static_cast<std::uint32_t>(web.size()));
    m_exfiltrationSources = { web[firstLeaker], web[(firstLeaker + 1 + random.below(5)) % web.size()] };

    for (int i = 0; i < 20000; ++i) {
        m_internetClients.push_back(randomPublicV4(random));
    }
    for (int i = 0; i < 3000; ++i) {
        m_ipv6Clients.push_back(randomIpv6Client(random));
    }
    for (int i = 0; i < 300; ++i) {
        m_backgroundScanners.push_back(randomPublicV4(random));
    }
    for (int i = 0; i < 200; ++i) {
        m_internetServices.push_back(randomPublicV4(random));
    }
    m_amazonEndpoints = drawFrom(random, kAmazonRanges, std::size(kAmazonRanges), 64);
    m_s3Endpoints = drawFrom(random, kS3Ranges, std::size(kS3Ranges), 64);
}

void SynthTopology::addSubnet(
    RandomGenerator& random, std::uint32_t vpcIndex, std::uint32_t thirdOctet, const char* azId, bool isPublic)
{
    SynthSubnet subnet;
    subnet.id = awsId(random, "subnet-");
    subnet.azId = azId;
    subnet.vpcIndex = vpcIndex;
    subnet.cidr = m_vpcs[vpcIndex].cidr | (thirdOctet << 8);
    subnet.ipv6Index = static_cast<std::uint16_t>(m_subnets.size());
    subnet.isPublic = isPublic;
    m_subnets.push_back(subnet);

    // AWS keeps .0-.3 and .255 of every subnet; hosts get the rest in no particular order.
    std::vector<std::uint8_t> hosts;
    for (int h = 4; h < 255; ++h) {
        hosts.push_back(static_cast<std::uint8_t>(h));
    }
    for (std::size_t i = hosts.size() - 1; i > 0; --i) {
        std::swap(hosts[i], hosts[random.below(static_cast<std::uint32_t>(i + 1))]);
    }
    m_freeHosts.push_back(std::move(hosts));
}

void SynthTopology::addEnis(RandomGenerator& random, std::uint32_t subnetIndex, EniRole role, int count)
{
    const SynthSubnet& subnet = m_subnets[subnetIndex];
    const SynthVpc& vpc = m_vpcs[subnet.vpcIndex];
    for (int i = 0; i < count; ++i) {
        SynthEni eni;
        eni.id = awsId(random, "eni-");
        // A NAT gateway's interface is requester-managed: no instance of ours behind it.
        eni.instanceId = role == EniRole::NatGateway ? std::string("-") : awsId(random, "i-");
        std::vector<std::uint8_t>& free = m_freeHosts[subnetIndex];
        eni.ipv4 = IpAddress::fromV4(subnet.cidr | free.back());
        free.pop_back();
        eni.hasIpv6 = vpc.hasIpv6 && role == EniRole::Web;
        if (eni.hasIpv6) {
            eni.ipv6.isV6 = true;
            for (int g = 0; g < 4; ++g) {
                eni.ipv6.v6[g] = vpc.ipv6Prefix[g];
            }
            eni.ipv6.v6[3] = static_cast<std::uint16_t>(eni.ipv6.v6[3] | subnet.ipv6Index);
            for (int g = 4; g < 8; ++g) {
                eni.ipv6.v6[g] = static_cast<std::uint16_t>(random.below(0x10000));
            }
        }
        eni.vpcIndex = subnet.vpcIndex;
        eni.subnetIndex = subnetIndex;
        eni.role = role;
        m_byRole[static_cast<std::size_t>(role)].push_back(static_cast<std::uint32_t>(m_enis.size()));
        m_enis.push_back(std::move(eni));
    }
}

const std::vector<std::uint32_t>& SynthTopology::enisWithRole(EniRole role) const
{
    return m_byRole[static_cast<std::size_t>(role)];
}

const SynthEni& SynthTopology::natGatewayOf(std::uint32_t vpcIndex) const
{
    return m_enis[m_natGateways[vpcIndex]];
}

bool SynthTopology::isInside(const IpAddress& address) const
{
    for (const SynthVpc& vpc : m_vpcs) {
        if (address.isV6) {
            if (vpc.hasIpv6 && address.v6[0] == vpc.ipv6Prefix[0] && address.v6[1] == vpc.ipv6Prefix[1]
                && address.v6[2] == vpc.ipv6Prefix[2] && (address.v6[3] & 0xff00) == vpc.ipv6Prefix[3]) {
                return true;
            }
        } else if ((address.v4 >> 16) == (vpc.cidr >> 16)) {
            return true;
        }
    }
    return false;
}

IpAddress SynthTopology::randomPublicV4(RandomGenerator& random)
{
    for (;;) {
        const auto candidate = static_cast<std::uint32_t>(random.next() >> 32);
        if (std::none_of(std::begin(kNotPublic), std::end(kNotPublic),
                [candidate](const V4Range& r) { return r.contains(candidate); })) {
            return IpAddress::fromV4(candidate);
        }
    }
}

} // namespace flowlens
