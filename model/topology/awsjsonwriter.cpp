#include "awsjsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace flowlens {

namespace {

// An Address or a Cidr as text.
template <class T> QString text(const T& value)
{
    return QString::fromStdString(value.toString());
}

QJsonArray tags(const QString& name)
{
    QJsonArray out;
    if (!name.isEmpty()) {
        out.append(
            QJsonObject { { QStringLiteral("Key"), QStringLiteral("Name") }, { QStringLiteral("Value"), name } });
    }
    return out;
}

// A stable suffix for the ids AWS gives associations and attachments, made from the element's id.
QString suffixOf(const QString& id)
{
    return id.mid(id.indexOf(QLatin1Char('-')) + 1);
}

QString protocolText(int protocol, bool securityGroup)
{
    if (securityGroup) {
        switch (protocol) {
        case 6:
            return QStringLiteral("tcp");
        case 17:
            return QStringLiteral("udp");
        case 1:
            return QStringLiteral("icmp");
        case 58:
            return QStringLiteral("icmpv6");
        default:
            break;
        }
    }
    return QString::number(protocol);
}

bool hasPorts(int protocol)
{
    return protocol == 6 || protocol == 17;
}

// "ip-10-1-1-10.ec2.internal", "ec2-198-51-100-10.compute-1.amazonaws.com" (us-east-1's forms).
QString privateDnsName(const Address& a, const AwsJsonContext& c)
{
    const QString dashed = text(a).replace(QLatin1Char('.'), QLatin1Char('-'));
    if (c.region == QLatin1String("us-east-1")) {
        return QStringLiteral("ip-") + dashed + QStringLiteral(".ec2.internal");
    }
    return QStringLiteral("ip-") + dashed + QLatin1Char('.') + c.region + QStringLiteral(".compute.internal");
}

QString publicDnsName(const Address& a, const AwsJsonContext& c)
{
    const QString dashed = text(a).replace(QLatin1Char('.'), QLatin1Char('-'));
    if (c.region == QLatin1String("us-east-1")) {
        return QStringLiteral("ec2-") + dashed + QStringLiteral(".compute-1.amazonaws.com");
    }
    return QStringLiteral("ec2-") + dashed + QLatin1Char('.') + c.region + QStringLiteral(".compute.amazonaws.com");
}

// 02:xx:xx:xx:xx:xx, from a hash of the interface id (FNV-1a), so it never changes.
QString macAddress(const QString& id)
{
    std::uint64_t h = 1469598103934665603ULL;
    for (const QChar ch : id) {
        h = (h ^ ch.unicode()) * 1099511628211ULL;
    }
    QString mac = QStringLiteral("02");
    for (int i = 0; i < 5; ++i) {
        mac += QStringLiteral(":%1").arg((h >> (8 * i)) & 0xff, 2, 16, QLatin1Char('0'));
    }
    return mac;
}

QByteArray document(const char* key, const QJsonArray& items)
{
    return QJsonDocument(QJsonObject { { QLatin1String(key), items } }).toJson(QJsonDocument::Indented);
}

QByteArray vpcs(const Topology& t, const AwsJsonContext& c)
{
    QJsonArray items;
    for (const Vpc& vpc : t.vpcs) {
        QJsonArray associations;
        for (const Cidr& cidr : vpc.cidrs) {
            associations.append(QJsonObject {
                { QStringLiteral("AssociationId"),
                    QString(QStringLiteral("vpc-cidr-assoc-") + suffixOf(vpc.id)
                        + (associations.isEmpty() ? QString() : QString::number(associations.size()))) },
                { QStringLiteral("CidrBlock"), text(cidr) },
                { QStringLiteral("CidrBlockState"),
                    QJsonObject { { QStringLiteral("State"), QStringLiteral("associated") } } },
            });
        }
        items.append(QJsonObject {
            { QStringLiteral("CidrBlock"), vpc.cidrs.empty() ? QString() : text(vpc.cidrs.front()) },
            { QStringLiteral("CidrBlockAssociationSet"), associations },
            { QStringLiteral("DhcpOptionsId"), QString(QStringLiteral("dopt-0") + c.accountId.left(8)) },
            { QStringLiteral("InstanceTenancy"), QStringLiteral("default") },
            { QStringLiteral("IsDefault"), vpc.isDefault },
            { QStringLiteral("OwnerId"), c.accountId },
            { QStringLiteral("State"), QStringLiteral("available") },
            { QStringLiteral("Tags"), tags(vpc.name) },
            { QStringLiteral("VpcId"), vpc.id },
        });
    }
    return document("Vpcs", items);
}

QByteArray subnets(const Topology& t, const AwsJsonContext& c)
{
    QJsonArray items;
    for (const Subnet& s : t.subnets) {
        const int size = s.cidr ? 1 << (32 - s.cidr->prefixLength) : 0;
        const auto used = std::count_if(t.interfaces.begin(), t.interfaces.end(),
            [&](const NetworkInterface& eni) { return eni.subnetId == s.id; });
        items.append(QJsonObject {
            { QStringLiteral("AssignIpv6AddressOnCreation"), false },
            { QStringLiteral("AvailabilityZone"), s.availabilityZone },
            { QStringLiteral("AvailabilityZoneId"), AwsJsonWriter::zoneId(s.availabilityZone) },
            // AWS keeps five addresses of every subnet.
            { QStringLiteral("AvailableIpAddressCount"), std::max<qint64>(0, size - 5 - qint64(used)) },
            { QStringLiteral("CidrBlock"), s.cidr ? text(*s.cidr) : QString() },
            { QStringLiteral("DefaultForAz"), false },
            { QStringLiteral("Ipv6CidrBlockAssociationSet"), QJsonArray() },
            { QStringLiteral("MapPublicIpOnLaunch"), s.mapPublicIpOnLaunch },
            { QStringLiteral("OwnerId"), c.accountId },
            { QStringLiteral("State"), QStringLiteral("available") },
            { QStringLiteral("SubnetArn"),
                QString(QStringLiteral("arn:aws:ec2:") + c.region + QLatin1Char(':') + c.accountId
                    + QStringLiteral(":subnet/") + s.id) },
            { QStringLiteral("SubnetId"), s.id },
            { QStringLiteral("Tags"), tags(s.name) },
            { QStringLiteral("VpcId"), s.vpcId },
        });
    }
    return document("Subnets", items);
}

QJsonObject route(const Route& r)
{
    QJsonObject o;
    if (r.destination) {
        o.insert(r.destination->network.isIpv4() ? QStringLiteral("DestinationCidrBlock")
                                                 : QStringLiteral("DestinationIpv6CidrBlock"),
            text(*r.destination));
    } else if (!r.destinationPrefixList.isEmpty()) {
        o.insert(QStringLiteral("DestinationPrefixListId"), r.destinationPrefixList);
    }
    const std::pair<const QString*, const char*> targets[] = { { &r.gatewayId, "GatewayId" },
        { &r.natGatewayId, "NatGatewayId" }, { &r.vpcPeeringConnectionId, "VpcPeeringConnectionId" },
        { &r.transitGatewayId, "TransitGatewayId" }, { &r.networkInterfaceId, "NetworkInterfaceId" },
        { &r.instanceId, "InstanceId" }, { &r.egressOnlyInternetGatewayId, "EgressOnlyInternetGatewayId" } };
    for (const auto& [value, key] : targets) {
        if (!value->isEmpty()) {
            o.insert(QLatin1String(key), *value);
        }
    }
    o.insert(QStringLiteral("Origin"),
        r.gatewayId == QLatin1String("local") ? QStringLiteral("CreateRouteTable") : QStringLiteral("CreateRoute"));
    o.insert(QStringLiteral("State"), r.state.isEmpty() ? QStringLiteral("active") : r.state);
    return o;
}

QByteArray routeTables(const Topology& t, const AwsJsonContext& c)
{
    QJsonArray items;
    for (const RouteTable& table : t.routeTables) {
        QJsonArray associations;
        const auto association = [&](const QString& subnetId) {
            QJsonObject a {
                { QStringLiteral("AssociationState"),
                    QJsonObject { { QStringLiteral("State"), QStringLiteral("associated") } } },
                { QStringLiteral("Main"), subnetId.isEmpty() },
                { QStringLiteral("RouteTableAssociationId"),
                    QString(QStringLiteral("rtbassoc-") + suffixOf(subnetId.isEmpty() ? table.id : subnetId)) },
                { QStringLiteral("RouteTableId"), table.id },
            };
            if (!subnetId.isEmpty()) {
                a.insert(QStringLiteral("SubnetId"), subnetId);
            }
            associations.append(a);
        };
        if (table.main) {
            association(QString());
        }
        for (const QString& subnetId : table.subnetIds) {
            association(subnetId);
        }
        QJsonArray routes;
        for (const Route& r : table.routes) {
            routes.append(route(r));
        }
        items.append(QJsonObject {
            { QStringLiteral("Associations"), associations },
            { QStringLiteral("OwnerId"), c.accountId },
            { QStringLiteral("PropagatingVgws"), QJsonArray() },
            { QStringLiteral("RouteTableId"), table.id },
            { QStringLiteral("Routes"), routes },
            { QStringLiteral("Tags"), tags(table.name) },
            { QStringLiteral("VpcId"), table.vpcId },
        });
    }
    return document("RouteTables", items);
}

QJsonObject aclEntry(const NetworkAclEntry& e)
{
    QJsonObject o {
        { QStringLiteral("Egress"), e.egress },
        { QStringLiteral("Protocol"), protocolText(e.protocol, false) },
        { QStringLiteral("RuleAction"), e.allow ? QStringLiteral("allow") : QStringLiteral("deny") },
        { QStringLiteral("RuleNumber"), e.ruleNumber },
    };
    if (e.cidr) {
        o.insert(
            e.cidr->network.isIpv4() ? QStringLiteral("CidrBlock") : QStringLiteral("Ipv6CidrBlock"), text(*e.cidr));
    }
    if (hasPorts(e.protocol)) {
        const PortRange ports = e.ports.value_or(PortRange {});
        o.insert(QStringLiteral("PortRange"),
            QJsonObject { { QStringLiteral("From"), ports.from }, { QStringLiteral("To"), ports.to } });
    } else if (e.protocol == 1 || e.protocol == 58) {
        o.insert(QStringLiteral("IcmpTypeCode"),
            QJsonObject { { QStringLiteral("Code"), -1 }, { QStringLiteral("Type"), -1 } });
    }
    return o;
}

QByteArray networkAcls(const Topology& t, const AwsJsonContext& c)
{
    QJsonArray items;
    for (const NetworkAcl& acl : t.networkAcls) {
        QJsonArray associations;
        for (const QString& subnetId : acl.subnetIds) {
            associations.append(QJsonObject {
                { QStringLiteral("NetworkAclAssociationId"),
                    QString(QStringLiteral("aclassoc-") + suffixOf(subnetId)) },
                { QStringLiteral("NetworkAclId"), acl.id },
                { QStringLiteral("SubnetId"), subnetId },
            });
        }
        // As EC2 lists them: the outbound rules, then the inbound ones, each by number.
        std::vector<NetworkAclEntry> entries = acl.entries;
        std::stable_sort(entries.begin(), entries.end(), [](const NetworkAclEntry& a, const NetworkAclEntry& b) {
            return a.egress != b.egress ? a.egress : a.ruleNumber < b.ruleNumber;
        });
        QJsonArray entryArray;
        for (const NetworkAclEntry& e : entries) {
            entryArray.append(aclEntry(e));
        }
        items.append(QJsonObject {
            { QStringLiteral("Associations"), associations },
            { QStringLiteral("Entries"), entryArray },
            { QStringLiteral("IsDefault"), acl.isDefault },
            { QStringLiteral("NetworkAclId"), acl.id },
            { QStringLiteral("OwnerId"), c.accountId },
            { QStringLiteral("Tags"), tags(acl.name) },
            { QStringLiteral("VpcId"), acl.vpcId },
        });
    }
    return document("NetworkAcls", items);
}

QJsonObject permission(const SecurityGroupRule& rule, const AwsJsonContext& c)
{
    QJsonArray v4;
    QJsonArray v6;
    for (const Cidr& cidr : rule.cidrs) {
        if (cidr.network.isIpv4()) {
            v4.append(QJsonObject { { QStringLiteral("CidrIp"), text(cidr) } });
        } else {
            v6.append(QJsonObject { { QStringLiteral("CidrIpv6"), text(cidr) } });
        }
    }
    QJsonArray groups;
    for (const QString& id : rule.groupIds) {
        groups.append(QJsonObject { { QStringLiteral("GroupId"), id }, { QStringLiteral("UserId"), c.accountId } });
    }
    QJsonArray prefixLists;
    for (const QString& id : rule.prefixListIds) {
        prefixLists.append(QJsonObject { { QStringLiteral("PrefixListId"), id } });
    }
    QJsonObject o {
        { QStringLiteral("IpProtocol"), protocolText(rule.protocol, true) },
        { QStringLiteral("IpRanges"), v4 },
        { QStringLiteral("Ipv6Ranges"), v6 },
        { QStringLiteral("PrefixListIds"), prefixLists },
        { QStringLiteral("UserIdGroupPairs"), groups },
    };
    if (rule.protocol != -1) {
        const bool ports = hasPorts(rule.protocol);
        const PortRange range = rule.ports.value_or(PortRange {});
        o.insert(QStringLiteral("FromPort"), ports ? range.from : -1);
        o.insert(QStringLiteral("ToPort"), ports ? range.to : -1);
    }
    return o;
}

QByteArray securityGroups(const Topology& t, const AwsJsonContext& c)
{
    QJsonArray items;
    for (const SecurityGroup& sg : t.securityGroups) {
        QJsonArray inbound;
        QJsonArray outbound;
        for (const SecurityGroupRule& rule : sg.inbound) {
            inbound.append(permission(rule, c));
        }
        for (const SecurityGroupRule& rule : sg.outbound) {
            outbound.append(permission(rule, c));
        }
        items.append(QJsonObject {
            { QStringLiteral("Description"), sg.name },
            { QStringLiteral("GroupId"), sg.id },
            { QStringLiteral("GroupName"), sg.name },
            { QStringLiteral("IpPermissions"), inbound },
            { QStringLiteral("IpPermissionsEgress"), outbound },
            { QStringLiteral("OwnerId"), c.accountId },
            { QStringLiteral("VpcId"), sg.vpcId },
        });
    }
    return document("SecurityGroups", items);
}

QJsonArray groupRefs(const Topology& t, const std::vector<QString>& ids)
{
    QJsonArray out;
    for (const QString& id : ids) {
        const SecurityGroup* sg = t.securityGroup(id);
        out.append(QJsonObject {
            { QStringLiteral("GroupId"), id }, { QStringLiteral("GroupName"), sg ? sg->name : QString() } });
    }
    return out;
}

// The fields describe-network-interfaces and describe-instances share for an interface.
QJsonObject interfaceObject(const Topology& t, const NetworkInterface& eni, const AwsJsonContext& c)
{
    const auto association = [&](const Address& address) {
        return QJsonObject {
            { QStringLiteral("IpOwnerId"), QStringLiteral("amazon") },
            { QStringLiteral("PublicDnsName"), publicDnsName(address, c) },
            { QStringLiteral("PublicIp"), text(address) },
        };
    };
    QJsonArray privates;
    for (std::size_t i = 0; i < eni.privateAddresses.size(); ++i) {
        QJsonObject p {
            { QStringLiteral("Primary"), i == 0 },
            { QStringLiteral("PrivateDnsName"), privateDnsName(eni.privateAddresses[i], c) },
            { QStringLiteral("PrivateIpAddress"), text(eni.privateAddresses[i]) },
        };
        if (i < eni.publicAddresses.size()) {
            p.insert(QStringLiteral("Association"), association(eni.publicAddresses[i]));
        }
        privates.append(p);
    }
    QJsonObject o {
        { QStringLiteral("Description"), eni.description },
        { QStringLiteral("Groups"), groupRefs(t, eni.securityGroupIds) },
        { QStringLiteral("InterfaceType"),
            eni.interfaceType.isEmpty() ? QStringLiteral("interface") : eni.interfaceType },
        { QStringLiteral("Ipv6Addresses"), QJsonArray() },
        { QStringLiteral("MacAddress"), macAddress(eni.id) },
        { QStringLiteral("NetworkInterfaceId"), eni.id },
        { QStringLiteral("OwnerId"), c.accountId },
        { QStringLiteral("PrivateIpAddresses"), privates },
        { QStringLiteral("SourceDestCheck"), eni.interfaceType != QLatin1String("nat_gateway") },
        { QStringLiteral("Status"), QStringLiteral("in-use") },
        { QStringLiteral("SubnetId"), eni.subnetId },
        { QStringLiteral("VpcId"), eni.vpcId },
    };
    if (!eni.privateAddresses.empty()) {
        o.insert(QStringLiteral("PrivateDnsName"), privateDnsName(eni.privateAddresses.front(), c));
        o.insert(QStringLiteral("PrivateIpAddress"), text(eni.privateAddresses.front()));
    }
    if (!eni.publicAddresses.empty()) {
        o.insert(QStringLiteral("Association"), association(eni.publicAddresses.front()));
    }
    if (!eni.instanceId.isEmpty()) {
        o.insert(QStringLiteral("Attachment"),
            QJsonObject {
                { QStringLiteral("AttachTime"), c.launchTime },
                { QStringLiteral("AttachmentId"), QString(QStringLiteral("eni-attach-") + suffixOf(eni.id)) },
                { QStringLiteral("DeleteOnTermination"), true },
                { QStringLiteral("DeviceIndex"), 0 },
                { QStringLiteral("InstanceId"), eni.instanceId },
                { QStringLiteral("InstanceOwnerId"), c.accountId },
                { QStringLiteral("Status"), QStringLiteral("attached") },
            });
    }
    return o;
}

QByteArray networkInterfaces(const Topology& t, const AwsJsonContext& c)
{
    QJsonArray items;
    for (const NetworkInterface& eni : t.interfaces) {
        QJsonObject o = interfaceObject(t, eni, c);
        const Subnet* subnet = t.subnet(eni.subnetId);
        o.insert(QStringLiteral("AvailabilityZone"),
            eni.availabilityZone.isEmpty() && subnet ? subnet->availabilityZone : eni.availabilityZone);
        o.insert(QStringLiteral("RequesterManaged"), eni.interfaceType == QLatin1String("nat_gateway"));
        o.insert(QStringLiteral("TagSet"), tags(eni.name));
        items.append(o);
    }
    return document("NetworkInterfaces", items);
}

QByteArray instances(const Topology& t, const AwsJsonContext& c)
{
    QJsonArray reservations;
    for (const Instance& instance : t.instances) {
        QJsonArray interfaces;
        for (const QString& id : instance.interfaceIds) {
            if (const NetworkInterface* eni = t.networkInterface(id)) {
                interfaces.append(interfaceObject(t, *eni, c));
            }
        }
        const Subnet* subnet = t.subnet(instance.subnetId);
        QJsonObject o {
            { QStringLiteral("AmiLaunchIndex"), 0 },
            { QStringLiteral("Architecture"), QStringLiteral("x86_64") },
            { QStringLiteral("ImageId"), c.imageId },
            { QStringLiteral("InstanceId"), instance.id },
            { QStringLiteral("InstanceType"), c.instanceType },
            { QStringLiteral("LaunchTime"), c.launchTime },
            { QStringLiteral("NetworkInterfaces"), interfaces },
            { QStringLiteral("Placement"),
                QJsonObject { { QStringLiteral("AvailabilityZone"), subnet ? subnet->availabilityZone : QString() },
                    { QStringLiteral("GroupName"), QString() },
                    { QStringLiteral("Tenancy"), QStringLiteral("default") } } },
            { QStringLiteral("SecurityGroups"), groupRefs(t, instance.securityGroupIds) },
            { QStringLiteral("State"),
                QJsonObject { { QStringLiteral("Code"), 16 },
                    { QStringLiteral("Name"),
                        instance.state.isEmpty() ? QStringLiteral("running") : instance.state } } },
            { QStringLiteral("SubnetId"), instance.subnetId },
            { QStringLiteral("Tags"), tags(instance.name) },
            { QStringLiteral("VpcId"), instance.vpcId },
        };
        if (!instance.privateAddresses.empty()) {
            o.insert(QStringLiteral("PrivateDnsName"), privateDnsName(instance.privateAddresses.front(), c));
            o.insert(QStringLiteral("PrivateIpAddress"), text(instance.privateAddresses.front()));
        }
        if (!instance.publicAddresses.empty()) {
            o.insert(QStringLiteral("PublicDnsName"), publicDnsName(instance.publicAddresses.front(), c));
            o.insert(QStringLiteral("PublicIpAddress"), text(instance.publicAddresses.front()));
        }
        reservations.append(QJsonObject {
            { QStringLiteral("Groups"), QJsonArray() },
            { QStringLiteral("Instances"), QJsonArray { o } },
            { QStringLiteral("OwnerId"), c.accountId },
            { QStringLiteral("ReservationId"), QString(QStringLiteral("r-") + suffixOf(instance.id)) },
        });
    }
    return document("Reservations", reservations);
}

QByteArray internetGateways(const Topology& t, const AwsJsonContext& c)
{
    QJsonArray items;
    for (const InternetGateway& igw : t.internetGateways) {
        QJsonArray attachments;
        for (const QString& vpcId : igw.vpcIds) {
            attachments.append(QJsonObject {
                { QStringLiteral("State"), QStringLiteral("available") }, { QStringLiteral("VpcId"), vpcId } });
        }
        items.append(QJsonObject {
            { QStringLiteral("Attachments"), attachments },
            { QStringLiteral("InternetGatewayId"), igw.id },
            { QStringLiteral("OwnerId"), c.accountId },
            { QStringLiteral("Tags"), tags(igw.name) },
        });
    }
    return document("InternetGateways", items);
}

QJsonObject peeringSide(const PeeringSide& side)
{
    QJsonArray set;
    for (const Cidr& cidr : side.cidrs) {
        set.append(QJsonObject { { QStringLiteral("CidrBlock"), text(cidr) } });
    }
    return QJsonObject {
        { QStringLiteral("CidrBlock"), side.cidrs.empty() ? QString() : text(side.cidrs.front()) },
        { QStringLiteral("CidrBlockSet"), set },
        { QStringLiteral("OwnerId"), side.ownerId },
        { QStringLiteral("PeeringOptions"),
            QJsonObject { { QStringLiteral("AllowDnsResolutionFromRemoteVpc"), false },
                { QStringLiteral("AllowEgressFromLocalClassicLinkToRemoteVpc"), false },
                { QStringLiteral("AllowEgressFromLocalVpcToRemoteClassicLink"), false } } },
        { QStringLiteral("Region"), side.region },
        { QStringLiteral("VpcId"), side.vpcId },
    };
}

QByteArray peerings(const Topology& t)
{
    QJsonArray items;
    for (const PeeringConnection& pcx : t.peerings) {
        QString message = pcx.status;
        message.replace(QLatin1Char('-'), QLatin1Char(' '));
        if (!message.isEmpty()) {
            message[0] = message[0].toUpper();
        }
        items.append(QJsonObject {
            { QStringLiteral("AccepterVpcInfo"), peeringSide(pcx.accepter) },
            { QStringLiteral("RequesterVpcInfo"), peeringSide(pcx.requester) },
            { QStringLiteral("Status"),
                QJsonObject { { QStringLiteral("Code"), pcx.status }, { QStringLiteral("Message"), message } } },
            { QStringLiteral("Tags"), tags(pcx.name) },
            { QStringLiteral("VpcPeeringConnectionId"), pcx.id },
        });
    }
    return document("VpcPeeringConnections", items);
}

QByteArray natGateways(const Topology& t, const AwsJsonContext& c)
{
    QJsonArray items;
    for (const NatGateway& nat : t.natGateways) {
        QJsonArray addresses;
        for (std::size_t i = 0; i < nat.privateAddresses.size(); ++i) {
            QJsonObject a {
                { QStringLiteral("IsPrimary"), i == 0 },
                { QStringLiteral("PrivateIp"), text(nat.privateAddresses[i]) },
                { QStringLiteral("Status"), QStringLiteral("succeeded") },
            };
            if (const NetworkInterface* eni = t.interfaceByAddress(nat.privateAddresses[i])) {
                a.insert(QStringLiteral("NetworkInterfaceId"), eni->id);
            }
            if (i < nat.publicAddresses.size()) {
                a.insert(QStringLiteral("AllocationId"), QString(QStringLiteral("eipalloc-") + suffixOf(nat.id)));
                a.insert(QStringLiteral("AssociationId"), QString(QStringLiteral("eipassoc-") + suffixOf(nat.id)));
                a.insert(QStringLiteral("PublicIp"), text(nat.publicAddresses[i]));
            }
            addresses.append(a);
        }
        items.append(QJsonObject {
            { QStringLiteral("ConnectivityType"),
                nat.connectivity.isEmpty() ? QStringLiteral("public") : nat.connectivity },
            { QStringLiteral("CreateTime"), c.launchTime },
            { QStringLiteral("NatGatewayAddresses"), addresses },
            { QStringLiteral("NatGatewayId"), nat.id },
            { QStringLiteral("State"), nat.state.isEmpty() ? QStringLiteral("available") : nat.state },
            { QStringLiteral("SubnetId"), nat.subnetId },
            { QStringLiteral("Tags"), tags(nat.name) },
            { QStringLiteral("VpcId"), nat.vpcId },
        });
    }
    return document("NatGateways", items);
}

} // namespace

