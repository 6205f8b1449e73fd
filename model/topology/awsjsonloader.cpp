#include "awsjsonloader.h"

#include "awsjsonreader.h"
#include "prefixlistreader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace flowlens {

namespace {

QString indexed(QLatin1String key, qsizetype i)
{
    return key + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

// Calls f(object, path) for each object of the array under key ("Routes" → "RouteTables[1].Routes[0]").
template <class F> void forEach(AwsJsonReader& r, const QJsonObject& o, const QString& path, QLatin1String key, F&& f)
{
    const QJsonArray items = r.array(o, path, key);
    for (qsizetype k = 0; k < items.size(); ++k) {
        const QString p = path + QLatin1Char('.') + indexed(key, k);
        f(r.object(items.at(k), p), p);
    }
}

// Reads each top-level item into a T with its id (idKey) and Name tag; fill reads the rest and
// returns false to drop the item. A repeated id keeps the first.
template <class T, class Fill>
void readItems(const QJsonArray& items, AwsJsonReader& r, QLatin1String key, QLatin1String idKey, std::vector<T>& into,
    Fill&& fill, const QString& prefix = QString())
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString path = prefix + indexed(key, i);
        const QJsonObject o = r.object(items.at(i), path);
        T item;
        item.id = r.string(o, path, idKey, true);
        item.name = r.nameTag(o, path);
        if (!fill(item, o, path) || item.id.isEmpty()) {
            continue;
        }
        if (std::any_of(into.begin(), into.end(), [&](const T& existing) { return existing.id == item.id; })) {
            r.warning(path, item.id + QStringLiteral(" appears more than once; the first one is kept"));
            continue;
        }
        into.push_back(std::move(item));
    }
}

// Protocol names and numbers as security groups ("tcp", "6", "-1") and ACLs ("6", "-1") give them.
std::optional<int> protocolNumber(const QString& text)
{
    static const std::pair<const char*, int> names[] = { { "tcp", 6 }, { "udp", 17 }, { "icmp", 1 }, { "icmpv6", 58 } };
    for (const auto& [name, number] : names) {
        if (text == QLatin1String(name)) {
            return number;
        }
    }
    bool ok = false;
    const int n = text.toInt(&ok);
    if (!ok || n < -1 || n > 255) {
        return std::nullopt;
    }
    return n;
}

bool hasPorts(int protocol)
{
    return protocol == 6 || protocol == 17;
}

void addCidr(std::vector<Cidr>& into, const std::optional<Cidr>& c)
{
    if (c && std::none_of(into.begin(), into.end(), [&](const Cidr& x) {
            return x.network == c->network && x.prefixLength == c->prefixLength;
        })) {
        into.push_back(*c);
    }
}

void readVpcs(const QJsonArray& items, AwsJsonReader& r, Topology& t)
{
    readItems(items, r, QLatin1String("Vpcs"), QLatin1String("VpcId"), t.vpcs,
        [&](Vpc& vpc, const QJsonObject& o, const QString& path) {
            vpc.isDefault = r.boolean(o, path, QLatin1String("IsDefault"));
            addCidr(vpc.cidrs, r.cidr(o, path, QLatin1String("CidrBlock")));
            forEach(r, o, path, QLatin1String("CidrBlockAssociationSet"), [&](const QJsonObject& a, const QString& p) {
                addCidr(vpc.cidrs, r.cidr(a, p, QLatin1String("CidrBlock")));
            });
            return true;
        });
}

void readSubnets(const QJsonArray& items, AwsJsonReader& r, Topology& t)
{
    readItems(items, r, QLatin1String("Subnets"), QLatin1String("SubnetId"), t.subnets,
        [&](Subnet& s, const QJsonObject& o, const QString& path) {
            s.vpcId = r.string(o, path, QLatin1String("VpcId"), true);
            s.cidr = r.cidr(o, path, QLatin1String("CidrBlock"));
            s.availabilityZone = r.string(o, path, QLatin1String("AvailabilityZone"));
            s.mapPublicIpOnLaunch = r.boolean(o, path, QLatin1String("MapPublicIpOnLaunch"));
            return true;
        });
}

