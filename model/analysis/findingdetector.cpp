#include "findingdetector.h"

#include "timehistogram.h"

#include <QDateTime>
#include <QSet>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace flowlens {

namespace {

constexpr std::int64_t kTcp = 6;

// The columns every detector reads, decoded one chunk at a time.
struct Rows {
    std::vector<std::int64_t> src, dst, srcPort, dstPort, protocol, bytes, packets, action, start, end, status, eni;
    Rows()
    {
        for (auto* v :
            { &src, &dst, &srcPort, &dstPort, &protocol, &bytes, &packets, &action, &start, &end, &status, &eni }) {
            v->resize(kChunkRows);
        }
    }
    void decode(const Chunk& c)
    {
        const std::uint32_t n = c.rowCount();
        c.decode(FieldId::SrcAddr, 0, n, src.data());
        c.decode(FieldId::DstAddr, 0, n, dst.data());
        c.decode(FieldId::SrcPort, 0, n, srcPort.data());
        c.decode(FieldId::DstPort, 0, n, dstPort.data());
        c.decode(FieldId::Protocol, 0, n, protocol.data());
        c.decode(FieldId::Bytes, 0, n, bytes.data());
        c.decode(FieldId::Packets, 0, n, packets.data());
        c.decode(FieldId::Action, 0, n, action.data());
        c.decode(FieldId::Start, 0, n, start.data());
        c.decode(FieldId::End, 0, n, end.data());
        c.decode(FieldId::LogStatus, 0, n, status.data());
        c.decode(FieldId::InterfaceId, 0, n, eni.data());
    }
};

// Calls f(chunk, row, rows) for every row of the selection; stops early once `cancel` is set.
template <class F> void scan(const Selection& selection, const std::atomic<bool>* cancel, F&& f)
{
    Rows rows;
    const auto& chunks = selection.snapshot().chunks;
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        if (selection.chunk(c).count == 0) {
            continue;
        }
        if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
            return;
        }
        rows.decode(*chunks[c]);
        selection.forEachRow(c, [&](std::uint32_t r) { f(static_cast<std::uint32_t>(c), r, rows); });
    }
}

// Two column values as one key: (src, dst) address ids or (src, port).
struct Pair {
    std::int64_t a;
    std::int64_t b;
    bool operator==(const Pair&) const = default;
};
struct PairHash {
    std::size_t operator()(const Pair& p) const noexcept
    {
        const std::uint64_t h
            = (static_cast<std::uint64_t>(p.a) * 0x9E3779B97F4A7C15ULL) ^ static_cast<std::uint64_t>(p.b);
        return static_cast<std::size_t>((h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ULL);
    }
};
template <class T> using PairMap = std::unordered_map<Pair, T, PairHash>;

Pair pack(std::int64_t a, std::int64_t b)
{
    return { a, b };
}

std::uint64_t amount(std::int64_t v)
{
    return v == kNull ? 0 : static_cast<std::uint64_t>(v);
}

// One pass that fills the evidence of several findings, each keyed by a key of a row (keyOf gives
// an optional key of the map's key type).
template <class Map, class KeyOf>
void gatherEvidence(const Selection& selection, const std::atomic<bool>* cancel, std::vector<Finding>& findings,
    const Map& byKey, std::size_t maxEvidence, KeyOf keyOf)
{
    if (findings.empty()) {
        return;
    }
    scan(selection, cancel, [&](std::uint32_t c, std::uint32_t r, const Rows& rows) {
        const auto key = keyOf(rows, r);
        if (!key) {
            return;
        }
        const auto it = byKey.find(*key);
        if (it == byKey.end()) {
            return;
        }
        Finding& f = findings[it->second];
        ++f.evidenceCount;
        if (f.evidence.size() < maxEvidence) {
            f.evidence.push_back(makeRowId(c, r));
        }
    });
}

// A client's logins to one service of one server: (client, server, 22 or 3389).
struct LoginKey {
    std::int64_t client;
    std::int64_t server;
    std::int64_t service;
    bool operator==(const LoginKey&) const = default;
};
struct LoginKeyHash {
    std::size_t operator()(const LoginKey& k) const noexcept
    {
        return PairHash()(Pair { k.client, k.server }) ^ static_cast<std::size_t>(k.service * 0x9E3779B1);
    }
};

// A TCP record of a connection to SSH or RDP, whichever way it goes: a request names the client as
// its source, a reply as its destination.
struct LoginSide {
    LoginKey key;
    std::int64_t clientPort;
    bool fromClient;
};

std::optional<LoginSide> loginSide(const Rows& rows, std::uint32_t r)
{
    if (rows.protocol[r] != kTcp || rows.src[r] == kNull || rows.dst[r] == kNull) {
        return std::nullopt;
    }
    const auto login = [](std::int64_t port) { return port == 22 || port == 3389; };
    if (login(rows.dstPort[r])) {
        return LoginSide { { rows.src[r], rows.dst[r], rows.dstPort[r] }, rows.srcPort[r], true };
    }
    if (login(rows.srcPort[r])) {
        return LoginSide { { rows.dst[r], rows.src[r], rows.srcPort[r] }, rows.dstPort[r], false };
    }
    return std::nullopt;
}

QString gigabytes(double bytes)
{
    return QString::number(bytes / 1e9, 'f', 2) + QStringLiteral(" GB");
}

} // namespace

