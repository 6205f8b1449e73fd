#pragma once

#include "store/selection.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace flowlens {

// Both directions of traffic between two addresses over one protocol, as one row: A is the
// lower address id, B the higher; "a to b" counts records whose srcaddr is A.
struct ConversationRow {
    AddressId a;
    AddressId b;
    std::int64_t protocol = kNull;
    std::uint64_t bytesAtoB = 0;
    std::uint64_t bytesBtoA = 0;
    std::uint64_t packetsAtoB = 0;
    std::uint64_t packetsBtoA = 0;
    std::uint64_t recordsAtoB = 0;
    std::uint64_t recordsBtoA = 0;
    std::uint64_t rejects = 0;
    std::int64_t firstSeen = kNull; // earliest start
    std::int64_t lastSeen = kNull; // latest end
    std::uint64_t totalBytes() const { return bytesAtoB + bytesBtoA; }
    std::int64_t durationSeconds() const { return firstSeen == kNull || lastSeen == kNull ? 0 : lastSeen - firstSeen; }
    bool oneWay() const { return recordsAtoB == 0 || recordsBtoA == 0; }
};

struct ConversationStatistics {
    std::vector<ConversationRow> rows; // largest total bytes first

    // limit 0: every conversation. Once *cancel is set the work stops early and the result is
    // incomplete: a caller that sets it throws the result away.
    static ConversationStatistics compute(
        const Selection& selection, std::size_t limit = 0, const std::atomic<bool>* cancel = nullptr);
};

} // namespace flowlens
