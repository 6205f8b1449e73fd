#pragma once

#include "awsjsonreader.h"

namespace flowlens {

// Reads managed prefix lists for the topology: `aws ec2 describe-prefix-lists` (AWS's service
// lists, with their CIDRs), `aws ec2 describe-managed-prefix-lists` (the lists, without entries)
// and `aws ec2 get-managed-prefix-list-entries` (entries, without the list's id: taken from a
// "PrefixListId" key beside "Entries", else from the file name, e.g. pl-0a1b2c3d.json).
class PrefixListReader {
public:
    static void readLists(const QJsonArray& items, AwsJsonReader& r, Topology& t);
    static void readEntries(const QJsonObject& root, const QString& file, AwsJsonReader& r, Topology& t);
};

} // namespace flowlens
