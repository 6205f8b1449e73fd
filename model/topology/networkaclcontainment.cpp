#include "networkaclcontainment.h"

#include "store/addressindex.h"

#include <algorithm>
#include <set>

namespace flowlens {

namespace {

QString resourceName(const ContainmentRule& r)
{
    QString id = r.aclId;
    id.replace(QLatin1Char('-'), QLatin1Char('_'));
    return QStringLiteral("flowlens_block_") + id
        + (r.egress ? QStringLiteral("_egress_") : QStringLiteral("_ingress_")) + QString::number(r.ruleNumber);
}

QString logicalId(const ContainmentRule& r)
{
    QString name;
    bool upper = true;
    for (const QChar c : resourceName(r)) {
        if (c == QLatin1Char('_')) {
            upper = true;
            continue;
        }
        name += upper ? c.toUpper() : c;
        upper = false;
    }
    return name;
}

QString direction(const ContainmentRule& r)
{
    return r.egress ? QStringLiteral("--egress") : QStringLiteral("--ingress");
}

} // namespace

ContainmentPlan NetworkAclContainment::plan(
    const Topology& topology, const Address& address, const std::vector<QString>& aclIds)
{
    ContainmentPlan plan;
    plan.address = address;
    const QString cidr = QString::fromStdString(address.toString())
        + (address.isIpv4() ? QStringLiteral("/32") : QStringLiteral("/128"));
    for (const NetworkAcl& acl : topology.networkAcls) {
        if (!aclIds.empty() && std::find(aclIds.begin(), aclIds.end(), acl.id) == aclIds.end()) {
            continue;
        }
        for (const bool egress : { false, true }) {
            const QString way = egress ? QStringLiteral("outbound") : QStringLiteral("inbound");
            std::set<int> used;
            const NetworkAclEntry* first = nullptr;
            int count = 0;
            for (const auto& e : acl.entries) { // sorted by number
                if (e.egress != egress || e.ruleNumber > kMaxRuleNumber) {
                    continue;
                }
                used.insert(e.ruleNumber);
                ++count;
                if (!first && e.cidr && e.cidr->contains(address)) {
                    first = &e;
                }
            }
            if (!first) {
                plan.notes << acl.id + QStringLiteral(": no ") + way + QStringLiteral(" rule matches ") + cidr
                        + QStringLiteral(", so the final rule already denies it");
                continue;
            }
            if (!first->allow && first->protocol == -1) {
                plan.notes << acl.id + QStringLiteral(": ") + way + QStringLiteral(" rule ")
                        + QString::number(first->ruleNumber) + QStringLiteral(" already denies all traffic of ") + cidr;
                continue;
            }
            int number = first->ruleNumber - 1;
            while (number >= 1 && used.count(number)) {
                --number;
            }
            if (number < 1) {
                plan.notes << acl.id + QStringLiteral(": no free ") + way + QStringLiteral(" rule number below ")
                        + QString::number(first->ruleNumber) + QStringLiteral("; renumber the rules to make room");
                continue;
            }
            if (count + 1 > kDefaultRulesPerDirection) {
                plan.notes << acl.id + QStringLiteral(": the new ") + way + QStringLiteral(" rule makes ")
                        + QString::number(count + 1)
                        + QStringLiteral(" rules, above the default quota of 20 per direction");
            }
            plan.rules.push_back({ acl.id, egress, number, cidr, !address.isIpv4() });
        }
    }
    return plan;
}

void NetworkAclContainment::measure(ContainmentPlan& plan, const Topology& topology, const FlowStore& store)
{
    const auto target = store.findAddress(plan.address);
    if (!target) {
        return;
    }
    std::set<QString> acls;
    for (const auto& r : plan.rules) {
        acls.insert(r.aclId);
    }
    const FlowStore::Snapshot snapshot = store.snapshot();
    // Which addresses sit behind the ACLs, decided once per address id.
    AddressIndex numbers;
    std::vector<std::int8_t> behind; // by number in `numbers`
    auto isBehind = [&](std::int64_t id) {
        const std::uint32_t number = numbers.insert(AddressId(id));
        if (number == behind.size()) {
            behind.push_back(-1);
        }
        std::int8_t& known = behind[number];
        if (known < 0) {
            // An interface's public address counts as its subnet: the traffic crosses that subnet's ACL.
            const Address address = store.address(AddressId(id));
            const NetworkInterface* eni = topology.interfaceByAddress(address);
            const Subnet* s = eni && topology.subnet(eni->subnetId) ? topology.subnet(eni->subnetId)
                                                                    : topology.subnetContaining(address);
            const NetworkAcl* acl = s ? topology.networkAclFor(*s) : nullptr;
            known = acl && acls.count(acl->id) ? 1 : 0;
        }
        return known == 1;
    };
    const std::int64_t t = target->value;
    std::vector<std::int64_t> src(kChunkRows), dst(kChunkRows), bytes(kChunkRows);
    for (std::uint32_t c = 0; c < snapshot.chunks.size(); ++c) {
        const Chunk& chunk = *snapshot.chunks[c];
        const std::uint32_t n = chunk.rowCount();
        chunk.decode(FieldId::SrcAddr, 0, n, src.data());
        chunk.decode(FieldId::DstAddr, 0, n, dst.data());
        chunk.decode(FieldId::Bytes, 0, n, bytes.data());
        for (std::uint32_t r = 0; r < n; ++r) {
            const bool out = dst[r] == t && src[r] != kNull && isBehind(src[r]);
            const bool in = src[r] == t && dst[r] != kNull && isBehind(dst[r]);
            if (!out && !in) {
                continue;
            }
            const std::uint64_t b = bytes[r] == kNull ? 0 : static_cast<std::uint64_t>(bytes[r]);
            ++plan.blockedRecords;
            plan.blockedBytes += b;
            plan.blockedBytesOut += out && !plan.address.isPrivate() ? b : 0;
            if (plan.blockedRows.size() < 20) {
                plan.blockedRows.push_back(makeRowId(c, r));
            }
        }
    }
}

QStringList ContainmentPlan::protectedNetworks(const Topology& topology) const
{
    std::set<QString> acls;
    for (const auto& r : rules) {
        acls.insert(r.aclId);
    }
    std::set<QString> networks;
    std::set<QString> subnets;
    for (const Subnet& s : topology.subnets) {
        const NetworkAcl* acl = topology.networkAclFor(s);
        if (s.cidr && acl && acls.count(acl->id)) {
            networks.insert(QString::fromStdString(s.cidr->toString()));
            subnets.insert(s.id);
        }
    }
    // The public addresses of the interfaces there: traffic to them crosses the same ACLs.
    for (const NetworkInterface& eni : topology.interfaces) {
        if (subnets.count(eni.subnetId)) {
            for (const Address& a : eni.publicAddresses) {
                networks.insert(QString::fromStdString(a.toString())
                    + (a.isIpv4() ? QStringLiteral("/32") : QStringLiteral("/128")));
            }
        }
    }
    return QStringList(networks.begin(), networks.end());
}

QString ContainmentPlan::filterExpression(const Topology& topology) const
{
    const QStringList networks = protectedNetworks(topology);
    if (networks.isEmpty()) {
        return QString();
    }
    const QString a = QLatin1Char('"') + QString::fromStdString(address.toString()) + QLatin1Char('"');
    auto behind = [&](const QString& field) {
        QStringList parts;
        for (const QString& n : networks) {
            const bool v4 = !n.contains(QLatin1Char(':'));
            parts << (v4 ? QStringLiteral("isIpv4InSubnet(") : QStringLiteral("isIpInSubnet(")) + field
                    + QStringLiteral(", \"") + n + QStringLiteral("\")");
        }
        return parts.size() == 1 ? parts.front()
                                 : QLatin1Char('(') + parts.join(QStringLiteral(" or ")) + QLatin1Char(')');
    };
    return QStringLiteral("(srcAddr = ") + a + QStringLiteral(" and ") + behind(QStringLiteral("dstAddr"))
        + QStringLiteral(") or (dstAddr = ") + a + QStringLiteral(" and ") + behind(QStringLiteral("srcAddr"))
        + QLatin1Char(')');
}

QString ContainmentPlan::awsCli() const
{
    QString text;
    for (const auto& r : rules) {
        text += QStringLiteral("aws ec2 create-network-acl-entry --network-acl-id ") + r.aclId + QLatin1Char(' ')
            + direction(r) + QStringLiteral(" --rule-number ") + QString::number(r.ruleNumber)
            + QStringLiteral(" --protocol -1 --rule-action deny ")
            + (r.ipv6 ? QStringLiteral("--ipv6-cidr-block ") : QStringLiteral("--cidr-block ")) + r.cidr
            + QLatin1Char('\n');
    }
    return text;
}

QString ContainmentPlan::rollbackCli() const
{
    QString text;
    for (const auto& r : rules) {
        text += QStringLiteral("aws ec2 delete-network-acl-entry --network-acl-id ") + r.aclId + QLatin1Char(' ')
            + direction(r) + QStringLiteral(" --rule-number ") + QString::number(r.ruleNumber) + QLatin1Char('\n');
    }
    return text;
}

QString ContainmentPlan::terraform() const
{
    QString text;
    for (const auto& r : rules) {
        text += QStringLiteral("resource \"aws_network_acl_rule\" \"") + resourceName(r) + QStringLiteral("\" {\n")
            + QStringLiteral("  network_acl_id = \"") + r.aclId + QStringLiteral("\"\n")
            + QStringLiteral("  rule_number    = ") + QString::number(r.ruleNumber) + QLatin1Char('\n')
            + QStringLiteral("  egress         = ") + (r.egress ? QStringLiteral("true") : QStringLiteral("false"))
            + QLatin1Char('\n') + QStringLiteral("  protocol       = \"-1\"\n  rule_action    = \"deny\"\n")
            + (r.ipv6 ? QStringLiteral("  ipv6_cidr_block = \"") : QStringLiteral("  cidr_block     = \"")) + r.cidr
            + QStringLiteral("\"\n}\n\n");
    }
    return text;
}

QString ContainmentPlan::cloudFormation() const
{
    QString text = QStringLiteral("Resources:\n");
    for (const auto& r : rules) {
        text += QStringLiteral("  ") + logicalId(r)
            + QStringLiteral(":\n    Type: AWS::EC2::NetworkAclEntry\n    Properties:\n")
            + QStringLiteral("      NetworkAclId: ") + r.aclId + QLatin1Char('\n')
            + QStringLiteral("      RuleNumber: ") + QString::number(r.ruleNumber) + QLatin1Char('\n')
            + QStringLiteral("      Protocol: -1\n      RuleAction: deny\n") + QStringLiteral("      Egress: ")
            + (r.egress ? QStringLiteral("true") : QStringLiteral("false")) + QLatin1Char('\n')
            + (r.ipv6 ? QStringLiteral("      Ipv6CidrBlock: ") : QStringLiteral("      CidrBlock: ")) + r.cidr
            + QLatin1Char('\n');
    }
    return text;
}

} // namespace flowlens
