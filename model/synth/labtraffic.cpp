#include "labtraffic.h"

#include "labflowlog.h"

#include <algorithm>

namespace flowlens {

std::uint64_t LabTraffic::packetsFor(std::uint64_t bytes, std::uint32_t averagePacketSize)
{
    // At least one packet; none smaller than bare headers (40) or larger than the jumbo MTU (9001).
    const std::uint64_t packets = std::max<std::uint64_t>(1, bytes / std::max<std::uint32_t>(averagePacketSize, 40));
    return std::clamp<std::uint64_t>(packets, (bytes + 9000) / 9001, std::max<std::uint64_t>(1, bytes / 40));
}

SynthRecord& LabTraffic::record(const SynthEni& observer, bool outbound)
{
    SynthRecord& r = m_log.add(observer);
    r.direction = outbound ? FlowDirection::Egress : FlowDirection::Ingress;
    return r;
}

SynthRecord& LabTraffic::requestRecord(const SynthEni& observer, bool observerIsClient, const Flow& flow)
{
    SynthRecord& r = record(observer, observerIsClient);
    r.src = flow.client;
    r.dst = flow.server;
    r.srcPort = flow.protocol == kIcmp ? 0 : flow.clientPort;
    r.dstPort = flow.protocol == kIcmp ? 0 : flow.serverPort;
    r.protocol = flow.protocol;
    return r;
}

void LabTraffic::connection(const SynthEni& observer, bool observerIsClient, const Flow& flow, std::int64_t from,
    std::int64_t to, const VolumeOf& volume)
{
    for (std::int64_t window = from - from % kInterval; window <= to; window += kInterval) {
        const std::int64_t start = std::max(from, window);
        const std::int64_t end = std::min(to, window + kInterval - 1);
        const bool opens = start == from;
        const bool closes = end == to;
        const Volume v = volume(window);

        SynthRecord& request = requestRecord(observer, observerIsClient, flow);
        request.bytes = std::max<std::uint64_t>(v.requestBytes, 40);
        request.packets = packetsFor(request.bytes, v.requestPacketSize);
        request.start = start;
        request.end = end;

        SynthRecord& reply = record(observer, !observerIsClient);
        reply.src = flow.server;
        reply.dst = flow.client;
        reply.srcPort = request.dstPort;
        reply.dstPort = request.srcPort;
        reply.protocol = flow.protocol;
        reply.bytes = std::max<std::uint64_t>(v.replyBytes, 40);
        reply.packets = packetsFor(reply.bytes, v.replyPacketSize);
        // The first reply leaves a moment after the request arrives.
        reply.start = std::min(end, start + (opens ? 1 : 0));
        reply.end = end;
        if (flow.protocol == kTcp) {
            request.tcpFlags = static_cast<std::int16_t>((opens ? 2 : 0) | (closes ? 1 : 0));
            reply.tcpFlags = static_cast<std::int16_t>((opens ? 18 : 0) | (closes ? 1 : 0));
        }
    }
}

void LabTraffic::ping(const SynthEni& observer, const IpAddress& source, const IpAddress& target, std::int64_t from,
    std::int64_t to, bool replied)
{
    const bool atSource = observer.ipv4 == source;
    for (std::int64_t window = from - from % kInterval; window <= to; window += kInterval) {
        const std::int64_t start = std::max(from, window);
        const std::int64_t end = std::min(to, window + kInterval - 1);
        const auto echoes = static_cast<std::uint64_t>(end - start + 1);
        // The requests, then (when they come) as many replies in the same seconds.
        for (const bool reply : { false, replied }) {
            SynthRecord& r = record(observer, atSource != reply);
            r.src = reply ? target : source;
            r.dst = reply ? source : target;
            r.protocol = kIcmp;
            r.packets = echoes;
            r.bytes = echoes * kEchoBytes;
            r.start = start;
            r.end = end;
            if (!replied) {
                break;
            }
        }
    }
}

void LabTraffic::rejected(const SynthEni& observer, bool observerIsClient, const Flow& flow, std::int64_t at,
    int attempts, std::uint32_t synBytes)
{
    // Retries follow after 1 s and 3 s, inside the same interval when there is room.
    SynthRecord& r = requestRecord(observer, observerIsClient, flow);
    r.packets = static_cast<std::uint64_t>(std::max(1, attempts));
    r.bytes = r.packets * synBytes;
    r.start = at;
    r.end = std::min(at + (attempts > 1 ? (1 << (attempts - 1)) - 1 : 0), at - at % kInterval + kInterval - 1);
    r.action = SynthAction::Reject;
    r.tcpFlags = flow.protocol == kTcp ? 2 : 0;
}

} // namespace flowlens
