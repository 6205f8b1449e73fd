#include "evaluatorfixture.h"

#include <QFile>
#include <arpa/inet.h>
#include <cstring>
#include <ctime>
#include <unordered_map>

namespace queryfixture {

std::array<unsigned char, 16> parseAddress(const std::string& text)
{
    std::array<unsigned char, 16> bytes {};
    in_addr v4 {};
    if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
        bytes[10] = bytes[11] = 0xFF;
        std::memcpy(bytes.data() + 12, &v4, 4);
        return bytes;
    }
    in6_addr v6 {};
    if (inet_pton(AF_INET6, text.c_str(), &v6) != 1) {
        qFatal("bad test address %s", text.c_str());
    }
    std::memcpy(bytes.data(), &v6, 16);
    return bytes;
}

const std::array<unsigned char, 16>& addressBytes(const std::string& text)
{
    static std::unordered_map<std::string, std::array<unsigned char, 16>> cache;
    auto it = cache.find(text);
    if (it == cache.end()) {
        it = cache.emplace(text, parseAddress(text)).first;
    }
    return it->second;
}

bool inNetwork(const std::string& address, const std::string& network, int prefix)
{
    const auto a = addressBytes(address);
    const auto n = addressBytes(network);
    const bool v4 = network.find(':') == std::string::npos;
    if (v4 != (address.find(':') == std::string::npos)) {
        return false;
    }
    const int bits = (v4 ? 96 : 0) + prefix;
    for (int b = 0; b < bits; ++b) {
        const int mask = 0x80 >> (b % 8);
        if ((a[b / 8] & mask) != (n[b / 8] & mask)) {
            return false;
        }
    }
    return true;
}

bool addressLess(const Text& a, const Text& b)
{
    if (!a || !b) {
        return a && !b;
    }
    return addressBytes(*a) < addressBytes(*b);
}

std::string field(const Text& t)
{
    return t ? *t : "-";
}
std::string field(const Opt& v)
{
    return v ? std::to_string(*v) : "-";
}

std::vector<Rec> makeRecords()
{
    std::vector<Rec> records;
    TestRandom next(987654321);
    for (int i = 0; i < 100000; ++i) { // two chunks of 64K, so workers merge
        Rec r;
        r.line = static_cast<std::uint64_t>(i) + 2;
        r.start = 1'700'000'000 + next(3 * 86400);
        r.end = r.start + next(120);
        const std::int64_t kind = next(100);
        if (kind < 2) { // NODATA / SKIPDATA: no addresses, ports or counters
            r.logStatus = kind == 0 ? "NODATA" : "SKIPDATA";
            records.push_back(r);
            continue;
        }
        r.logStatus = "OK";
        const std::int64_t s = next(100);
        r.src = s < 8 ? "192.0.2." + std::to_string(next(40))
            : s < 12  ? "2001:db8::" + std::to_string(next(30) + 1)
                      : "10.0.0." + std::to_string(next(130));
        r.dst = next(5) == 0 ? "198.51.100." + std::to_string(next(10)) : "10.0.1." + std::to_string(next(60));
        r.pktSrc = next(10) == 0 ? Text() : next(3) == 0 ? Text("2001:db8:1::" + std::to_string(next(9))) : r.src;
        r.srcPort = next(65536);
        r.dstPort = next(4) == 0 ? 22 : next(10) == 0 ? 3389 : 1024 + next(200);
        r.protocol = next(8) == 0 ? 17 : next(30) == 0 ? 1 : 6;
        r.bytes = next(50) == 0 ? Opt() : Opt(40 + next(200000));
        r.packets = r.bytes ? Opt(1 + *r.bytes / 1400) : Opt();
        r.action = next(6) == 0 ? "REJECT" : "ACCEPT";
        r.vpc = next(7) == 0 ? Text() : Text("vpc-" + std::to_string(next(12)));
        records.push_back(r);
    }
    return records;
}

std::string line(const Rec& r)
{
    return "5 123456789012 eni-0abc " + field(r.src) + " " + field(r.dst) + " " + field(r.srcPort) + " "
        + field(r.dstPort) + " " + field(r.protocol) + " " + field(r.packets) + " " + field(r.bytes) + " "
        + std::to_string(r.start) + " " + std::to_string(r.end) + " " + field(r.action) + " " + r.logStatus + " "
        + field(r.vpc) + " " + field(r.pktSrc);
}

Cell cell(const Text& t)
{
    return t ? Cell(*t) : Cell();
}
Cell cell(const Opt& v)
{
    return v ? Cell(double(*v)) : Cell();
}

QString describe(const Cell& c)
{
    if (std::holds_alternative<std::monostate>(c)) {
        return QStringLiteral("null");
    }
    if (const auto* s = std::get_if<std::string>(&c)) {
        return QString::fromStdString(*s);
    }
    return QString::number(std::get<double>(c), 'g', 17);
}

std::string utcText(std::int64_t ms)
{
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm tm {};
    gmtime_r(&seconds, &tm);
    char buffer[40];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S", &tm);
    return std::string(buffer) + ".000";
}

void EvaluatorFixture::loadRecords(std::vector<Rec> records)
{
    QVERIFY(m_dir.isValid());
    m_records = std::move(records);
    std::string text = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start "
                       "end action log-status vpc-id pkt-srcaddr\n";
    for (const Rec& r : m_records) {
        text += line(r) + "\n";
        m_byLine[r.line] = &r;
    }
    QFile f(m_dir.filePath(QStringLiteral("flows.log")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.data(), static_cast<qint64>(text.size()));
    f.close();
    const LoadReport report = Loader::load(m_store, { f.fileName() });
    QCOMPARE(report.records, m_records.size());
    QVERIFY(m_store.snapshot().chunks.size() >= 2);
}

} // namespace queryfixture
