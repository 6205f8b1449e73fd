#include "ec2xmlreader.h"

#include <QHash>
#include <QJsonArray>
#include <QStringList>
#include <QXmlStreamReader>
#include <algorithm>
#include <vector>

namespace flowlens {

namespace {

struct Node {
    QString name;
    QString text;
    std::vector<Node> children;
};

// Reads the element the reader is on (a StartElement) with everything inside it.
Node readNode(QXmlStreamReader& xml)
{
    Node node;
    node.name = xml.name().toString();
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            node.children.push_back(readNode(xml));
        } else if (token == QXmlStreamReader::Characters) {
            node.text += xml.text();
        } else if (token == QXmlStreamReader::EndElement) {
            break;
        }
    }
    node.text = node.text.trimmed();
    return node;
}

// Where the EC2 API's element names differ from the CLI's member names (botocore's locationName).
const QHash<QString, QString>& renames()
{
    static const QHash<QString, QString> table {
        { QStringLiteral("vpcSet"), QStringLiteral("Vpcs") },
        { QStringLiteral("subnetSet"), QStringLiteral("Subnets") },
        { QStringLiteral("routeTableSet"), QStringLiteral("RouteTables") },
        { QStringLiteral("vpcPeeringConnectionSet"), QStringLiteral("VpcPeeringConnections") },
        { QStringLiteral("securityGroupInfo"), QStringLiteral("SecurityGroups") },
        { QStringLiteral("networkAclSet"), QStringLiteral("NetworkAcls") },
        { QStringLiteral("internetGatewaySet"), QStringLiteral("InternetGateways") },
        { QStringLiteral("natGatewaySet"), QStringLiteral("NatGateways") },
        { QStringLiteral("networkInterfaceSet"), QStringLiteral("NetworkInterfaces") },
        { QStringLiteral("reservationSet"), QStringLiteral("Reservations") },
        { QStringLiteral("instancesSet"), QStringLiteral("Instances") },
        { QStringLiteral("routeSet"), QStringLiteral("Routes") },
        { QStringLiteral("associationSet"), QStringLiteral("Associations") },
        { QStringLiteral("entrySet"), QStringLiteral("Entries") },
        { QStringLiteral("attachmentSet"), QStringLiteral("Attachments") },
        { QStringLiteral("tagSet"), QStringLiteral("Tags") },
        { QStringLiteral("groups"), QStringLiteral("UserIdGroupPairs") },
        { QStringLiteral("groupSet"), QStringLiteral("Groups") },
        { QStringLiteral("natGatewayAddressSet"), QStringLiteral("NatGatewayAddresses") },
        { QStringLiteral("privateIpAddressesSet"), QStringLiteral("PrivateIpAddresses") },
        { QStringLiteral("ipv6AddressesSet"), QStringLiteral("Ipv6Addresses") },
        { QStringLiteral("instanceState"), QStringLiteral("State") },
        { QStringLiteral("default"), QStringLiteral("IsDefault") }, // a network ACL's
        { QStringLiteral("ipAddress"), QStringLiteral("PublicIpAddress") },
        { QStringLiteral("dnsName"), QStringLiteral("PublicDnsName") },
        { QStringLiteral("blockDeviceMapping"), QStringLiteral("BlockDeviceMappings") },
    };
    return table;
}

// Lists whose names do not end in "Set" (an empty one has no <item> to tell).
bool isList(const Node& node)
{
    static const QStringList names { QStringLiteral("securityGroupInfo"), QStringLiteral("ipPermissions"),
        QStringLiteral("ipPermissionsEgress"), QStringLiteral("groups"), QStringLiteral("ipRanges"),
        QStringLiteral("ipv6Ranges"), QStringLiteral("prefixListIds"), QStringLiteral("blockDeviceMapping") };
    if (node.name.endsWith(QLatin1String("Set")) || names.contains(node.name)) {
        return true;
    }
    return !node.children.empty() && std::all_of(node.children.begin(), node.children.end(), [](const Node& child) {
        return child.name == QLatin1String("item");
    });
}

