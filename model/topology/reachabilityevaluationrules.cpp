#include "reachabilityevaluation.h"
#include "securitygroupevaluator.h"

#include <algorithm>

namespace flowlens::reach {

QString text(const Address& a)
{
    return QString::fromStdString(a.toString());
}

QString text(const Cidr& c)
{
    return QString::fromStdString(c.toString());
}

Endpoint resolve(const Topology& t, const Address& address)
{
    Endpoint e;
    e.address = address;
    e.eni = t.interfaceByAddress(address);
    if (e.eni) {
        e.byPublicAddress = std::find(e.eni->publicAddresses.begin(), e.eni->publicAddresses.end(), address)
            != e.eni->publicAddresses.end();
        e.subnet = t.subnet(e.eni->subnetId);
        if (!e.subnet && !e.eni->privateAddresses.empty()) {
            e.subnet = t.subnetContaining(e.eni->privateAddresses.front());
        }
    } else {
        e.subnet = t.subnetContaining(address);
    }
    e.vpc = e.subnet ? t.vpc(e.subnet->vpcId) : nullptr;
    return e;
}

bool Evaluation::securityGroups(
    const Endpoint& at, bool inbound, const Address& remote, const std::vector<QString>& remoteGroups)
{
    if (!at.eni) {
        r.notes.push_back(QStringLiteral("no interface is known for ") + text(at.address)
            + QStringLiteral("; its security groups were not checked"));
        return true;
    }
    const auto match = SecurityGroupEvaluator::evaluate(
        t, at.eni->securityGroupIds, inbound, q.protocol, q.port, remote, remoteGroups);
    const QString direction = inbound ? QStringLiteral("inbound") : QStringLiteral("outbound");
    if (match.allowed) {
        pass(match.groupId,
            QStringLiteral("security group ") + match.groupId + QStringLiteral(" of ") + at.eni->id
                + QStringLiteral(" allows ") + direction + QLatin1Char(' ') + flowText()
                + (inbound ? QStringLiteral(" from ") : QStringLiteral(" to ")) + text(remote));
        return true;
    }
    if (match.unchecked) {
        r.notes.push_back(QStringLiteral("a security group of ") + at.eni->id
            + QStringLiteral(" names a prefix list or a group missing from the data; FlowLens could not check it"));
    }
    const QStringList groups(at.eni->securityGroupIds.begin(), at.eni->securityGroupIds.end());
    const QString groupText = groups.isEmpty() ? QStringLiteral("(none)") : groups.join(QStringLiteral(", "));
    const QString first = groups.isEmpty() ? QStringLiteral("a security group") : groups.first();
    const Endpoint& other = inbound ? src : dst;
    const QString peerNetwork = other.inside() ? other.network() : text(remote) + QStringLiteral("/32");
    QString fix = QStringLiteral("add an ") + direction + QStringLiteral(" rule to ") + first
        + QStringLiteral(" allowing ") + flowText() + (inbound ? QStringLiteral(" from ") : QStringLiteral(" to "))
        + peerNetwork;
    if (other.eni && !other.eni->securityGroupIds.empty()) {
        fix += QStringLiteral(" (or from its security group ") + other.eni->securityGroupIds.front() + QLatin1Char(')');
    }
    return fail(ReachVerdict::SecurityGroupDenied, first,
        QStringLiteral("the security groups of ") + at.eni->id + QStringLiteral(" (") + groupText
            + QStringLiteral(") allow no ") + direction + QLatin1Char(' ') + flowText()
            + (inbound ? QStringLiteral(" from ") : QStringLiteral(" to ")) + text(remote),
        fix);
}

bool Evaluation::acl(const Endpoint& at, bool egress, const Address& remote)
{
    const NetworkAcl* a = t.networkAclFor(*at.subnet);
    if (!a) {
        r.notes.push_back(
            QStringLiteral("no network ACL is known for ") + at.subnet->id + QStringLiteral("; not checked"));
        return true;
    }
    const auto d = NetworkAclEvaluator::evaluate(*a, egress, q.protocol, remote, q.port);
    const QString direction = egress ? QStringLiteral("outbound") : QStringLiteral("inbound");
    const QString rule
        = d.ruleNumber == NetworkAclEvaluator::kFinalRule ? QStringLiteral("*") : QString::number(d.ruleNumber);
    const QString what = direction + QLatin1Char(' ') + flowText()
        + (egress ? QStringLiteral(" to ") : QStringLiteral(" from ")) + text(remote);
    if (d.allowed) {
        pass(a->id,
            QStringLiteral("network ACL ") + a->id + QStringLiteral(" of ") + at.subnet->id + QStringLiteral(" allows ")
                + what + QStringLiteral(" (rule ") + rule + QLatin1Char(')'));
        return true;
    }
    const Endpoint& other = egress ? dst : src;
    const QString peerNetwork = other.inside() ? other.network() : text(remote) + QStringLiteral("/32");
    const QString why = d.ruleNumber == NetworkAclEvaluator::kFinalRule
        ? QStringLiteral("no rule allows it, so the final rule * denies it")
        : QStringLiteral("rule ") + rule + QStringLiteral(" denies it");
    return fail(ReachVerdict::NetworkAclDenied, a->id,
        QStringLiteral("network ACL ") + a->id + QStringLiteral(" of ") + at.subnet->id + QStringLiteral(" denies ")
            + what + QStringLiteral(": ") + why,
        QStringLiteral("add an ") + direction + QStringLiteral(" allow rule to ") + a->id
            + QStringLiteral(" numbered below ") + rule + QStringLiteral(" for ") + flowText()
            + (egress ? QStringLiteral(" to ") : QStringLiteral(" from ")) + peerNetwork);
}

bool Evaluation::replyAcl(const Endpoint& at, bool egress, const Address& remote, std::optional<PortRange> clientPorts,
    const QString& clientName)
{
    const NetworkAcl* a = t.networkAclFor(*at.subnet);
    if (!a) {
        return true;
    }
    const QString direction = egress ? QStringLiteral("outbound") : QStringLiteral("inbound");
    const QString toFrom = egress ? QStringLiteral(" to ") : QStringLiteral(" from ");
    if (!NetworkAclEvaluator::hasPorts(q.protocol)) {
        const auto d = NetworkAclEvaluator::evaluate(*a, egress, q.protocol, remote, 0);
        if (d.allowed) {
            pass(a->id,
                QStringLiteral("network ACL ") + a->id + QStringLiteral(" lets the replies through (") + direction
                    + QLatin1Char(')'));
            return true;
        }
        return fail(ReachVerdict::NetworkAclDenied, a->id,
            QStringLiteral("network ACL ") + a->id + QStringLiteral(" of ") + at.subnet->id
                + QStringLiteral(" blocks the replies: ") + direction + QLatin1Char(' ') + flowText() + toFrom
                + text(remote) + QStringLiteral(" is denied"),
            QStringLiteral("ACLs are stateless: add an ") + direction + QStringLiteral(" allow rule for ") + flowText()
                + toFrom + text(remote));
    }
    const PortRange client = clientPorts ? *clientPorts
        : q.sourcePort                   ? PortRange { *q.sourcePort, *q.sourcePort }
                                         : ReachabilityAnalyzer::kEphemeral;
    const QString whose = clientName.isEmpty() ? QStringLiteral("the client") : clientName;
    const auto allowed = NetworkAclEvaluator::allowedPorts(*a, egress, q.protocol, remote, client);
    const QString proto = NetworkAclEvaluator::protocolName(q.protocol);
    const QString portsText = NetworkAclEvaluator::rangesText({ client });
    if (allowed.empty()) {
        const auto d = NetworkAclEvaluator::evaluate(*a, egress, q.protocol, remote, client.from);
        const QString rule
            = d.ruleNumber == NetworkAclEvaluator::kFinalRule ? QStringLiteral("*") : QString::number(d.ruleNumber);
        return fail(ReachVerdict::NetworkAclDenied, a->id,
            QStringLiteral("network ACL ") + a->id + QStringLiteral(" of ") + at.subnet->id
                + QStringLiteral(" blocks the replies: ") + direction + QLatin1Char(' ') + proto + toFrom + text(remote)
                + QStringLiteral(" on the ports of ") + whose + QLatin1Char(' ') + portsText
                + QStringLiteral(" is denied (rule ") + rule + QLatin1Char(')'),
            QStringLiteral("ACLs are stateless: add an ") + direction + QStringLiteral(" allow rule to ") + a->id
                + QStringLiteral(" for ") + proto + QStringLiteral(" 1024-65535") + toFrom + text(remote)
                + QStringLiteral(" (or its network)"));
    }
    const bool whole = allowed.size() == 1 && allowed.front().from == client.from && allowed.front().to == client.to;
    if (!whole) {
        r.notes.push_back(QStringLiteral("network ACL ") + a->id + QStringLiteral(" lets replies reach only ports ")
            + NetworkAclEvaluator::rangesText(allowed) + QStringLiteral(" of the ports of ") + whose + QLatin1Char(' ')
            + portsText + QStringLiteral("; connections that use another port get no answer"));
    }
    pass(a->id,
        QStringLiteral("network ACL ") + a->id + QStringLiteral(" lets the replies through (") + direction
            + QStringLiteral(", ports ") + NetworkAclEvaluator::rangesText(allowed) + QLatin1Char(')'));
    return true;
}

} // namespace flowlens::reach
