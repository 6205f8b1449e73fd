#pragma once

#include "awsjsonclient.h"
#include "topology/awsjsonloader.h"

#include <QJsonObject>
#include <QString>
#include <atomic>
#include <functional>
#include <vector>

namespace flowlens {

// One EC2 describe call and the file the AWS CLI's JSON of it is saved as.
struct Ec2DescribeCall {
    const char* action; // "DescribeVpcs"
    const char* file; // "describe-vpcs.json"
};

struct Ec2Document {
    QString file;
    QJsonObject json; // the AWS CLI's JSON, every page's list joined
};

struct TopologyPullResult {
    std::vector<Ec2Document> documents; // in calls() order, as far as the pull got
    TopologyLoadResult load; // the topology built from them by AwsJsonLoader
    AwsError error; // the call that failed; its message names the action
    bool cancelled = false;
    bool ok() const { return !error.isError() && !cancelled && load.ok(); }
};

// Reads a region's network with the EC2 Query API (Action=DescribeVpcs&Version=2016-11-15, XML
// answers, followed page by page with NextToken), converts each answer to the JSON the AWS CLI
// prints (Ec2XmlReader) and builds the Topology with AwsJsonLoader, exactly as if the user had run
// `aws ec2 describe-*` and opened the folder. Blocks its thread (run it on a worker in a GUI).
class Ec2TopologyPuller {
public:
    using ProgressCallback = std::function<bool(const QString& action, int done, int total)>; // false: cancel

    explicit Ec2TopologyPuller(AwsJsonClient& client)
        : m_client(client)
    {
    }

    TopologyPullResult pull(const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);
    // One describe call, every page; `error` says why it stopped early.
    QJsonObject describe(const QString& action, AwsError& error, const std::atomic<bool>* cancel = nullptr);

    static const std::vector<Ec2DescribeCall>& calls();
    static constexpr const char* kApiVersion = "2016-11-15";
    static QByteArray formBody(const std::vector<std::pair<QString, QString>>& parameters);
    // Writes each document as <dir>/<file> (indented JSON), creating dir; what `topology show` reads.
    static bool writeDocuments(const std::vector<Ec2Document>& documents, const QString& dir, QString& error);

private:
    AwsJsonClient& m_client;
};

} // namespace flowlens
