#include "topologydiff.h"

#include "networkaclevaluator.h"

#include <QJsonObject>
#include <QStringList>
#include <algorithm>
#include <map>

namespace flowlens {

namespace {

using Kind = TopologyChange::Kind;

QString cidrText(const std::optional<Cidr>& c)
{
    return c ? QString::fromStdString(c->toString()) : QStringLiteral("-");
}

QString routeKey(const Route& r)
{
    return r.destination ? cidrText(r.destination) : r.destinationPrefixList;
}

QString routeValue(const Route& r)
{
    return r.target() + (r.isBlackhole() ? QStringLiteral(" (blackhole)") : QString());
}

QString ruleText(const SecurityGroupRule& rule, bool inbound)
{
    QString text = NetworkAclEvaluator::protocolName(rule.protocol);
    if (rule.ports) {
        text += QLatin1Char(' ') + NetworkAclEvaluator::rangesText({ *rule.ports });
    }
    QStringList peers;
    for (const Cidr& c : rule.cidrs) {
        peers << QString::fromStdString(c.toString());
    }
    for (const QString& g : rule.groupIds) {
        peers << g;
    }
    for (const QString& p : rule.prefixListIds) {
        peers << p;
    }
    return text + (inbound ? QStringLiteral(" from ") : QStringLiteral(" to ")) + peers.join(QStringLiteral(", "));
}

QStringList setOf(const std::vector<QString>& ids)
{
    QStringList list(ids.begin(), ids.end());
    list.sort();
    list.removeDuplicates();
    return list;
}

class Differ {
public:
    std::vector<TopologyChange> changes;

    void add(Kind kind, const char* category, const QString& id, const QString& detail, const QString& before = {},
        const QString& after = {})
    {
        changes.push_back({ kind, QLatin1String(category), id, detail, before, after });
    }

    // Keyed maps compared: added, removed and changed values.
    void keyed(const char* category, const QString& id, const std::map<QString, QString>& before,
        const std::map<QString, QString>& after)
    {
        for (const auto& [key, value] : before) {
            const auto it = after.find(key);
            if (it == after.end()) {
                add(Kind::Removed, category, id, key + QStringLiteral(" → ") + value);
            } else if (it->second != value) {
                add(Kind::Changed, category, id, key, value, it->second);
            }
        }
        for (const auto& [key, value] : after) {
            if (!before.count(key)) {
                add(Kind::Added, category, id, key + QStringLiteral(" → ") + value);
            }
        }
    }

    void sets(const char* category, const QString& id, const QStringList& before, const QStringList& after)
    {
        for (const QString& x : before) {
            if (!after.contains(x)) {
                add(Kind::Removed, category, id, x);
            }
        }
        for (const QString& x : after) {
            if (!before.contains(x)) {
                add(Kind::Added, category, id, x);
            }
        }
    }

    void field(
        const char* category, const QString& id, const QString& name, const QString& before, const QString& after)
    {
        if (before != after) {
            add(Kind::Changed, category, id, name, before, after);
        }
    }