Route readRoute(const QJsonObject& o, const QString& p, AwsJsonReader& r)
{
    Route route;
    route.destination = r.cidr(o, p, QLatin1String("DestinationCidrBlock"));
    if (!route.destination) {
        route.destination = r.cidr(o, p, QLatin1String("DestinationIpv6CidrBlock"));
    }
    route.destinationPrefixList = r.string(o, p, QLatin1String("DestinationPrefixListId"));
    const std::pair<QString*, const char*> targets[] = { { &route.gatewayId, "GatewayId" },
        { &route.natGatewayId, "NatGatewayId" }, { &route.vpcPeeringConnectionId, "VpcPeeringConnectionId" },
        { &route.transitGatewayId, "TransitGatewayId" }, { &route.networkInterfaceId, "NetworkInterfaceId" },
        { &route.instanceId, "InstanceId" }, { &route.egressOnlyInternetGatewayId, "EgressOnlyInternetGatewayId" },
        { &route.state, "State" } };
    for (const auto& [field, key] : targets) {
        *field = r.string(o, p, QLatin1String(key));
    }
    if (route.state.isEmpty()) {
        route.state = QStringLiteral("active");
    }
    return route;
}

void readRouteTables(const QJsonArray& items, AwsJsonReader& r, Topology& t)
{
    readItems(items, r, QLatin1String("RouteTables"), QLatin1String("RouteTableId"), t.routeTables,
        [&](RouteTable& table, const QJsonObject& o, const QString& path) {
            table.vpcId = r.string(o, path, QLatin1String("VpcId"), true);
            forEach(r, o, path, QLatin1String("Routes"), [&](const QJsonObject& ro, const QString& p) {
                Route route = readRoute(ro, p, r);
                if (!route.destination && route.destinationPrefixList.isEmpty()) {
                    r.error(p, QStringLiteral("has no DestinationCidrBlock"));
                } else if (route.target().isEmpty()) {
                    r.error(p, QStringLiteral("has no target (GatewayId, NatGatewayId, VpcPeeringConnectionId, …)"));
                } else {
                    table.routes.push_back(std::move(route));
                }
            });
            forEach(r, o, path, QLatin1String("Associations"), [&](const QJsonObject& a, const QString& p) {
                table.main = table.main || r.boolean(a, p, QLatin1String("Main"));
                const QString subnet = r.string(a, p, QLatin1String("SubnetId"));
                if (!subnet.isEmpty()) {
                    table.subnetIds.push_back(subnet);
                }
            });
            return true;
        });
}

PeeringSide readPeeringSide(const QJsonObject& o, const QString& path, AwsJsonReader& r)
{
    PeeringSide side;
    side.vpcId = r.string(o, path, QLatin1String("VpcId"), true);
    side.ownerId = r.string(o, path, QLatin1String("OwnerId"));
    side.region = r.string(o, path, QLatin1String("Region"));
    addCidr(side.cidrs, r.cidr(o, path, QLatin1String("CidrBlock")));
    forEach(r, o, path, QLatin1String("CidrBlockSet"),
        [&](const QJsonObject& c, const QString& p) { addCidr(side.cidrs, r.cidr(c, p, QLatin1String("CidrBlock"))); });
    return side;
}

void readPeerings(const QJsonArray& items, AwsJsonReader& r, Topology& t)
{
    readItems(items, r, QLatin1String("VpcPeeringConnections"), QLatin1String("VpcPeeringConnectionId"), t.peerings,
        [&](PeeringConnection& pcx, const QJsonObject& o, const QString& path) {
            if (!o.contains(QLatin1String("RequesterVpcInfo")) || !o.contains(QLatin1String("AccepterVpcInfo"))) {
                r.error(path, QStringLiteral("needs both RequesterVpcInfo and AccepterVpcInfo"));
                return false;
            }
            const QString req = path + QStringLiteral(".RequesterVpcInfo");
            const QString acc = path + QStringLiteral(".AccepterVpcInfo");
            pcx.requester = readPeeringSide(r.object(o.value(QLatin1String("RequesterVpcInfo")), req), req, r);
            pcx.accepter = readPeeringSide(r.object(o.value(QLatin1String("AccepterVpcInfo")), acc), acc, r);
            const QJsonValue status = o.value(QLatin1String("Status"));
            if (!status.isObject()) {
                r.error(path, QStringLiteral("has no Status object"));
                return false;
            }
            pcx.status = r.string(status.toObject(), path + QStringLiteral(".Status"), QLatin1String("Code"), true);
            return true;
        });
}

