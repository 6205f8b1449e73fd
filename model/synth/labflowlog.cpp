#include "labflowlog.h"

#include "flowlogfilewriter.h"
#include "randomgenerator.h"
#include "recordformatter.h"
#include "topology/awsjsonwriter.h"
#include "topology/topology.h"

#include <QDateTime>
#include <QDir>
#include <QTimeZone>
#include <algorithm>
#include <map>

namespace flowlens {

LabFlowLog::LabFlowLog(
    const Topology& topology, QString accountId, QString region, QString flowLogId, std::vector<FieldId> fields)
    : m_accountId(std::move(accountId))
    , m_region(std::move(region))
    , m_flowLogId(std::move(flowLogId))
    , m_fields(std::move(fields))
{
    for (const FieldId f : m_fields) {
        m_version = std::max<int>(m_version, fieldInfo(f).version);
    }
    for (const Vpc& v : topology.vpcs) {
        SynthVpc vpc;
        vpc.id = v.id.toStdString();
        m_vpcs.push_back(vpc);
    }
    for (const Subnet& s : topology.subnets) {
        SynthSubnet subnet;
        subnet.id = s.id.toStdString();
        subnet.azId = AwsJsonWriter::zoneId(s.availabilityZone).toStdString();
        const auto vpc
            = std::find_if(topology.vpcs.begin(), topology.vpcs.end(), [&](const Vpc& v) { return v.id == s.vpcId; });
        subnet.vpcIndex = static_cast<std::uint32_t>(vpc - topology.vpcs.begin());
        m_subnets.push_back(subnet);
    }
    for (const NetworkInterface& n : topology.interfaces) {
        SynthEni eni;
        eni.id = n.id.toStdString();
        eni.instanceId = n.instanceId.isEmpty() ? std::string("-") : n.instanceId.toStdString();
        if (!n.privateAddresses.empty() && n.privateAddresses.front().isIpv4()) {
            eni.ipv4 = IpAddress::fromV4(n.privateAddresses.front().ipv4());
        }
        const auto subnet = std::find_if(
            topology.subnets.begin(), topology.subnets.end(), [&](const Subnet& s) { return s.id == n.subnetId; });
        eni.subnetIndex = static_cast<std::uint32_t>(subnet - topology.subnets.begin());
        eni.vpcIndex = eni.subnetIndex < m_subnets.size() ? m_subnets[eni.subnetIndex].vpcIndex : 0;
        m_enis.push_back(std::move(eni));
    }
}

std::vector<FieldId> LabFlowLog::labFields()
{
    return { FieldId::Version, FieldId::AccountId, FieldId::InterfaceId, FieldId::SrcAddr, FieldId::DstAddr,
        FieldId::SrcPort, FieldId::DstPort, FieldId::Protocol, FieldId::Packets, FieldId::Bytes, FieldId::Start,
        FieldId::End, FieldId::Action, FieldId::LogStatus, FieldId::VpcId, FieldId::SubnetId, FieldId::InstanceId,
        FieldId::TcpFlags, FieldId::Type, FieldId::PktSrcAddr, FieldId::PktDstAddr, FieldId::FlowDirection };
}

const SynthEni* LabFlowLog::eni(const QString& id) const
{
    const std::string key = id.toStdString();
    const auto it = std::find_if(m_enis.begin(), m_enis.end(), [&](const SynthEni& e) { return e.id == key; });
    return it == m_enis.end() ? nullptr : &*it;
}

SynthRecord& LabFlowLog::add(const SynthEni& eni)
{
    SynthRecord& r = m_records.emplace_back();
    r.eni = &eni;
    return r;
}

std::string LabFlowLog::header() const
{
    std::string text;
    for (const FieldId f : m_fields) {
        text += text.empty() ? "" : " ";
        text += fieldInfo(f).awsName;
    }
    return text + '\n';
}

std::string LabFlowLog::line(const SynthRecord& r) const
{
    std::string text;
    char buffer[64];
    const auto number
        = [&](std::uint64_t value) { text.append(buffer, RecordFormatter::writeUnsigned(buffer, value)); };
    const auto address = [&](const IpAddress& a) { text.append(buffer, RecordFormatter::writeAddress(buffer, a)); };
    const SynthEni& eni = *r.eni;
    const bool inSubnet = eni.subnetIndex < m_subnets.size();
    for (const FieldId f : m_fields) {
        if (!text.empty()) {
            text += ' ';
        }
        switch (f) {
        case FieldId::Version:
            number(static_cast<std::uint64_t>(m_version));
            break;
        case FieldId::AccountId:
            text += m_accountId.toStdString();
            break;
        case FieldId::InterfaceId:
            text += eni.id;
            break;
        case FieldId::SrcAddr:
            address(r.src);
            break;
        case FieldId::DstAddr:
            address(r.dst);
            break;
        case FieldId::SrcPort:
            number(r.srcPort);
            break;
        case FieldId::DstPort:
            number(r.dstPort);
            break;
        case FieldId::Protocol:
            number(r.protocol);
            break;
        case FieldId::Packets:
            number(r.packets);
            break;
        case FieldId::Bytes:
            number(r.bytes);
            break;
        case FieldId::Start:
            number(static_cast<std::uint64_t>(r.start));
            break;
        case FieldId::End:
            number(static_cast<std::uint64_t>(r.end));
            break;
        case FieldId::Action:
            text += r.action == SynthAction::Accept ? "ACCEPT" : "REJECT";
            break;
        case FieldId::LogStatus:
            text += "OK";
            break;
        case FieldId::VpcId:
            text += inSubnet ? m_vpcs[eni.vpcIndex].id : "-";
            break;
        case FieldId::SubnetId:
            text += inSubnet ? m_subnets[eni.subnetIndex].id : "-";
            break;
        case FieldId::InstanceId:
            text += eni.instanceId;
            break;
        case FieldId::TcpFlags:
            number(static_cast<std::uint64_t>(r.tcpFlags));
            break;
        case FieldId::Type:
            text += r.src.isV6 ? "IPv6" : "IPv4";
            break;
        case FieldId::PktSrcAddr:
            address(r.pktSrc == IpAddress {} ? r.src : r.pktSrc);
            break;
        case FieldId::PktDstAddr:
            address(r.pktDst == IpAddress {} ? r.dst : r.pktDst);
            break;
        case FieldId::Region:
            text += m_region.toStdString();
            break;
        case FieldId::AzId:
            text += inSubnet ? m_subnets[eni.subnetIndex].azId : "-";
            break;
        case FieldId::PktSrcAwsService:
            text += RecordFormatter::serviceName(r.pktSrcService);
            break;
        case FieldId::PktDstAwsService:
            text += RecordFormatter::serviceName(r.pktDstService);
            break;
        case FieldId::FlowDirection:
            text += r.direction == FlowDirection::Ingress ? "ingress" : "egress";
            break;
        case FieldId::TrafficPath:
            if (r.trafficPath == 0) {
                text += '-';
            } else {
                number(r.trafficPath);
            }
            break;
        default:
            text += '-';
            break;
        }
    }
    return text + '\n';
}

bool LabFlowLog::write(const QString& folder, std::int64_t origin, std::int64_t fileSeconds, std::uint64_t seed,
    GenerateResult& result) const
{
    std::vector<const SynthRecord*> sorted;
    for (const SynthRecord& r : m_records) {
        sorted.push_back(&r);
    }
    std::stable_sort(
        sorted.begin(), sorted.end(), [](const SynthRecord* a, const SynthRecord* b) { return a->start < b->start; });
    std::map<std::int64_t, std::string> files; // window index → text
    for (const SynthRecord* r : sorted) {
        std::string& text = files[(r->start - origin) / fileSeconds];
        if (text.empty()) {
            text = header();
        }
        text += line(*r);
        ++result.records;
    }
    FlowLogFileWriter writer;
    for (const auto& [window, text] : files) {
        const QDateTime when = QDateTime::fromSecsSinceEpoch(origin + window * fileSeconds, QTimeZone::utc());
        RandomGenerator random(seed * 0x100000001b3ULL + static_cast<std::uint64_t>(window));
        const QString name
            = QStringLiteral("%1_vpcflowlogs_%2_%3_%4_%5.log.gz")
                  .arg(m_accountId, m_region, m_flowLogId, when.toString(QStringLiteral("yyyyMMddTHHmmZ")))
                  .arg(random.next() >> 32, 8, 16, QLatin1Char('0'));
        if (!writer.open(QDir(folder).filePath(name), 9) || !writer.write(text) || !writer.finish()) {
            result.error = writer.error();
            return false;
        }
        result.bytes += writer.bytesWritten();
        result.files << name;
    }
    return true;
}

} // namespace flowlens