    // Elements present on one side only; f(before, after) for those on both.
    template <class T, class F>
    void elements(const char* category, const std::vector<T>& before, const std::vector<T>& after, F&& f)
    {
        for (const T& b : before) {
            const auto it = std::find_if(after.begin(), after.end(), [&](const T& a) { return a.id == b.id; });
            if (it == after.end()) {
                add(Kind::Removed, category, b.id, Topology::label(b.id, b.name));
            } else {
                f(b, *it);
            }
        }
        for (const T& a : after) {
            if (std::none_of(before.begin(), before.end(), [&](const T& b) { return a.id == b.id; })) {
                add(Kind::Added, category, a.id, Topology::label(a.id, a.name));
            }
        }
    }
};

std::map<QString, QString> routes(const RouteTable& t)
{
    std::map<QString, QString> m;
    for (const auto& r : t.routes) {
        m[routeKey(r)] = routeValue(r);
    }
    return m;
}

std::map<QString, QString> aclEntries(const NetworkAcl& acl)
{
    std::map<QString, QString> m;
    for (const auto& e : acl.entries) {
        const QString number
            = e.ruleNumber == NetworkAclEvaluator::kFinalRule ? QStringLiteral("*") : QString::number(e.ruleNumber);
        // The key holds the direction and the number; the value is the rest of the rule.
        const QString text = NetworkAclEvaluator::describe(e).section(QLatin1Char(' '), 2);
        m[(e.egress ? QStringLiteral("outbound ") : QStringLiteral("inbound ")) + number] = text;
    }
    return m;
}

QStringList sgRules(const SecurityGroup& sg)
{
    QStringList list;
    for (const auto& r : sg.inbound) {
        list << QStringLiteral("inbound ") + ruleText(r, true);
    }
    for (const auto& r : sg.outbound) {
        list << QStringLiteral("outbound ") + ruleText(r, false);
    }
    list.sort();
    return list;
}

} // namespace

QString TopologyDiff::kindName(TopologyChange::Kind kind)
{
    switch (kind) {
    case Kind::Added:
        return QStringLiteral("added");
    case Kind::Removed:
        return QStringLiteral("removed");
    case Kind::Changed:
        break;
    }
    return QStringLiteral("changed");
}

QString TopologyChange::toString() const
{
    const QString sign = kind == Kind::Added ? QStringLiteral("+ ")
        : kind == Kind::Removed              ? QStringLiteral("- ")
                                             : QStringLiteral("~ ");
    QString text = sign + category + QLatin1Char(' ') + elementId + QStringLiteral(": ") + detail;
    if (kind == Kind::Changed) {
        text += QLatin1Char(' ') + before + QStringLiteral(" → ") + after;
    }
    return text;
}

TopologyDiff TopologyDiff::compare(const Topology& before, const Topology& after)
{
    Differ d;
    d.elements("vpc", before.vpcs, after.vpcs, [&](const Vpc& b, const Vpc& a) {
        d.field("vpc", a.id, QStringLiteral("CIDR"), Topology::text(b.cidrs), Topology::text(a.cidrs));
    });
    d.elements("subnet", before.subnets, after.subnets, [&](const Subnet& b, const Subnet& a) {
        d.field("subnet", a.id, QStringLiteral("CIDR"), cidrText(b.cidr), cidrText(a.cidr));
    });
    d.elements("route-table", before.routeTables, after.routeTables, [&](const RouteTable& b, const RouteTable& a) {
        d.keyed("route", a.id, routes(b), routes(a));
        d.sets("association", a.id, setOf(b.subnetIds), setOf(a.subnetIds));
        d.field("route-table", a.id, QStringLiteral("main"), b.main ? QStringLiteral("yes") : QStringLiteral("no"),
            a.main ? QStringLiteral("yes") : QStringLiteral("no"));
    });
    d.elements("peering", before.peerings, after.peerings, [&](const PeeringConnection& b, const PeeringConnection& a) {
        d.field("peering", a.id, QStringLiteral("status"), b.status, a.status);
    });
    d.elements("network-acl", before.networkAcls, after.networkAcls, [&](const NetworkAcl& b, const NetworkAcl& a) {
        d.keyed("acl-rule", a.id, aclEntries(b), aclEntries(a));
        d.sets("association", a.id, setOf(b.subnetIds), setOf(a.subnetIds));
    });
    d.elements("security-group", before.securityGroups, after.securityGroups,
        [&](const SecurityGroup& b, const SecurityGroup& a) { d.sets("sg-rule", a.id, sgRules(b), sgRules(a)); });
    d.elements("internet-gateway", before.internetGateways, after.internetGateways,
        [&](const InternetGateway& b, const InternetGateway& a) {
            d.sets("attachment", a.id, setOf(b.vpcIds), setOf(a.vpcIds));
        });
    d.elements("nat-gateway", before.natGateways, after.natGateways, [&](const NatGateway& b, const NatGateway& a) {
        d.field("nat-gateway", a.id, QStringLiteral("state"), b.state, a.state);
    });
    d.elements(
        "interface", before.interfaces, after.interfaces, [&](const NetworkInterface& b, const NetworkInterface& a) {
            d.sets("interface-group", a.id, setOf(b.securityGroupIds), setOf(a.securityGroupIds));
        });
    d.elements("instance", before.instances, after.instances, [&](const Instance& b, const Instance& a) {
        d.field("instance", a.id, QStringLiteral("state"), b.state, a.state);
    });
    return { std::move(d.changes) };
}

QString TopologyDiff::toText() const
{
    if (changes.empty()) {
        return QStringLiteral("no differences\n");
    }
    QString text;
    for (const auto& c : changes) {
        text += c.toString() + QLatin1Char('\n');
    }
    return text;
}

QJsonArray TopologyDiff::toJson() const
{
    QJsonArray array;
    for (const auto& c : changes) {
        QJsonObject o { { QStringLiteral("change"), kindName(c.kind) }, { QStringLiteral("category"), c.category },
            { QStringLiteral("id"), c.elementId }, { QStringLiteral("detail"), c.detail } };
        if (c.kind == TopologyChange::Kind::Changed) {
            o.insert(QStringLiteral("before"), c.before);
            o.insert(QStringLiteral("after"), c.after);
        }
        array.append(o);
    }
    return array;
}

} // namespace flowlens
