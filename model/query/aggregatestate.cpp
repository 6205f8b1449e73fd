#include "aggregatestate.h"

#include "store/ids.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace flowlens::query {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double numberAt(const Values& v, std::size_t i)
{
    return v.type == ValueType::Float ? v.floats[i] : static_cast<double>(v.ints[i]);
}

std::int64_t wrappingAdd(std::int64_t a, std::int64_t b)
{
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(a) + static_cast<std::uint64_t>(b));
}

template <class T> int threeWay(const T& a, const T& b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

} // namespace

AggregateState::AggregateState(const Expr& aggregate)
    : m_kind(aggregate.aggregate)
    , m_argType(aggregate.args.empty() ? ValueType::Boolean : aggregate.args[0].type)
    , m_resultType(aggregate.type)
{
    if (m_kind == Aggregate::Percentile) {
        const Literal& p = aggregate.args[1].literal;
        m_percent = std::holds_alternative<double>(p) ? std::get<double>(p) : double(std::get<std::int64_t>(p));
    }
}

void AggregateState::resize(std::size_t groups)
{
    if (groups <= m_count.size()) {
        return; // every vector grows with m_count
    }
    m_count.resize(groups, 0);
    switch (m_kind) {
    case Aggregate::Count:
        break;
    case Aggregate::CountDistinct:
        m_distinct.resize(groups);
        break;
    case Aggregate::Sum: // integers add up in m_int, floats in m_float
        if (m_resultType == ValueType::Float) {
            m_float.resize(groups, 0);
        } else {
            m_int.resize(groups, 0);
        }
        break;
    case Aggregate::Avg:
        m_float.resize(groups, 0);
        break;
    case Aggregate::StdDev:
        m_float.resize(groups, 0);
        m_m2.resize(groups, 0);
        break;
    case Aggregate::Percentile:
        (isFloat() ? m_floatSamples.resize(groups) : m_intSamples.resize(groups));
        break;
    case Aggregate::Earliest:
    case Aggregate::Latest:
        m_time.resize(groups, 0);
        m_order.resize(groups, 0);
        [[fallthrough]];
    case Aggregate::Min:
    case Aggregate::Max:
        switch (storageOf(m_argType)) {
        case Storage::Ints:
            m_int.resize(groups, 0);
            break;
        case Storage::Floats:
            m_float.resize(groups, 0);
            break;
        case Storage::Strings:
            m_text.resize(groups);
            break;
        case Storage::Addresses:
            m_address.resize(groups);
            break;
        }
        break;
    }
}

void AggregateState::clear()
{
    m_count.clear();
    m_int.clear();
    m_float.clear();
    m_m2.clear();
    m_text.clear();
    m_address.clear();
    m_time.clear();
    m_order.clear();
    m_distinct.clear();
    m_intSamples.clear();
    m_floatSamples.clear();
}

bool AggregateState::better(std::size_t g, const Values& v, std::size_t i) const
{
    int c = 0;
    switch (storageOf(m_argType)) {
    case Storage::Ints:
        c = threeWay(v.ints[i], m_int[g]);
        break;
    case Storage::Floats:
        c = threeWay(v.floats[i], m_float[g]);
        break;
    case Storage::Strings:
        c = v.strings[i].compare(m_text[g]);
        break;
    case Storage::Addresses:
        c = threeWay(*v.addresses[i], m_address[g]);
        break;
    }
    return m_kind == Aggregate::Min ? c < 0 : c > 0;
}

void AggregateState::take(std::size_t g, const Values& v, std::size_t i)
{
    switch (storageOf(m_argType)) {
    case Storage::Ints:
        m_int[g] = v.ints[i];
        break;
    case Storage::Floats:
        m_float[g] = v.floats[i];
        break;
    case Storage::Strings:
        m_text[g].assign(v.strings[i]);
        break;
    case Storage::Addresses:
        m_address[g] = *v.addresses[i];
        break;
    }
}

void AggregateState::takeFrom(std::size_t g, const AggregateState& other, std::size_t og)
{
    switch (storageOf(m_argType)) {
    case Storage::Ints:
        m_int[g] = other.m_int[og];
        break;
    case Storage::Floats:
        m_float[g] = other.m_float[og];
        break;
    case Storage::Strings:
        m_text[g] = other.m_text[og];
        break;
    case Storage::Addresses:
        m_address[g] = other.m_address[og];
        break;
    }
}

