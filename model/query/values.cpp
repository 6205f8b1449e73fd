#include "values.h"

#include "store/ids.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <new>
#include <numeric>

namespace flowlens::query {

void Values::reset(ValueType t, std::size_t n)
{
    type = t;
    switch (storageOf(t)) {
    case Storage::Ints:
        ints.resize(n);
        break;
    case Storage::Floats:
        floats.resize(n);
        break;
    case Storage::Strings:
        strings.resize(n);
        break;
    case Storage::Addresses:
        addresses.resize(n);
        break;
    }
}

void Values::reserve(std::size_t n)
{
    switch (storageOf(type)) {
    case Storage::Ints:
        ints.reserve(n);
        break;
    case Storage::Floats:
        floats.reserve(n);
        break;
    case Storage::Strings:
        strings.reserve(n);
        break;
    case Storage::Addresses:
        addresses.reserve(n);
        break;
    }
}

std::size_t Values::size() const
{
    switch (storageOf(type)) {
    case Storage::Ints:
        return ints.size();
    case Storage::Floats:
        return floats.size();
    case Storage::Strings:
        return strings.size();
    case Storage::Addresses:
        return addresses.size();
    }
    return 0;
}

void Values::append(const Values& other, std::size_t i)
{
    switch (storageOf(type)) {
    case Storage::Ints:
        ints.push_back(other.ints[i]);
        break;
    case Storage::Floats:
        floats.push_back(other.floats[i]);
        break;
    case Storage::Strings:
        strings.push_back(other.strings[i]);
        break;
    case Storage::Addresses:
        addresses.push_back(other.addresses[i]);
        break;
    }
}

void Values::appendAll(const Values& other)
{
    ints.insert(ints.end(), other.ints.begin(), other.ints.end());
    floats.insert(floats.end(), other.floats.begin(), other.floats.end());
    strings.insert(strings.end(), other.strings.begin(), other.strings.end());
    addresses.insert(addresses.end(), other.addresses.begin(), other.addresses.end());
}

char* ValueArena::allocate(std::size_t bytes)
{
    while (m_current < m_blocks.size() && m_used + bytes > m_blocks[m_current].size) {
        ++m_current;
        m_used = 0;
    }
    if (m_current == m_blocks.size()) {
        const std::size_t size = std::max<std::size_t>(std::size_t(64) << 10, bytes);
        m_blocks.push_back({ std::make_unique<char[]>(size), size });
        m_used = 0;
    }
    char* p = m_blocks[m_current].data.get() + m_used;
    m_used += bytes;
    return p;
}

std::string_view ValueArena::keep(std::string_view text)
{
    if (text.empty()) {
        return kEmptyText;
    }
    char* p = allocate(text.size());
    std::memcpy(p, text.data(), text.size());
    return { p, text.size() };
}

void ValueArena::clear()
{
    m_current = 0;
    m_used = 0;
}

namespace {
template <class T> int threeWay(const T& a, const T& b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}
} // namespace

int compareValues(const Values& a, std::size_t i, const Values& b, std::size_t j)
{
    const Storage sa = storageOf(a.type);
    const Storage sb = storageOf(b.type);
    if (sa == Storage::Floats || sb == Storage::Floats) {
        const double x = sa == Storage::Floats ? a.floats[i] : static_cast<double>(a.ints[i]);
        const double y = sb == Storage::Floats ? b.floats[j] : static_cast<double>(b.ints[j]);
        return threeWay(x, y);
    }
    switch (sa) {
    case Storage::Ints:
        return threeWay(a.ints[i], b.ints[j]);
    case Storage::Strings:
        return a.strings[i].compare(b.strings[j]) < 0 ? -1 : (a.strings[i] == b.strings[j] ? 0 : 1);
    case Storage::Addresses:
        return threeWay(*a.addresses[i], *b.addresses[j]);
    case Storage::Floats:
        break;
    }
    return 0;
}

namespace {

// Sorts (key, row) pairs of the non-null values and numbers the rows by their key's place; equal
// keys share a rank, nulls come after everything.
template <class Key, class Get>
void rankBy(const Values& v, bool descending, std::vector<std::uint32_t>& ranks, Get get)
{
    std::vector<std::pair<Key, std::uint32_t>> items;
    items.reserve(ranks.size());
    for (std::uint32_t i = 0; i < ranks.size(); ++i) {
        if (v.isNull(i)) {
            ranks[i] = static_cast<std::uint32_t>(ranks.size());
        } else {
            items.emplace_back(get(i), i);
        }
    }
    if (descending) {
        std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return b.first < a.first; });
    } else {
        std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        const bool tied = i > 0 && !(items[i - 1].first < items[i].first) && !(items[i].first < items[i - 1].first);
        ranks[items[i].second] = tied ? ranks[items[i - 1].second] : static_cast<std::uint32_t>(i);
    }
}

