// Each suspicious pattern is planted once among ordinary two-way traffic; the detector must find
// it with exactly the planted records as evidence, and the ordinary traffic must raise nothing.
#include "analysis/findingdetector.h"
#include "ingest/loader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>

using namespace flowlens;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000;

std::string rec(const std::string& src, const std::string& dst, int sport, int dport, int proto, std::int64_t bytes,
    std::int64_t start, const char* action, const char* status = "OK")
{
    return "2 123456789012 eni-0aaa " + src + " " + dst + " " + std::to_string(sport) + " " + std::to_string(dport)
        + " " + std::to_string(proto) + " " + std::to_string(std::max<std::int64_t>(1, bytes / 1000)) + " "
        + std::to_string(bytes) + " " + std::to_string(start) + " " + std::to_string(start + 30) + " " + action + " "
        + status + "\n";
}

// A SKIPDATA record: interface, interval and status only.
std::string skipped(const std::string& eni, std::int64_t start, std::int64_t end)
{
    return "2 123456789012 " + eni + " - - - - - - - " + std::to_string(start) + " " + std::to_string(end)
        + " - SKIPDATA\n";
}

// The findings of one kind over a store loaded from `text`.
std::vector<Finding> findingsIn(const std::string& text, const char* kind, FindingOptions options = {})
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("crafted.log")));
    if (!f.open(QIODevice::WriteOnly)) {
        return {};
    }
    f.write(text.data(), static_cast<qint64>(text.size()));
    f.close();
    FlowStore store;
    Loader::load(store, { f.fileName() });
    std::vector<Finding> out;
    for (Finding& x : FindingDetector(store, options).detect(Selection::all(store.snapshot()))) {
        if (x.kind == QLatin1String(kind)) {
            out.push_back(std::move(x));
        }
    }
    std::sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return a.title < b.title; });
    return out;
}

} // namespace

