#pragma once

#include "fakeawsserver.h"

#include <QHash>
#include <map>
#include <memory>

// A small EC2 Query API behind FakeAwsServer: each describe action serves its items (XML snippets
// as EC2 writes them) in pages of pageSize with NextToken, checks Version, and answers the errors
// the tests switch on in EC2's <Response><Errors> form. Runs on the server thread.
struct FakeEc2Resource {
    QByteArray setElement; // "vpcSet"
    std::vector<QByteArray> items; // "<item><vpcId>…</vpcId>…</item>"
};

struct FakeEc2Error {
    int status = 403;
    QString code;
    QString message;
};

struct FakeEc2State {
    std::map<QString, FakeEc2Resource> resources; // by action
    int pageSize = 2;
    std::map<QString, FakeEc2Error> errors; // action → the error it answers with
    std::vector<QHash<QString, QString>> forms; // every request served, in order
};

FakeAwsServer::Handler fakeEc2Handler(std::shared_ptr<FakeEc2State> state);

// Two peered VPCs and a third one (so DescribeVpcs takes two pages of two), with a subnet each for
// the first two, route tables, a security group, a network ACL, an internet and a NAT gateway, an
// interface and the instance it belongs to, written as EC2's XML.
void addPeeringLab(FakeEc2State& state);
