#pragma once

#include "flowgenerator.h"
#include "schema/field.h"
#include "synthrecord.h"
#include "synthtopology.h"

#include <QString>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace flowlens {

class Topology;

// The flow log of a lab: records on the interfaces of a described estate, written in a custom
// format (any list of the version 2-5 fields) to gzip files named and cut as S3 delivers them.
class LabFlowLog {
public:
    LabFlowLog(
        const Topology& topology, QString accountId, QString region, QString flowLogId, std::vector<FieldId> fields);

    // The custom format of the labs: the default fields, then vpc-id … flow-direction of version 3-5.
    static std::vector<FieldId> labFields();

    // The interface of the topology with this id (nullptr when there is none).
    const SynthEni* eni(const QString& id) const;
    // A new record on `eni`; pkt-srcaddr and pkt-dstaddr default to srcaddr and dstaddr when written.
    SynthRecord& add(const SynthEni& eni);
    const std::deque<SynthRecord>& records() const { return m_records; }

    // The header line and a record line, newline included.
    std::string header() const;
    std::string line(const SynthRecord& record) const;

    // Writes the records, ordered by start time, into gzip files under `folder`, one per
    // `fileSeconds` of start times (counted from `origin`) that has records, named
    // {account}_vpcflowlogs_{region}_{flow-log-id}_{YYYYMMDDTHHmmZ}_{hash}.log.gz. Adds the
    // file names (relative to `folder`) to result.files.
    bool write(const QString& folder, std::int64_t origin, std::int64_t fileSeconds, std::uint64_t seed,
        GenerateResult& result) const;

private:
    QString m_accountId;
    QString m_region;
    QString m_flowLogId;
    std::vector<FieldId> m_fields;
    int m_version = 2;
    std::vector<SynthVpc> m_vpcs;
    std::vector<SynthSubnet> m_subnets;
    std::vector<SynthEni> m_enis;
    std::deque<SynthRecord> m_records; // a deque keeps references from add() valid
};

} // namespace flowlens
