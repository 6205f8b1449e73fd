#include "securitygroupevaluator.h"

#include <algorithm>

namespace flowlens {

namespace {

bool protocolMatches(const SecurityGroupRule& rule, int protocol, int port)
{
    if (rule.protocol == -1) {
        return true;
    }
    if (rule.protocol != protocol) {
        return false;
    }
    if ((protocol == 6 || protocol == 17) && rule.ports) {
        return port >= rule.ports->from && port <= rule.ports->to;
    }
    return true;
}

} // namespace

SecurityGroupEvaluator::Match SecurityGroupEvaluator::evaluate(const Topology& topology,
    const std::vector<QString>& groupIds, bool inbound, int protocol, int port, const Address& remote,
    const std::vector<QString>& remoteGroups)
{
    Match result;
    for (const QString& id : groupIds) {
        const SecurityGroup* group = topology.securityGroup(id);
        if (!group) {
            result.unchecked = true; // the interface names a group the data does not describe
            continue;
        }
        for (const auto& rule : inbound ? group->inbound : group->outbound) {
            if (!protocolMatches(rule, protocol, port)) {
                continue;
            }
            const bool byCidr
                = std::any_of(rule.cidrs.begin(), rule.cidrs.end(), [&](const Cidr& c) { return c.contains(remote); });
            const bool byGroup = std::any_of(rule.groupIds.begin(), rule.groupIds.end(), [&](const QString& g) {
                return std::find(remoteGroups.begin(), remoteGroups.end(), g) != remoteGroups.end();
            });
            if (byCidr || byGroup) {
                return { true, group->id, false };
            }
            if (!rule.prefixListIds.empty()) {
                result.unchecked = true;
            }
        }
    }
    return result;
}

} // namespace flowlens