SecurityGroupRule readPermission(const QJsonObject& o, const QString& path, AwsJsonReader& r)
{
    SecurityGroupRule rule;
    const QString protocol = r.string(o, path, QLatin1String("IpProtocol"), true);
    if (const auto n = protocolNumber(protocol)) {
        rule.protocol = *n;
    } else if (!protocol.isEmpty()) {
        r.error(path + QStringLiteral(".IpProtocol"),
            QStringLiteral("'") + protocol + QStringLiteral("' is not a protocol"));
    }
    const auto from = r.integer(o, path, QLatin1String("FromPort"));
    const auto to = r.integer(o, path, QLatin1String("ToPort"));
    if (hasPorts(rule.protocol) && from && to) {
        rule.ports = PortRange { *from, *to };
    }
    forEach(r, o, path, QLatin1String("IpRanges"),
        [&](const QJsonObject& c, const QString& p) { addCidr(rule.cidrs, r.cidr(c, p, QLatin1String("CidrIp"))); });
    forEach(r, o, path, QLatin1String("Ipv6Ranges"),
        [&](const QJsonObject& c, const QString& p) { addCidr(rule.cidrs, r.cidr(c, p, QLatin1String("CidrIpv6"))); });
    rule.groupIds = r.groupIds(o, path, QLatin1String("UserIdGroupPairs"));
    rule.prefixListIds = r.strings(o, path, QLatin1String("PrefixListIds"), QLatin1String("PrefixListId"));
    return rule;
}

void readSecurityGroups(const QJsonArray& items, AwsJsonReader& r, Topology& t)
{
    readItems(items, r, QLatin1String("SecurityGroups"), QLatin1String("GroupId"), t.securityGroups,
        [&](SecurityGroup& sg, const QJsonObject& o, const QString& path) {
            sg.vpcId = r.string(o, path, QLatin1String("VpcId"));
            if (sg.name.isEmpty()) {
                sg.name = r.string(o, path, QLatin1String("GroupName"));
            }
            forEach(r, o, path, QLatin1String("IpPermissions"),
                [&](const QJsonObject& p, const QString& pp) { sg.inbound.push_back(readPermission(p, pp, r)); });
            forEach(r, o, path, QLatin1String("IpPermissionsEgress"),
                [&](const QJsonObject& p, const QString& pp) { sg.outbound.push_back(readPermission(p, pp, r)); });
            return true;
        });
}

std::optional<NetworkAclEntry> readAclEntry(const QJsonObject& e, const QString& p, AwsJsonReader& r)
{
    NetworkAclEntry entry;
    const auto number = r.integer(e, p, QLatin1String("RuleNumber"));
    const QString protocol = r.string(e, p, QLatin1String("Protocol"), true);
    const QString action = r.string(e, p, QLatin1String("RuleAction"), true);
    const auto protocolId = protocolNumber(protocol);
    if (!number) {
        r.error(p, QStringLiteral("has no RuleNumber"));
        return std::nullopt;
    }
    if (!protocolId) {
        r.error(
            p + QStringLiteral(".Protocol"), QStringLiteral("'") + protocol + QStringLiteral("' is not a protocol"));
        return std::nullopt;
    }
    if (action != QLatin1String("allow") && action != QLatin1String("deny")) {
        r.error(p + QStringLiteral(".RuleAction"), QStringLiteral("expected allow or deny"));
        return std::nullopt;
    }
    entry.ruleNumber = *number;
    entry.protocol = *protocolId;
    entry.allow = action == QLatin1String("allow");
    entry.egress = r.boolean(e, p, QLatin1String("Egress"));
    entry.cidr = r.cidr(e, p, QLatin1String("CidrBlock"));
    if (!entry.cidr) {
        entry.cidr = r.cidr(e, p, QLatin1String("Ipv6CidrBlock"));
    }
    const QJsonValue range = e.value(QLatin1String("PortRange"));
    if (range.isObject() && hasPorts(entry.protocol)) {
        const QString rp = p + QStringLiteral(".PortRange");
        const auto from = r.integer(range.toObject(), rp, QLatin1String("From"));
        const auto to = r.integer(range.toObject(), rp, QLatin1String("To"));
        entry.ports = PortRange { from.value_or(0), to.value_or(65535) };
    }
    return entry;
}

