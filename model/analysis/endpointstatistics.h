#pragma once

#include "store/selection.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace flowlens {

// Per address over a selection: what it sent and received, how many peers and ports it touched,
// and how much of its traffic was rejected. Top talkers are the endpoints with the most bytes.
struct EndpointRow {
    AddressId address;
    std::uint64_t bytesOut = 0; // as srcaddr
    std::uint64_t bytesIn = 0; // as dstaddr
    std::uint64_t packetsOut = 0;
    std::uint64_t packetsIn = 0;
    std::uint64_t records = 0; // records with the address on either side
    std::uint64_t rejects = 0; // REJECT records with the address on either side
    std::uint32_t peers = 0; // distinct addresses on the other side
    std::uint32_t dstPorts = 0; // distinct destination ports of the flows it sent
    std::uint64_t totalBytes() const { return bytesIn + bytesOut; }
};

enum class EndpointOrder { TotalBytes, BytesOut, BytesIn, Records, Rejects };

struct EndpointStatistics {
    std::vector<EndpointRow> rows; // sorted by the order asked, largest first

    // limit 0: every endpoint. Peer and port counts are computed for the returned rows only. Once
    // *cancel is set the work stops early and the result is incomplete: a caller that sets it
    // throws the result away.
    static EndpointStatistics compute(const Selection& selection, std::size_t limit = 0,
        EndpointOrder order = EndpointOrder::TotalBytes, const std::atomic<bool>* cancel = nullptr);
};

} // namespace flowlens
