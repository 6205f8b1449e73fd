#include "values.h"

#include "store/ids.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <new>

namespace flowlens::query {

Storage storageOf(ValueType type)
{
    switch (type) {
    case ValueType::Float:
        return Storage::Floats;
    case ValueType::String:
        return Storage::Strings;
    case ValueType::Address:
        return Storage::Addresses;
    default:
        return Storage::Ints;
    }
}

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

bool Values::isNull(std::size_t i) const
{
    switch (storageOf(type)) {
    case Storage::Ints:
        return ints[i] == kNull;
    case Storage::Floats:
        return std::isnan(floats[i]);
    case Storage::Strings:
        return strings[i].data() == nullptr;
    case Storage::Addresses:
        return addresses[i] == nullptr;
    }
    return true;
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

const Address* ValueArena::keep(const Address& address)
{
    static_assert(alignof(Address) == 1, "addresses are packed into the text blocks");
    return new (allocate(sizeof(Address))) Address(address);
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

bool lessNullsLast(const Values& v, std::size_t i, std::size_t j, bool descending)
{
    const bool nullI = v.isNull(i);
    const bool nullJ = v.isNull(j);
    if (nullI || nullJ) {
        return !nullI && nullJ;
    }
    const int c = compareValues(v, i, v, j);
    return descending ? c > 0 : c < 0;
}

} // namespace flowlens::query
