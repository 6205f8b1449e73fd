#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace flowlens {

// One EC2 Query API answer (<DescribeVpcsResponse>…) read into the JSON the AWS CLI prints for it
// ({"Vpcs": [{"VpcId": …, "Tags": [{"Key": …}]}]}), so AwsJsonLoader builds the topology from
// either. Element names become the CLI's member names (vpcSet → Vpcs, groups → UserIdGroupPairs,
// instanceState → State, …; otherwise the first letter upper-cased), <item> lists become arrays,
// "true"/"false" become booleans and the numeric members the loader reads (ports, rule numbers)
// become numbers. requestId and nextToken are not part of the document: nextToken is returned
// apart for paging.
struct Ec2XmlPage {
    QJsonObject document;
    QString nextToken;
    QString error; // "line 3, column 7: …" when the text is not a describe answer
    bool ok() const { return error.isEmpty(); }
};

class Ec2XmlReader {
public:
    static Ec2XmlPage read(const QByteArray& xml);
    // The CLI's member name for an element, given the list its enclosing <item> belongs to.
    static QString memberName(const QString& element, const QString& enclosingList);
};

} // namespace flowlens
