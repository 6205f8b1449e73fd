#pragma once

#include "topology/topology.h"

#include <QString>
#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

namespace flowlens {

// Builds the Topology of a lab in a few calls, as one would click it together in the console: VPCs,
// subnets, internet gateways, route tables, network ACLs, security groups, instances with one
// interface each, peering connections. Ids and addresses are the caller's and are not checked here;
// the labs' tests check the result through the loader and the reachability analyzer.
class LabTopologyBuilder {
public:
    explicit LabTopologyBuilder(Topology& topology)
        : m_t(topology)
    {
    }

    static Cidr cidr(const QString& text);
    static Address address(const QString& text);

    void vpc(const QString& id, const QString& name, const QString& cidr);
    void subnet(const QString& id, const QString& name, const QString& vpcId, const QString& cidr, const QString& zone,
        bool isPublic);
    void internetGateway(const QString& id, const QString& name, const QString& vpcId);
    // A route table with the VPC's local route first; `routes` are (destination CIDR, target id) with
    // igw-…, nat-… or pcx-… targets.
    void routeTable(const QString& id, const QString& name, const QString& vpcId, bool main,
        const std::vector<QString>& subnetIds, const std::vector<std::pair<QString, QString>>& routes);
    void addRoute(const QString& tableId, const QString& destination, const QString& target);
    // An ACL whose rule 100 allows all traffic to and from `allowed` both ways; the final rule denies the rest.
    void networkAcl(const QString& id, const QString& name, const QString& vpcId, bool isDefault,
        const std::vector<QString>& subnetIds, const QString& allowed = QStringLiteral("0.0.0.0/0"));
    void addAclEntry(const QString& aclId, const NetworkAclEntry& entry);

    // An inbound permission: `protocol` (-1 all, 1 ICMP all types, 6/17 with ports) from a CIDR or a group.
    struct Allow {
        int protocol = -1;
        int fromPort = 0;
        int toPort = 65535;
        QString cidr; // or
        QString groupId;
    };
    // Outbound is open to everything, as for a new group.
    void securityGroup(const QString& id, const QString& name, const QString& vpcId, const std::vector<Allow>& inbound);
    // One running instance with one interface (its primary) in `subnetId`.
    void instance(const QString& instanceId, const QString& name, const QString& eniId, const QString& subnetId,
        const QString& privateAddress, const QString& publicAddress, const QString& groupId);
    // An interface that belongs to no instance (a NAT gateway's).
    void interface(const QString& eniId, const QString& subnetId, const QString& privateAddress,
        const QString& publicAddress, const QString& type, const QString& description);
    void natGateway(const QString& id, const QString& name, const QString& subnetId, const QString& privateAddress,
        const QString& publicAddress);
    // An active peering connection in one account and region.
    void peering(const QString& id, const QString& name, const QString& requesterVpc, const QString& accepterVpc,
        const QString& accountId, const QString& region);

private:
    Topology& m_t;
};

} // namespace flowlens
