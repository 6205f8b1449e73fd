#include "field.h"

#include <algorithm>
#include <string>

namespace flowlens {

namespace {

using K = FieldKind;
using F = FieldId;

constexpr std::array<FieldInfo, FieldCount> kFields { {
    { F::Version, "version", "version", K::Integer, 2 },
    { F::AccountId, "account-id", "accountId", K::String, 2 },
    { F::InterfaceId, "interface-id", "interfaceId", K::String, 2 },
    { F::SrcAddr, "srcaddr", "srcAddr", K::Address, 2 },
    { F::DstAddr, "dstaddr", "dstAddr", K::Address, 2 },
    { F::SrcPort, "srcport", "srcPort", K::Integer, 2 },
    { F::DstPort, "dstport", "dstPort", K::Integer, 2 },
    { F::Protocol, "protocol", "protocol", K::Integer, 2 },
    { F::Packets, "packets", "packets", K::Integer, 2 },
    { F::Bytes, "bytes", "bytes", K::Integer, 2 },
    { F::Start, "start", "startTime", K::Integer, 2 },
    { F::End, "end", "endTime", K::Integer, 2 },
    { F::Action, "action", "action", K::String, 2 },
    { F::LogStatus, "log-status", "logStatus", K::String, 2 },
    { F::VpcId, "vpc-id", "vpcId", K::String, 3 },
    { F::SubnetId, "subnet-id", "subnetId", K::String, 3 },
    { F::InstanceId, "instance-id", "instanceId", K::String, 3 },
    { F::TcpFlags, "tcp-flags", "tcpFlags", K::Integer, 3 },
    { F::Type, "type", "type", K::String, 3 },
    { F::PktSrcAddr, "pkt-srcaddr", "pktSrcAddr", K::Address, 3 },
    { F::PktDstAddr, "pkt-dstaddr", "pktDstAddr", K::Address, 3 },
    { F::Region, "region", "region", K::String, 4 },
    { F::AzId, "az-id", "azId", K::String, 4 },
    { F::SublocationType, "sublocation-type", "sublocationType", K::String, 4 },
    { F::SublocationId, "sublocation-id", "sublocationId", K::String, 4 },
    { F::PktSrcAwsService, "pkt-src-aws-service", "pktSrcAwsService", K::String, 5 },
    { F::PktDstAwsService, "pkt-dst-aws-service", "pktDstAwsService", K::String, 5 },
    { F::FlowDirection, "flow-direction", "flowDirection", K::String, 5 },
    { F::TrafficPath, "traffic-path", "trafficPath", K::Integer, 5 },
    { F::EcsClusterArn, "ecs-cluster-arn", "ecsClusterArn", K::String, 7 },
    { F::EcsClusterName, "ecs-cluster-name", "ecsClusterName", K::String, 7 },
    { F::EcsContainerInstanceArn, "ecs-container-instance-arn", "ecsContainerInstanceArn", K::String, 7 },
    { F::EcsContainerInstanceId, "ecs-container-instance-id", "ecsContainerInstanceId", K::String, 7 },
    { F::EcsContainerId, "ecs-container-id", "ecsContainerId", K::String, 7 },
    { F::EcsSecondContainerId, "ecs-second-container-id", "ecsSecondContainerId", K::String, 7 },
    { F::EcsServiceName, "ecs-service-name", "ecsServiceName", K::String, 7 },
    { F::EcsTaskDefinitionArn, "ecs-task-definition-arn", "ecsTaskDefinitionArn", K::String, 7 },
    { F::EcsTaskArn, "ecs-task-arn", "ecsTaskArn", K::String, 7 },
    { F::EcsTaskId, "ecs-task-id", "ecsTaskId", K::String, 7 },
    { F::RejectReason, "reject-reason", "rejectReason", K::String, 8 },
    { F::ResourceType, "resource-type", "resourceType", K::String, 6 },
    { F::TgwId, "tgw-id", "tgwId", K::String, 6 },
    { F::TgwAttachmentId, "tgw-attachment-id", "tgwAttachmentId", K::String, 6 },
    { F::TgwSrcVpcAccountId, "tgw-src-vpc-account-id", "tgwSrcVpcAccountId", K::String, 6 },
    { F::TgwDstVpcAccountId, "tgw-dst-vpc-account-id", "tgwDstVpcAccountId", K::String, 6 },
    { F::TgwSrcVpcId, "tgw-src-vpc-id", "tgwSrcVpcId", K::String, 6 },
    { F::TgwDstVpcId, "tgw-dst-vpc-id", "tgwDstVpcId", K::String, 6 },
    { F::TgwSrcSubnetId, "tgw-src-subnet-id", "tgwSrcSubnetId", K::String, 6 },
    { F::TgwDstSubnetId, "tgw-dst-subnet-id", "tgwDstSubnetId", K::String, 6 },
    { F::TgwSrcEni, "tgw-src-eni", "tgwSrcEni", K::String, 6 },
    { F::TgwDstEni, "tgw-dst-eni", "tgwDstEni", K::String, 6 },
    { F::TgwSrcAzId, "tgw-src-az-id", "tgwSrcAzId", K::String, 6 },
    { F::TgwDstAzId, "tgw-dst-az-id", "tgwDstAzId", K::String, 6 },
    { F::TgwPairAttachmentId, "tgw-pair-attachment-id", "tgwPairAttachmentId", K::String, 6 },
    { F::PacketsLostNoRoute, "packets-lost-no-route", "packetsLostNoRoute", K::Integer, 6 },
    { F::PacketsLostBlackhole, "packets-lost-blackhole", "packetsLostBlackhole", K::Integer, 6 },
    { F::PacketsLostMtuExceeded, "packets-lost-mtu-exceeded", "packetsLostMtuExceeded", K::Integer, 6 },
    { F::PacketsLostTtlExpired, "packets-lost-ttl-expired", "packetsLostTtlExpired", K::Integer, 6 },
    { F::ResourceId, "resource-id", "resourceId", K::String, 9 },
    { F::EncryptionStatus, "encryption-status", "encryptionStatus", K::Integer, 10 },
    { F::InstanceTag, "instance-tag", "instanceTag", K::String, 11 },
    { F::InstanceTag2, "instance-tag-2", "instanceTag2", K::String, 11 },
    { F::InterfaceTag, "interface-tag", "interfaceTag", K::String, 11 },
    { F::InterfaceTag2, "interface-tag-2", "interfaceTag2", K::String, 11 },
    { F::AsgTag, "asg-tag", "asgTag", K::String, 11 },
    { F::AsgTag2, "asg-tag-2", "asgTag2", K::String, 11 },
    { F::InterfaceType, "interface-type", "interfaceType", K::String, 11 },
    { F::NextHopInterfaceId, "next-hop-interface-id", "nextHopInterfaceId", K::String, 11 },
    { F::NextHopSubnetId, "next-hop-subnet-id", "nextHopSubnetId", K::String, 11 },
    { F::NextHopAzId, "next-hop-az-id", "nextHopAzId", K::String, 11 },
    { F::NextHopVpcId, "next-hop-vpc-id", "nextHopVpcId", K::String, 11 },
    { F::NextHopInterfaceType, "next-hop-interface-type", "nextHopInterfaceType", K::String, 11 },
    { F::EventTimestamp, "@timestamp", "@timestamp", K::Integer, 0 },
    { F::LogStream, "@logStream", "@logStream", K::String, 0 },
} };

static_assert([] {
    for (std::size_t i = 0; i < kFields.size(); ++i) {
        if (static_cast<std::size_t>(kFields[i].id) != i) {
            return false;
        }
    }
    return true;
}());

// Folds a spelling to lower-case letters and digits only, so "srcAddr", "src-addr" and "src_addr" meet.
std::string fold(std::string_view name)
{
    std::string out;
    out.reserve(name.size());
    for (char c : name) {
        if (c == '-' || c == '_' || c == '`') {
            continue;
        }
        out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
}

} // namespace

const FieldInfo& fieldInfo(FieldId id)
{
    return kFields[index(id)];
}

const std::array<FieldInfo, FieldCount>& allFields()
{
    return kFields;
}

std::optional<FieldId> fieldByAwsName(std::string_view name)
{
    for (const FieldInfo& f : kFields) {
        if (f.awsName == name) {
            return f.id;
        }
    }
    return std::nullopt;
}

std::optional<FieldId> fieldByAnyName(std::string_view name)
{
    if (auto exact = fieldByAwsName(name)) {
        return exact;
    }
    const std::string folded = fold(name);
    for (const FieldInfo& f : kFields) {
        if (fold(f.insightsName) == folded || fold(f.awsName) == folded) {
            return f.id;
        }
    }
    return std::nullopt;
}

} // namespace flowlens
