#include "recordflowquery.h"

namespace flowlens {

std::optional<FlowQuery> flowQueryOfRecord(const FlowStore& store, RowId row, QString* error)
{
    auto fail = [error](const QString& why) -> std::optional<FlowQuery> {
        if (error) {
            *error = why;
        }
        return std::nullopt;
    };
    const FlowStore::Snapshot snapshot = store.snapshot();
    if (chunkOf(row) >= snapshot.chunks.size() || rowOf(row) >= snapshot.chunk(row).rowCount()) {
        return fail(QStringLiteral("record %1 is not in the store").arg(row.value));
    }
    const Chunk& chunk = snapshot.chunk(row);
    const std::uint32_t r = rowOf(row);
    const std::int64_t src = chunk.value(FieldId::SrcAddr, r);
    const std::int64_t dst = chunk.value(FieldId::DstAddr, r);
    const std::int64_t protocol = chunk.value(FieldId::Protocol, r);
    if (src == kNull || dst == kNull || protocol == kNull) {
        return fail(QStringLiteral("the record has no %1 (a NODATA or SKIPDATA record names no flow)")
                        .arg(src == kNull      ? QStringLiteral("source address")
                                : dst == kNull ? QStringLiteral("destination address")
                                               : QStringLiteral("protocol")));
    }
    FlowQuery query;
    query.source = store.address(AddressId(src));
    query.destination = store.address(AddressId(dst));
    query.protocol = static_cast<int>(protocol);
    if (query.protocol == 6 || query.protocol == 17) {
        const std::int64_t port = chunk.value(FieldId::DstPort, r);
        const std::int64_t sourcePort = chunk.value(FieldId::SrcPort, r);
        query.port = port == kNull ? 0 : static_cast<int>(port);
        if (sourcePort != kNull) {
            query.sourcePort = static_cast<int>(sourcePort);
        }
    }
    return query;
}

} // namespace flowlens
