// Each suspicious pattern is planted once among ordinary two-way traffic; the detector must find
// it with exactly the planted records as evidence, and the ordinary traffic must raise nothing.
#include "analysis/findingdetector.h"
#include "ingest/loader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
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
