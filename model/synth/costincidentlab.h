#pragma once

#include "labscenario.h"

namespace flowlens {

// The incident lab "unexpected data-transfer cost": two web servers of a small shop upload
// gigabytes to an unknown address for an hour, until a network-ACL deny rule (the one
// NetworkAclContainment proposes) stops it; the shop's own traffic goes on.
class CostIncidentLab : public LabScenario {
public:
    static constexpr std::int64_t kStart = 1793700000; // 2026-11-03T10:00:00Z
    static constexpr std::int64_t kContained = kStart + 3600; // 11:00
    static constexpr std::int64_t kEnd = kStart + 5400; // 11:30

    LabDescription description() const override;

protected:
    std::vector<std::pair<QString, Topology>> topologies() const override;
    bool writeFlowLogs(const QString& folder, GenerateResult& result) override;

private:
    static Topology topology(bool contained);
};

} // namespace flowlens
