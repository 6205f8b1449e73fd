#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace flowlens {

// Runs work(chunkIndex, state) over chunks on every core. Each worker owns one State (made by
// makeState), so nothing is shared while counting; the caller merges the returned states.
template <class State, class MakeState, class Work>
std::vector<State> forEachChunkParallel(std::size_t chunkCount, MakeState makeState, Work work)
{
    const std::size_t workers
        = std::max<std::size_t>(1, std::min<std::size_t>(std::thread::hardware_concurrency(), chunkCount));
    std::vector<State> states;
    states.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w) {
        states.push_back(makeState());
    }
    std::atomic<std::size_t> next { 0 };
    auto run = [&](std::size_t w) {
        for (std::size_t c = next++; c < chunkCount; c = next++) {
            work(c, states[w]);
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t w = 1; w < workers; ++w) {
        threads.emplace_back(run, w);
    }
    run(0);
    for (auto& t : threads) {
        t.join();
    }
    return states;
}

} // namespace flowlens
