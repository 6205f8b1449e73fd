#pragma once
// Flow records the tests make themselves (so every expected figure is computed from these structs,
// not from FlowLens), written as a v2 flow-log file.

#include <QFile>
#include <QString>
#include <cstdint>
#include <string>
#include <vector>

namespace fixture {

struct Flow {
    std::string eni, src, dst;
    int srcPort = 0;
    int dstPort = 0;
    int protocol = 6;
    std::int64_t packets = 0;
    std::int64_t bytes = 0;
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::string action;

    std::string line() const
    {
        return "2 123456789012 " + eni + " " + src + " " + dst + " " + std::to_string(srcPort) + " "
            + std::to_string(dstPort) + " " + std::to_string(protocol) + " " + std::to_string(packets) + " "
            + std::to_string(bytes) + " " + std::to_string(start) + " " + std::to_string(end) + " " + action + " OK";
    }
};

inline constexpr std::int64_t kT0 = 1'700'000'000;

// count flows over six hours from kT0; about one in five is a REJECT.
inline std::vector<Flow> makeFlows(int count, std::uint64_t seed = 42)
{
    std::vector<Flow> flows;
    std::uint64_t x = seed;
    auto next = [&x](std::uint64_t mod) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        return (x >> 33) % mod;
    };
    for (int i = 0; i < count; ++i) {
        Flow f;
        f.eni = "eni-" + std::to_string(next(4));
        f.src = "10.0.0." + std::to_string(next(25));
        f.dst = next(5) == 0 ? "198.51.100." + std::to_string(next(6)) : "10.0.1." + std::to_string(next(20));
        f.srcPort = static_cast<int>(30000 + next(1000));
        f.dstPort = next(3) == 0 ? 22 : next(2) == 0 ? 443 : static_cast<int>(8000 + next(10));
        f.protocol = next(8) == 0 ? 17 : 6;
        f.bytes = static_cast<std::int64_t>(40 + next(50000));
        f.packets = 1 + f.bytes / 1200;
        f.start = kT0 + static_cast<std::int64_t>(next(6 * 3600));
        f.end = f.start + static_cast<std::int64_t>(next(60));
        f.action = next(5) == 0 ? "REJECT" : "ACCEPT";
        flows.push_back(f);
    }
    return flows;
}

// Line n (1-based) of the file is flows[n - 1].
inline bool writeFlows(const QString& path, const std::vector<Flow>& flows)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    std::string text;
    for (const Flow& f : flows) {
        text += f.line();
        text += '\n';
    }
    return file.write(text.data(), static_cast<qint64>(text.size())) == static_cast<qint64>(text.size());
}

} // namespace fixture
