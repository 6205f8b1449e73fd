// Each bundled lab dataset tells its story: read through the real loaders, the records, the
// topology stages and the analyses say what the walkthroughs will tell the learner. Expectations
// are counted here from the records, one by one, and the addresses come from the contract
// (../../notes/LABS_CONTRACT.md) and each lab's lab.json, not from the generator.

#include "analysis/findingdetector.h"
#include "ingest/loader.h"
#include "topology/awsjsonloader.h"
#include "topology/networkaclcontainment.h"
#include "topology/reachabilityanalyzer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <map>
#include <memory>
#include <set>

using namespace flowlens;

namespace {

const QString kLabs = QStringLiteral(FLOWLENS_SOURCE_DIR "/resources/labs");

struct Rec {
    std::string eni, src, dst, action, direction;
    std::int64_t srcPort = 0, dstPort = 0, protocol = 0, packets = 0, bytes = 0, start = 0, end = 0;
    std::int64_t minute() const { return start / 60; }
};

struct Stage {
    QString id;
    std::int64_t start = 0;
    std::int64_t end = 0;
    QString topology;
    bool holds(const Rec& r) const { return r.start >= start && r.start < end; }
};

struct Lab {
    QString name;
    QString dir;
    QJsonObject manifest;
    std::vector<Stage> stages;
    std::map<QString, std::string> hosts;
    QStringList flowLogs;
    FlowStore store;
    LoadReport report;
    std::vector<Rec> records;

    const Stage& stage(const char* id) const
    {
        static const Stage none;
        for (const Stage& s : stages) {
            if (s.id == QLatin1String(id)) {
                return s;
            }
        }
        return none;
    }
    std::string host(const char* name) const
    {
        const auto it = hosts.find(QLatin1String(name));
        return it == hosts.end() ? std::string("(missing host)") : it->second;
    }
    Topology topology(const Stage& s) const
    {
        return AwsJsonLoader::load(dir + QLatin1Char('/') + s.topology).topology;
    }
};

std::int64_t secondsOf(const QJsonValue& v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODate);
    return t.isValid() ? t.toSecsSinceEpoch() : -1;
}

// Reads lab.json and the flow logs it names; `why` says what went wrong.
std::unique_ptr<Lab> loadLab(const QString& name, QString& why)
{
    auto lab = std::make_unique<Lab>();
    lab->name = name;
    lab->dir = kLabs + QLatin1Char('/') + name;
    QFile file(lab->dir + QStringLiteral("/lab.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        why = QStringLiteral("cannot read ") + file.fileName();
        return nullptr;
    }
    QJsonParseError error {};
    lab->manifest = QJsonDocument::fromJson(file.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError) {
        why = QStringLiteral("lab.json: ") + error.errorString();
        return nullptr;
    }
    for (const QJsonValue& v : lab->manifest.value(QLatin1String("stages")).toArray()) {
        const QJsonObject o = v.toObject();
        lab->stages.push_back({ o.value(QLatin1String("id")).toString(), secondsOf(o.value(QLatin1String("start"))),
            secondsOf(o.value(QLatin1String("end"))), o.value(QLatin1String("topology")).toString() });
    }
    const QJsonObject hosts = lab->manifest.value(QLatin1String("hosts")).toObject();
    for (auto it = hosts.begin(); it != hosts.end(); ++it) {
        lab->hosts[it.key()] = it.value().toString().toStdString();
    }
    QStringList paths;
    for (const QJsonValue& v : lab->manifest.value(QLatin1String("flowLogs")).toArray()) {
        lab->flowLogs << v.toString();
        paths << lab->dir + QLatin1Char('/') + v.toString();
    }
    lab->report = Loader::load(lab->store, paths);
    const FlowStore::Snapshot snapshot = lab->store.snapshot();
    for (const auto& chunk : snapshot.chunks) {
        for (std::uint32_t r = 0; r < chunk->rowCount(); ++r) {
            const auto text = [&](FieldId f) { return lab->store.text(*chunk, f, r); };
            const auto number = [&](FieldId f) { return chunk->value(f, r); };
            lab->records.push_back({ text(FieldId::InterfaceId), text(FieldId::SrcAddr), text(FieldId::DstAddr),
                text(FieldId::Action), text(FieldId::FlowDirection), number(FieldId::SrcPort), number(FieldId::DstPort),
                number(FieldId::Protocol), number(FieldId::Packets), number(FieldId::Bytes), number(FieldId::Start),
                number(FieldId::End) });
        }
    }
    return lab;
}

bool inCidr(const std::string& address, const char* cidr)
{
    const auto a = Address::parse(address);
    const auto c = Cidr::parse(cidr);
    return a && c && c->contains(*a);
}

Address addressOf(const std::string& text)
{
    return Address::parse(text).value_or(Address {});
}

std::vector<Finding> findingsOf(const Lab& lab, const char* kind)
{
    std::vector<Finding> out;
    for (Finding& f : FindingDetector(lab.store).detect(Selection::all(lab.store.snapshot()))) {
        if (f.kind == QLatin1String(kind)) {
            out.push_back(std::move(f));
        }
    }
    return out;
}

// The address a finding's filter names first (srcAddr = "…").
std::string sourceOf(const Finding& f)
{
    return f.filter.section(QLatin1Char('"'), 1, 1).toStdString();
}

} // namespace

