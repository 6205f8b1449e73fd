#pragma once

#include "topology.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace flowlens {

// A problem in one input file, with where it is: a byte position for JSON syntax errors (shown as
// line:column), a JSON path ("RouteTables[1].Routes[0].DestinationCidrBlock") for content errors.
struct TopologyProblem {
    QString file;
    int line = 0; // 1-based; 0 when the problem is not at one place in the text
    int column = 0;
    QString path;
    QString message;
    QString toString() const;
};

struct TopologyLoadResult {
    Topology topology;
    std::vector<TopologyProblem> errors; // the load failed when not empty
    std::vector<TopologyProblem> warnings; // documents that were skipped, duplicate ids, …
    QStringList files; // every file read, in order
    bool ok() const { return errors.empty(); }
};

// Reads the JSON the AWS CLI prints for the EC2 describe calls FlowLens uses (describe-vpcs,
// -subnets, -route-tables, -vpc-peering-connections, -network-interfaces, -security-groups,
// -network-acls, -internet-gateways, -nat-gateways, -instances): a folder of *.json files (read
// in name order), or one file; any file may hold several JSON documents one after the other.
class AwsJsonLoader {
public:
    static TopologyLoadResult load(const QString& path);
    // Adds the documents in `text` (named `file` in messages) to `result`.
    static void loadText(const QByteArray& text, const QString& file, TopologyLoadResult& result);

    // Splits concatenated JSON documents; each piece is [begin, end) in `text`. Stops at the first
    // text that is not a document and reports its position in *garbageAt (else -1).
    struct Piece {
        qsizetype begin = 0;
        qsizetype end = 0;
    };
    static std::vector<Piece> splitDocuments(const QByteArray& text, qsizetype* garbageAt);
};

} // namespace flowlens