void AggregateState::update(const Input& in)
{
    const Values* v = in.values;
    if (m_kind == Aggregate::Count && !v) {
        for (std::uint32_t i = 0; i < in.count; ++i) {
            ++m_count[in.groups[i]];
        }
        return;
    }
    if (m_kind == Aggregate::Sum && m_argType == ValueType::Integer) {
        for (std::uint32_t i = 0; i < in.count; ++i) {
            const std::int64_t x = v->ints[i];
            if (x != kNull) {
                const std::uint32_t g = in.groups[i];
                ++m_count[g];
                m_int[g] = wrappingAdd(m_int[g], x);
            }
        }
        return;
    }
    for (std::uint32_t i = 0; i < in.count; ++i) {
        const std::uint32_t g = in.groups[i];
        if (m_kind == Aggregate::CountDistinct) {
            if (in.codes[i] != kNull) {
                m_distinct[g].insert(in.codes[i]);
            }
            continue;
        }
        if (v->isNull(i)) {
            continue;
        }
        switch (m_kind) {
        case Aggregate::Count:
            ++m_count[g];
            break;
        case Aggregate::Sum:
        case Aggregate::Avg:
            ++m_count[g];
            m_float[g] += numberAt(*v, i);
            break;
        case Aggregate::Min:
        case Aggregate::Max:
            if (m_count[g] == 0 || better(g, *v, i)) {
                take(g, *v, i);
            }
            m_count[g] = 1;
            break;
        case Aggregate::Percentile:
            if (isFloat()) {
                m_floatSamples[g].push_back(v->floats[i]);
            } else {
                m_intSamples[g].push_back(v->ints[i]);
            }
            break;
        case Aggregate::StdDev: {
            const double x = numberAt(*v, i);
            const double n = static_cast<double>(++m_count[g]);
            const double delta = x - m_float[g];
            m_float[g] += delta / n;
            m_m2[g] += delta * (x - m_float[g]);
            break;
        }
        case Aggregate::Earliest:
        case Aggregate::Latest: {
            if (in.times[i] == kNull) {
                break;
            }
            const auto key = std::make_pair(in.times[i], in.order[i]);
            const auto current = std::make_pair(m_time[g], m_order[g]);
            if (m_count[g] == 0 || (m_kind == Aggregate::Earliest ? key < current : key > current)) {
                take(g, *v, i);
                m_time[g] = key.first;
                m_order[g] = key.second;
            }
            m_count[g] = 1;
            break;
        }
        case Aggregate::CountDistinct:
            break;
        }
    }
}

void AggregateState::merge(const AggregateState& other, const std::vector<std::uint32_t>& groupMap)
{
    for (std::size_t og = 0; og < groupMap.size(); ++og) {
        mergeGroup(groupMap[og], other, og);
    }
}

void AggregateState::merge(
    const AggregateState& other, const std::uint32_t* otherGroups, const std::uint32_t* groups, std::size_t count)
{
    for (std::size_t i = 0; i < count; ++i) {
        mergeGroup(groups[i], other, otherGroups[i]);
    }
}