class TestLabStories : public QObject {
    Q_OBJECT
private:
    std::map<QString, std::unique_ptr<Lab>> m_labs;
    const Lab& lab(const char* name) const { return *m_labs.at(QLatin1String(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        for (const char* name : { "peering-lab", "cost-incident", "hunting" }) {
            QString why;
            auto lab = loadLab(QLatin1String(name), why);
            QVERIFY2(lab, qPrintable(QLatin1String(name) + QStringLiteral(": ") + why));
            m_labs[QLatin1String(name)] = std::move(lab);
        }
    }

    void manifestMatchesData_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("stageCount");
        QTest::addRow("peering-lab") << QStringLiteral("peering-lab") << 4;
        QTest::addRow("cost-incident") << QStringLiteral("cost-incident") << 2;
        QTest::addRow("hunting") << QStringLiteral("hunting") << 1;
    }
    void manifestMatchesData()
    {
        QFETCH(QString, name);
        QFETCH(int, stageCount);
        const Lab& l = *m_labs.at(name);
        QCOMPARE(l.manifest.value(QLatin1String("lab")).toString(), name);
        QVERIFY(!l.manifest.value(QLatin1String("title")).toString().isEmpty());
        QVERIFY(!l.hosts.empty());
        QCOMPARE(int(l.stages.size()), stageCount);
        QVERIFY(!l.flowLogs.isEmpty());
        for (const QString& f : l.flowLogs) {
            QVERIFY2(QFileInfo(l.dir + QLatin1Char('/') + f).isFile(), qPrintable(f));
            QVERIFY2(f.startsWith(QLatin1String("flowlogs/111122223333_vpcflowlogs_us-east-1_fl-"))
                    && f.endsWith(QLatin1String(".log.gz")),
                qPrintable(f));
        }
        // Every file read, without a single bad line, and all of them are flow logs.
        QCOMPARE(l.report.errors, std::uint64_t(0));
        QVERIFY(l.report.problems.isEmpty());
        QCOMPARE(int(l.report.sources.size()), int(l.flowLogs.size()));
        QCOMPARE(l.report.records, std::uint64_t(l.records.size()));
        QVERIFY(!l.records.empty());

        // Stages follow one another without gaps and hold every record.
        for (std::size_t i = 0; i < l.stages.size(); ++i) {
            const Stage& s = l.stages[i];
            QVERIFY2(s.start > 0 && s.start < s.end, qPrintable(s.id));
            if (i > 0) {
                QCOMPARE(s.start, l.stages[i - 1].end);
            }
            const TopologyLoadResult topology = AwsJsonLoader::load(l.dir + QLatin1Char('/') + s.topology);
            QVERIFY2(topology.ok(), qPrintable(s.topology));
            QVERIFY(topology.warnings.empty());
            QVERIFY(!topology.topology.vpcs.empty());
        }
        const Topology first = l.topology(l.stages.front());
        for (const Rec& r : l.records) {
            if (r.start == kNull) {
                continue; // NODATA and SKIPDATA of the generator's mix still have times; nulls would be a bug
            }
            QVERIFY(r.start >= l.stages.front().start && r.end < l.stages.back().end);
            // A 60-second aggregation interval: start and end in one minute.
            QCOMPARE(r.end / 60, r.minute());
            QVERIFY2(first.networkInterface(QString::fromStdString(r.eni)), r.eni.c_str());
        }
    }

    // The custom format the contract gives for the peering lab, in every file.
    void peeringFormat()
    {
        const Lab& l = lab("peering-lab");
        const QString header = QStringLiteral(
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action "
            "log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr flow-direction");
        for (const SourceInfo& source : l.store.sources()) {
            QCOMPARE(source.format, header);
            QVERIFY(source.path.contains(QLatin1String("_fl-0lab1_")));
        }
    }

    // Stage ping-private: every echo to 10.2.x leaves and nothing comes back; the public address answers.
    void peeringPingPrivate()
    {
        const Lab& l = lab("peering-lab");
        const Stage& stage = l.stage("ping-private");
        QCOMPARE(stage.topology, QStringLiteral("topology/1-before-peering"));
        const std::string instance1 = l.host("instance-1");
        QCOMPARE(instance1, std::string("10.1.1.10"));
        int echoes = 0;
        int publicEchoes = 0;
        for (const Rec& r : l.records) {
            if (r.protocol != 1 || !stage.holds(r)) {
                continue;
            }
            if (r.src == instance1 && inCidr(r.dst, "10.2.0.0/16")) {
                ++echoes;
                QCOMPARE(r.direction, std::string("egress"));
                QCOMPARE(r.action, std::string("ACCEPT"));
                // No reply record from that address to instance-1, in this minute or any before the peering.
                for (const Rec& back : l.records) {
                    QVERIFY2(!(back.src == r.dst && back.dst == instance1 && back.start < l.stage("peering").end),
                        "a reply from VPC 2 before the peering");
                }
            }
            if (r.src == instance1 && r.dst == "198.51.100.20") {
                ++publicEchoes;
                const bool replied = std::any_of(l.records.begin(), l.records.end(), [&](const Rec& back) {
                    return back.protocol == 1 && back.src == r.dst && back.dst == instance1
                        && back.minute() == r.minute() && back.packets == r.packets && back.action == "ACCEPT"
                        && back.direction == "ingress";
                });
                QVERIFY2(replied, "an echo to the public address has no reply record");
            }
        }
        QVERIFY(echoes >= 3);
        QVERIFY(publicEchoes >= 1);
    }

    // Stage ping-peered: every echo to 10.2.1.20 has its reply.
    void peeringPingPeered()
    {
        const Lab& l = lab("peering-lab");
        const Stage& stage = l.stage("ping-peered");
        QCOMPARE(stage.topology, QStringLiteral("topology/2-after-peering"));
        const std::string instance1 = l.host("instance-1");
        const std::string instance2 = l.host("instance-2");
        QCOMPARE(instance2, std::string("10.2.1.20"));
        int echoes = 0;
        for (const Rec& r : l.records) {
            if (r.protocol != 1 || !stage.holds(r) || r.src != instance1 || r.dst != instance2) {
                continue;
            }
            ++echoes;
            const bool replied = std::any_of(l.records.begin(), l.records.end(), [&](const Rec& back) {
                return back.protocol == 1 && back.src == instance2 && back.dst == instance1
                    && back.minute() == r.minute() && back.packets == r.packets && back.action == "ACCEPT"
                    && back.direction == "ingress";
            });
            QVERIFY2(replied, "an echo through the peering has no reply record");
        }
        QVERIFY(echoes >= 3);
    }

    // How AWS writes what eni-0lab1 sees: ICMP without ports, 84-byte echoes, the direction from the
    // interface's side, and the flow log on VPC 1 only.
    void peeringRecordsAreRealistic()
    {
        const Lab& l = lab("peering-lab");
        const std::string instance1 = l.host("instance-1");
        for (const Rec& r : l.records) {
            QCOMPARE(r.eni, std::string("eni-0lab1"));
            QVERIFY(r.src == instance1 || r.dst == instance1);
            QCOMPARE(r.direction, std::string(r.src == instance1 ? "egress" : "ingress"));
            QVERIFY(r.packets >= 1 && r.bytes >= 40 * r.packets && r.bytes <= 9001 * r.packets);
            if (r.protocol == 1) {
                QCOMPARE(r.srcPort, std::int64_t(0));
                QCOMPARE(r.dstPort, std::int64_t(0));
                QCOMPARE(r.bytes, 84 * r.packets);
            }
        }
    }

    void peeringBackground()
    {
        const Lab& l = lab("peering-lab");
        const std::string scanner = l.host("scanner");
        QCOMPARE(scanner, std::string("192.0.2.66"));
        std::set<std::int64_t> ports;
        std::map<std::string, std::int64_t> bytesByRemote;
        int ssh = 0;
        for (const Rec& r : l.records) {
            if (r.src == scanner) {
                QCOMPARE(r.action, std::string("REJECT"));
                ports.insert(r.dstPort);
            }
            if (r.src == l.host("laptop") && r.dstPort == 22) {
                QCOMPARE(r.action, std::string("ACCEPT"));
                ++ssh;
            }
            bytesByRemote[r.src == l.host("instance-1") ? r.dst : r.src] += r.bytes;
        }
        QVERIFY(ports.size() >= 100);
        QVERIFY(ssh > 0);
        const auto top = std::max_element(bytesByRemote.begin(), bytesByRemote.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
        QCOMPARE(top->first, l.host("mirror"));

        const auto scans = findingsOf(l, "port-scan");
        QVERIFY(std::any_of(scans.begin(), scans.end(), [&](const Finding& f) { return sourceOf(f) == scanner; }));
        // The learner's own SSH login is not mistaken for password guessing.
        QVERIFY(findingsOf(l, "ssh-brute-force").empty());
    }

    void peeringReachability()
    {
        const Lab& l = lab("peering-lab");
        const Address instance1 = addressOf(l.host("instance-1"));
        const Address instance2 = addressOf(l.host("instance-2"));
        const Address laptop = addressOf(l.host("laptop"));

        const Topology before = l.topology(l.stage("ping-private"));
        const ReachResult blocked = ReachabilityAnalyzer(before).evaluate({ instance1, instance2, 1, 0, {} });
        QVERIFY(!blocked.reachable());
        QCOMPARE(blocked.blockingId, QStringLiteral("rtb-0lab1"));
        QVERIFY2(blocked.explanation.contains(QLatin1String("rtb-0lab1"))
                && blocked.explanation.contains(QLatin1String("10.2.0.0/16")),
            qPrintable(blocked.explanation));
        // The public address answers over the internet.
        QVERIFY(ReachabilityAnalyzer(before).evaluate({ instance1, addressOf("198.51.100.20"), 1, 0, {} }).reachable());

        const Topology after = l.topology(l.stage("ping-peered"));
        const ReachResult open = ReachabilityAnalyzer(after).evaluate({ instance1, instance2, 1, 0, {} });
        QVERIFY2(open.reachable(), qPrintable(open.explanation));
        QVERIFY(std::any_of(open.steps.begin(), open.steps.end(),
            [](const ReachStep& s) { return s.elementId == QLatin1String("pcx-0lab12") && s.passed; }));

        for (const Topology* t : { &before, &after }) {
            QVERIFY(!ReachabilityAnalyzer(*t).evaluate({ laptop, instance2, 1, 0, {} }).reachable());
        }
    }

    void costTopDestination()
    {
        const Lab& l = lab("cost-incident");
        const std::string unknown = l.host("unknown");
        QCOMPARE(unknown, std::string("192.0.2.77"));
        const std::set<std::string> web { l.host("web-1"), l.host("web-2") };
        std::map<std::string, std::uint64_t> bytesTo;
        for (const Rec& r : l.records) {
            if (web.count(r.src)) {
                bytesTo[r.dst] += static_cast<std::uint64_t>(r.bytes);
            }
        }
        const auto top = std::max_element(
            bytesTo.begin(), bytesTo.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
        QCOMPARE(top->first, unknown);
        QVERIFY(top->second > 3'000'000'000ULL);

        const auto large = findingsOf(l, "large-outbound");
        int naming = 0;
        for (const Finding& f : large) {
            if (f.filter.contains(QLatin1String("\"192.0.2.77\""))) {
                ++naming;
                QVERIFY(web.count(sourceOf(f)));
                QVERIFY2(f.title.contains(QLatin1String("192.0.2.77")) && f.title.contains(QLatin1Char('$')),
                    qPrintable(f.title));
            }
        }
        QCOMPARE(naming, 2);
    }

    void costContainment()
    {
        const Lab& l = lab("cost-incident");
        const Topology before = l.topology(l.stage("leak"));
        const Topology after = l.topology(l.stage("contained"));
        const ContainmentPlan plan = NetworkAclContainment::plan(before, addressOf(l.host("unknown")));
        QVERIFY(!plan.rules.empty());

        // The entries the after topology adds to the ACLs, and those the plan proposes.
        using Entry = std::tuple<QString, bool, int, QString, bool, int>;
        std::set<Entry> added;
        for (const NetworkAcl& acl : after.networkAcls) {
            const NetworkAcl* old = before.networkAcl(acl.id);
            QVERIFY(old);
            for (const NetworkAclEntry& e : acl.entries) {
                const bool existed = std::any_of(old->entries.begin(), old->entries.end(),
                    [&](const auto& o) { return o.ruleNumber == e.ruleNumber && o.egress == e.egress; });
                if (!existed) {
                    added.insert({ acl.id, e.egress, e.ruleNumber,
                        e.cidr ? QString::fromStdString(e.cidr->toString()) : QString(), e.allow, e.protocol });
                }
            }
        }
        std::set<Entry> proposed;
        for (const ContainmentRule& r : plan.rules) {
            proposed.insert({ r.aclId, r.egress, r.ruleNumber, r.cidr, false, -1 });
        }
        QCOMPARE(added, proposed);
        // By hand: the web subnet's ACL allows all with rule 100, so 99 denies the address both ways.
        QCOMPARE(proposed,
            (std::set<Entry> { { QStringLiteral("acl-0web"), false, 99, QStringLiteral("192.0.2.77/32"), false, -1 },
                { QStringLiteral("acl-0web"), true, 99, QStringLiteral("192.0.2.77/32"), false, -1 } }));

        const FlowQuery upload { addressOf(l.host("web-1")), addressOf(l.host("unknown")), 6, 443, {} };
        QVERIFY(ReachabilityAnalyzer(before).evaluate(upload).reachable());
        const ReachResult denied = ReachabilityAnalyzer(after).evaluate(upload);
        QCOMPARE(denied.verdict, ReachVerdict::NetworkAclDenied);
        QCOMPARE(denied.blockingId, QStringLiteral("acl-0web"));
    }

    void costContainedTraffic()
    {
        const Lab& l = lab("cost-incident");
        const Stage& leak = l.stage("leak");
        const Stage& contained = l.stage("contained");
        const std::string unknown = l.host("unknown");
        const std::set<std::string> web { l.host("web-1"), l.host("web-2") };
        const std::string db = l.host("db");
        int blocked = 0, leaked = 0, toDb = 0, fromClients = 0;
        for (const Rec& r : l.records) {
            const bool withUnknown = r.src == unknown || r.dst == unknown;
            if (withUnknown && contained.holds(r)) {
                QCOMPARE(r.action, std::string("REJECT"));
                ++blocked;
            }
            if (withUnknown && leak.holds(r)) {
                QCOMPARE(r.action, std::string("ACCEPT"));
                ++leaked;
            }
            if (!contained.holds(r)) {
                continue;
            }
            if (web.count(r.src) && r.dst == db && r.dstPort == 5432) {
                QCOMPARE(r.action, std::string("ACCEPT"));
                ++toDb;
            }
            if (web.count(r.dst) && r.dstPort == 443 && !addressOf(r.src).isPrivate()) {
                QCOMPARE(r.action, std::string("ACCEPT"));
                ++fromClients;
            }
        }
        QVERIFY(blocked >= 30);
        QVERIFY(leaked > 0);
        QVERIFY(toDb > 0);
        QVERIFY(fromClients > 100);
    }

    void huntingFindings()
    {
        const Lab& l = lab("hunting");
        const auto scans = findingsOf(l, "port-scan");
        QVERIFY(std::any_of(scans.begin(), scans.end(), [&](const Finding& f) {
            return sourceOf(f) == l.host("port-scanner")
                && f.filter.contains(QString::fromStdString(l.host("port-scan-target")));
        }));
        const auto brute = findingsOf(l, "ssh-brute-force");
        QVERIFY(std::any_of(brute.begin(), brute.end(), [&](const Finding& f) {
            return sourceOf(f) == l.host("ssh-brute-forcer")
                && f.filter.contains(QString::fromStdString(l.host("bastion")));
        }));

        // The biggest spike (bytes counted here) is the exfiltration: its top source and destination.
        const auto spikes = findingsOf(l, "traffic-spike");
        QVERIFY(!spikes.empty());
        static const QRegularExpression range(QStringLiteral("startTime >= (\\d+) and startTime < (\\d+)"));
        std::uint64_t biggest = 0;
        std::map<std::string, std::uint64_t> sources, destinations;
        for (const Finding& f : spikes) {
            const QRegularExpressionMatch m = range.match(f.filter);
            QVERIFY2(m.hasMatch(), qPrintable(f.filter));
            const std::int64_t from = m.captured(1).toLongLong();
            const std::int64_t to = m.captured(2).toLongLong();
            std::uint64_t total = 0;
            std::map<std::string, std::uint64_t> bySource, byDestination;
            for (const Rec& r : l.records) {
                if (r.start >= from && r.start < to && r.bytes != kNull) {
                    total += static_cast<std::uint64_t>(r.bytes);
                    bySource[r.src] += static_cast<std::uint64_t>(r.bytes);
                    byDestination[r.dst] += static_cast<std::uint64_t>(r.bytes);
                }
            }
            if (total > biggest) {
                biggest = total;
                sources = bySource;
                destinations = byDestination;
            }
        }
        const auto top = [](const std::map<std::string, std::uint64_t>& m) {
            return std::max_element(m.begin(), m.end(), [](const auto& a, const auto& b) {
                return a.second < b.second;
            })->first;
        };
        const std::string source = top(sources);
        QVERIFY2(
            source == l.host("exfiltration-source-1") || source == l.host("exfiltration-source-2"), source.c_str());
        QCOMPARE(top(destinations), l.host("exfiltration-destination"));
    }
};

QTEST_GUILESS_MAIN(TestLabStories)
#include "tst_labstories.moc"
