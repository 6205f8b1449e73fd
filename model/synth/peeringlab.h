#pragma once

#include "labscenario.h"

namespace flowlens {

// The classic two-VPC lab (issue 7; the contract in the lab's lab.json): instance-1 in 10.1.0.0/16
// pings instance-2 in 10.2.0.0/16 and gets no reply until a peering connection and its routes are
// added; the flow log of VPC 1 shows it, with a scanner, an SSH session and downloads around it.
class PeeringLab : public LabScenario {
public:
    static constexpr std::int64_t kStart = 1793610000; // 2026-11-02T09:00:00Z

    LabDescription description() const override;

protected:
    std::vector<std::pair<QString, Topology>> topologies() const override;
    bool writeFlowLogs(const QString& folder, GenerateResult& result) override;

private:
    static Topology topology(bool peered);
};

} // namespace flowlens