std::uint64_t bigEndian(const std::uint8_t* bytes)
{
    std::uint64_t x = 0;
    for (int i = 0; i < 8; ++i) {
        x = (x << 8) | bytes[i];
    }
    return x;
}

} // namespace

std::vector<std::uint32_t> valueRanks(const Values& v, bool descending)
{
    std::vector<std::uint32_t> ranks(v.size());
    switch (storageOf(v.type)) {
    case Storage::Ints:
        rankBy<std::int64_t>(v, descending, ranks, [&](std::uint32_t i) { return v.ints[i]; });
        break;
    case Storage::Floats:
        rankBy<double>(v, descending, ranks, [&](std::uint32_t i) { return v.floats[i]; });
        break;
    case Storage::Strings:
        rankBy<std::string_view>(v, descending, ranks, [&](std::uint32_t i) { return v.strings[i]; });
        break;
    case Storage::Addresses:
        rankBy<std::pair<std::uint64_t, std::uint64_t>>(v, descending, ranks, [&](std::uint32_t i) {
            const std::uint8_t* bytes = v.addresses[i]->bytes.data();
            return std::make_pair(bigEndian(bytes), bigEndian(bytes + 8));
        });
        break;
    }
    return ranks;
}

std::vector<std::uint32_t> orderByRanks(const std::vector<std::vector<std::uint32_t>>& ranks, std::size_t n)
{
    // (ranks packed into 64 bits, row) pairs sort fast; the row breaks ties, so the sort is stable.
    if (ranks.size() <= 2) {
        std::vector<std::pair<std::uint64_t, std::uint32_t>> items(n);
        for (std::uint32_t i = 0; i < n; ++i) {
            std::uint64_t key = 0;
            for (const auto& r : ranks) {
                key = (key << 32) | r[i];
            }
            items[i] = { key, i };
        }
        std::sort(items.begin(), items.end());
        std::vector<std::uint32_t> order(n);
        for (std::size_t i = 0; i < n; ++i) {
            order[i] = items[i].second;
        }
        return order;
    }
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        for (const auto& r : ranks) {
            if (r[a] != r[b]) {
                return r[a] < r[b];
            }
        }
        return false;
    });
    return order;
}

std::vector<std::uint32_t> sortedOrder(const std::vector<Values>& keys, const std::vector<bool>& descending)
{
    std::vector<std::vector<std::uint32_t>> ranks;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        ranks.push_back(valueRanks(keys[k], descending[k]));
    }
    return orderByRanks(ranks, keys.empty() ? 0 : keys[0].size());
}

namespace {

// The rows of `v` that can be among the first `limit` after sorting by it: every non-null value
// at least as good as the limit-th best. nullopt when that is every row or the values are not
// numbers (no pruning).
template <class T>
std::optional<std::vector<std::uint32_t>> bestRows(const std::vector<T>& values, bool descending, std::size_t limit)
{
    std::vector<T> present;
    present.reserve(values.size());
    for (const T& x : values) {
        if (x == x && (!std::is_integral_v<T> || x != static_cast<T>(kNull))) { // x == x: not NaN
            present.push_back(x);
        }
    }
    if (limit == 0 || present.size() <= limit) {
        return std::nullopt;
    }
    const auto nth = present.begin() + static_cast<std::ptrdiff_t>(limit - 1);
    if (descending) {
        std::nth_element(present.begin(), nth, present.end(), std::greater<T>());
    } else {
        std::nth_element(present.begin(), nth, present.end());
    }
    const T threshold = *nth;
    std::vector<std::uint32_t> rows;
    for (std::uint32_t r = 0; r < values.size(); ++r) {
        const T x = values[r];
        const bool isPresent = x == x && (!std::is_integral_v<T> || x != static_cast<T>(kNull));
        if (isPresent && (descending ? x >= threshold : x <= threshold)) {
            rows.push_back(r);
        }
    }
    return rows;
}

} // namespace

std::optional<std::vector<std::uint32_t>> bestValueRows(const Values& v, bool descending, std::size_t limit)
{
    switch (storageOf(v.type)) {
    case Storage::Ints:
        return bestRows(v.ints, descending, limit);
    case Storage::Floats:
        return bestRows(v.floats, descending, limit);
    default:
        return std::nullopt;
    }
}

} // namespace flowlens::query