QString AwsJsonWriter::zoneId(const QString& zone)
{
    // "us-east-1a": the region's initials ("use1") and the zone letter's number.
    const qsizetype letterAt = zone.size() - 1;
    if (letterAt < 1 || !zone.at(letterAt).isLower()) {
        return QString();
    }
    const QStringList parts = zone.left(letterAt).split(QLatin1Char('-'));
    QString id;
    for (const QString& part : parts) {
        id += part.at(0).isDigit() ? part : (id.isEmpty() ? part.left(2) : part.left(1));
    }
    return id + QStringLiteral("-az") + QString::number(zone.at(letterAt).unicode() - u'a' + 1);
}

std::vector<std::pair<QString, QByteArray>> AwsJsonWriter::documents(
    const Topology& topology, const AwsJsonContext& context)
{
    std::vector<std::pair<QString, QByteArray>> out {
        { QStringLiteral("describe-internet-gateways.json"), internetGateways(topology, context) },
        { QStringLiteral("describe-network-acls.json"), networkAcls(topology, context) },
        { QStringLiteral("describe-network-interfaces.json"), networkInterfaces(topology, context) },
        { QStringLiteral("describe-route-tables.json"), routeTables(topology, context) },
        { QStringLiteral("describe-security-groups.json"), securityGroups(topology, context) },
        { QStringLiteral("describe-subnets.json"), subnets(topology, context) },
        { QStringLiteral("describe-vpc-peering-connections.json"), peerings(topology) },
        { QStringLiteral("describe-vpcs.json"), vpcs(topology, context) },
    };
    if (!topology.instances.empty()) {
        out.emplace_back(QStringLiteral("describe-instances.json"), instances(topology, context));
    }
    if (!topology.natGateways.empty()) {
        out.emplace_back(QStringLiteral("describe-nat-gateways.json"), natGateways(topology, context));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

} // namespace flowlens
