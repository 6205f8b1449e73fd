#pragma once

// Helpers shared by the generator tests: a plain reading of flow-log text that shares no code with
// FlowLens's parser, gunzip, and running flowlens-cli.

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <string>
#include <vector>

namespace synthtest {

// Typed out here from AWS's field table rather than taken from the field catalogue.
inline const QByteArray V2Header
    = QByteArrayLiteral("version account-id interface-id srcaddr dstaddr srcport dstport protocol "
                        "packets bytes start end action log-status");
inline const QByteArray V5Header = V2Header
    + QByteArrayLiteral(" vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id "
                        "sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction "
                        "traffic-path");

// Column positions in both formats (v5 extends v2).
enum Column {
    Version,
    Account,
    Interface,
    SrcAddr,
    DstAddr,
    SrcPort,
    DstPort,
    Protocol,
    Packets,
    Bytes,
    Start,
    End,
    Action,
    LogStatus,
    VpcId,
    SubnetId,
    InstanceId,
    TcpFlags,
    Type,
    PktSrcAddr,
    PktDstAddr,
    Region,
    AzId,
    SublocationType,
    SublocationId,
    PktSrcService,
    PktDstService,
    Direction,
    TrafficPath,
};

constexpr std::int64_t DefaultStart = 1793491200; // 2026-11-01T00:00:00Z, worked out with date(1)

using Record = std::vector<std::string>;

// A deliberately plain reading of S3 text that shares nothing with FlowLens's parser: lines end at
// '\n', fields are separated by single spaces, and a line that starts with "version " is a header.
struct FlowText {
    std::vector<QByteArray> headers;
    std::vector<Record> records;
    bool endsWithNewline = true;
};

FlowText splitText(const QByteArray& bytes);
QByteArray readAll(const QString& path);
// Inflates every gzip member in `data`; sets `ok` to false on a broken or truncated stream.
QByteArray gunzip(const QByteArray& data, bool& ok);
// The file's text, inflated when it is gzip; `ok` false when it cannot be read or inflated.
QByteArray readText(const QString& path, bool& ok);
// True for addresses inside the generator's two VPCs (10.1/16, 10.2/16 and their IPv6 /56s).
bool isInside(const std::string& address);
bool isV6(const std::string& address);
std::uint64_t number(const std::string& field);

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Runs flowlens-cli with `args` (the command first).
CliRun runCli(const QStringList& args);
// Runs `flowlens-cli generate` with `args`.
CliRun runGenerate(const QStringList& args);

} // namespace synthtest
