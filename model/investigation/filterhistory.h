#pragma once

#include "filterstate.h"

#include <vector>

namespace flowlens {

// Back/forward over filter states, as a browser does: applying a new state drops the states ahead.
class FilterHistory {
public:
    FilterHistory();
    // States saved before (oldest first, not empty), `position` the current one (clamped).
    FilterHistory(std::vector<FilterState> states, std::size_t position);

    const FilterState& current() const { return m_states[m_position]; }
    // Returns false (and records nothing) when `state` equals the current one.
    bool push(const FilterState& state);
    bool canGoBack() const { return m_position > 0; }
    bool canGoForward() const { return m_position + 1 < m_states.size(); }
    bool back();
    bool forward();
    std::size_t size() const { return m_states.size(); }
    std::size_t position() const { return m_position; }
    const std::vector<FilterState>& states() const { return m_states; }

private:
    static constexpr std::size_t kMaxStates = 200;
    std::vector<FilterState> m_states;
    std::size_t m_position = 0;
};

} // namespace flowlens