void readNetworkAcls(const QJsonArray& items, AwsJsonReader& r, Topology& t)
{
    readItems(items, r, QLatin1String("NetworkAcls"), QLatin1String("NetworkAclId"), t.networkAcls,
        [&](NetworkAcl& acl, const QJsonObject& o, const QString& path) {
            acl.vpcId = r.string(o, path, QLatin1String("VpcId"), true);
            acl.isDefault = r.boolean(o, path, QLatin1String("IsDefault"));
            forEach(r, o, path, QLatin1String("Entries"), [&](const QJsonObject& e, const QString& p) {
                if (auto entry = readAclEntry(e, p, r)) {
                    acl.entries.push_back(*entry);
                }
            });
            std::stable_sort(acl.entries.begin(), acl.entries.end(),
                [](const NetworkAclEntry& a, const NetworkAclEntry& b) { return a.ruleNumber < b.ruleNumber; });
            acl.subnetIds = r.strings(o, path, QLatin1String("Associations"), QLatin1String("SubnetId"));
            return true;
        });
}

void readInternetGateways(const QJsonArray& items, AwsJsonReader& r, Topology& t)
{
    readItems(items, r, QLatin1String("InternetGateways"), QLatin1String("InternetGatewayId"), t.internetGateways,
        [&](InternetGateway& igw, const QJsonObject& o, const QString& path) {
            igw.vpcIds = r.strings(o, path, QLatin1String("Attachments"), QLatin1String("VpcId"));
            return true;
        });
}

void readNatGateways(const QJsonArray& items, AwsJsonReader& r, Topology& t)
{
    readItems(items, r, QLatin1String("NatGateways"), QLatin1String("NatGatewayId"), t.natGateways,
        [&](NatGateway& nat, const QJsonObject& o, const QString& path) {
            nat.vpcId = r.string(o, path, QLatin1String("VpcId"));
            nat.subnetId = r.string(o, path, QLatin1String("SubnetId"), true);
            nat.state = r.string(o, path, QLatin1String("State"));
            nat.connectivity = r.string(o, path, QLatin1String("ConnectivityType"));
            forEach(r, o, path, QLatin1String("NatGatewayAddresses"), [&](const QJsonObject& a, const QString& p) {
                r.address(a, p, QLatin1String("PrivateIp"), nat.privateAddresses);
                r.address(a, p, QLatin1String("PublicIp"), nat.publicAddresses);
            });
            return true;
        });
}

template <class T> void addAll(std::vector<T>& into, const std::vector<T>& from)
{
    for (const T& x : from) {
        if (std::find(into.begin(), into.end(), x) == into.end()) {
            into.push_back(x);
        }
    }
}

// describe-network-interfaces and describe-instances both describe interfaces: one object, so
// what either says is kept.
void mergeInterface(Topology& t, NetworkInterface eni)
{
    auto it = std::find_if(
        t.interfaces.begin(), t.interfaces.end(), [&](const NetworkInterface& x) { return x.id == eni.id; });
    if (it == t.interfaces.end()) {
        t.interfaces.push_back(std::move(eni));
        return;
    }
    for (auto [into, from] : { std::pair { &it->name, &eni.name }, std::pair { &it->subnetId, &eni.subnetId },
             std::pair { &it->vpcId, &eni.vpcId }, std::pair { &it->instanceId, &eni.instanceId },
             std::pair { &it->availabilityZone, &eni.availabilityZone },
             std::pair { &it->interfaceType, &eni.interfaceType }, std::pair { &it->description, &eni.description } }) {
        if (into->isEmpty()) {
            *into = *from;
        }
    }
    addAll(it->privateAddresses, eni.privateAddresses);
    addAll(it->publicAddresses, eni.publicAddresses);
    addAll(it->securityGroupIds, eni.securityGroupIds);
}

