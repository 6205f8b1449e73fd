#include "networkaclevaluator.h"

#include <QStringList>
#include <algorithm>

namespace flowlens {

namespace {

bool matchesTraffic(const NetworkAclEntry& e, bool egress, int protocol, const Address& remote)
{
    return e.egress == egress && (e.protocol == -1 || e.protocol == protocol) && e.cidr && e.cidr->contains(remote);
}

// The entry's ports; an entry without a range (or for a protocol without ports) covers them all.
PortRange portsOf(const NetworkAclEntry& e, int protocol)
{
    if (e.protocol == -1 || !NetworkAclEvaluator::hasPorts(protocol) || !e.ports) {
        return { 0, 65535 };
    }
    return *e.ports;
}

} // namespace

NetworkAclEvaluator::Decision NetworkAclEvaluator::evaluate(
    const NetworkAcl& acl, bool egress, int protocol, const Address& remote, int port)
{
    for (const auto& e : acl.entries) { // sorted by rule number when loaded
        if (!matchesTraffic(e, egress, protocol, remote)) {
            continue;
        }
        const PortRange ports = portsOf(e, protocol);
        if (hasPorts(protocol) && (port < ports.from || port > ports.to)) {
            continue;
        }
        return { e.allow, e.ruleNumber };
    }
    return { false, kFinalRule };
}

std::vector<PortRange> NetworkAclEvaluator::allowedPorts(
    const NetworkAcl& acl, bool egress, int protocol, const Address& remote, PortRange range)
{
    // Walk the rules in order keeping the ports no rule has decided yet.
    std::vector<PortRange> undecided { range };
    std::vector<PortRange> allowed;
    for (const auto& e : acl.entries) {
        if (undecided.empty()) {
            break;
        }
        if (!matchesTraffic(e, egress, protocol, remote)) {
            continue;
        }
        const PortRange ports = portsOf(e, protocol);
        std::vector<PortRange> rest;
        for (const PortRange& u : undecided) {
            const int from = std::max(u.from, ports.from);
            const int to = std::min(u.to, ports.to);
            if (from > to) {
                rest.push_back(u);
                continue;
            }
            if (e.allow) {
                allowed.push_back({ from, to });
            }
            if (u.from < from) {
                rest.push_back({ u.from, from - 1 });
            }
            if (to < u.to) {
                rest.push_back({ to + 1, u.to });
            }
        }
        undecided = std::move(rest);
    }
    std::sort(allowed.begin(), allowed.end(), [](const PortRange& a, const PortRange& b) { return a.from < b.from; });
    std::vector<PortRange> merged;
    for (const PortRange& r : allowed) {
        if (!merged.empty() && r.from <= merged.back().to + 1) {
            merged.back().to = std::max(merged.back().to, r.to);
        } else {
            merged.push_back(r);
        }
    }
    return merged;
}

QString NetworkAclEvaluator::protocolName(int protocol)
{
    switch (protocol) {
    case -1:
        return QStringLiteral("all traffic");
    case 1:
        return QStringLiteral("icmp");
    case 6:
        return QStringLiteral("tcp");
    case 17:
        return QStringLiteral("udp");
    case 58:
        return QStringLiteral("icmpv6");
    default:
        return QStringLiteral("protocol ") + QString::number(protocol);
    }
}

QString NetworkAclEvaluator::rangesText(const std::vector<PortRange>& ranges)
{
    QStringList parts;
    for (const PortRange& r : ranges) {
        parts << (r.from == r.to ? QString::number(r.from)
                                 : QString::number(r.from) + QLatin1Char('-') + QString::number(r.to));
    }
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(QStringLiteral(", "));
}

QString NetworkAclEvaluator::describe(const NetworkAclEntry& e)
{
    QString text = (e.ruleNumber == kFinalRule ? QStringLiteral("*") : QString::number(e.ruleNumber)) + QLatin1Char(' ')
        + (e.egress ? QStringLiteral("outbound ") : QStringLiteral("inbound "))
        + (e.allow ? QStringLiteral("allow ") : QStringLiteral("deny ")) + protocolName(e.protocol);
    if (e.ports && hasPorts(e.protocol)) {
        text += QLatin1Char(' ') + rangesText({ *e.ports });
    }
    text += (e.egress ? QStringLiteral(" to ") : QStringLiteral(" from "))
        + (e.cidr ? QString::fromStdString(e.cidr->toString()) : QStringLiteral("?"));
    return text;
}

} // namespace flowlens
