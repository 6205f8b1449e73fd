#pragma once

#include "labscenario.h"

namespace flowlens {

// The hunting lab: a day of the generator's everyday traffic (FlowGenerator/TrafficMix) in two
// peered VPCs, with its port scan, SSH brute force and exfiltration burst, and the estate's
// configuration as the describe calls would print it.
class HuntingLab : public LabScenario {
public:
    static constexpr std::int64_t kStart = 1793750400; // 2026-11-04T00:00:00Z
    static constexpr std::uint64_t kRecords = 26000;
    static constexpr std::uint32_t kFiles = 24; // one an hour
    static constexpr std::uint64_t kSeed = 4;

    LabDescription description() const override;

protected:
    std::vector<std::pair<QString, Topology>> topologies() const override;
    bool writeFlowLogs(const QString& folder, GenerateResult& result) override;

private:
    static FlowGeneratorOptions options();
};

} // namespace flowlens
