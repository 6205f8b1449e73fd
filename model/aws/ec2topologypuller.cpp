#include "ec2topologypuller.h"

#include "topology/ec2xmlreader.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QUrl>

namespace flowlens {

const std::vector<Ec2DescribeCall>& Ec2TopologyPuller::calls()
{
    static const std::vector<Ec2DescribeCall> list {
        { "DescribeVpcs", "describe-vpcs.json" },
        { "DescribeSubnets", "describe-subnets.json" },
        { "DescribeRouteTables", "describe-route-tables.json" },
        { "DescribeVpcPeeringConnections", "describe-vpc-peering-connections.json" },
        { "DescribeSecurityGroups", "describe-security-groups.json" },
        { "DescribeNetworkAcls", "describe-network-acls.json" },
        { "DescribeInternetGateways", "describe-internet-gateways.json" },
        { "DescribeNatGateways", "describe-nat-gateways.json" },
        { "DescribeNetworkInterfaces", "describe-network-interfaces.json" },
        { "DescribeInstances", "describe-instances.json" },
    };
    return list;
}

QByteArray Ec2TopologyPuller::formBody(const std::vector<std::pair<QString, QString>>& parameters)
{
    QByteArray body;
    for (const auto& [name, value] : parameters) {
        if (!body.isEmpty()) {
            body += '&';
        }
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

QJsonObject Ec2TopologyPuller::describe(const QString& action, AwsError& error, const std::atomic<bool>* cancel)
{
    error = {};
    QJsonObject merged;
    QString token;
    QSet<QString> seen;
    for (;;) {
        std::vector<std::pair<QString, QString>> parameters { { QStringLiteral("Action"), action },
            { QStringLiteral("Version"), QLatin1String(kApiVersion) },
            { QStringLiteral("MaxResults"), QStringLiteral("1000") } };
        if (!token.isEmpty()) {
            parameters.emplace_back(QStringLiteral("NextToken"), token);
        }
        AwsHttpRequest request;
        request.operation = action;
        request.contentType = "application/x-www-form-urlencoded; charset=utf-8";
        request.body = formBody(parameters);
        const AwsRawResponse response = m_client.exchange(request, cancel);
        if (response.error.isError()) {
            error = response.error;
            return merged;
        }
        const Ec2XmlPage page = Ec2XmlReader::read(response.body);
        if (!page.ok()) {
            error.kind = AwsError::Kind::BadResponse;
            error.message = QStringLiteral("%1 answered %2 with XML FlowLens cannot read (%3)")
                                .arg(m_client.config().endpoint.toString(), action, page.error);
            return merged;
        }
        for (auto it = page.document.begin(); it != page.document.end(); ++it) {
            if (it.value().isArray() && merged.value(it.key()).isArray()) {
                QJsonArray joined = merged.value(it.key()).toArray();
                for (const QJsonValue& v : it.value().toArray()) {
                    joined.append(v);
                }
                merged.insert(it.key(), joined);
            } else {
                merged.insert(it.key(), it.value());
            }
        }
        if (page.nextToken.isEmpty() || seen.contains(page.nextToken)) {
            return merged; // the last page (a repeated token would loop forever)
        }
        seen.insert(page.nextToken);
        token = page.nextToken;
    }
}

TopologyPullResult Ec2TopologyPuller::pull(const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    TopologyPullResult result;
    const auto& list = calls();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const QString action = QLatin1String(list[i].action);
        if ((cancel && cancel->load())
            || (progress && !progress(action, static_cast<int>(i), static_cast<int>(list.size())))) {
            result.cancelled = true;
            return result;
        }
        AwsError error;
        QJsonObject json = describe(action, error, cancel);
        if (error.kind == AwsError::Kind::Cancelled) {
            result.cancelled = true;
            return result;
        }
        if (error.isError()) {
            error.message = action + QStringLiteral(": ") + error.message;
            result.error = error;
            return result;
        }
        const QString file = QLatin1String(list[i].file);
        AwsJsonLoader::loadText(QJsonDocument(json).toJson(QJsonDocument::Compact), file, result.load);
        result.load.files << file;
        result.documents.push_back({ file, std::move(json) });
    }
    if (progress) {
        progress({}, static_cast<int>(list.size()), static_cast<int>(list.size()));
    }
    return result;
}

bool Ec2TopologyPuller::writeDocuments(const std::vector<Ec2Document>& documents, const QString& dir, QString& error)
{
    if (!QDir().mkpath(dir)) {
        error = QStringLiteral("%1: cannot create the folder").arg(QDir::toNativeSeparators(dir));
        return false;
    }
    for (const Ec2Document& d : documents) {
        QSaveFile file(QDir(dir).filePath(d.file));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(d.json).toJson(QJsonDocument::Indented)) < 0
            || !file.commit()) {
            error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(file.fileName()), file.errorString());
            return false;
        }
    }
    return true;
}

} // namespace flowlens
