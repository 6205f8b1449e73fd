#include "fakeec2service.h"

FakeAwsServer::Handler fakeEc2Handler(std::shared_ptr<FakeEc2State> state)
{
    return [state](const FakeRequest& request) {
        FakeEc2State& s = *state;
        const QHash<QString, QString> form = request.form();
        s.forms.push_back(form);
        const QString action = form.value(QStringLiteral("Action"));
        if (form.value(QStringLiteral("Version")) != QLatin1String("2016-11-15")) {
            return FakeReply::xmlError(400, QStringLiteral("InvalidParameterValue"),
                QStringLiteral("Version '%1' is not supported").arg(form.value(QStringLiteral("Version"))));
        }
        if (const auto error = s.errors.find(action); error != s.errors.end()) {
            return FakeReply::xmlError(error->second.status, error->second.code, error->second.message);
        }
        const auto it = s.resources.find(action);
        if (it == s.resources.end()) {
            return FakeReply::xmlError(
                400, QStringLiteral("InvalidAction"), QStringLiteral("The action %1 is not valid").arg(action));
        }
        const FakeEc2Resource& resource = it->second;
        const QString token = form.value(QStringLiteral("NextToken"));
        const int offset = token.isEmpty() ? 0 : token.mid(4).toInt();
        const int last = std::min<int>(static_cast<int>(resource.items.size()), offset + s.pageSize);
        QByteArray body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + action.toLatin1()
            + "Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n    <requestId>req-"
            + QByteArray::number(offset) + "</requestId>\n    <" + resource.setElement + '>';
        for (int i = offset; i < last; ++i) {
            body += "\n        " + resource.items[static_cast<std::size_t>(i)];
        }
        body += "\n    </" + resource.setElement + ">\n";
        if (last < static_cast<int>(resource.items.size())) {
            body += "    <nextToken>tok-" + QByteArray::number(last) + "</nextToken>\n";
        }
        body += "</" + action.toLatin1() + "Response>\n";
        return FakeReply::xml(body);
    };
}