class TestFindings : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    FlowStore m_store;
    std::map<std::string, std::uint64_t> m_planted; // kind → records planted

    std::vector<Finding> findings(const char* kind) const
    {
        FindingDetector detector(m_store);
        std::vector<Finding> out;
        for (Finding& f : detector.detect(Selection::all(m_store.snapshot()))) {
            if (f.kind == QLatin1String(kind)) {
                out.push_back(std::move(f));
            }
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        std::string text;
        // Ordinary traffic: web requests and replies between two private hosts every minute for a day,
        // steady volume, so no detector should fire on it.
        for (int i = 0; i < 1440; ++i) {
            text += rec("10.1.0.10", "10.2.0.20", 40000 + i % 1000, 443, 6, 5000, kT0 + i * 60, "ACCEPT");
            text += rec("10.2.0.20", "10.1.0.10", 443, 40000 + i % 1000, 6, 90000, kT0 + i * 60, "ACCEPT");
        }
        // Port scan: 150 ports on one host, all rejected but one.
        for (int p = 0; p < 150; ++p) {
            text += rec(
                "198.51.100.7", "10.1.0.10", 55555, 1000 + p, 6, 44, kT0 + 3600 + p, p == 0 ? "ACCEPT" : "REJECT");
        }
        m_planted["port-scan"] = 150;
        // SSH brute force: 30 short accepted sessions.
        for (int a = 0; a < 30; ++a) {
            text += rec("203.0.113.50", "10.1.0.11", 50000 + a, 22, 6, 2500, kT0 + 7200 + a * 10, "ACCEPT");
        }
        m_planted["ssh-brute-force"] = 30;
        // Repeated rejects: 120 to a few ports of two hosts (no scan).
        for (int r = 0; r < 120; ++r) {
            text += rec(
                "192.0.2.99", r % 2 ? "10.1.0.12" : "10.1.0.13", 40000, 445 + r % 3, 6, 60, kT0 + 9000 + r, "REJECT");
        }
        m_planted["repeated-rejects"] = 120;
        // Large outbound: 3 × 1 GB from one instance to one external address.
        for (int x = 0; x < 3; ++x) {
            text += rec("10.1.0.14", "198.51.100.200", 33000, 443, 6, 1'000'000'000, kT0 + 40000 + x * 60, "ACCEPT");
        }
        m_planted["large-outbound"] = 3;
        // Unusual protocol: GRE accepted.
        for (int g = 0; g < 4; ++g) {
            text += rec("10.1.0.15", "10.2.0.16", 0, 0, 47, 1000, kT0 + 50000 + g, "ACCEPT");
            text += rec("10.2.0.16", "10.1.0.15", 0, 0, 47, 1000, kT0 + 50000 + g, "ACCEPT");
        }
        m_planted["unusual-protocol"] = 8;
        // SKIPDATA on one interface.
        for (int s = 0; s < 3; ++s) {
            text += "2 123456789012 eni-0bbb - - - - - - - " + std::to_string(kT0 + 60000 + s * 600) + " "
                + std::to_string(kT0 + 60600 + s * 600) + " - SKIPDATA\n";
        }
        m_planted["skipped-data"] = 3;
        // One-way: pings across a peering with no route back.
        for (int o = 0; o < 6; ++o) {
            text += rec("10.1.0.30", "10.2.0.40", 0, 0, 1, 84, kT0 + 70000 + o * 60, "ACCEPT");
        }
        m_planted["one-way"] = 6;
        QFile f(m_dir.filePath(QStringLiteral("planted.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.data(), static_cast<qint64>(text.size()));
        f.close();
        const LoadReport report = Loader::load(m_store, { f.fileName() });
        QCOMPARE(report.errors, 0ULL);
    }

    void eachPlantedPatternIsFound_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("titleFragment");
        QTest::addColumn<QString>("guardDuty");
        QTest::addColumn<int>("severity");
        QTest::addRow("port scan") << QStringLiteral("port-scan") << QStringLiteral("198.51.100.7 probed 150 ports")
                                   << QStringLiteral("Recon:EC2/PortProbeUnprotectedPort") << int(Severity::High);
        QTest::addRow("ssh") << QStringLiteral("ssh-brute-force") << QStringLiteral("30 short SSH")
                             << QStringLiteral("UnauthorizedAccess:EC2/SSHBruteForce") << int(Severity::High);
        QTest::addRow("rejects") << QStringLiteral("repeated-rejects")
                                 << QStringLiteral("120 rejected flows to 2 hosts") << QString() << int(Severity::Low);
        QTest::addRow("outbound") << QStringLiteral("large-outbound") << QStringLiteral("3.00 GB")
                                  << QStringLiteral("Behavior:EC2/TrafficVolumeUnusual") << int(Severity::High);
        QTest::addRow("protocol") << QStringLiteral("unusual-protocol") << QStringLiteral("protocol 47")
                                  << QStringLiteral("Behavior:EC2/NetworkPortUnusual") << int(Severity::Low);
        QTest::addRow("skipdata") << QStringLiteral("skipped-data") << QStringLiteral("eni-0bbb") << QString()
                                  << int(Severity::Low);
        QTest::addRow("one way") << QStringLiteral("one-way") << QStringLiteral("10.1.0.30 → 10.2.0.40") << QString()
                                 << int(Severity::Info);
    }
    void eachPlantedPatternIsFound()
    {
        QFETCH(QString, kind);
        QFETCH(QString, titleFragment);
        QFETCH(QString, guardDuty);
        QFETCH(int, severity);
        const auto found = findings(kind.toLatin1().constData());
        QCOMPARE(found.size(), std::size_t(1));
        const Finding& f = found.front();
        QVERIFY2(f.title.contains(titleFragment), qPrintable(f.title));
        QCOMPARE(f.guardDutyType, guardDuty);
        QCOMPARE(int(f.severity), severity);
        QCOMPARE(f.evidenceCount, m_planted.at(kind.toStdString()));
        QCOMPARE(f.evidence.size(), std::size_t(f.evidenceCount));
        QVERIFY(!f.explanation.isEmpty());
        QVERIFY(!f.filter.isEmpty());
    }

    void costIsBytesTimesPrice()
    {
        const auto found = findings("large-outbound");
        QVERIFY2(found.front().title.contains(QLatin1String("$0.27")), qPrintable(found.front().title)); // 3 GB × 0.09
    }

    void spikeAgainstBaseline()
    {
        // A second store: steady 1 MB per 5 minutes, then one 5-minute bucket of 100 MB.
        QTemporaryDir dir;
        std::string text;
        for (int b = 0; b < 48; ++b) {
            text += rec("10.1.0.1", "10.1.0.2", 1, 2, 6, b == 40 ? 100'000'000 : 1'000'000, kT0 + b * 300, "ACCEPT");
            text += rec("10.1.0.2", "10.1.0.1", 2, 1, 6, 1000, kT0 + b * 300, "ACCEPT");
        }
        QFile f(dir.filePath(QStringLiteral("spike.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.data(), static_cast<qint64>(text.size()));
        f.close();
        FlowStore store;
        Loader::load(store, { f.fileName() });
        const auto all = FindingDetector(store).detect(Selection::all(store.snapshot()));
        std::vector<Finding> spikes;
        std::copy_if(all.begin(), all.end(), std::back_inserter(spikes),
            [](const Finding& x) { return x.kind == QLatin1String("traffic-spike"); });
        QCOMPARE(spikes.size(), std::size_t(1));
        QCOMPARE(spikes.front().evidenceCount, 2ULL); // the two records of that bucket
        // Buckets are aligned to multiples of their size, not to the data's first second.
        const std::int64_t bucketStart = (kT0 + 40 * 300) / 300 * 300;
        QVERIFY2(spikes.front().filter.contains(QStringLiteral("startTime >= %1 ").arg(bucketStart)),
            qPrintable(spikes.front().filter));
    }

    void bruteForceCountsConnectionsNotRecords()
    {
        std::string text;
        // 22 SSH connections from one source, each seen over two aggregation intervals in both
        // directions: 88 records, 22 attempts. The client sends 2 × 1000 bytes per connection.
        for (int c = 0; c < 22; ++c) {
            const int port = 41000 + c;
            for (int w = 0; w < 2; ++w) {
                const std::int64_t t = kT0 + c * 120 + w * 60;
                text += rec("203.0.113.60", "10.1.0.20", port, 22, 6, 1000, t, "ACCEPT");
                text += rec("10.1.0.20", "203.0.113.60", 22, port, 6, 1500, t, "ACCEPT");
            }
        }
        // 8 connections, each three rejected records: 24 records (over the 20 a record count would
        // flag) but only 8 attempts.
        for (int c = 0; c < 8; ++c) {
            for (int w = 0; w < 3; ++w) {
                text += rec("198.51.100.70", "10.1.0.21", 42000 + c, 22, 6, 60, kT0 + c * 200 + w * 60, "REJECT");
            }
        }
        // 25 connections whose clients send 2 × 3000 bytes: 3000 a record, but 6000 a connection,
        // over the 5000 a failed login sends.
        for (int c = 0; c < 25; ++c) {
            for (int w = 0; w < 2; ++w) {
                text += rec("192.0.2.90", "10.1.0.23", 43000 + c, 22, 6, 3000, kT0 + c * 120 + w * 60, "ACCEPT");
            }
        }
        // RDP: exactly 20 connections (the threshold), one rejected record each.
        for (int c = 0; c < 20; ++c) {
            text += rec("192.0.2.80", "10.1.0.22", 44000 + c, 3389, 6, 52, kT0 + c * 30, "REJECT");
        }

        const auto ssh = findingsIn(text, "ssh-brute-force");
        QCOMPARE(ssh.size(), std::size_t(1));
        QVERIFY2(ssh[0].title.startsWith(QLatin1String("203.0.113.60: 22 short SSH connections to 10.1.0.20")),
            qPrintable(ssh[0].title));
        QCOMPARE(ssh[0].metric, 22.0);
        QCOMPARE(ssh[0].evidenceCount, 88ULL); // both directions of every connection
        QCOMPARE(int(ssh[0].severity), int(Severity::High));
        QCOMPARE(ssh[0].filter,
            QStringLiteral("(srcAddr = \"203.0.113.60\" and dstAddr = \"10.1.0.20\" and dstPort = 22) or "
                           "(srcAddr = \"10.1.0.20\" and dstAddr = \"203.0.113.60\" and srcPort = 22)"));

        const auto rdp = findingsIn(text, "rdp-brute-force");
        QCOMPARE(rdp.size(), std::size_t(1));
        QVERIFY2(rdp[0].title.startsWith(QLatin1String("192.0.2.80: 20 short RDP connections to 10.1.0.22")),
            qPrintable(rdp[0].title));
        QCOMPARE(rdp[0].evidenceCount, 20ULL);
        QCOMPARE(int(rdp[0].severity), int(Severity::Medium)); // all rejected

        // One connection fewer than the threshold: nothing.
        FindingOptions stricter;
        stricter.bruteForceMinAttempts = 23;
        QVERIFY(findingsIn(text, "ssh-brute-force", stricter).empty());
    }

    void skippedDataMergesAdjacentIntervals()
    {
        constexpr std::int64_t S = 1'700'049'600; // 2023-11-15 12:00:00 UTC
        std::string text;
        // eni-0s1: three back-to-back one-minute intervals (one gap), and one an hour later.
        for (int i = 0; i < 3; ++i) {
            text += skipped("eni-0s1", S + i * 60, S + i * 60 + 59);
        }
        text += skipped("eni-0s1", S + 3600, S + 3659);
        text += skipped("eni-0s2", S + 7200, S + 7259);
        text += rec("10.1.0.1", "10.1.0.2", 1, 2, 6, 100, S, "ACCEPT");
        const auto found = findingsIn(text, "skipped-data");
        QCOMPARE(found.size(), std::size_t(2));
        QCOMPARE(found[0].title,
            QStringLiteral("eni-0s1: 4 aggregation intervals with skipped records in 2 gaps, "
                           "2023-11-15 12:00:00 – 2023-11-15 13:00:59 UTC"));
        QCOMPARE(found[0].evidenceCount, 4ULL);
        QCOMPARE(found[1].title,
            QStringLiteral("eni-0s2: 1 aggregation interval with skipped records in 1 gap, "
                           "2023-11-15 14:00:00 – 2023-11-15 14:00:59 UTC"));
        QCOMPARE(found[1].evidenceCount, 1ULL);
    }

    void skippedDataOnManyInterfacesIsOneFinding()
    {
        constexpr std::int64_t S = 1'700'049'600;
        std::string text;
        // Seven interfaces (more than the five that get a finding each), two intervals ten hours
        // apart on each, and eni-0m1 one more right after its first: 15 intervals in 14 gaps.
        for (int i = 0; i < 7; ++i) {
            const std::string eni = "eni-0m" + std::to_string(i + 1);
            text += skipped(eni, S + i * 600, S + i * 600 + 59);
            text += skipped(eni, S + 36000 + i * 600, S + 36000 + i * 600 + 59);
        }
        text += skipped("eni-0m1", S + 60, S + 119);
        const auto found = findingsIn(text, "skipped-data");
        QCOMPARE(found.size(), std::size_t(1));
        QCOMPARE(found[0].title,
            QStringLiteral("15 aggregation intervals with skipped records on 7 interfaces (14 gaps), "
                           "2023-11-15 12:00:00 – 2023-11-15 23:00:59 UTC"));
        QCOMPARE(found[0].evidenceCount, 15ULL);
        QCOMPARE(found[0].filter, QStringLiteral("logStatus = \"SKIPDATA\""));
        QVERIFY2(found[0].explanation.contains(QLatin1String("eni-0m1 (3)")), qPrintable(found[0].explanation));
        // With room for seven, each interface has its own.
        FindingOptions roomy;
        roomy.skipDataMaxInterfaceFindings = 7;
        QCOMPARE(findingsIn(text, "skipped-data", roomy).size(), std::size_t(7));
    }

    void spikeEpisodesAreOneFinding()
    {
        // 1 MB per 5 minutes; bucket 20 has 200 MB, 21 has 400 MB, 23 has 1 GB, 40 has 200 MB.
        // The average bucket is (44 + 1800) / 48 = 38.4 MB: a spike needs 115.25 MB at least. By hand
        // (baseline: the 12 buckets before):
        //  20: mean 1 MB, sigma 0 → 200× ✓.
        //  21: mean (11 + 200) / 12 = 17.58 MB, sigma 54.99 MB, mean + 4 sigma = 237.6 MB ≤ 400 ✓.
        //  22 (1 MB) ✗. 23: mean 610 / 12 = 50.83 MB, sigma 118.7 MB, mean + 4 sigma = 525.5 MB ≤ 1000 ✓.
        //  The other buckets hold 1 MB, under the 115.25 MB. 40: 200× ✓.
        // 20, 21 and 23 are one episode (one quiet bucket between), 40 another.
        std::string text;
        for (int b = 0; b < 48; ++b) {
            const std::int64_t bytes = b == 20 ? 200'000'000
                : b == 21                      ? 400'000'000
                : b == 23                      ? 1'000'000'000
                : b == 40                      ? 200'000'000
                                               : 1'000'000;
            text += rec("10.1.0.1", "10.1.0.2", 1, 2, 6, bytes, kT0 + b * 300, "ACCEPT");
        }
        const auto bucketStart = [](int b) { return (kT0 + b * 300) / 300 * 300; };
        auto found = findingsIn(text, "traffic-spike");
        std::sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) { return a.filter < b.filter; });
        QCOMPARE(found.size(), std::size_t(2));
        QCOMPARE(found[0].filter,
            QStringLiteral("startTime >= %1 and startTime < %2").arg(bucketStart(20)).arg(bucketStart(24)));
        QCOMPARE(found[0].evidenceCount, 4ULL); // buckets 20..23, one record each
        QVERIFY2(found[0].title.startsWith(QStringLiteral(
                     "Traffic spike: 1.60 GB in 20 minutes (3 spike intervals), up to 200.0× the baseline")),
            qPrintable(found[0].title));
        QCOMPARE(found[1].filter,
            QStringLiteral("startTime >= %1 and startTime < %2").arg(bucketStart(40)).arg(bucketStart(41)));
        QCOMPARE(found[1].evidenceCount, 1ULL);
        QVERIFY2(found[1].title.startsWith(QStringLiteral("Traffic spike: 0.20 GB in 5 minutes, 200.0× the baseline")),
            qPrintable(found[1].title));

        // Merging only consecutive buckets: 20–21, 23 and 40.
        FindingOptions strict;
        strict.spikeMergeGapBuckets = 0;
        QCOMPARE(findingsIn(text, "traffic-spike", strict).size(), std::size_t(3));
    }

    void smallSpikeOverAQuietNightIsNone()
    {
        // 100 KB a bucket at night, one of 5 MB (50× its baseline), then 20 MB a bucket by day. The
        // average bucket is (23 × 0.1 + 5 + 24 × 20) / 48 = 10.15 MB, so nothing under 30.45 MB is a
        // spike: not the 5 MB, nor the first day bucket (40× the night). By day the baseline catches
        // up: the second day bucket has mean 2.17 MB, sigma 5.54 MB, and 20 MB < mean + 4 sigma.
        std::string text;
        for (int b = 0; b < 48; ++b) {
            const std::int64_t bytes = b == 18 ? 5'000'000 : b < 24 ? 100'000 : 20'000'000;
            text += rec("10.1.0.1", "10.1.0.2", 1, 2, 6, bytes, kT0 + b * 300, "ACCEPT");
        }
        QVERIFY(findingsIn(text, "traffic-spike").empty());
    }

    void portScansAtTheirThresholds()
    {
        // Scans and sweeps just at and just below the default thresholds (100 ports or 50 hosts,
        // at least half of the attempts rejected), with accepted attempts mixed in: only the ones
        // at the threshold are found, with every attempt as evidence.
        QTemporaryDir dir;
        std::string text;
        auto attempts = [&](const std::string& src, int hosts, int ports, int rejected, int repeat) {
            int n = 0;
            for (int again = 0; again < repeat; ++again) {
                for (int h = 0; h < hosts; ++h) {
                    for (int p = 0; p < ports; ++p, ++n) {
                        text += rec(src, "10.9.0." + std::to_string(h + 1), 40000, 2000 + p, 6, 60, kT0 + n,
                            n < rejected ? "REJECT" : "ACCEPT");
                    }
                }
            }
        };
        attempts("203.0.113.1", 1, 100, 50, 1); // 100 ports, half rejected: a scan
        attempts("203.0.113.2", 1, 100, 49, 1); // one reject short
        attempts("203.0.113.3", 1, 99, 198, 2); // every attempt rejected, but 99 ports
        attempts("203.0.113.4", 50, 1, 25, 1); // 50 hosts on one port, half rejected: a sweep
        attempts("203.0.113.5", 49, 1, 49, 1); // 49 hosts
        attempts("203.0.113.6", 1, 150, 100, 2); // 150 ports twice, 100 of 300 attempts rejected
        QFile f(dir.filePath(QStringLiteral("thresholds.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.data(), static_cast<qint64>(text.size()));
        f.close();
        FlowStore store;
        QCOMPARE(Loader::load(store, { f.fileName() }).records, 100U + 100 + 198 + 50 + 49 + 300);
        std::vector<QString> found;
        for (const Finding& x : FindingDetector(store).detect(Selection::all(store.snapshot()))) {
            if (x.kind == QLatin1String("port-scan") || x.kind == QLatin1String("port-sweep")) {
                found.push_back(x.kind + QLatin1Char(' ') + x.title + QLatin1Char(' ')
                    + QString::number(x.evidenceCount) + QLatin1Char(' ') + QString::number(x.metric));
            }
        }
        std::sort(found.begin(), found.end());
        const std::vector<QString> expected {
            QStringLiteral("port-scan 203.0.113.1 probed 100 ports on 10.9.0.1 100 100"),
            QStringLiteral("port-sweep 203.0.113.4 swept port 2000 on 50 hosts 50 50"),
        };
        QCOMPARE(found, expected);
    }

    void thresholdsAreTunable()
    {
        FindingOptions options;
        options.portScanMinPorts = 200; // the planted scan tried 150
        options.bruteForceMinAttempts = 31;
        FindingDetector detector(m_store, options);
        const auto all = detector.detect(Selection::all(m_store.snapshot()));
        for (const Finding& f : all) {
            QVERIFY(f.kind != QLatin1String("port-scan"));
            QVERIFY(f.kind != QLatin1String("ssh-brute-force"));
        }
        // Without the scan finding, its source now counts as a repeated-reject source.
        QVERIFY(std::any_of(all.begin(), all.end(), [](const Finding& f) {
            return f.kind == QLatin1String("repeated-rejects") && f.title.startsWith(QLatin1String("198.51.100.7"));
        }));
    }

    void ordinaryTrafficRaisesNothingElse()
    {
        FindingDetector detector(m_store);
        for (const Finding& f : detector.detect(Selection::all(m_store.snapshot()))) {
            if (f.kind == QLatin1String("traffic-spike")) {
                // The planted 3 GB transfer is also a volume spike against the steady day; nothing else is.
                QVERIFY2(f.title.contains(QLatin1String("3.00 GB")), qPrintable(f.title));
                continue;
            }
            QVERIFY2(m_planted.contains(f.kind.toStdString()), qPrintable(f.kind + QStringLiteral(": ") + f.title));
        }
    }
};

QTEST_GUILESS_MAIN(TestFindings)
#include "tst_findings.moc"
