#include "filterhistory.h"

namespace flowlens {

FilterHistory::FilterHistory()
    : m_states(1)
{
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