void addPeeringLab(FakeEc2State& s)
{
    const QByteArray nameTag = "<tagSet><item><key>Name</key><value>%1</value></item></tagSet>";
    auto tag = [&](const char* name) { return QByteArray(nameTag).replace("%1", name); };
    s.resources[QStringLiteral("DescribeVpcs")] = { "vpcSet",
        { "<item><vpcId>vpc-0a</vpcId><ownerId>111122223333</ownerId><state>available</state>"
          "<cidrBlock>10.0.0.0/16</cidrBlock><cidrBlockAssociationSet><item><cidrBlock>10.0.0.0/16</cidrBlock>"
          "<associationId>vpc-cidr-assoc-1</associationId></item><item><cidrBlock>100.64.0.0/24</cidrBlock>"
          "<associationId>vpc-cidr-assoc-2</associationId></item></cidrBlockAssociationSet>"
          "<isDefault>false</isDefault>"
                + tag("lab-a") + "</item>",
            "<item><vpcId>vpc-0b</vpcId><cidrBlock>10.1.0.0/16</cidrBlock><isDefault>false</isDefault>" + tag("lab-b")
                + "</item>",
            "<item><vpcId>vpc-0c</vpcId><cidrBlock>172.31.0.0/16</cidrBlock><isDefault>true</isDefault>"
            "<tagSet/></item>" } };
    s.resources[QStringLiteral("DescribeSubnets")] = { "subnetSet",
        { "<item><subnetId>subnet-a1</subnetId><vpcId>vpc-0a</vpcId><cidrBlock>10.0.1.0/24</cidrBlock>"
          "<availabilityZone>eu-west-1a</availabilityZone><mapPublicIpOnLaunch>true</mapPublicIpOnLaunch>"
                + tag("a-public") + "</item>",
            "<item><subnetId>subnet-b1</subnetId><vpcId>vpc-0b</vpcId><cidrBlock>10.1.1.0/24</cidrBlock>"
            "<availabilityZone>eu-west-1b</availabilityZone><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch>"
            "</item>" } };
    s.resources[QStringLiteral("DescribeRouteTables")] = { "routeTableSet",
        { "<item><routeTableId>rtb-a</routeTableId><vpcId>vpc-0a</vpcId><routeSet>"
          "<item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId>"
          "<state>active</state><origin>CreateRouteTable</origin></item>"
          "<item><destinationCidrBlock>10.1.0.0/16</destinationCidrBlock>"
          "<vpcPeeringConnectionId>pcx-ab</vpcPeeringConnectionId><state>active</state></item>"
          "<item><destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><gatewayId>igw-a</gatewayId>"
          "<state>active</state></item></routeSet><associationSet><item>"
          "<routeTableAssociationId>rtbassoc-1</routeTableAssociationId><routeTableId>rtb-a</routeTableId>"
          "<subnetId>subnet-a1</subnetId><main>false</main></item></associationSet>"
                + tag("a-routes") + "</item>",
            "<item><routeTableId>rtb-b</routeTableId><vpcId>vpc-0b</vpcId><routeSet>"
            "<item><destinationCidrBlock>10.1.0.0/16</destinationCidrBlock><gatewayId>local</gatewayId>"
            "<state>active</state></item><item><destinationCidrBlock>10.0.0.0/16</destinationCidrBlock>"
            "<vpcPeeringConnectionId>pcx-ab</vpcPeeringConnectionId><state>blackhole</state></item></routeSet>"
            "<associationSet><item><main>true</main></item></associationSet><tagSet/></item>" } };
    s.resources[QStringLiteral("DescribeVpcPeeringConnections")] = { "vpcPeeringConnectionSet",
        { "<item><vpcPeeringConnectionId>pcx-ab</vpcPeeringConnectionId><requesterVpcInfo>"
          "<ownerId>111122223333</ownerId><vpcId>vpc-0a</vpcId><cidrBlock>10.0.0.0/16</cidrBlock>"
          "<region>eu-west-1</region></requesterVpcInfo><accepterVpcInfo><ownerId>111122223333</ownerId>"
          "<vpcId>vpc-0b</vpcId><cidrBlock>10.1.0.0/16</cidrBlock><cidrBlockSet><item>"
          "<cidrBlock>10.1.0.0/16</cidrBlock></item></cidrBlockSet><region>eu-west-1</region></accepterVpcInfo>"
          "<status><code>active</code><message>Active</message></status>"
            + tag("a-to-b") + "</item>" } };
    s.resources[QStringLiteral("DescribeSecurityGroups")] = { "securityGroupInfo",
        { "<item><ownerId>111122223333</ownerId><groupId>sg-web</groupId><groupName>web</groupName>"
          "<groupDescription>web servers</groupDescription><vpcId>vpc-0a</vpcId><ipPermissions>"
          "<item><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort><groups/>"
          "<ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>"
          "<item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><groups><item>"
          "<userId>111122223333</userId><groupId>sg-admin</groupId></item></groups><ipRanges/></item>"
          "</ipPermissions><ipPermissionsEgress><item><ipProtocol>-1</ipProtocol><groups/><ipRanges><item>"
          "<cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6></item>"
          "</ipv6Ranges></item></ipPermissionsEgress></item>" } };
    s.resources[QStringLiteral("DescribeNetworkAcls")] = { "networkAclSet",
        { "<item><networkAclId>acl-a</networkAclId><vpcId>vpc-0a</vpcId><default>false</default><entrySet>"
          "<item><ruleNumber>200</ruleNumber><protocol>6</protocol><ruleAction>deny</ruleAction>"
          "<egress>false</egress><cidrBlock>0.0.0.0/0</cidrBlock><portRange><from>22</from><to>22</to></portRange>"
          "</item><item><ruleNumber>100</ruleNumber><protocol>6</protocol><ruleAction>allow</ruleAction>"
          "<egress>false</egress><cidrBlock>10.1.0.0/16</cidrBlock><portRange><from>443</from><to>443</to>"
          "</portRange></item><item><ruleNumber>32767</ruleNumber><protocol>-1</protocol>"
          "<ruleAction>deny</ruleAction><egress>false</egress><cidrBlock>0.0.0.0/0</cidrBlock></item>"
          "<item><ruleNumber>100</ruleNumber><protocol>-1</protocol><ruleAction>allow</ruleAction>"
          "<egress>true</egress><cidrBlock>0.0.0.0/0</cidrBlock></item></entrySet><associationSet><item>"
          "<networkAclAssociationId>aclassoc-1</networkAclAssociationId><networkAclId>acl-a</networkAclId>"
          "<subnetId>subnet-a1</subnetId></item></associationSet>"
            + tag("a-acl") + "</item>" } };
    s.resources[QStringLiteral("DescribeInternetGateways")] = { "internetGatewaySet",
        { "<item><internetGatewayId>igw-a</internetGatewayId><attachmentSet><item><vpcId>vpc-0a</vpcId>"
          "<state>available</state></item></attachmentSet><tagSet/></item>" } };
    s.resources[QStringLiteral("DescribeNatGateways")] = { "natGatewaySet",
        { "<item><natGatewayId>nat-a</natGatewayId><vpcId>vpc-0a</vpcId><subnetId>subnet-a1</subnetId>"
          "<state>available</state><connectivityType>public</connectivityType><natGatewayAddressSet><item>"
          "<allocationId>eipalloc-1</allocationId><privateIp>10.0.1.10</privateIp>"
          "<publicIp>203.0.113.10</publicIp></item></natGatewayAddressSet></item>" } };
    s.resources[QStringLiteral("DescribeNetworkInterfaces")] = { "networkInterfaceSet",
        { "<item><networkInterfaceId>eni-a1</networkInterfaceId><subnetId>subnet-a1</subnetId>"
          "<vpcId>vpc-0a</vpcId><availabilityZone>eu-west-1a</availabilityZone><description>web</description>"
          "<interfaceType>interface</interfaceType><privateIpAddress>10.0.1.20</privateIpAddress>"
          "<sourceDestCheck>true</sourceDestCheck><groupSet><item><groupId>sg-web</groupId>"
          "<groupName>web</groupName></item></groupSet><attachment><attachmentId>eni-attach-1</attachmentId>"
          "<instanceId>i-web</instanceId><deviceIndex>0</deviceIndex><status>attached</status></attachment>"
          "<association><publicIp>203.0.113.20</publicIp></association><privateIpAddressesSet>"
          "<item><privateIpAddress>10.0.1.20</privateIpAddress><primary>true</primary><association>"
          "<publicIp>203.0.113.20</publicIp></association></item><item>"
          "<privateIpAddress>10.0.1.21</privateIpAddress><primary>false</primary></item>"
          "</privateIpAddressesSet>"
            + tag("web-eni") + "</item>" } };
    s.resources[QStringLiteral("DescribeInstances")] = { "reservationSet",
        { "<item><reservationId>r-1</reservationId><ownerId>111122223333</ownerId><groupSet/><instancesSet>"
          "<item><instanceId>i-web</instanceId><imageId>ami-1</imageId><instanceState><code>16</code>"
          "<name>running</name></instanceState><privateDnsName>ip-10-0-1-20</privateDnsName><dnsName/>"
          "<subnetId>subnet-a1</subnetId><vpcId>vpc-0a</vpcId><privateIpAddress>10.0.1.20</privateIpAddress>"
          "<ipAddress>203.0.113.20</ipAddress><groupSet><item><groupId>sg-web</groupId><groupName>web</groupName>"
          "</item></groupSet><networkInterfaceSet><item><networkInterfaceId>eni-a1</networkInterfaceId>"
          "<subnetId>subnet-a1</subnetId><vpcId>vpc-0a</vpcId><privateIpAddress>10.0.1.20</privateIpAddress>"
          "<groupSet><item><groupId>sg-web</groupId><groupName>web</groupName></item></groupSet>"
          "<attachment><deviceIndex>0</deviceIndex></attachment></item></networkInterfaceSet>"
            + tag("web") + "</item></instancesSet></item>" } };
}
