#include "flowevidence.h"

namespace flowlens {

QString FlowEvidence::summary() const
{
    if (empty()) {
        return QStringLiteral("no records of this flow in the loaded flow logs");
    }
    QString text = QString::number(requests)
        + (requests == 1 ? QStringLiteral(" request record") : QStringLiteral(" request records"))
        + QStringLiteral(" (") + QString::number(requestRejects) + QStringLiteral(" REJECT, ")
        + QString::number(requestBytes) + QStringLiteral(" bytes), ") + QString::number(replies)
        + (replies == 1 ? QStringLiteral(" reply record") : QStringLiteral(" reply records"));
    if (replyRejects > 0) {
        text += QStringLiteral(" (") + QString::number(replyRejects) + QStringLiteral(" REJECT)");
    }
    if (oneWay()) {
        text += QStringLiteral(": one-way, requests got no replies");
    }
    return text;
}

FlowEvidence FlowEvidence::find(const FlowStore& store, const FlowQuery& query)
{
    FlowEvidence evidence;
    const auto srcId = store.findAddress(query.source);
    const auto dstId = store.findAddress(query.destination);
    if (!srcId || !dstId) {
        return evidence;
    }
    const std::int64_t a = srcId->value;
    const std::int64_t b = dstId->value;
    const bool ports = query.protocol == 6 || query.protocol == 17;
    const FlowStore::Snapshot snapshot = store.snapshot();
    std::vector<std::int64_t> src(kChunkRows), dst(kChunkRows), sport(kChunkRows), dport(kChunkRows), proto(kChunkRows),
        action(kChunkRows), bytes(kChunkRows);
    for (std::uint32_t c = 0; c < snapshot.chunks.size(); ++c) {
        const Chunk& chunk = *snapshot.chunks[c];
        const std::uint32_t n = chunk.rowCount();
        chunk.decode(FieldId::SrcAddr, 0, n, src.data());
        chunk.decode(FieldId::DstAddr, 0, n, dst.data());
        chunk.decode(FieldId::SrcPort, 0, n, sport.data());
        chunk.decode(FieldId::DstPort, 0, n, dport.data());
        chunk.decode(FieldId::Protocol, 0, n, proto.data());
        chunk.decode(FieldId::Action, 0, n, action.data());
        chunk.decode(FieldId::Bytes, 0, n, bytes.data());
        for (std::uint32_t r = 0; r < n; ++r) {
            if (proto[r] != query.protocol) {
                continue;
            }
            const bool reject = action[r] == 1; // the store seeds ACCEPT = 0, REJECT = 1
            const bool request = src[r] == a && dst[r] == b && (!ports || dport[r] == query.port)
                && (!query.sourcePort || sport[r] == *query.sourcePort);
            const bool reply = src[r] == b && dst[r] == a && (!ports || sport[r] == query.port)
                && (!query.sourcePort || dport[r] == *query.sourcePort);
            if (!request && !reply) {
                continue;
            }
            if (reject && evidence.rejectRows.size() < kMaxRows) {
                evidence.rejectRows.push_back(makeRowId(c, r));
            }
            if (request) {
                ++evidence.requests;
                evidence.requestRejects += reject;
                evidence.requestBytes += bytes[r] == kNull ? 0 : static_cast<std::uint64_t>(bytes[r]);
                if (evidence.requestRows.size() < kMaxRows) {
                    evidence.requestRows.push_back(makeRowId(c, r));
                }
            } else {
                ++evidence.replies;
                evidence.replyRejects += reject;
            }
        }
    }
    return evidence;
}

} // namespace flowlens