// The fields an interface has in both describe-network-interfaces and describe-instances.
NetworkInterface readInterface(const QJsonObject& o, const QString& path, AwsJsonReader& r)
{
    NetworkInterface eni;
    eni.id = r.string(o, path, QLatin1String("NetworkInterfaceId"), true);
    eni.name = r.nameTag(o, path);
    eni.subnetId = r.string(o, path, QLatin1String("SubnetId"));
    eni.vpcId = r.string(o, path, QLatin1String("VpcId"));
    eni.availabilityZone = r.string(o, path, QLatin1String("AvailabilityZone"));
    eni.interfaceType = r.string(o, path, QLatin1String("InterfaceType"));
    eni.description = r.string(o, path, QLatin1String("Description"));
    const QJsonValue attachment = o.value(QLatin1String("Attachment"));
    if (attachment.isObject()) {
        eni.instanceId = attachment.toObject().value(QLatin1String("InstanceId")).toString();
    }
    r.address(o, path, QLatin1String("PrivateIpAddress"), eni.privateAddresses);
    auto publicOf = [&](const QJsonObject& x, const QString& p) {
        const QJsonValue association = x.value(QLatin1String("Association"));
        if (association.isObject()) {
            r.address(association.toObject(), p + QStringLiteral(".Association"), QLatin1String("PublicIp"),
                eni.publicAddresses);
        }
    };
    forEach(r, o, path, QLatin1String("PrivateIpAddresses"), [&](const QJsonObject& a, const QString& p) {
        r.address(a, p, QLatin1String("PrivateIpAddress"), eni.privateAddresses);
        publicOf(a, p);
    });
    publicOf(o, path);
    eni.securityGroupIds = r.groupIds(o, path, QLatin1String("Groups"));
    return eni;
}

void readNetworkInterfaces(const QJsonArray& items, AwsJsonReader& r, Topology& t)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString path = indexed(QLatin1String("NetworkInterfaces"), i);
        NetworkInterface eni = readInterface(r.object(items.at(i), path), path, r);
        if (!eni.id.isEmpty()) {
            mergeInterface(t, std::move(eni));
        }
    }
}

void readReservations(const QJsonArray& items, AwsJsonReader& r, Topology& t)
{
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString rpath = indexed(QLatin1String("Reservations"), i);
        const QJsonArray instances = r.array(r.object(items.at(i), rpath), rpath, QLatin1String("Instances"));
        readItems(
            instances, r, QLatin1String("Instances"), QLatin1String("InstanceId"), t.instances,
            [&](Instance& instance, const QJsonObject& o, const QString& path) {
                instance.subnetId = r.string(o, path, QLatin1String("SubnetId"));
                instance.vpcId = r.string(o, path, QLatin1String("VpcId"));
                const QJsonValue state = o.value(QLatin1String("State"));
                if (state.isObject()) {
                    instance.state = state.toObject().value(QLatin1String("Name")).toString();
                }
                r.address(o, path, QLatin1String("PrivateIpAddress"), instance.privateAddresses);
                r.address(o, path, QLatin1String("PublicIpAddress"), instance.publicAddresses);
                instance.securityGroupIds = r.groupIds(o, path, QLatin1String("SecurityGroups"));
                // The instance's interfaces are interfaces of the topology too.
                forEach(r, o, path, QLatin1String("NetworkInterfaces"), [&](const QJsonObject& e, const QString& p) {
                    NetworkInterface eni = readInterface(e, p, r);
                    eni.instanceId = instance.id;
                    if (!eni.id.isEmpty()) {
                        instance.interfaceIds.push_back(eni.id);
                        mergeInterface(t, std::move(eni));
                    }
                });
                return true;
            },
            rpath + QLatin1Char('.'));
    }
}

void position(const QByteArray& text, qsizetype offset, int& line, int& column)
{
    line = 1;
    column = 1;
    for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
}

} // namespace

QString TopologyProblem::toString() const
{
    QString where = file;
    if (line > 0) {
        where += QLatin1Char(':') + QString::number(line) + QLatin1Char(':') + QString::number(column);
    }
    if (!path.isEmpty()) {
        where += QStringLiteral(": ") + path;
    }
    return where + QStringLiteral(": ") + message;
}

std::vector<AwsJsonLoader::Piece> AwsJsonLoader::splitDocuments(const QByteArray& text, qsizetype* garbageAt)
{
    std::vector<Piece> pieces;
    *garbageAt = -1;
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto skipSpace = [&] {
        while (i < n && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) {
            ++i;
        }
    };
    skipSpace();
    if (i + 3 <= n && text.mid(i, 3) == "\xEF\xBB\xBF") { // a UTF-8 byte-order mark
        i += 3;
        skipSpace();
    }
    while (i < n) {
        if (text[i] != '{' && text[i] != '[') {
            *garbageAt = i;
            return pieces;
        }
        const qsizetype begin = i;
        int depth = 0;
        bool inString = false;
        for (; i < n; ++i) {
            const char c = text[i];
            if (inString) {
                if (c == '\\') {
                    ++i;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    ++i;
                    break;
                }
            }
        }
        pieces.push_back({ begin, i }); // an unterminated document is left to the parser to report
        skipSpace();
    }
    return pieces;
}

