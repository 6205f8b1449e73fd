#pragma once

#include <array>
#include <cstdint>

namespace flowlens {

// xoshiro256** seeded through splitmix64, with hand-written integer distributions. The standard
// library's distributions are implementation-defined and floating point can differ between
// compilers, so everything here is integer arithmetic: the same seed gives the same numbers on
// every machine.
class RandomGenerator {
public:
    explicit RandomGenerator(std::uint64_t seed);

    std::uint64_t next();
    // Uniform in [0, n); n > 0. Multiply-shift: no division, bias below 2^-32.
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32); }
    // Uniform in [0, n) for ranges wider than 32 bits; n > 0.
    std::uint64_t below64(std::uint64_t n) { return next() % n; }
    // Uniform in [low, high], inclusive.
    std::uint32_t between(std::uint32_t low, std::uint32_t high) { return low + below(high - low + 1); }
    // True with probability perMillion / 1e6.
    bool chance(std::uint32_t perMillion) { return below(1'000'000) < perMillion; }
    // An index in [0, n) that favours small indices (density falls roughly like log(n/i)), so a
    // few items of a pool are busy and most are quiet, as hosts and clients are.
    std::uint32_t skewed(std::uint32_t n) { return below(below(n) + 1); }
    // A heavy-tailed (discrete Pareto-like) value: doubles the range while a coin with
    // `growPerMille` / 1000 comes up, then is uniform inside that octave. With grow = 500 the tail
    // falls like 1/x (Pareto alpha 1). Clamped to [minimum, maximum].
    std::uint64_t heavyTail(std::uint64_t minimum, std::uint32_t growPerMille, std::uint64_t maximum);

private:
    std::array<std::uint64_t, 4> m_state {};
};

} // namespace flowlens
