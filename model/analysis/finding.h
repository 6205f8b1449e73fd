#pragma once

#include "store/ids.h"

#include <QString>
#include <cstdint>
#include <vector>

namespace flowlens {

enum class Severity { Info, Low, Medium, High };

const char* severityName(Severity s);

// One suspicious pattern with the records that show it.
struct Finding {
    QString kind; // stable id: "port-scan", "ssh-brute-force", …
    Severity severity = Severity::Info;
    QString title; // one line: "10.0.0.5 scanned 312 ports on 10.1.0.7"
    QString explanation; // plain language: what it is, why it matters, what to do
    QString guardDutyType; // the matching GuardDuty finding type, empty when none
    QString filter; // a query filter expression that selects the evidence
    std::uint64_t evidenceCount = 0; // records that show it
    std::vector<RowId> evidence; // the first of them (at most FindingOptions::maxEvidence)
    double metric = 0; // the figure the threshold was applied to (ports, attempts, bytes, …)
};

} // namespace flowlens
