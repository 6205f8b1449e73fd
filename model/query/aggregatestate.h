#pragma once

#include "ast.h"
#include "values.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace flowlens::query {

// What one aggregate function has seen per group. Workers fill their own states; merge() folds
// one into another through a map of group numbers.
class AggregateState {
public:
    // The rows of one update: the group of each, its argument values (none for count(*)), the
    // argument as KeyCoder codes (count_distinct), and @timestamp with a row order (earliest/latest).
    struct Input {
        std::uint32_t count = 0;
        const std::uint32_t* groups = nullptr;
        const Values* values = nullptr;
        const std::int64_t* codes = nullptr;
        const std::int64_t* times = nullptr;
        const std::uint64_t* order = nullptr;
    };

    explicit AggregateState(const Expr& aggregate);

    void resize(std::size_t groups);
    // Forgets every group but keeps the memory, for a state used again and again.
    void clear();
    void update(const Input& input);
    void merge(const AggregateState& other, const std::vector<std::uint32_t>& groupMap);
    // Folds group otherGroups[i] of `other` into group groups[i], for i < count.
    void merge(
        const AggregateState& other, const std::uint32_t* otherGroups, const std::uint32_t* groups, std::size_t count);
    // One value per group, of the aggregate's type; text is copied to `arena`.
    Values finish(ValueArena& arena) const;
    // The same into `out`, whose memory is reused.
    void finish(ValueArena& arena, Values& out) const;

private:
    bool isFloat() const { return m_argType == ValueType::Float; }
    // Whether the value of row i of `v` should replace the group's current one (min/max).
    bool better(std::size_t group, const Values& v, std::size_t i) const;
    void take(std::size_t group, const Values& v, std::size_t i);
    void takeFrom(std::size_t group, const AggregateState& other, std::size_t g);
    void mergeGroup(std::size_t group, const AggregateState& other, std::size_t g);

    Aggregate m_kind;
    ValueType m_argType;
    ValueType m_resultType;
    double m_percent = 0;
    std::vector<std::uint64_t> m_count;
    std::vector<std::int64_t> m_int;
    std::vector<double> m_float;
    std::vector<double> m_m2;
    std::vector<std::string> m_text;
    std::vector<Address> m_address;
    std::vector<std::int64_t> m_time;
    std::vector<std::uint64_t> m_order;
    std::vector<std::unordered_set<std::int64_t>> m_distinct;
    std::vector<std::vector<std::int64_t>> m_intSamples;
    std::vector<std::vector<double>> m_floatSamples;
};

} // namespace flowlens::query
