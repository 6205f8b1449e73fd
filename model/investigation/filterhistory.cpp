#include "filterhistory.h"

#include <algorithm>

namespace flowlens {

FilterHistory::FilterHistory()
    : m_states(1)
{
}

FilterHistory::FilterHistory(std::vector<FilterState> states, std::size_t position)
    : m_states(std::move(states))
{
    if (m_states.empty()) {
        m_states.resize(1);
    }
    m_position = std::min(position, m_states.size() - 1);
}

bool FilterHistory::push(const FilterState& state)
{
    if (state == current()) {
        return false;
    }
    m_states.resize(m_position + 1);
    m_states.push_back(state);
    if (m_states.size() > kMaxStates) {
        m_states.erase(m_states.begin());
    }
    m_position = m_states.size() - 1;
    return true;
}

bool FilterHistory::back()
{
    if (!canGoBack()) {
        return false;
    }
    --m_position;
    return true;
}

bool FilterHistory::forward()
{
    if (!canGoForward()) {
        return false;
    }
    ++m_position;
    return true;
}

} // namespace flowlens