// The members the loader reads as numbers; the rest of the digits (owner ids, …) stay text.
bool isNumberMember(const QString& member)
{
    static const QStringList names { QStringLiteral("RuleNumber"), QStringLiteral("FromPort"), QStringLiteral("ToPort"),
        QStringLiteral("From"), QStringLiteral("To"), QStringLiteral("Code"), QStringLiteral("Type"),
        QStringLiteral("DeviceIndex"), QStringLiteral("AmiLaunchIndex"), QStringLiteral("NetworkCardIndex") };
    return names.contains(member);
}

QJsonValue leaf(const QString& member, const QString& text)
{
    static const QStringList textMembers { QStringLiteral("Key"), QStringLiteral("Value"),
        QStringLiteral("Description"), QStringLiteral("Name"), QStringLiteral("GroupName") };
    if ((text == QLatin1String("true") || text == QLatin1String("false")) && !textMembers.contains(member)) {
        return text == QLatin1String("true");
    }
    if (isNumberMember(member)) {
        bool ok = false;
        const long long n = text.toLongLong(&ok);
        if (ok) {
            return static_cast<double>(n);
        }
    }
    return text;
}

QJsonValue convert(const Node& node, const QString& member);

QJsonObject members(const Node& node, const QString& enclosingList)
{
    QJsonObject object;
    for (const Node& child : node.children) {
        const QString member = Ec2XmlReader::memberName(child.name, enclosingList);
        object.insert(member, convert(child, member));
    }
    return object;
}

QJsonValue convert(const Node& node, const QString& member)
{
    if (isList(node)) {
        QJsonArray array;
        for (const Node& item : node.children) {
            if (item.children.empty()) {
                array.append(item.text);
            } else {
                array.append(members(item, node.name));
            }
        }
        return array;
    }
    if (!node.children.empty()) {
        return members(node, {}); // a nested object is not an item of the list
    }
    return leaf(member, node.text);
}

} // namespace

QString Ec2XmlReader::memberName(const QString& element, const QString& enclosingList)
{
    if (element == QLatin1String("groupSet") && enclosingList == QLatin1String("instancesSet")) {
        return QStringLiteral("SecurityGroups"); // an instance's groups; an interface's are "Groups"
    }
    if (element == QLatin1String("tagSet") && enclosingList == QLatin1String("networkInterfaceSet")) {
        return QStringLiteral("TagSet");
    }
    const auto it = renames().constFind(element);
    if (it != renames().constEnd()) {
        return it.value();
    }
    QString name = element;
    if (!name.isEmpty()) {
        name[0] = name[0].toUpper();
    }
    return name;
}

Ec2XmlPage Ec2XmlReader::read(const QByteArray& text)
{
    Ec2XmlPage page;
    if (text.trimmed().isEmpty()) {
        page.error = QStringLiteral("the answer is empty");
        return page;
    }
    QXmlStreamReader xml(text);
    while (!xml.atEnd() && xml.readNext() != QXmlStreamReader::StartElement) { }
    if (xml.hasError() || !xml.isStartElement()) {
        page.error = QStringLiteral("line %1, column %2: %3")
                         .arg(xml.lineNumber())
                         .arg(xml.columnNumber())
                         .arg(xml.hasError() ? xml.errorString() : QStringLiteral("no XML element"));
        return page;
    }
    const Node root = readNode(xml);
    if (xml.hasError()) {
        page.error = QStringLiteral("line %1, column %2: %3")
                         .arg(xml.lineNumber())
                         .arg(xml.columnNumber())
                         .arg(xml.errorString());
        return page;
    }
    if (!root.name.endsWith(QLatin1String("Response")) || root.name == QLatin1String("Response")) {
        page.error = QStringLiteral("line 1: <%1> is not the answer of an EC2 describe call").arg(root.name);
        return page;
    }
    for (const Node& child : root.children) {
        if (child.name == QLatin1String("requestId")) {
            continue;
        }
        if (child.name == QLatin1String("nextToken")) {
            page.nextToken = child.text;
            continue;
        }
        const QString member = memberName(child.name, {});
        page.document.insert(member, convert(child, member));
    }
    return page;
}

} // namespace flowlens
