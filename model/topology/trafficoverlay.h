#pragma once

#include "store/selection.h"
#include "topology.h"

#include <map>
#include <vector>

namespace flowlens {

// Traffic of a selection of records laid onto a topology: each address becomes the node that holds
// it (its interface; else the subnet, else the VPC whose CIDR contains it; else "internet"), and
// records are summed per node and per pair of nodes. Both directions of a pair are one link, with
// the records of each direction counted apart so one-way traffic shows.
//
// Traffic between two places of the topology that names one end by its public address went out
// through an internet gateway and came back in: that end is "internet" for the record, so a public
// ping between two VPCs shows on their internet links, not as a private link between them.
class TrafficOverlay {
public:
    static inline const QString kInternet = QStringLiteral("internet");

    struct Stats {
        std::uint64_t bytes = 0;
        std::uint64_t packets = 0;
        std::uint64_t records = 0;
        std::uint64_t rejects = 0;
        std::map<int, std::uint64_t> bytesByPort; // destination port → bytes (TCP/UDP)
        // The ports that carried the most bytes, largest first (ties: lower port first).
        std::vector<std::pair<int, std::uint64_t>> topPorts(std::size_t count) const;
    };
    struct Link {
        QString a; // the lower node id
        QString b;
        Stats stats;
        std::uint64_t recordsAtoB = 0;
        std::uint64_t recordsBtoA = 0;
        bool oneWay() const { return recordsAtoB == 0 || recordsBtoA == 0; }
        bool rejected() const { return stats.rejects > 0; }
    };

    // The selection must come from a snapshot of `store` (its address ids are the store's).
    static TrafficOverlay compute(const Topology& topology, const FlowStore& store, const Selection& selection);

    // The node an address belongs to, as compute() decides it for an address alone.
    static QString nodeOf(const Topology& topology, const Address& address);
    // The nodes of a record's two ends, as compute() decides them (see the public-address rule).
    static std::pair<QString, QString> nodesOf(
        const Topology& topology, const Address& source, const Address& destination);
    // True when the address is a public address of one of the topology's interfaces.
    static bool isInterfacePublicAddress(const Topology& topology, const Address& address);

    // The external addresses (node "internet") that carried the most bytes, busiest first.
    struct External {
        Address address;
        std::uint64_t bytes = 0;
        std::uint64_t records = 0;
    };
    static constexpr std::size_t kMaxExternal = 12;
    const std::vector<External>& busiestExternal() const { return m_external; }

    const std::vector<Link>& links() const { return m_links; } // largest bytes first
    const std::map<QString, Stats>& nodes() const { return m_nodes; }
    const Link* link(const QString& a, const QString& b) const;
    std::uint64_t maxLinkBytes() const { return m_links.empty() ? 0 : m_links.front().stats.bytes; }

private:
    std::vector<Link> m_links;
    std::map<QString, Stats> m_nodes;
    std::vector<External> m_external;
};

} // namespace flowlens