FindingDetector::FindingDetector(const FlowStore& store, FindingOptions options)
    : m_store(store)
    , m_options(options)
{
}

QString FindingDetector::address(std::int64_t id) const
{
    return QString::fromStdString(m_store.text(FieldId::SrcAddr, id));
}

std::vector<Finding> FindingDetector::detect(const Selection& selection) const
{
    std::vector<Finding> all = portScans(selection);
    const std::vector<Finding> scans = all;
    for (auto&& part :
        { bruteForce(selection), repeatedRejects(selection, scans), trafficSpikes(selection), largeOutbound(selection),
            unusualProtocolsAndPorts(selection), skippedData(selection), oneWayTraffic(selection) }) {
        all.insert(all.end(), part.begin(), part.end());
    }
    std::stable_sort(all.begin(), all.end(), [](const Finding& a, const Finding& b) {
        return a.severity != b.severity ? a.severity > b.severity : a.metric > b.metric;
    });
    return all;
}

std::vector<Finding> FindingDetector::portScans(const Selection& selection) const
{
    struct Tally {
        std::uint32_t distinct = 0;
        std::uint64_t attempts = 0;
        std::uint64_t rejects = 0;
    };
    // A scan of a host tries at least portScanMinPorts ports (so as many attempts) with at least the
    // reject share of the attempts rejected, so a (source, host) pair with fewer REJECT records than
    // share × minPorts cannot be one; likewise a sweep of (source, port). A first pass counts the
    // REJECT records per key; attempts and distinct targets are then counted only for the keys that
    // can qualify, a handful instead of every conversation.
    auto complete = [](const Rows& rows, std::uint32_t r) {
        return rows.src[r] != kNull && rows.dst[r] != kNull && rows.dstPort[r] != kNull;
    };
    const double share = m_options.portScanMinRejectShare;
    const bool anyShare = share <= 0; // then a key without any REJECT can qualify too
    PairMap<std::uint64_t> hostRejects; // (src, dst)
    PairMap<std::uint64_t> portRejects; // (src, port)
    scan(selection, m_cancel, [&](std::uint32_t, std::uint32_t r, const Rows& rows) {
        if ((rows.action[r] == 1 || anyShare) && complete(rows, r)) {
            ++hostRejects[pack(rows.src[r], rows.dst[r])];
            ++portRejects[pack(rows.src[r], rows.dstPort[r])];
        }
    });
    // Keys in order, so findings of equal severity and figure always come in the same order.
    auto candidates = [share](const PairMap<std::uint64_t>& rejects, int minDistinct) {
        std::vector<Pair> keys;
        for (const auto& [key, count] : rejects) {
            // (a hair below the bound: rounding must not drop a key that qualifies exactly at it)
            if (double(count) >= share * minDistinct * (1 - 1e-9)) {
                keys.push_back(key);
            }
        }
        std::sort(keys.begin(), keys.end(), [](Pair x, Pair y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
        return keys;
    };
    const std::vector<Pair> hostKeys = candidates(hostRejects, m_options.portScanMinPorts);
    const std::vector<Pair> portKeys = candidates(portRejects, m_options.portScanMinHosts);
    PairMap<std::size_t> hostIndex;
    PairMap<std::size_t> portIndex;
    std::unordered_set<std::int64_t> sources;
    for (std::size_t i = 0; i < hostKeys.size(); ++i) {
        hostIndex.emplace(hostKeys[i], i);
        sources.insert(hostKeys[i].a);
    }
    for (std::size_t i = 0; i < portKeys.size(); ++i) {
        portIndex.emplace(portKeys[i], i);
        sources.insert(portKeys[i].a);
    }
    std::vector<Tally> perHost(hostKeys.size());
    std::vector<Tally> perPort(portKeys.size());
    std::unordered_set<Pair, PairHash> seenPort; // (host key index, port)
    std::unordered_set<Pair, PairHash> seenHost; // (port key index, dst)
    if (!sources.empty()) {
        scan(selection, m_cancel, [&](std::uint32_t, std::uint32_t r, const Rows& rows) {
            if (!complete(rows, r) || !sources.contains(rows.src[r])) {
                return;
            }
            const bool reject = rows.action[r] == 1;
            if (const auto h = hostIndex.find(pack(rows.src[r], rows.dst[r])); h != hostIndex.end()) {
                Tally& t = perHost[h->second];
                ++t.attempts;
                t.rejects += reject;
                t.distinct += seenPort.insert(pack(std::int64_t(h->second), rows.dstPort[r])).second;
            }
            if (const auto p = portIndex.find(pack(rows.src[r], rows.dstPort[r])); p != portIndex.end()) {
                Tally& t = perPort[p->second];
                ++t.attempts;
                t.rejects += reject;
                t.distinct += seenHost.insert(pack(std::int64_t(p->second), rows.dst[r])).second;
            }
        });
    }
    std::vector<Finding> findings;
    PairMap<std::size_t> byHost;
    PairMap<std::size_t> byPort;
    for (std::size_t i = 0; i < hostKeys.size(); ++i) {
        const Pair key = hostKeys[i];
        const Tally& t = perHost[i];
        const double rejectShare = double(t.rejects) / double(t.attempts);
        if (t.distinct < std::uint32_t(m_options.portScanMinPorts) || rejectShare < share) {
            continue;
        }
        const auto src = key.a;
        const auto dst = key.b;
        const bool external = !m_store.address(AddressId(src)).isPrivate();
        Finding f;
        f.kind = QStringLiteral("port-scan");
        f.severity = t.rejects < t.attempts ? Severity::High : Severity::Medium;
        f.title = QStringLiteral("%1 probed %2 ports on %3").arg(address(src)).arg(t.distinct).arg(address(dst));
        f.explanation
            = QStringLiteral("A port scan: one source tried %1 different destination ports on one host, and %2% of the "
                             "attempts were rejected. %3 %4")
                  .arg(t.distinct)
                  .arg(int(std::round(rejectShare * 100)))
                  .arg(t.rejects < t.attempts
                          ? QStringLiteral("Some attempts were ACCEPTED: check which ports answered and "
                                           "whether they should be open to this source.")
                          : QStringLiteral("Every attempt was rejected, so the security group or network "
                                           "ACL held."))
                  .arg(external ? QStringLiteral("Consider a network-ACL deny rule for the source.")
                                : QStringLiteral("The source is inside your network: find out what runs on it."));
        f.guardDutyType
            = external ? QStringLiteral("Recon:EC2/PortProbeUnprotectedPort") : QStringLiteral("Recon:EC2/Portscan");
        f.filter = QStringLiteral("srcAddr = \"%1\" and dstAddr = \"%2\"").arg(address(src), address(dst));
        f.metric = t.distinct;
        byHost.emplace(key, findings.size());
        findings.push_back(std::move(f));
    }
    const std::size_t hostFindings = findings.size();
    for (std::size_t i = 0; i < portKeys.size(); ++i) {
        const Pair key = portKeys[i];
        const Tally& t = perPort[i];
        const double rejectShare = double(t.rejects) / double(t.attempts);
        if (t.distinct < std::uint32_t(m_options.portScanMinHosts) || rejectShare < share) {
            continue;
        }
        const auto src = key.a;
        const auto port = key.b;
        Finding f;
        f.kind = QStringLiteral("port-sweep");
        f.severity = Severity::Medium;
        f.title = QStringLiteral("%1 swept port %2 on %3 hosts").arg(address(src)).arg(port).arg(t.distinct);
        f.explanation = QStringLiteral("A sweep: one source tried the same port on %1 different hosts, %2% rejected. "
                                       "Sweeps look for one vulnerable service across a network.")
                            .arg(t.distinct)
                            .arg(int(std::round(rejectShare * 100)));
        f.guardDutyType = QStringLiteral("Recon:EC2/Portscan");
        f.filter = QStringLiteral("srcAddr = \"%1\" and dstPort = %2").arg(address(src)).arg(port);
        f.metric = t.distinct;
        byPort.emplace(key, findings.size());
        findings.push_back(std::move(f));
    }
    gatherEvidence(selection, m_cancel, findings, byHost, m_options.maxEvidence, [](const Rows& rows, std::uint32_t r) {
        return rows.src[r] == kNull || rows.dst[r] == kNull ? std::nullopt
                                                            : std::optional(pack(rows.src[r], rows.dst[r]));
    });
    // Sweep findings are keyed differently; their indexes start after the host findings.
    if (findings.size() > hostFindings) {
        gatherEvidence(
            selection, m_cancel, findings, byPort, m_options.maxEvidence, [](const Rows& rows, std::uint32_t r) {
                return rows.src[r] == kNull || rows.dstPort[r] == kNull
                    ? std::nullopt
                    : std::optional(pack(rows.src[r], rows.dstPort[r]));
            });
    }
    return findings;
}

std::vector<Finding> FindingDetector::bruteForce(const Selection& selection) const
{
    // Attempts are connections, not records: one TCP connection is a record per aggregation interval
    // and direction, so a client port seen three times is still one login attempt.
    struct Tally {
        std::unordered_set<std::int64_t> clientPorts;
        std::uint64_t clientBytes = 0; // what the client sent: a failed login sends little
        bool accepted = false;
    };
    std::unordered_map<LoginKey, Tally, LoginKeyHash> perService;
    scan(selection, m_cancel, [&](std::uint32_t, std::uint32_t r, const Rows& rows) {
        const auto side = loginSide(rows, r);
        if (!side) {
            return;
        }
        Tally& t = perService[side->key];
        t.clientPorts.insert(side->clientPort);
        if (side->fromClient) {
            t.clientBytes += amount(rows.bytes[r]);
            t.accepted = t.accepted || rows.action[r] == 0;
        }
    });
    std::vector<Finding> findings;
    std::unordered_map<LoginKey, std::size_t, LoginKeyHash> byKey;
    for (const auto& [key, t] : perService) {
        const auto connections = static_cast<std::uint64_t>(t.clientPorts.size());
        const auto average = static_cast<std::int64_t>(t.clientBytes / connections);
        if (connections < std::uint64_t(m_options.bruteForceMinAttempts)
            || average > m_options.bruteForceMaxAverageBytes) {
            continue;
        }
        const bool ssh = key.service == 22;
        const QString client = address(key.client);
        const QString server = address(key.server);
        Finding f;
        f.kind = ssh ? QStringLiteral("ssh-brute-force") : QStringLiteral("rdp-brute-force");
        f.severity = t.accepted ? Severity::High : Severity::Medium;
        f.title = QStringLiteral("%1: %2 short %3 connections to %4")
                      .arg(client)
                      .arg(connections)
                      .arg(ssh ? QStringLiteral("SSH") : QStringLiteral("RDP"))
                      .arg(server);
        f.explanation = QStringLiteral("Many short connections (%1 distinct client ports, %2 bytes sent on average) "
                                       "from one source to %3 on one host look like password guessing. %4 Restrict "
                                       "the port to known addresses (or use Session Manager) and check the host's "
                                       "login log.")
                            .arg(connections)
                            .arg(average)
                            .arg(ssh ? QStringLiteral("SSH (22)") : QStringLiteral("RDP (3389)"))
                            .arg(t.accepted ? QStringLiteral("The port accepted them: the service is reachable "
                                                             "from this source.")
                                            : QStringLiteral("All were rejected."));
        f.guardDutyType = ssh ? QStringLiteral("UnauthorizedAccess:EC2/SSHBruteForce")
                              : QStringLiteral("UnauthorizedAccess:EC2/RDPBruteForce");
        f.filter = QStringLiteral("(srcAddr = \"%1\" and dstAddr = \"%2\" and dstPort = %3) or (srcAddr = \"%2\" and "
                                  "dstAddr = \"%1\" and srcPort = %3)")
                       .arg(client, server)
                       .arg(key.service);
        f.metric = double(connections);
        byKey.emplace(key, findings.size());
        findings.push_back(std::move(f));
    }
    gatherEvidence(selection, m_cancel, findings, byKey, m_options.maxEvidence, [](const Rows& rows, std::uint32_t r) {
        const auto side = loginSide(rows, r);
        return side ? std::optional(side->key) : std::nullopt;
    });
    return findings;
}

std::vector<Finding> FindingDetector::repeatedRejects(
    const Selection& selection, const std::vector<Finding>& scans) const
{
    std::unordered_map<std::int64_t, std::uint64_t> rejects;
    std::unordered_map<std::int64_t, std::unordered_set<std::int64_t>> targets;
    scan(selection, m_cancel, [&](std::uint32_t, std::uint32_t r, const Rows& rows) {
        if (rows.action[r] == 1 && rows.src[r] != kNull) {
            ++rejects[rows.src[r]];
            if (rows.dst[r] != kNull) {
                targets[rows.src[r]].insert(rows.dst[r]);
            }
        }
    });
    QSet<QString> scanners;
    for (const Finding& s : scans) {
        scanners.insert(s.filter.section(QLatin1Char('"'), 1, 1));
    }
    std::vector<Finding> findings;
    std::unordered_map<std::uint64_t, std::size_t> byKey;
    for (const auto& [src, count] : rejects) {
        if (count < std::uint64_t(m_options.repeatedRejectMinRecords) || scanners.contains(address(src))) {
            continue;
        }
        Finding f;
        f.kind = QStringLiteral("repeated-rejects");
        f.severity = Severity::Low;
        f.title
            = QStringLiteral("%1: %2 rejected flows to %3 hosts").arg(address(src)).arg(count).arg(targets[src].size());
        f.explanation = QStringLiteral("This source keeps sending traffic that security groups or network ACLs "
                                       "reject. From outside it is background noise or reconnaissance; from inside it "
                                       "is usually a misconfigured client or a missing rule.");
        f.filter = QStringLiteral("srcAddr = \"%1\" and action = \"REJECT\"").arg(address(src));
        f.metric = double(count);
        byKey.emplace(static_cast<std::uint64_t>(src), findings.size());
        findings.push_back(std::move(f));
    }
    gatherEvidence(selection, m_cancel, findings, byKey, m_options.maxEvidence, [](const Rows& rows, std::uint32_t r) {
        return rows.action[r] == 1 && rows.src[r] != kNull ? std::optional(static_cast<std::uint64_t>(rows.src[r]))
                                                           : std::nullopt;
    });
    return findings;
}

std::vector<Finding> FindingDetector::trafficSpikes(const Selection& selection) const
{
    HistogramOptions options;
    options.metric = Metric::Bytes;
    options.bucketSeconds = m_options.spikeBucketSeconds;
    const TimeHistogram h = TimeHistogram::compute(selection, options);
    const int window = m_options.spikeBaselineBuckets;
    // Spike buckets first, then one finding per episode: spike buckets with at most
    // spikeMergeGapBuckets quiet buckets between them are one event, not one finding a bucket.
    struct Spike {
        std::size_t bucket;
        double value;
        double mean;
    };
    // A bucket must also stand out against the whole selection's average bucket, so a few megabytes
    // over a quiet night's baseline are not a spike.
    double overall = 0;
    for (std::size_t b = 0; b < h.bucketCount(); ++b) {
        overall += h.accept[b] + h.reject[b];
    }
    overall /= double(std::max<std::size_t>(1, h.bucketCount()));
    std::vector<Spike> spikes;
    for (std::size_t b = static_cast<std::size_t>(window); b < h.bucketCount(); ++b) {
        double sum = 0;
        double squares = 0;
        for (std::size_t i = b - static_cast<std::size_t>(window); i < b; ++i) {
            const double v = h.accept[i] + h.reject[i];
            sum += v;
            squares += v * v;
        }
        const double mean = sum / window;
        const double sigma = std::sqrt(std::max(0.0, squares / window - mean * mean));
        const double value = h.accept[b] + h.reject[b];
        if (mean > 0 && value >= m_options.spikeMinFactor * mean && value >= mean + m_options.spikeMinSigma * sigma
            && value >= m_options.spikeMinFactor * overall) {
            spikes.push_back({ b, value, mean });
        }
    }
    std::vector<Finding> findings;
    std::unordered_map<std::uint64_t, std::size_t> byBucket; // start of every bucket of an episode
    const auto gap = static_cast<std::size_t>(std::max(0, m_options.spikeMergeGapBuckets));
    for (std::size_t i = 0; i < spikes.size();) {
        std::size_t last = i;
        while (last + 1 < spikes.size() && spikes[last + 1].bucket - spikes[last].bucket <= gap + 1) {
            ++last;
        }
        const std::size_t firstBucket = spikes[i].bucket;
        const std::size_t lastBucket = spikes[last].bucket;
        double bytes = 0;
        for (std::size_t b = firstBucket; b <= lastBucket; ++b) {
            bytes += h.accept[b] + h.reject[b];
            byBucket.emplace(static_cast<std::uint64_t>(h.bucketStart(b)), findings.size());
        }
        const Spike& peak
            = *std::max_element(spikes.begin() + std::ptrdiff_t(i), spikes.begin() + std::ptrdiff_t(last) + 1,
                [](const Spike& a, const Spike& b) { return a.value / a.mean < b.value / b.mean; });
        const std::int64_t from = h.bucketStart(firstBucket);
        const std::int64_t to = h.bucketStart(lastBucket) + h.bucketSeconds;
        const std::int64_t minutes = (to - from) / 60;
        Finding f;
        f.kind = QStringLiteral("traffic-spike");
        f.severity = Severity::Medium;
        f.title = last == i ? QStringLiteral("Traffic spike: %1 in %2 minutes, %3× the baseline")
                                  .arg(gigabytes(bytes))
                                  .arg(minutes)
                                  .arg(peak.value / peak.mean, 0, 'f', 1)
                            : QStringLiteral("Traffic spike: %1 in %2 minutes (%3 spike intervals), up to %4× the "
                                             "baseline")
                                  .arg(gigabytes(bytes))
                                  .arg(minutes)
                                  .arg(last - i + 1)
                                  .arg(peak.value / peak.mean, 0, 'f', 1);
        f.explanation = QStringLiteral("The bytes in %1-minute intervals here are far above the %2 intervals before "
                                       "them (mean %3 before the highest). Look at the top talkers of the time range: "
                                       "a backup, a deployment, or data leaving that should not.")
                            .arg(h.bucketSeconds / 60)
                            .arg(window)
                            .arg(gigabytes(peak.mean));
        f.guardDutyType = QStringLiteral("Behavior:EC2/TrafficVolumeUnusual");
        f.filter = QStringLiteral("startTime >= %1 and startTime < %2").arg(from).arg(to);
        f.metric = peak.value / peak.mean;
        findings.push_back(std::move(f));
        i = last + 1;
    }
    const std::int64_t bucket = h.bucketSeconds;
    const std::int64_t origin = h.origin;
    gatherEvidence(selection, m_cancel, findings, byBucket, m_options.maxEvidence,
        [bucket, origin](const Rows& rows, std::uint32_t r) {
            if (rows.start[r] == kNull) {
                return std::optional<std::uint64_t>();
            }
            return std::optional(static_cast<std::uint64_t>(origin + (rows.start[r] - origin) / bucket * bucket));
        });
    return findings;
}

std::vector<Finding> FindingDetector::largeOutbound(const Selection& selection) const
{
    PairMap<std::uint64_t> bytes; // (internal src, external dst)
    auto privateAddress = [&](std::int64_t id) { return m_store.address(AddressId(id)).isPrivate(); };
    scan(selection, m_cancel, [&](std::uint32_t, std::uint32_t r, const Rows& rows) {
        if (rows.action[r] != 0 || rows.src[r] == kNull || rows.dst[r] == kNull || rows.bytes[r] == kNull) {
            return;
        }
        if (privateAddress(rows.src[r]) && !privateAddress(rows.dst[r])) {
            bytes[pack(rows.src[r], rows.dst[r])] += static_cast<std::uint64_t>(rows.bytes[r]);
        }
    });
    std::vector<Finding> findings;
    PairMap<std::size_t> byKey;
    for (const auto& [key, total] : bytes) {
        if (total < static_cast<std::uint64_t>(m_options.exfiltrationMinBytes)) {
            continue;
        }
        const auto src = key.a;
        const auto dst = key.b;
        const double cost = double(total) / 1e9 * m_options.costPerGigabyte;
        Finding f;
        f.kind = QStringLiteral("large-outbound");
        f.severity = Severity::High;
        f.title = QStringLiteral("%1 sent %2 to %3 (about $%4 of data transfer)")
                      .arg(address(src), gigabytes(double(total)), address(dst))
                      .arg(cost, 0, 'f', 2);
        f.explanation = QStringLiteral("A large transfer from inside the VPC to an address on the Internet. It may "
                                       "be data leaving (exfiltration) or simply an expensive dependency; either way, "
                                       "find out what the destination is. Data transfer out costs about $%1 per GB.")
                            .arg(m_options.costPerGigabyte, 0, 'f', 2);
        f.guardDutyType = QStringLiteral("Behavior:EC2/TrafficVolumeUnusual");
        f.filter = QStringLiteral("srcAddr = \"%1\" and dstAddr = \"%2\"").arg(address(src), address(dst));
        f.metric = double(total);
        byKey.emplace(key, findings.size());
        findings.push_back(std::move(f));
    }
    gatherEvidence(selection, m_cancel, findings, byKey, m_options.maxEvidence, [](const Rows& rows, std::uint32_t r) {
        return rows.src[r] == kNull || rows.dst[r] == kNull ? std::nullopt
                                                            : std::optional(pack(rows.src[r], rows.dst[r]));
    });
    return findings;
}

std::vector<Finding> FindingDetector::unusualProtocolsAndPorts(const Selection& selection) const
{
    // Accepted traffic over a protocol other than ICMP, TCP, UDP or ICMPv6.
    std::unordered_map<std::uint64_t, std::uint64_t> protocols;
    scan(selection, m_cancel, [&](std::uint32_t, std::uint32_t r, const Rows& rows) {
        const std::int64_t p = rows.protocol[r];
        if (p != kNull && p != 1 && p != kTcp && p != 17 && p != 58 && rows.action[r] == 0) {
            ++protocols[static_cast<std::uint64_t>(p)];
        }
    });
    std::vector<Finding> findings;
    std::unordered_map<std::uint64_t, std::size_t> byKey;
    for (const auto& [protocol, count] : protocols) {
        Finding f;
        f.kind = QStringLiteral("unusual-protocol");
        f.severity = Severity::Low;
        f.title = QStringLiteral("%1 accepted flows over IP protocol %2").arg(count).arg(protocol);
        f.explanation = QStringLiteral("Traffic that is neither TCP, UDP nor ICMP is rare in a VPC (GRE, ESP and "
                                       "tunnels aside). Check that something is meant to speak protocol %1.")
                            .arg(protocol);
        f.guardDutyType = QStringLiteral("Behavior:EC2/NetworkPortUnusual");
        f.filter = QStringLiteral("protocol = %1").arg(protocol);
        f.metric = double(count);
        byKey.emplace(protocol, findings.size());
        findings.push_back(std::move(f));
    }
    gatherEvidence(selection, m_cancel, findings, byKey, m_options.maxEvidence, [](const Rows& rows, std::uint32_t r) {
        return rows.protocol[r] == kNull || rows.action[r] != 0
            ? std::nullopt
            : std::optional(static_cast<std::uint64_t>(rows.protocol[r]));
    });
    return findings;
}

std::vector<Finding> FindingDetector::skippedData(const Selection& selection) const
{
    constexpr std::int64_t kSkipData = 2; // seeded log-status id
    constexpr std::int64_t kNoInterface = -1;
    struct Interval {
        std::int64_t start;
        std::int64_t end;
    };
    std::map<std::int64_t, std::vector<Interval>> perInterface; // ordered: findings come out in a fixed order
    scan(selection, m_cancel, [&](std::uint32_t, std::uint32_t r, const Rows& rows) {
        if (rows.status[r] == kSkipData) {
            const std::int64_t start = rows.start[r];
            const std::int64_t end = rows.end[r] == kNull ? start : rows.end[r];
            perInterface[rows.eni[r] == kNull ? kNoInterface : rows.eni[r]].push_back({ start, end });
        }
    });
    if (perInterface.empty()) {
        return {};
    }
    // Adjacent intervals of one interface (the next starting at most a minute after the last ended)
    // are one gap in its data.
    struct Gaps {
        std::uint64_t intervals = 0;
        std::vector<Interval> gaps;
    };
    const auto merge = [](std::vector<Interval> intervals) {
        std::sort(
            intervals.begin(), intervals.end(), [](const Interval& a, const Interval& b) { return a.start < b.start; });
        Gaps out;
        out.intervals = intervals.size();
        for (const Interval& i : intervals) {
            if (i.start == kNull) {
                continue; // no time: counted, but in no gap
            }
            if (!out.gaps.empty() && i.start <= out.gaps.back().end + 60) {
                out.gaps.back().end = std::max(out.gaps.back().end, i.end);
            } else {
                out.gaps.push_back(i);
            }
        }
        return out;
    };
    const auto interfaceName = [&](std::int64_t eni) {
        return eni == kNoInterface ? QStringLiteral("an unnamed interface")
                                   : QString::fromStdString(m_store.text(FieldId::InterfaceId, eni));
    };
    const auto range = [](const std::vector<Interval>& gaps) {
        if (gaps.empty()) {
            return QString();
        }
        const auto utc = [](std::int64_t t) {
            return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
        };
        return QStringLiteral("%1 – %2 UTC").arg(utc(gaps.front().start), utc(gaps.back().end));
    };
    const auto counted = [](std::uint64_t n, const char* what) {
        return QStringLiteral("%1 %2%3")
            .arg(n)
            .arg(QLatin1String(what))
            .arg(n == 1 ? QLatin1String() : QLatin1String("s"));
    };
    const QString meaning = QStringLiteral(
        "SKIPDATA means AWS dropped some flow records in these aggregation intervals (an internal capacity limit or "
        "error). Counts and totals are too low there; do not read an absence of traffic as proof.");
    std::vector<Finding> findings;
    std::unordered_map<std::uint64_t, std::size_t> byKey;
    if (perInterface.size() <= static_cast<std::size_t>(std::max(0, m_options.skipDataMaxInterfaceFindings))) {
        // Few interfaces: one finding each, its gaps merged.
        for (const auto& [eni, intervals] : perInterface) {
            const Gaps g = merge(intervals);
            const QString name = interfaceName(eni);
            Finding f;
            f.kind = QStringLiteral("skipped-data");
            f.severity = Severity::Low;
            f.title = QStringLiteral("%1: %2 with skipped records in %3, %4")
                          .arg(name, counted(g.intervals, "aggregation interval"), counted(g.gaps.size(), "gap"))
                          .arg(range(g.gaps));
            f.explanation = meaning;
            f.filter = QStringLiteral("logStatus = \"SKIPDATA\" and interfaceId = \"%1\"").arg(name);
            f.metric = double(g.intervals);
            byKey.emplace(static_cast<std::uint64_t>(eni), findings.size());
            findings.push_back(std::move(f));
        }
    } else {
        // Many interfaces: one finding for all, so scattered SKIPDATA does not bury the other findings.
        std::uint64_t intervals = 0;
        std::size_t gapCount = 0;
        std::int64_t first = std::numeric_limits<std::int64_t>::max();
        std::int64_t last = std::numeric_limits<std::int64_t>::min();
        std::vector<std::pair<std::uint64_t, std::int64_t>> worst; // (intervals, interface)
        for (const auto& [eni, list] : perInterface) {
            const Gaps g = merge(list);
            intervals += g.intervals;
            gapCount += g.gaps.size();
            if (!g.gaps.empty()) {
                first = std::min(first, g.gaps.front().start);
                last = std::max(last, g.gaps.back().end);
            }
            worst.emplace_back(g.intervals, eni);
            byKey.emplace(static_cast<std::uint64_t>(eni), 0);
        }
        const std::vector<Interval> bounds
            = first <= last ? std::vector<Interval> { { first, last } } : std::vector<Interval> {};
        std::stable_sort(worst.begin(), worst.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        QStringList most;
        for (std::size_t i = 0; i < std::min<std::size_t>(3, worst.size()); ++i) {
            most << QStringLiteral("%1 (%2)").arg(interfaceName(worst[i].second)).arg(worst[i].first);
        }
        Finding f;
        f.kind = QStringLiteral("skipped-data");
        f.severity = Severity::Low;
        f.title = QStringLiteral("%1 with skipped records on %2 interfaces (%3), %4")
                      .arg(counted(intervals, "aggregation interval"))
                      .arg(perInterface.size())
                      .arg(counted(gapCount, "gap"))
                      .arg(range(bounds));
        f.explanation = meaning + QStringLiteral(" Most intervals: %1.").arg(most.join(QStringLiteral(", ")));
        f.filter = QStringLiteral("logStatus = \"SKIPDATA\"");
        f.metric = double(intervals);
        findings.push_back(std::move(f));
    }
    gatherEvidence(selection, m_cancel, findings, byKey, m_options.maxEvidence, [](const Rows& rows, std::uint32_t r) {
        return rows.status[r] == kSkipData
            ? std::optional(static_cast<std::uint64_t>(rows.eni[r] == kNull ? kNoInterface : rows.eni[r]))
            : std::nullopt;
    });
    return findings;
}

std::vector<Finding> FindingDetector::oneWayTraffic(const Selection& selection) const
{
    // Records per direction of each (src, dst) pair; a pair with traffic one way only, between two
    // private addresses, is a request that got no reply (missing route, ACL on the way back).
    PairMap<std::uint64_t> directed;
    scan(selection, m_cancel, [&](std::uint32_t, std::uint32_t r, const Rows& rows) {
        if (rows.src[r] != kNull && rows.dst[r] != kNull && rows.action[r] == 0) {
            ++directed[pack(rows.src[r], rows.dst[r])];
        }
    });
    std::vector<Finding> findings;
    PairMap<std::size_t> byKey;
    for (const auto& [key, count] : directed) {
        const auto src = key.a;
        const auto dst = key.b;
        if (count < std::uint64_t(m_options.oneWayMinRecords) || directed.contains(pack(dst, src))) {
            continue;
        }
        if (!m_store.address(AddressId(src)).isPrivate() || !m_store.address(AddressId(dst)).isPrivate()) {
            continue;
        }
        Finding f;
        f.kind = QStringLiteral("one-way");
        f.severity = Severity::Info;
        f.title = QStringLiteral("%1 → %2: %3 accepted flows, no replies").arg(address(src), address(dst)).arg(count);
        f.explanation = QStringLiteral("Traffic left the source and was accepted, but no record shows anything coming "
                                       "back. Between VPCs this is the classic missing route: the peer's route "
                                       "table has no route back through the peering connection, or a network ACL "
                                       "drops the reply. (If the destination's interface has no flow log, replies "
                                       "would not show either.)");
        f.filter = QStringLiteral("srcAddr = \"%1\" and dstAddr = \"%2\"").arg(address(src), address(dst));
        f.metric = double(count);
        byKey.emplace(key, findings.size());
        findings.push_back(std::move(f));
    }
    gatherEvidence(selection, m_cancel, findings, byKey, m_options.maxEvidence, [](const Rows& rows, std::uint32_t r) {
        return rows.src[r] == kNull || rows.dst[r] == kNull || rows.action[r] != 0
            ? std::nullopt
            : std::optional(pack(rows.src[r], rows.dst[r]));
    });
    return findings;
}

} // namespace flowlens
