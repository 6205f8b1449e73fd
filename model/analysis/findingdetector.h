#pragma once

#include "finding.h"
#include "store/selection.h"

#include <atomic>
#include <vector>

namespace flowlens {

// Thresholds for every finding; the defaults suit a day of traffic of a few hundred interfaces.
struct FindingOptions {
    int portScanMinPorts = 100; // distinct destination ports one source tried on one host …
    int portScanMinHosts = 50; // … or distinct hosts it tried on one port
    double portScanMinRejectShare = 0.5; // share of those attempts that were rejected
    int bruteForceMinAttempts = 20; // connections (distinct client ports) from one source to 22/3389 of one host
    std::int64_t bruteForceMaxAverageBytes = 5000; // bytes the client sent per connection: failed logins send little
    int repeatedRejectMinRecords = 100; // REJECT records from one source (not already a scan)
    std::int64_t spikeBucketSeconds = 300;
    int spikeBaselineBuckets = 12; // rolling baseline: the buckets before
    double spikeMinFactor = 3.0; // bucket ≥ factor × baseline mean (and × the selection's average bucket) …
    double spikeMinSigma = 4.0; // … and ≥ mean + sigma × standard deviation
    int spikeMergeGapBuckets = 1; // spike buckets this many quiet buckets apart are one episode, one finding
    std::int64_t exfiltrationMinBytes = 1'000'000'000; // outbound bytes from one host to one external address
    double costPerGigabyte = 0.09; // USD per GB of data transfer out to the Internet
    int skipDataMaxInterfaceFindings = 5; // more interfaces with SKIPDATA: one finding for all of them
    int oneWayMinRecords = 5; // records one way with none back
    std::size_t maxEvidence = 5000;
};

// Looks for suspicious patterns in a selection. Each detector is independent; their results are
// sorted by severity, then by the figure that triggered them.
class FindingDetector {
public:
    explicit FindingDetector(const FlowStore& store, FindingOptions options = {});

    // Once *cancel is set, the detectors stop early and their results are incomplete: a caller
    // that sets it throws them away.
    void setCancelFlag(const std::atomic<bool>* cancel) { m_cancel = cancel; }

    std::vector<Finding> detect(const Selection& selection) const;

    std::vector<Finding> portScans(const Selection& selection) const;
    std::vector<Finding> bruteForce(const Selection& selection) const;
    std::vector<Finding> repeatedRejects(const Selection& selection, const std::vector<Finding>& scans) const;
    std::vector<Finding> trafficSpikes(const Selection& selection) const;
    std::vector<Finding> largeOutbound(const Selection& selection) const;
    std::vector<Finding> unusualProtocolsAndPorts(const Selection& selection) const;
    std::vector<Finding> skippedData(const Selection& selection) const;
    std::vector<Finding> oneWayTraffic(const Selection& selection) const;

private:
    QString address(std::int64_t id) const;

    const FlowStore& m_store;
    FindingOptions m_options;
    const std::atomic<bool>* m_cancel = nullptr;
};

} // namespace flowlens
