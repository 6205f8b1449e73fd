#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace flowlens {

// Every field a VPC flow-log record can carry (versions 2–11, transit-gateway v6), plus the
// per-event fields a CloudWatch container adds. The order of the first 40 is AWS's table order.
enum class FieldId : std::uint8_t {
    Version,
    AccountId,
    InterfaceId,
    SrcAddr,
    DstAddr,
    SrcPort,
    DstPort,
    Protocol,
    Packets,
    Bytes,
    Start,
    End,
    Action,
    LogStatus,
    VpcId,
    SubnetId,
    InstanceId,
    TcpFlags,
    Type,
    PktSrcAddr,
    PktDstAddr,
    Region,
    AzId,
    SublocationType,
    SublocationId,
    PktSrcAwsService,
    PktDstAwsService,
    FlowDirection,
    TrafficPath,
    EcsClusterArn,
    EcsClusterName,
    EcsContainerInstanceArn,
    EcsContainerInstanceId,
    EcsContainerId,
    EcsSecondContainerId,
    EcsServiceName,
    EcsTaskDefinitionArn,
    EcsTaskArn,
    EcsTaskId,
    RejectReason,
    // Transit-gateway flow logs (version 6).
    ResourceType,
    TgwId,
    TgwAttachmentId,
    TgwSrcVpcAccountId,
    TgwDstVpcAccountId,
    TgwSrcVpcId,
    TgwDstVpcId,
    TgwSrcSubnetId,
    TgwDstSubnetId,
    TgwSrcEni,
    TgwDstEni,
    TgwSrcAzId,
    TgwDstAzId,
    TgwPairAttachmentId,
    PacketsLostNoRoute,
    PacketsLostBlackhole,
    PacketsLostMtuExceeded,
    PacketsLostTtlExpired,
    // Versions 9–11.
    ResourceId,
    EncryptionStatus,
    InstanceTag,
    InstanceTag2,
    InterfaceTag,
    InterfaceTag2,
    AsgTag,
    AsgTag2,
    InterfaceType,
    NextHopInterfaceId,
    NextHopSubnetId,
    NextHopAzId,
    NextHopVpcId,
    NextHopInterfaceType,
    // Added by CloudWatch containers, not part of the record text.
    EventTimestamp, // @timestamp, milliseconds
    LogStream, // @logStream
    Count
};

inline constexpr std::size_t FieldCount = static_cast<std::size_t>(FieldId::Count);

// How a field's values are stored and compared.
enum class FieldKind : std::uint8_t {
    Integer, // signed 64-bit
    String, // dictionary-encoded per field
    Address, // interned IPv4/IPv6 address
};

struct FieldInfo {
    FieldId id;
    std::string_view awsName; // hyphenated, as in the S3 header: "log-status"
    std::string_view insightsName; // as Logs Insights discovers it: "logStatus"
    FieldKind kind;
    std::uint8_t version; // the flow-log version that introduced it (0: container field)
};

const FieldInfo& fieldInfo(FieldId id);
const std::array<FieldInfo, FieldCount>& allFields();

// Looks a field up by its AWS hyphenated name ("srcaddr", "log-status").
std::optional<FieldId> fieldByAwsName(std::string_view name);
// Looks a field up by any accepted spelling: Insights camelCase, AWS hyphenated, underscore,
// case-insensitive ("srcAddr", "srcaddr", "src_addr", "log-status", "logStatus", "@timestamp").
std::optional<FieldId> fieldByAnyName(std::string_view name);

constexpr std::size_t index(FieldId id)
{
    return static_cast<std::size_t>(id);
}

} // namespace flowlens
