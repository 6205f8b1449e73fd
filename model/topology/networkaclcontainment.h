#pragma once

#include "store/flowstore.h"
#include "topology.h"

#include <QStringList>
#include <vector>

namespace flowlens {

// One deny entry to add to a network ACL.
struct ContainmentRule {
    QString aclId;
    bool egress = false;
    int ruleNumber = 0;
    QString cidr; // "198.51.100.99/32" or "2001:db8::1/128"
    bool ipv6 = false;
};

// The deny rules that cut an address off from the subnets behind the chosen network ACLs, as
// commands and templates, with their rollback; and what the rules would have blocked in the past.
struct ContainmentPlan {
    Address address;
    std::vector<ContainmentRule> rules;
    QStringList notes; // ACLs that already deny the address, limits, numbering problems

    // Past flows between the address and the subnets behind the ACLs (filled by measure()).
    std::uint64_t blockedRecords = 0;
    std::uint64_t blockedBytes = 0;
    std::uint64_t blockedBytesOut = 0; // from the subnets to the address: data transfer out when it is public
    std::vector<RowId> blockedRows; // the first FlowEvidence-like sample
    double costPerGigabyte = 0.09;
    double blockedCost() const { return double(blockedBytesOut) / 1e9 * costPerGigabyte; }

    QString awsCli() const;
    QString rollbackCli() const;
    QString terraform() const;
    QString cloudFormation() const; // YAML Resources section

    // The filter (filter bar syntax) for the records measure() counts: the address on one side, an
    // address in a subnet behind one of the plan's ACLs on the other. Empty when the plan has no rules.
    QString filterExpression(const Topology& topology) const;
    // The CIDRs of the subnets behind the plan's ACLs and the public addresses (/32) of their
    // interfaces, sorted.
    QStringList protectedNetworks(const Topology& topology) const;
};

class NetworkAclContainment {
public:
    static constexpr int kMaxRuleNumber = 32766; // 32767 is AWS's final "*" rule
    static constexpr int kDefaultRulesPerDirection = 20; // the default quota per direction

    // Deny rules for the address in each ACL of aclIds (every ACL of the topology when empty), in
    // both directions, each numbered below the first rule that matches the address so it decides
    // first: the highest free number there.
    static ContainmentPlan plan(
        const Topology& topology, const Address& address, const std::vector<QString>& aclIds = {});

    // Fills the plan's figures from the store: records with the address on one side and, on the
    // other, an address in a subnet behind one of the plan's ACLs.
    static void measure(ContainmentPlan& plan, const Topology& topology, const FlowStore& store);
};

} // namespace flowlens
