#include "synth/flowgenerator.h"
#include "synth/randomgenerator.h"
#include "synth/recordformatter.h"
#include "synth/synthtopology.h"
#include "synthtext.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using namespace flowlens;

using namespace synthtest;

Q_DECLARE_METATYPE(SynthFormat)

class TestFlowGenerator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(FLOWLENS_CLI)), FLOWLENS_CLI);
        QVERIFY(m_dir.isValid());
    }

    void randomMatchesReference_data()
    {
        QTest::addColumn<quint64>("seed");
        QTest::addColumn<QList<quint64>>("expected");
        // xoshiro256** seeded by splitmix64, computed with a separate Python transcription of the
        // reference C code.
        QTest::addRow("seed 0") << quint64(
            0) << QList<quint64> { 0x99ec5f36cb75f2b4ULL, 0xbf6e1f784956452aULL, 0x1a5f849d4933e6e0ULL };
        QTest::addRow("seed 1") << quint64(
            1) << QList<quint64> { 0xb3f2af6d0fc710c5ULL, 0x853b559647364ceaULL, 0x92f89756082a4514ULL };
        QTest::addRow("seed 42") << quint64(
            42) << QList<quint64> { 0x15780b2e0c2ec716ULL, 0x6104d9866d113a7eULL, 0xae17533239e499a1ULL };
    }
    void randomMatchesReference()
    {
        QFETCH(quint64, seed);
        QFETCH(QList<quint64>, expected);
        RandomGenerator random(seed);
        for (quint64 value : expected) {
            QCOMPARE(random.next(), value);
        }
    }

    void randomRanges()
    {
        RandomGenerator random(7);
        std::set<std::uint32_t> seen;
        for (int i = 0; i < 10'000; ++i) {
            const std::uint32_t v = random.below(10);
            QVERIFY(v < 10);
            seen.insert(v);
            const std::uint32_t b = random.between(1024, 1026);
            QVERIFY(b >= 1024 && b <= 1026);
            const std::uint64_t h = random.heavyTail(300, 600, 5000);
            QVERIFY(h >= 300 && h <= 5000);
        }
        QCOMPARE(seen.size(), std::size_t(10));
        // chance(250000) is a quarter: within 3% of it over 100,000 draws.
        int hits = 0;
        for (int i = 0; i < 100'000; ++i) {
            hits += random.chance(250'000) ? 1 : 0;
        }
        QVERIFY2(hits > 24'250 && hits < 25'750, QByteArray::number(hits));
    }

    void integerText_data()
    {
        QTest::addColumn<quint64>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("zero") << quint64(0) << QByteArray("0");
        QTest::addRow("nine") << quint64(9) << QByteArray("9");
        QTest::addRow("ten") << quint64(10) << QByteArray("10");
        QTest::addRow("99") << quint64(99) << QByteArray("99");
        QTest::addRow("100") << quint64(100) << QByteArray("100");
        QTest::addRow("1001") << quint64(1001) << QByteArray("1001");
        QTest::addRow("timestamp") << quint64(1793491200) << QByteArray("1793491200");
        QTest::addRow("max") << quint64(18446744073709551615ULL) << QByteArray("18446744073709551615");
    }
    void integerText()
    {
        QFETCH(quint64, value);
        QFETCH(QByteArray, expected);
        char buffer[32];
        const char* end = RecordFormatter::writeUnsigned(buffer, value);
        QCOMPARE(QByteArray(buffer, end - buffer), expected);
    }

    void addressText_data()
    {
        QTest::addColumn<QList<int>>("groups"); // 8 groups for IPv6, 1 value for IPv4
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("v4 zero") << QList<int> { 0 } << QByteArray("0.0.0.0");
        QTest::addRow("v4 max") << QList<int> { -1 } << QByteArray("255.255.255.255");
        QTest::addRow("v4 private") << QList<int> { 0x0a01000a } << QByteArray("10.1.0.10");
        QTest::addRow("v6 all zero") << QList<int> { 0, 0, 0, 0, 0, 0, 0, 0 } << QByteArray("::");
        QTest::addRow("v6 loopback") << QList<int> { 0, 0, 0, 0, 0, 0, 0, 1 } << QByteArray("::1");
        QTest::addRow("v6 trailing zeros")
            << QList<int> { 0x2a02, 0xcf40, 0, 0, 0, 0, 0, 0 } << QByteArray("2a02:cf40::");
        QTest::addRow("v6 aws") << QList<int> { 0x2600, 0x1f18, 0x4a3, 0x6a00, 0, 0, 0, 0x15 }
                                << QByteArray("2600:1f18:4a3:6a00::15");
        QTest::addRow("v6 single zero kept") << QList<int> { 1, 2, 3, 4, 5, 6, 0, 8 } << QByteArray("1:2:3:4:5:6:0:8");
        QTest::addRow("v6 longest run wins") << QList<int> { 1, 0, 0, 2, 0, 0, 0, 3 } << QByteArray("1:0:0:2::3");
        QTest::addRow("v6 first of equal runs") << QList<int> { 1, 0, 0, 2, 3, 0, 0, 4 } << QByteArray("1::2:3:0:0:4");
        QTest::addRow("v6 full") << QList<int> { 0xfe80, 0xabcd, 0xef01, 0x2345, 0x6789, 0xabcd, 0xef01, 0xffff }
                                 << QByteArray("fe80:abcd:ef01:2345:6789:abcd:ef01:ffff");
    }
    void addressText()
    {
        QFETCH(QList<int>, groups);
        QFETCH(QByteArray, expected);
        IpAddress address;
        if (groups.size() == 1) {
            address = IpAddress::fromV4(static_cast<std::uint32_t>(groups.front()));
        } else {
            address.isV6 = true;
            for (int i = 0; i < 8; ++i) {
                address.v6[i] = static_cast<std::uint16_t>(groups[i]);
            }
        }
        char buffer[64];
        const char* end = RecordFormatter::writeAddress(buffer, address);
        QCOMPARE(QByteArray(buffer, end - buffer), expected);
    }

    void countAndHeader_data()
    {
        QTest::addColumn<SynthFormat>("format");
        QTest::addColumn<quint64>("records");
        QTest::addRow("v2, none") << SynthFormat::V2 << quint64(0);
        QTest::addRow("v2, one") << SynthFormat::V2 << quint64(1);
        QTest::addRow("v2, 3 (a group cut short)") << SynthFormat::V2 << quint64(3);
        QTest::addRow("v2, 50000") << SynthFormat::V2 << quint64(50'000);
        QTest::addRow("v5, 49999") << SynthFormat::V5 << quint64(49'999);
    }
    void countAndHeader()
    {
        QFETCH(SynthFormat, format);
        QFETCH(quint64, records);
        FlowGeneratorOptions options;
        options.records = records;
        options.format = format;
        const QString path = tempPath(QStringLiteral("count.log"));
        const GenerateResult result = FlowGenerator(options).writeTo(path);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.records, records);
        QCOMPARE(result.files, QStringList { path });
        const QByteArray bytes = readAll(path);
        QCOMPARE(quint64(bytes.size()), result.bytes);
        const QByteArray expectedHeader = format == SynthFormat::V2 ? V2Header : V5Header;
        QVERIFY(bytes.startsWith(QByteArray(expectedHeader + '\n')));
        const FlowText text = splitText(bytes);
        QVERIFY(text.endsWithNewline);
        QCOMPARE(text.headers.size(), std::size_t(1));
        QCOMPARE(quint64(text.records.size()), records);
        const std::size_t fieldCount = format == SynthFormat::V2 ? 14 : 29;
        for (const Record& r : text.records) {
            QCOMPARE(r.size(), fieldCount);
            QCOMPARE(r[Version], std::string(format == SynthFormat::V2 ? "2" : "5"));
            QVERIFY(std::none_of(r.begin(), r.end(), [](const std::string& f) { return f.empty(); }));
        }
    }

    void seeds_data()
    {
        QTest::addColumn<SynthFormat>("format");
        QTest::addRow("v2") << SynthFormat::V2;
        QTest::addRow("v5") << SynthFormat::V5;
    }
    void seeds()
    {
        QFETCH(SynthFormat, format);
        FlowGeneratorOptions options;
        options.records = 20'000;
        options.format = format;
        const QString first = tempPath(QStringLiteral("seed-a.log"));
        const QString again = tempPath(QStringLiteral("seed-b.log"));
        const QString other = tempPath(QStringLiteral("seed-c.log"));
        QVERIFY(FlowGenerator(options).writeTo(first).ok);
        QVERIFY(FlowGenerator(options).writeTo(again).ok);
        options.seed = 2;
        QVERIFY(FlowGenerator(options).writeTo(other).ok);
        const QByteArray a = readAll(first);
        QVERIFY(!a.isEmpty());
        QVERIFY(a == readAll(again));
        const QByteArray c = readAll(other);
        QVERIFY(a != c);
        // Not just a different estate: the records themselves differ almost everywhere.
        const FlowText ta = splitText(a);
        const FlowText tc = splitText(c);
        QCOMPARE(ta.records.size(), tc.records.size());
        std::size_t same = 0;
        for (std::size_t i = 0; i < ta.records.size(); ++i) {
            same += ta.records[i] == tc.records[i] ? 1 : 0;
        }
        QVERIFY2(same < ta.records.size() / 100, QByteArray::number(qulonglong(same)));
        // A generator reused after nextRecords() still writes from the first record.
        options.seed = 1;
        FlowGenerator reused(options);
        std::string chunk;
        QCOMPARE(reused.nextRecords(chunk, 10), std::uint64_t(10));
        QVERIFY(a.startsWith(QByteArray::fromStdString(reused.header() + chunk)));
        QVERIFY(reused.writeTo(again).ok);
        QVERIFY(a == readAll(again));
    }

    void engineMatchesCli_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<SynthFormat>("format");
        QTest::addColumn<quint64>("seed");
        QTest::addRow("v2 default seed") << QStringList {} << SynthFormat::V2 << quint64(1);
        QTest::addRow("v5 seed 99") << QStringList { QStringLiteral("--format"), QStringLiteral("v5"),
            QStringLiteral("--seed"), QStringLiteral("99") }
                                    << SynthFormat::V5 << quint64(99);
    }
    void engineMatchesCli()
    {
        QFETCH(QStringList, args);
        QFETCH(SynthFormat, format);
        QFETCH(quint64, seed);
        FlowGeneratorOptions options;
        options.records = 50'000;
        options.format = format;
        options.seed = seed;
        const QString enginePath = tempPath(QStringLiteral("engine.log"));
        const QString cliPath = tempPath(QStringLiteral("cli.log"));
        QVERIFY(FlowGenerator(options).writeTo(enginePath).ok);
        const CliRun run = runGenerate(args
            + QStringList { QStringLiteral("--records"), QStringLiteral("50000"), QStringLiteral("--out"), cliPath });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.contains("50000 records"));
        QVERIFY(readAll(enginePath) == readAll(cliPath));
    }

    void trafficMix_data()
    {
        QTest::addColumn<SynthFormat>("format");
        QTest::addColumn<quint64>("seed");
        QTest::addColumn<quint64>("records");
        QTest::addRow("v2 seed 1") << SynthFormat::V2 << quint64(1) << quint64(50'000);
        QTest::addRow("v5 seed 1") << SynthFormat::V5 << quint64(1) << quint64(50'000);
        QTest::addRow("v2 seed 2024") << SynthFormat::V2 << quint64(2024) << quint64(50'000);
        QTest::addRow("v2 seed 5, 20000 (sample size)") << SynthFormat::V2 << quint64(5) << quint64(20'000);
    }
    void trafficMix()
    {
        QFETCH(SynthFormat, format);
        QFETCH(quint64, seed);
        QFETCH(quint64, records);
        const QString path = tempPath(QStringLiteral("mix.log"));
        const CliRun run = runGenerate(
            { QStringLiteral("--records"), QString::number(records), QStringLiteral("--seed"), QString::number(seed),
                QStringLiteral("--format"), format == SynthFormat::V2 ? QStringLiteral("v2") : QStringLiteral("v5"),
                QStringLiteral("--out"), path, QStringLiteral("--quiet") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(run.out.isEmpty());
        const FlowText text = splitText(readAll(path));
        QCOMPARE(quint64(text.records.size()), records);

        std::size_t reject = 0, rejectFromOutside = 0, noData = 0, skipData = 0, ipv6 = 0, icmp = 0, dns = 0, web = 0,
                    replied = 0;
        std::vector<std::uint64_t> recordBytes;
        std::map<std::string, std::set<std::string>> portsBySource;
        std::map<std::string, std::size_t> rejectsBySource, recordsBySource, sshBySource;
        std::map<std::string, std::uint64_t> outboundByDestination;
        for (std::size_t i = 0; i < text.records.size(); ++i) {
            const Record& r = text.records[i];
            QCOMPARE(r[Account].size(), std::size_t(12));
            QVERIFY(r[Interface].rfind("eni-", 0) == 0 && r[Interface].size() == 21);
            QVERIFY2(number(r[Start]) <= number(r[End]), r[Start].c_str());
            if (r[LogStatus] != "OK") {
                QVERIFY(r[LogStatus] == "NODATA" || r[LogStatus] == "SKIPDATA");
                (r[LogStatus] == "NODATA" ? noData : skipData)++;
                // Only version, account, interface, start, end and log-status carry a value.
                for (std::size_t f = 0; f < r.size(); ++f) {
                    const bool kept
                        = f == Version || f == Account || f == Interface || f == Start || f == End || f == LogStatus;
                    QVERIFY2(kept == (r[f] != "-"), qPrintable(QString::number(f)));
                }
                continue;
            }
            QVERIFY(r[Action] == "ACCEPT" || r[Action] == "REJECT");
            const std::uint64_t packets = number(r[Packets]);
            const std::uint64_t bytes = number(r[Bytes]);
            QVERIFY(packets >= 1);
            QVERIFY2(bytes >= 40 * packets && bytes <= 9001 * packets, (r[Bytes] + " / " + r[Packets]).c_str());
            reject += r[Action] == "REJECT" ? 1 : 0;
            rejectFromOutside += r[Action] == "REJECT" && !isInside(r[SrcAddr]) ? 1 : 0;
            recordBytes.push_back(bytes);
            ipv6 += isV6(r[SrcAddr]) ? 1 : 0;
            QCOMPARE(isV6(r[SrcAddr]), isV6(r[DstAddr]));
            if (r[Protocol] == "1") {
                ++icmp;
                QCOMPARE(r[SrcPort], std::string("0"));
                QCOMPARE(r[DstPort], std::string("0"));
            }
            if (r[Protocol] == "17" && r[DstPort] == "53") {
                ++dns;
            }
            // Every record has one end inside the VPCs.
            QVERIFY2(isInside(r[SrcAddr]) || isInside(r[DstAddr]), (r[SrcAddr] + " " + r[DstAddr]).c_str());
            if (isV6(r[SrcAddr])) {
                QCOMPARE(QHostAddress(QString::fromStdString(r[SrcAddr])).toString().toStdString(), r[SrcAddr]);
            }
            portsBySource[r[SrcAddr]].insert(r[DstPort]);
            ++recordsBySource[r[SrcAddr]];
            rejectsBySource[r[SrcAddr]] += r[Action] == "REJECT" ? 1 : 0;
            if (r[DstPort] == "22" && !isInside(r[SrcAddr])) {
                ++sshBySource[r[SrcAddr]];
            }
            if (isInside(r[SrcAddr]) && !isInside(r[DstAddr])) {
                outboundByDestination[r[DstAddr]] += bytes;
            }
            // A web request from the internet is followed by its reply, ports and addresses swapped.
            if ((r[DstPort] == "443" || r[DstPort] == "80") && !isInside(r[SrcAddr]) && r[Action] == "ACCEPT"
                && i + 1 < text.records.size()) {
                ++web;
                const Record& reply = text.records[i + 1];
                replied += reply[SrcAddr] == r[DstAddr] && reply[DstAddr] == r[SrcAddr] && reply[SrcPort] == r[DstPort]
                        && reply[DstPort] == r[SrcPort] && reply[Interface] == r[Interface]
                    ? 1
                    : 0;
            }
        }
        const double n = double(text.records.size());
        const QByteArray figures = QByteArray("reject ") + QByteArray::number(reject / n) + " nodata "
            + QByteArray::number(noData / n) + " skipdata " + QByteArray::number(skipData / n) + " ipv6 "
            + QByteArray::number(ipv6 / n) + " icmp " + QByteArray::number(icmp / n) + " dns "
            + QByteArray::number(dns / n);
        QVERIFY2(reject / n >= 0.05 && reject / n <= 0.10, figures);
        // Most rejected traffic comes from the internet (scanners), not from inside the VPCs.
        QVERIFY2(rejectFromOutside * 10 >= reject * 8, QByteArray::number(double(rejectFromOutside) / double(reject)));
        // Heavy-tailed bytes: the biggest 1% of records carry most of the bytes, and the median
        // record is tiny next to the mean.
        std::sort(recordBytes.rbegin(), recordBytes.rend());
        std::uint64_t total = 0;
        std::uint64_t top = 0;
        for (std::size_t i = 0; i < recordBytes.size(); ++i) {
            total += recordBytes[i];
            top += i < recordBytes.size() / 100 ? recordBytes[i] : 0;
        }
        QVERIFY2(top * 2 > total, QByteArray::number(double(top) / double(total)));
        QVERIFY(recordBytes[recordBytes.size() / 2] * 100 < total / recordBytes.size());
        QVERIFY2(noData / n >= 0.002 && noData / n <= 0.01, figures);
        QVERIFY2(skipData / n >= 0.002 && skipData / n <= 0.01, figures);
        QVERIFY2(ipv6 / n >= 0.015 && ipv6 / n <= 0.05, figures);
        QVERIFY2(icmp / n >= 0.005, figures);
        QVERIFY2(dns / n >= 0.02, figures);
        QVERIFY2(web > n / 5 && replied >= web * 99 / 100, QByteArray::number(qulonglong(replied)));

        // The port scanner: exactly one source probes 200+ ports and is mostly turned away.
        std::vector<std::string> scanners;
        for (const auto& [source, ports] : portsBySource) {
            if (ports.size() >= 200 && rejectsBySource[source] * 10 >= recordsBySource[source] * 9) {
                scanners.push_back(source);
            }
        }
        QCOMPARE(scanners, std::vector<std::string> { "203.0.113.77" });

        // The brute forcer: one outside address makes far more SSH attempts than any other.
        const auto ssh = std::max_element(
            sshBySource.begin(), sshBySource.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        QVERIFY(ssh != sshBySource.end());
        QCOMPARE(ssh->first, std::string("198.51.100.23"));
        // The story runs through a tenth of the span with about 5% of the groups there: n / 500 is
        // a little under what it should give.
        QVERIFY2(ssh->second >= records / 500, QByteArray::number(qulonglong(ssh->second)));
        for (const auto& [source, count] : sshBySource) {
            QVERIFY(source == ssh->first || count * 10 < ssh->second);
        }

        // The exfiltration: one outside destination receives by far the most bytes.
        std::vector<std::pair<std::uint64_t, std::string>> outbound;
        for (const auto& [destination, bytes] : outboundByDestination) {
            outbound.emplace_back(bytes, destination);
        }
        std::sort(outbound.rbegin(), outbound.rend());
        QVERIFY(outbound.size() >= 2);
        QCOMPARE(outbound[0].second, std::string("198.51.100.200"));
        QVERIFY(outbound[0].first > 10 * outbound[1].first);
    }

    void v5FieldsAreConsistent()
    {
        const QString path = tempPath(QStringLiteral("v5.log"));
        const CliRun run = runGenerate({ QStringLiteral("--records"), QStringLiteral("50000"),
            QStringLiteral("--format"), QStringLiteral("v5"), QStringLiteral("--out"), path });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const FlowText text = splitText(readAll(path));
        QCOMPARE(text.headers, std::vector<QByteArray> { V5Header });
        const QRegularExpression awsId(QStringLiteral("^(vpc|subnet|i)-[0-9a-f]{17}$"));
        std::map<std::string, std::vector<std::string>> placeOfInterface;
        std::map<std::string, std::string> vpcOfNetwork; // "10.1" -> vpc-id
        std::size_t s3 = 0, amazon = 0, natLegs = 0, translated = 0, egress = 0;
        std::set<std::string> paths;
        for (const Record& r : text.records) {
            QCOMPARE(r.size(), std::size_t(29));
            if (r[LogStatus] != "OK") {
                continue;
            }
            QCOMPARE(r[Region], std::string("us-east-1"));
            QVERIFY(r[AzId].rfind("use1-az", 0) == 0);
            QCOMPARE(r[SublocationType], std::string("-"));
            QCOMPARE(r[SublocationId], std::string("-"));
            QCOMPARE(r[Type], std::string(isV6(r[SrcAddr]) ? "IPv6" : "IPv4"));
            QVERIFY(awsId.match(QString::fromStdString(r[VpcId])).hasMatch());
            QVERIFY(awsId.match(QString::fromStdString(r[SubnetId])).hasMatch());
            QVERIFY(r[InstanceId] == "-" || awsId.match(QString::fromStdString(r[InstanceId])).hasMatch());
            // One interface lives in one VPC, one subnet and one AZ, attached to one instance.
            const std::vector<std::string> place { r[VpcId], r[SubnetId], r[InstanceId], r[AzId] };
            auto [it, added] = placeOfInterface.emplace(r[Interface], place);
            QVERIFY2(added || it->second == place, r[Interface].c_str());

            const bool leaving = r[Direction] == "egress";
            QVERIFY(leaving || r[Direction] == "ingress");
            // traffic-path is only for egress.
            QCOMPARE(r[TrafficPath] == "-", !leaving);
            if (leaving) {
                ++egress;
                paths.insert(r[TrafficPath]);
                QVERIFY2(isInside(r[SrcAddr]), r[SrcAddr].c_str());
            } else {
                QVERIFY2(isInside(r[DstAddr]), r[DstAddr].c_str());
            }
            const std::string& ownAddress = leaving ? r[SrcAddr] : r[DstAddr];
            if (!isV6(ownAddress)) {
                const std::string network = ownAddress.substr(0, ownAddress.find('.', 3));
                auto [vpc, first] = vpcOfNetwork.emplace(network, r[VpcId]);
                QVERIFY2(first || vpc->second == r[VpcId], ownAddress.c_str());
            }
            if (r[Protocol] == "6") {
                static const std::set<std::string> flags { "0", "1", "2", "3", "18", "19" };
                QVERIFY2(flags.count(r[TcpFlags]) == 1, r[TcpFlags].c_str());
            } else {
                QCOMPARE(r[TcpFlags], std::string("0"));
            }
            for (const Column c : { PktSrcService, PktDstService }) {
                QVERIFY(r[c] == "-" || r[c] == "S3" || r[c] == "AMAZON");
                s3 += r[c] == "S3" ? 1 : 0;
                amazon += r[c] == "AMAZON" ? 1 : 0;
            }
            if (r[PktDstService] == "S3" && leaving) {
                QCOMPARE(r[TrafficPath], std::string("7")); // through the gateway endpoint
            }
            // Packet addresses differ from the interface's only on a NAT gateway (no instance).
            if (r[InstanceId] == "-") {
                ++natLegs;
            }
            if (r[PktSrcAddr] != r[SrcAddr] || r[PktDstAddr] != r[DstAddr]) {
                ++translated;
                QCOMPARE(r[InstanceId], std::string("-"));
                const std::string& original = r[PktSrcAddr] != r[SrcAddr] ? r[PktSrcAddr] : r[PktDstAddr];
                QVERIFY2(!isInside(original), original.c_str());
            }
        }
        QVERIFY2(placeOfInterface.size() >= 200 && placeOfInterface.size() <= 500,
            QByteArray::number(qulonglong(placeOfInterface.size())));
        std::set<std::string> vpcs;
        for (const auto& [network, vpc] : vpcOfNetwork) {
            vpcs.insert(vpc);
            QVERIFY(network == "10.1" || network == "10.2");
        }
        QCOMPARE(vpcs.size(), std::size_t(2));
        QVERIFY(s3 > 0);
        QVERIFY(amazon > 0);
        QVERIFY(natLegs > 0);
        QVERIFY(translated > 0 && translated <= natLegs);
        QVERIFY(egress > text.records.size() / 4);
        QCOMPARE(paths, (std::set<std::string> { "1", "4", "7", "8" }));
    }

    void timestamps_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("span");
        QTest::addColumn<qint64>("interval");
        QTest::addRow("defaults") << QStringList {} << qint64(DefaultStart) << qint64(86400) << qint64(60);
        QTest::addRow("2 h from 2025-03-01 12:00, 10-minute intervals")
            << QStringList { QStringLiteral("--start"), QStringLiteral("2025-03-01T12:00:00Z"),
                   QStringLiteral("--span"), QStringLiteral("2h"), QStringLiteral("--interval"), QStringLiteral("600") }
            << qint64(1740830400) << qint64(7200) << qint64(600);
        QTest::addRow("unix start, 90 minutes") << QStringList { QStringLiteral("--start"),
            QStringLiteral("1700000000"), QStringLiteral("--span"), QStringLiteral("90m") }
                                                << qint64(1700000000) << qint64(5400) << qint64(60);
    }
    void timestamps()
    {
        QFETCH(QStringList, args);
        QFETCH(qint64, start);
        QFETCH(qint64, span);
        QFETCH(qint64, interval);
        const QString path = tempPath(QStringLiteral("time.log"));
        const CliRun run = runGenerate(
            args + QStringList { QStringLiteral("--records"), QStringLiteral("20000"), QStringLiteral("--out"), path });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const FlowText text = splitText(readAll(path));
        QCOMPARE(text.records.size(), std::size_t(20000));
        std::int64_t previousWindow = 0;
        std::int64_t lastWindow = 0;
        for (const Record& r : text.records) {
            const auto s = static_cast<std::int64_t>(number(r[Start]));
            const auto e = static_cast<std::int64_t>(number(r[End]));
            QVERIFY(s >= start);
            QVERIFY(s <= e);
            // start and end fall in the same aggregation interval, and intervals only move forward.
            const std::int64_t window = (s - start) / interval;
            QCOMPARE((e - start) / interval, window);
            QVERIFY(window >= previousWindow);
            previousWindow = window;
            lastWindow = window;
        }
        QCOMPARE((number(text.records.front()[Start]) - start) / interval, std::uint64_t(0));
        QCOMPARE(lastWindow, (span - 1) / interval);
    }

    void gzipInflatesToPlain_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addRow("v2") << QStringList { QStringLiteral("--records"), QStringLiteral("50000") };
        // About 11 MB of text: several compressed pieces joined into one member.
        QTest::addRow("v5 seed 3") << QStringList { QStringLiteral("--records"), QStringLiteral("50000"),
            QStringLiteral("--format"), QStringLiteral("v5"), QStringLiteral("--seed"), QStringLiteral("3") };
        QTest::addRow("v2 level 6") << QStringList { QStringLiteral("--records"), QStringLiteral("30000"),
            QStringLiteral("--gzip-level"), QStringLiteral("6") };
        QTest::addRow("one record") << QStringList { QStringLiteral("--records"), QStringLiteral("1") };
    }
    void gzipInflatesToPlain()
    {
        QFETCH(QStringList, args);
        const QString plainPath = tempPath(QStringLiteral("plain.log"));
        const QString gzipPath = tempPath(QStringLiteral("packed.log.gz"));
        CliRun run = runGenerate(args + QStringList { QStringLiteral("--out"), plainPath });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = runGenerate(args + QStringList { QStringLiteral("--gzip"), QStringLiteral("--out"), gzipPath });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QByteArray plain = readAll(plainPath);
        const QByteArray packed = readAll(gzipPath);
        QVERIFY(packed.startsWith("\x1f\x8b\x08"));
        QVERIFY(packed.size() < plain.size());
        bool ok = false;
        QVERIFY(gunzip(packed, ok) == plain);
        QVERIFY(ok);
        // The gzip tool agrees (when the machine has it).
        const QString gzip = QStandardPaths::findExecutable(QStringLiteral("gzip"));
        if (!gzip.isEmpty()) {
            QProcess test;
            test.start(gzip, { QStringLiteral("-t"), gzipPath });
            QVERIFY(test.waitForFinished(60'000));
            QCOMPARE(test.exitCode(), 0);
            QProcess cat;
            cat.start(gzip, { QStringLiteral("-dc"), gzipPath });
            QVERIFY(cat.waitForFinished(60'000));
            QVERIFY(cat.readAllStandardOutput() == plain);
        }
        // Compressing is deterministic too.
        const QString againPath = tempPath(QStringLiteral("again.log.gz"));
        run = runGenerate(args + QStringList { QStringLiteral("--gzip"), QStringLiteral("--out"), againPath });
        QVERIFY(run.exitCode == 0);
        QVERIFY(readAll(againPath) == packed);
    }

    void s3Layout_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::addColumn<int>("files");
        QTest::addColumn<int>("records");
        QTest::addColumn<QString>("span");
        QTest::addRow("3 plain files") << false << 3 << 50000 << QStringLiteral("24h");
        QTest::addRow("3 gzip files") << true << 3 << 50000 << QStringLiteral("24h");
        QTest::addRow("4 files over 3 days") << true << 4 << 10001 << QStringLiteral("3d");
        QTest::addRow("as many files as records") << false << 5 << 5 << QStringLiteral("24h");
    }
    void s3Layout()
    {
        QFETCH(bool, gzip);
        QFETCH(int, files);
        QFETCH(int, records);
        QFETCH(QString, span);
        const QString folder = tempPath(QStringLiteral("s3"));
        const QString single = tempPath(QStringLiteral("single.log"));
        QStringList args { QStringLiteral("--records"), QString::number(records), QStringLiteral("--span"), span };
        if (gzip) {
            args << QStringLiteral("--gzip");
        }
        CliRun run = runGenerate(
            args + QStringList { QStringLiteral("--files"), QString::number(files), QStringLiteral("--out"), folder });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        run = runGenerate({ QStringLiteral("--records"), QString::number(records), QStringLiteral("--span"), span,
            QStringLiteral("--out"), single });
        QVERIFY2(run.exitCode == 0, run.err.constData());

        const QRegularExpression layout(
            QStringLiteral("^AWSLogs/(\\d{12})/vpcflowlogs/us-east-1/(\\d{4})/(\\d{2})/(\\d{2})/"
                           "(\\d{12})_vpcflowlogs_us-east-1_fl-[0-9a-f]{17}_(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})Z_"
                           "[0-9a-f]{8}\\.log%1$")
                .arg(gzip ? QStringLiteral("\\.gz") : QString()));
        QStringList found;
        QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            found << QDir(folder).relativeFilePath(it.next());
        }
        found.sort();
        QCOMPARE(found.size(), files);
        std::vector<Record> joined;
        for (const QString& name : found) {
            const QRegularExpressionMatch m = layout.match(name);
            QVERIFY2(m.hasMatch(), qPrintable(name));
            QCOMPARE(m.captured(1), QStringLiteral("123456789012"));
            QCOMPARE(m.captured(5), m.captured(1));
            // The folder's date is the date in the name; the name's time is on a 5-minute mark.
            QCOMPARE(m.captured(2) + m.captured(3) + m.captured(4), m.captured(6) + m.captured(7) + m.captured(8));
            QCOMPARE(m.captured(10).toInt() % 5, 0);
            QByteArray bytes = readAll(QDir(folder).filePath(name));
            if (gzip) {
                bool ok = false;
                bytes = gunzip(bytes, ok);
                QVERIFY(ok);
            }
            QVERIFY(bytes.startsWith(QByteArray(V2Header + '\n')));
            const FlowText text = splitText(bytes);
            QCOMPARE(text.headers.size(), std::size_t(1));
            QVERIFY(!text.records.empty());
            joined.insert(joined.end(), text.records.begin(), text.records.end());
        }
        // Split or not, the records are the same ones in the same order.
        const FlowText whole = splitText(readAll(single));
        QCOMPARE(joined.size(), std::size_t(records));
        QVERIFY(joined == whole.records);
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString out = QStringLiteral("--out");
        const QString records = QStringLiteral("--records");
        auto row = [&](const char* name, QStringList args, const char* message) {
            QTest::newRow(name) << args << QString::fromLatin1(message);
        };
        const QString path = QStringLiteral("bad-arguments.log");
        row("no options", {}, "--records is required");
        row("no output", { records, QStringLiteral("10") }, "--out is required");
        row("records not a number", { records, QStringLiteral("ten"), out, path }, "--records takes a whole number");
        row("negative records", { records, QStringLiteral("-5"), out, path }, "--records takes a whole number");
        row("records too many", { records, QStringLiteral("99999999999"), out, path }, "at most");
        row("missing value", { out, path, records }, "Missing value after '--records'");
        row("unknown format",
            { records, QStringLiteral("10"), QStringLiteral("--format"), QStringLiteral("v9"), out, path },
            "--format is v2 or v5");
        row("zero files", { records, QStringLiteral("10"), QStringLiteral("--files"), QStringLiteral("0"), out, path },
            "--files takes 1 to");
        row("more files than records",
            { records, QStringLiteral("2"), QStringLiteral("--files"), QStringLiteral("3"), out, path },
            "3 files cannot share 2 records");
        row("bad seed", { records, QStringLiteral("10"), QStringLiteral("--seed"), QStringLiteral("x1"), out, path },
            "--seed takes a whole number");
        row("bad span", { records, QStringLiteral("10"), QStringLiteral("--span"), QStringLiteral("5x"), out, path },
            "--span takes a duration");
        row("zero span", { records, QStringLiteral("10"), QStringLiteral("--span"), QStringLiteral("0"), out, path },
            "time span must be between");
        row("bad start",
            { records, QStringLiteral("10"), QStringLiteral("--start"), QStringLiteral("yesterday"), out, path },
            "--start takes an ISO 8601 time");
        row("zero interval",
            { records, QStringLiteral("10"), QStringLiteral("--interval"), QStringLiteral("0"), out, path },
            "aggregation interval must be between");
        row("bad gzip level",
            { records, QStringLiteral("10"), QStringLiteral("--gzip-level"), QStringLiteral("12"), out, path },
            "--gzip-level takes 1 to 9");
        row("unknown option", { records, QStringLiteral("10"), QStringLiteral("--frobnicate"), out, path },
            "Unknown option 'frobnicate'");
        row("stray argument", { records, QStringLiteral("10"), QStringLiteral("extra"), out, path },
            "unexpected argument 'extra'");
    }
    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QDir::setCurrent(m_dir.path());
        const CliRun run = runGenerate(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(run.out.isEmpty());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad-arguments.log"))));
    }

    void unwritableOutput()
    {
        const QString blocker = tempPath(QStringLiteral("blocker"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        // A file where a folder should be.
        const CliRun run = runGenerate({ QStringLiteral("--records"), QStringLiteral("10"), QStringLiteral("--out"),
            blocker + QStringLiteral("/sub/out.log") });
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("cannot create the folder"), run.err.constData());
    }

    void help()
    {
        const CliRun run = runGenerate({ QStringLiteral("--help") });
        QCOMPARE(run.exitCode, 0);
        for (const char* option : { "--records", "--seed", "--format", "--gzip", "--files", "--out", "--span" }) {
            QVERIFY2(run.out.contains(option), option);
        }
        QVERIFY(run.out.contains("flowlens-cli generate"));
    }

private:
    QString tempPath(const QString& name)
    {
        return m_dir.filePath(QString::number(++m_counter) + QLatin1Char('-') + name);
    }

    QTemporaryDir m_dir;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestFlowGenerator)
#include "tst_flowgenerator.moc"
