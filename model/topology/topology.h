#pragma once

#include "store/address.h"

#include <QString>
#include <optional>
#include <vector>

namespace flowlens {

// The network configuration FlowLens reasons about, as the EC2 describe calls report it (or as
// inferred from flow logs: then `inferred` is set on what was guessed). Ids are AWS's ids
// ("vpc-…", "subnet-…"); inferred elements get ids that start with "inferred:".

struct Vpc {
    QString id;
    QString name; // the Name tag, empty when untagged
    std::vector<Cidr> cidrs; // primary first
    bool isDefault = false;
    bool inferred = false;
};

struct Subnet {
    QString id;
    QString name;
    QString vpcId;
    std::optional<Cidr> cidr;
    QString availabilityZone;
    bool mapPublicIpOnLaunch = false;
    bool inferred = false;
};

// Where a route sends traffic. Exactly one of the target ids is set ("local" is a gateway id).
struct Route {
    std::optional<Cidr> destination; // DestinationCidrBlock / DestinationIpv6CidrBlock
    QString destinationPrefixList; // DestinationPrefixListId: a PrefixList's id
    QString gatewayId; // "local", igw-…, vgw-…, vpce-…
    QString natGatewayId;
    QString vpcPeeringConnectionId;
    QString transitGatewayId;
    QString networkInterfaceId;
    QString instanceId;
    QString egressOnlyInternetGatewayId;
    QString state; // "active" or "blackhole"
    QString target() const; // the id the route sends traffic to
    bool isBlackhole() const { return state == QLatin1String("blackhole"); }
};

struct RouteTable {
    QString id;
    QString name;
    QString vpcId;
    std::vector<Route> routes;
    std::vector<QString> subnetIds; // explicit associations
    bool main = false;
};

struct PeeringSide {
    QString vpcId;
    QString ownerId;
    QString region;
    std::vector<Cidr> cidrs;
};

struct PeeringConnection {
    QString id;
    QString name;
    PeeringSide requester;
    PeeringSide accepter;
    QString status; // Status.Code: active, pending-acceptance, deleted, rejected, failed, expired, …
    bool isActive() const { return status == QLatin1String("active"); }
    bool joins(const QString& vpcA, const QString& vpcB) const
    {
        return (requester.vpcId == vpcA && accepter.vpcId == vpcB)
            || (requester.vpcId == vpcB && accepter.vpcId == vpcA);
    }
    const PeeringSide* sideOf(const QString& vpcId) const;
    const PeeringSide* otherSide(const QString& vpcId) const;
};

struct PortRange {
    int from = 0;
    int to = 65535;
};

// One rule of a security group. protocol is the IANA number, -1 for all.
struct SecurityGroupRule {
    int protocol = -1;
    std::optional<PortRange> ports; // absent: all ports (or protocol -1 / not TCP/UDP)
    std::vector<Cidr> cidrs; // IpRanges[].CidrIp and Ipv6Ranges[].CidrIpv6
    std::vector<QString> groupIds; // UserIdGroupPairs[].GroupId
    std::vector<QString> prefixListIds;
};

struct SecurityGroup {
    QString id;
    QString name; // GroupName (the Name tag when present)
    QString vpcId;
    std::vector<SecurityGroupRule> inbound; // IpPermissions
    std::vector<SecurityGroupRule> outbound; // IpPermissionsEgress
};

struct NetworkAclEntry {
    int ruleNumber = 0; // 32767 is the final "*" rule AWS shows
    int protocol = -1;
    bool allow = false;
    bool egress = false;
    std::optional<Cidr> cidr;
    std::optional<PortRange> ports;
};

struct NetworkAcl {
    QString id;
    QString name;
    QString vpcId;
    bool isDefault = false;
    std::vector<NetworkAclEntry> entries;
    std::vector<QString> subnetIds;
};

// A managed prefix list (pl-…): AWS's lists of a service's ranges (describe-prefix-lists gives their
// CIDRs) or the account's own (describe-managed-prefix-lists names them; their entries come from
// get-managed-prefix-list-entries).
struct PrefixList {
    QString id;
    QString name;
    std::vector<Cidr> cidrs;
    bool entriesKnown = false; // the CIDRs were read; false: only the list's existence is known
};

struct InternetGateway {
    QString id;
    QString name;
    std::vector<QString> vpcIds; // attachments
};

struct NatGateway {
    QString id;
    QString name;
    QString vpcId;
    QString subnetId;
    QString state;
    QString connectivity; // public or private
    std::vector<Address> privateAddresses;
    std::vector<Address> publicAddresses;
};

struct NetworkInterface {
    QString id;
    QString name;
    QString subnetId;
    QString vpcId;
    QString instanceId;
    QString availabilityZone;
    QString interfaceType; // interface, nat_gateway, lambda, …
    QString description;
    std::vector<Address> privateAddresses; // primary first
    std::vector<Address> publicAddresses;
    std::vector<QString> securityGroupIds;
    bool inferred = false;
};

struct Instance {
    QString id;
    QString name;
    QString subnetId;
    QString vpcId;
    QString state;
    std::vector<QString> interfaceIds;
    std::vector<Address> privateAddresses;
    std::vector<Address> publicAddresses;
    std::vector<QString> securityGroupIds;
};

class Topology {
public:
    std::vector<Vpc> vpcs;
    std::vector<Subnet> subnets;
    std::vector<RouteTable> routeTables;
    std::vector<PeeringConnection> peerings;
    std::vector<SecurityGroup> securityGroups;
    std::vector<NetworkAcl> networkAcls;
    std::vector<InternetGateway> internetGateways;
    std::vector<NatGateway> natGateways;
    std::vector<NetworkInterface> interfaces;
    std::vector<Instance> instances;
    std::vector<PrefixList> prefixLists;
    // Addresses outside every known network that the flows talked to; one "Internet" node.
    std::vector<Address> internetAddresses;
    bool inferred = false; // built from flow logs rather than configuration

    bool isEmpty() const;

    const Vpc* vpc(const QString& id) const;
    const Subnet* subnet(const QString& id) const;
    const RouteTable* routeTable(const QString& id) const;
    const PeeringConnection* peering(const QString& id) const;
    const SecurityGroup* securityGroup(const QString& id) const;
    const NetworkAcl* networkAcl(const QString& id) const;
    const NetworkInterface* networkInterface(const QString& id) const;
    const Instance* instance(const QString& id) const;
    const NatGateway* natGateway(const QString& id) const;
    const PrefixList* prefixList(const QString& id) const;

    // The interface that owns the address (private first, then public), if any.
    const NetworkInterface* interfaceByAddress(const Address& address) const;
    // The subnet whose CIDR contains the address (the longest prefix when several).
    const Subnet* subnetContaining(const Address& address) const;
    const Vpc* vpcContaining(const Address& address) const;
    // The route table that applies to a subnet: its explicit association, else the VPC's main one.
    const RouteTable* routeTableFor(const Subnet& subnet) const;
    const NetworkAcl* networkAclFor(const Subnet& subnet) const;
    const InternetGateway* internetGatewayOf(const QString& vpcId) const;
    // A subnet is public when its route table sends some route to an internet gateway.
    bool isPublic(const Subnet& subnet) const;

    // "name (id)" when the element has a Name tag, else the id.
    static QString label(const QString& id, const QString& name);
    // Addresses or CIDR blocks as text, separated by `separator`.
    static QString text(const std::vector<Address>& addresses, QStringView separator = u", ");
    static QString text(const std::vector<Cidr>& cidrs, QStringView separator = u", ");
};

} // namespace flowlens
