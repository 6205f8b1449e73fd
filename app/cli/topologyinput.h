#pragma once

#include "topology/topology.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace flowlens::cli {

// Loads a folder (or file) of AWS CLI describe-* JSON for a command; prints every error and
// warning on stderr as "flowlens-cli COMMAND: file:line:col: path: message". nullopt on errors.
std::optional<Topology> loadTopology(const QString& path, const QString& command);

// The topology as JSON: VPCs with their subnets and interfaces, peering connections (`topology show
// --output json`, `topology --out x.json`).
QJsonObject topologyToJson(const Topology& topology);

// "tcp", "udp", "icmp", "icmpv6", "all" or a number 0-255.
std::optional<int> parseProtocol(const QString& text);

} // namespace flowlens::cli
