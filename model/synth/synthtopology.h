#pragma once

#include "synthrecord.h"

#include <cstdint>
#include <string>
#include <vector>

namespace flowlens {

class RandomGenerator;

enum class EniRole : std::uint8_t { Web, Bastion, NatGateway, App, Monitoring, Service, Database, Cache };

struct SynthVpc {
    std::string id; // vpc-<17 hex>
    std::uint32_t cidr = 0; // a /16
    std::array<std::uint16_t, 4> ipv6Prefix {}; // a /56 out of Amazon's 2600:1f18::/32
    bool hasIpv6 = false;
};

struct SynthSubnet {
    std::string id; // subnet-<17 hex>
    std::string azId; // use1-az1
    std::uint32_t vpcIndex = 0;
    std::uint32_t cidr = 0; // a /24
    std::uint16_t ipv6Index = 0; // the /64 inside the VPC's /56
    bool isPublic = false;
};

struct SynthEni {
    std::string id; // eni-<17 hex>
    std::string instanceId; // i-<17 hex>, or "-" for requester-managed interfaces (NAT gateway)
    IpAddress ipv4;
    IpAddress ipv6; // valid when hasIpv6
    bool hasIpv6 = false;
    std::uint32_t vpcIndex = 0;
    std::uint32_t subnetIndex = 0;
    EniRole role = EniRole::App;
};

// The made-up estate the traffic runs in: one account in us-east-1 with two peered VPCs
// (10.1.0.0/16 and 10.2.0.0/16), their subnets and a few hundred ENIs, plus the outside world
// (internet clients, scanners, AWS service ranges) and the actors of the security stories. The
// structure is fixed; ids, host addresses and client pools come from the seed.
class SynthTopology {
public:
    explicit SynthTopology(std::uint64_t seed, std::string accountId = "123456789012");

    // The actors the stories are told about; documented so tests and the walkthrough can name them.
    static constexpr std::uint32_t PortScannerV4 = IpAddress::v4Of(203, 0, 113, 77);
    static constexpr std::uint32_t SshBruteForcerV4 = IpAddress::v4Of(198, 51, 100, 23);
    static constexpr std::uint32_t ExfiltrationV4 = IpAddress::v4Of(198, 51, 100, 200);

    const std::string& accountId() const { return m_accountId; }
    const std::string& region() const { return m_region; }
    const std::string& flowLogId() const { return m_flowLogId; }
    const std::vector<SynthVpc>& vpcs() const { return m_vpcs; }
    const std::vector<SynthSubnet>& subnets() const { return m_subnets; }
    const std::vector<SynthEni>& enis() const { return m_enis; }

    // Interfaces by role, as indices into enis().
    const std::vector<std::uint32_t>& enisWithRole(EniRole role) const;
    // Interfaces the internet can reach (web servers, bastion, NAT gateways).
    const std::vector<std::uint32_t>& publicEnis() const { return m_publicEnis; }
    const SynthEni& natGatewayOf(std::uint32_t vpcIndex) const;
    // The web server the port scanner probes and the (one or two) web servers that leak data.
    const SynthEni& portScanTarget() const { return m_enis[m_portScanTarget]; }
    const std::vector<std::uint32_t>& exfiltrationSources() const { return m_exfiltrationSources; }

    // Outside addresses, drawn once so that some clients come back again and again.
    const std::vector<IpAddress>& internetClients() const { return m_internetClients; }
    const std::vector<IpAddress>& ipv6Clients() const { return m_ipv6Clients; }
    const std::vector<IpAddress>& backgroundScanners() const { return m_backgroundScanners; }
    const std::vector<IpAddress>& internetServices() const { return m_internetServices; }
    const std::vector<IpAddress>& amazonEndpoints() const { return m_amazonEndpoints; }
    const std::vector<IpAddress>& s3Endpoints() const { return m_s3Endpoints; }

    // The Amazon-provided DNS resolver of a VPC (its base address + 2).
    IpAddress resolverOf(std::uint32_t vpcIndex) const { return IpAddress::fromV4(m_vpcs[vpcIndex].cidr + 2); }
    // True for the VPCs' own IPv4 and IPv6 ranges.
    bool isInside(const IpAddress& address) const;

    static IpAddress randomPublicV4(RandomGenerator& random);

private:
    void addSubnet(
        RandomGenerator& random, std::uint32_t vpcIndex, std::uint32_t thirdOctet, const char* azId, bool isPublic);
    void addEnis(RandomGenerator& random, std::uint32_t subnetIndex, EniRole role, int count);

    std::string m_accountId;
    std::string m_region;
    std::string m_flowLogId;
    std::vector<SynthVpc> m_vpcs;
    std::vector<SynthSubnet> m_subnets;
    std::vector<std::vector<std::uint8_t>> m_freeHosts; // per subnet: host numbers not yet handed out
    std::vector<SynthEni> m_enis;
    std::vector<std::vector<std::uint32_t>> m_byRole;
    std::vector<std::uint32_t> m_publicEnis;
    std::vector<std::uint32_t> m_natGateways; // per VPC
    std::uint32_t m_portScanTarget = 0;
    std::vector<std::uint32_t> m_exfiltrationSources;
    std::vector<IpAddress> m_internetClients;
    std::vector<IpAddress> m_ipv6Clients;
    std::vector<IpAddress> m_backgroundScanners;
    std::vector<IpAddress> m_internetServices;
    std::vector<IpAddress> m_amazonEndpoints;
    std::vector<IpAddress> m_s3Endpoints;
};

} // namespace flowlens