void AggregateState::mergeGroup(std::size_t g, const AggregateState& other, std::size_t og)
{
    {
        const std::uint64_t n = other.m_count[og];
        switch (m_kind) {
        case Aggregate::Count:
            m_count[g] += n;
            break;
        case Aggregate::CountDistinct:
            m_distinct[g].insert(other.m_distinct[og].begin(), other.m_distinct[og].end());
            break;
        case Aggregate::Sum:
            m_count[g] += n;
            if (m_resultType == ValueType::Float) {
                m_float[g] += other.m_float[og];
            } else {
                m_int[g] = wrappingAdd(m_int[g], other.m_int[og]);
            }
            break;
        case Aggregate::Avg:
            m_count[g] += n;
            m_float[g] += other.m_float[og];
            break;
        case Aggregate::Min:
        case Aggregate::Max: {
            if (n == 0) {
                break;
            }
            Values probe; // the other's value, to compare through better()
            probe.type = m_argType;
            bool replace = m_count[g] == 0;
            if (!replace) {
                switch (storageOf(m_argType)) {
                case Storage::Ints:
                    probe.ints = { other.m_int[og] };
                    break;
                case Storage::Floats:
                    probe.floats = { other.m_float[og] };
                    break;
                case Storage::Strings:
                    probe.strings = { other.m_text[og] };
                    break;
                case Storage::Addresses:
                    probe.addresses = { other.m_address[og] };
                    break;
                }
                replace = better(g, probe, 0);
            }
            if (replace) {
                takeFrom(g, other, og);
            }
            m_count[g] = 1;
            break;
        }
        case Aggregate::Percentile:
            if (isFloat()) {
                m_floatSamples[g].insert(
                    m_floatSamples[g].end(), other.m_floatSamples[og].begin(), other.m_floatSamples[og].end());
            } else {
                m_intSamples[g].insert(
                    m_intSamples[g].end(), other.m_intSamples[og].begin(), other.m_intSamples[og].end());
            }
            break;
        case Aggregate::StdDev: {
            // Chan et al.: combine counts, means and sums of squared deviations.
            const std::uint64_t na = m_count[g];
            if (n == 0) {
                break;
            }
            const double total = static_cast<double>(na + n);
            const double delta = other.m_float[og] - m_float[g];
            m_m2[g] += other.m_m2[og] + delta * delta * static_cast<double>(na) * static_cast<double>(n) / total;
            m_float[g] += delta * static_cast<double>(n) / total;
            m_count[g] = na + n;
            break;
        }
        case Aggregate::Earliest:
        case Aggregate::Latest: {
            if (n == 0) {
                break;
            }
            const auto key = std::make_pair(other.m_time[og], other.m_order[og]);
            const auto current = std::make_pair(m_time[g], m_order[g]);
            if (m_count[g] == 0 || (m_kind == Aggregate::Earliest ? key < current : key > current)) {
                takeFrom(g, other, og);
                m_time[g] = key.first;
                m_order[g] = key.second;
            }
            m_count[g] = 1;
            break;
        }
        }
    }
}

Values AggregateState::finish(ValueArena& arena) const
{
    Values out;
    finish(arena, out);
    return out;
}

void AggregateState::finish(ValueArena& arena, Values& out) const
{
    const std::size_t groups = m_count.size();
    out.reset(m_resultType, groups);
    for (std::size_t g = 0; g < groups; ++g) {
        const std::uint64_t n = m_count[g];
        switch (m_kind) {
        case Aggregate::Count:
            out.ints[g] = static_cast<std::int64_t>(n);
            break;
        case Aggregate::CountDistinct:
            out.ints[g] = static_cast<std::int64_t>(m_distinct[g].size());
            break;
        case Aggregate::Sum:
            if (m_resultType == ValueType::Float) {
                out.floats[g] = n == 0 ? kNaN : m_float[g];
            } else {
                out.ints[g] = n == 0 ? kNull : m_int[g];
            }
            break;
        case Aggregate::Avg:
            out.floats[g] = n == 0 ? kNaN : m_float[g] / static_cast<double>(n);
            break;
        case Aggregate::StdDev:
            out.floats[g] = n < 2 ? kNaN : std::sqrt(m_m2[g] / static_cast<double>(n - 1));
            break;
        case Aggregate::Percentile: {
            // Nearest rank: the smallest value with at least p% of the values at or below it.
            const std::size_t size = isFloat() ? m_floatSamples[g].size() : m_intSamples[g].size();
            if (size == 0) {
                isFloat() ? void(out.floats[g] = kNaN) : void(out.ints[g] = kNull);
                break;
            }
            const auto rank = static_cast<std::size_t>(std::ceil(m_percent / 100.0 * static_cast<double>(size)));
            const std::size_t index = std::clamp<std::size_t>(rank, 1, size) - 1;
            if (isFloat()) {
                auto samples = m_floatSamples[g];
                std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(index), samples.end());
                out.floats[g] = samples[index];
            } else {
                auto samples = m_intSamples[g];
                std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(index), samples.end());
                out.ints[g] = samples[index];
            }
            break;
        }
        case Aggregate::Min:
        case Aggregate::Max:
        case Aggregate::Earliest:
        case Aggregate::Latest:
            switch (storageOf(m_argType)) {
            case Storage::Ints:
                out.ints[g] = n == 0 ? kNull : m_int[g];
                break;
            case Storage::Floats:
                out.floats[g] = n == 0 ? kNaN : m_float[g];
                break;
            case Storage::Strings:
                out.strings[g] = n == 0 ? std::string_view() : arena.keep(m_text[g]);
                break;
            case Storage::Addresses:
                out.addresses[g] = n == 0 ? std::nullopt : std::optional(m_address[g]);
                break;
            }
            break;
        }
    }
}

} // namespace flowlens::query
