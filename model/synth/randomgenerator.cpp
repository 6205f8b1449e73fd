#include "randomgenerator.h"

#include <algorithm>

namespace flowlens {

namespace {

constexpr std::uint64_t rotateLeft(std::uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

std::uint64_t splitMix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

} // namespace

RandomGenerator::RandomGenerator(std::uint64_t seed)
{
    // splitmix64 spreads any seed (0 and 1 included) over the whole state, never all zeros.
    std::uint64_t s = seed;
    for (std::uint64_t& word : m_state) {
        word = splitMix64(s);
    }
}

std::uint64_t RandomGenerator::next()
{
    const std::uint64_t result = rotateLeft(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotateLeft(m_state[3], 45);
    return result;
}

std::uint64_t RandomGenerator::heavyTail(std::uint64_t minimum, std::uint32_t growPerMille, std::uint64_t maximum)
{
    std::uint64_t low = std::max<std::uint64_t>(minimum, 1);
    while (low < maximum && below(1000) < growPerMille) {
        low *= 2;
    }
    const std::uint64_t value = low + below64(low);
    return std::clamp(value, minimum, maximum);
}

} // namespace flowlens