void AwsJsonLoader::loadText(const QByteArray& text, const QString& file, TopologyLoadResult& result)
{
    AwsJsonReader reader(result, file);
    qsizetype garbageAt = -1;
    const auto pieces = splitDocuments(text, &garbageAt);
    if (pieces.empty() && garbageAt < 0) {
        result.errors.push_back({ file, 0, 0, {}, QStringLiteral("is empty") });
        return;
    }
    for (std::size_t d = 0; d < pieces.size(); ++d) {
        const Piece& piece = pieces[d];
        QJsonParseError parseError {};
        const QJsonDocument doc = QJsonDocument::fromJson(text.mid(piece.begin, piece.end - piece.begin), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            TopologyProblem problem { file, 0, 0, {}, QStringLiteral("invalid JSON: ") + parseError.errorString() };
            position(text, piece.begin + parseError.offset, problem.line, problem.column);
            result.errors.push_back(problem);
            return;
        }
        if (!doc.isObject()) {
            reader.error(QStringLiteral("document %1").arg(d + 1),
                QStringLiteral("expected an object such as {\"Vpcs\": [...]} as the AWS CLI prints it"));
            continue;
        }
        const QJsonObject root = doc.object();
        bool known = false;
        using ReadFn = void (*)(const QJsonArray&, AwsJsonReader&, Topology&);
        static const std::pair<const char*, ReadFn> readers[] = {
            { "Vpcs", readVpcs },
            { "Subnets", readSubnets },
            { "RouteTables", readRouteTables },
            { "VpcPeeringConnections", readPeerings },
            { "SecurityGroups", readSecurityGroups },
            { "NetworkAcls", readNetworkAcls },
            { "InternetGateways", readInternetGateways },
            { "NatGateways", readNatGateways },
            { "NetworkInterfaces", readNetworkInterfaces },
            { "Reservations", readReservations },
            { "PrefixLists", PrefixListReader::readLists },
        };
        for (const auto& [key, read] : readers) {
            const QLatin1String name(key);
            if (!root.contains(name)) {
                continue;
            }
            known = true;
            const QJsonValue value = root.value(name);
            if (!value.isArray()) {
                reader.error(name, QStringLiteral("expected an array"));
                continue;
            }
            read(value.toArray(), reader, result.topology);
        }
        if (root.contains(QLatin1String("Entries"))) { // get-managed-prefix-list-entries
            known = true;
            PrefixListReader::readEntries(root, file, reader, result.topology);
        }
        if (!known) {
            reader.warning(QStringLiteral("document %1").arg(d + 1),
                QStringLiteral("skipped: not the output of an EC2 describe call FlowLens reads (keys: ")
                    + root.keys().join(QStringLiteral(", ")) + QLatin1Char(')'));
        }
    }
    if (garbageAt >= 0) {
        TopologyProblem problem { file, 0, 0, {}, QStringLiteral("invalid JSON: text that is not a JSON document") };
        position(text, garbageAt, problem.line, problem.column);
        result.errors.push_back(problem);
    }
}

TopologyLoadResult AwsJsonLoader::load(const QString& path)
{
    TopologyLoadResult result;
    const QFileInfo info(path);
    QStringList files;
    if (info.isDir()) {
        const QDir dir(path);
        for (const QString& name : dir.entryList({ QStringLiteral("*.json") }, QDir::Files, QDir::Name)) {
            files << dir.filePath(name);
        }
        if (files.isEmpty()) {
            result.errors.push_back({ path, 0, 0, {}, QStringLiteral("holds no .json files") });
            return result;
        }
    } else if (info.exists()) {
        files << path;
    } else {
        result.errors.push_back({ path, 0, 0, {}, QStringLiteral("does not exist") });
        return result;
    }
    for (const QString& file : files) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly)) {
            result.errors.push_back({ file, 0, 0, {}, QStringLiteral("cannot be read: ") + f.errorString() });
            continue;
        }
        result.files << file;
        loadText(f.readAll(), file, result);
    }
    return result;
}

} // namespace flowlens
