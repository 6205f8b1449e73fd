#include "chunkbuilder.h"

#include "store/addresstable.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace flowlens {

namespace {

constexpr std::size_t kInitialSlots = 1024;
constexpr std::size_t kInitialRows = 1024; // columns grow by doubling up to kChunkRows

std::uint64_t hashBytes(const char* data, std::size_t size)
{
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ size;
    while (size >= 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, data, 8);
        h = (h ^ word) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 31;
        data += 8;
        size -= 8;
    }
    std::uint64_t tail = 0;
    std::memcpy(&tail, data, size);
    h = (h ^ tail) * 0x94D049BB133111EBULL;
    return h ^ (h >> 29);
}

// Equality of short tokens (ids, ACCEPT, OK) without a call into memcmp; forced inline because it
// runs for nearly every string token and the call cost as much as the compare.
[[gnu::always_inline]] inline bool sameText(const std::string& a, std::string_view b)
{
    if (a.size() != b.size()) {
        return false;
    }
    const char* x = a.data();
    const char* y = b.data();
    std::size_t n = b.size();
    while (n >= 8) {
        std::uint64_t u = 0;
        std::uint64_t v = 0;
        std::memcpy(&u, x, 8);
        std::memcpy(&v, y, 8);
        if (u != v) {
            return false;
        }
        x += 8;
        y += 8;
        n -= 8;
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (x[i] != y[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

ChunkBuilder::ChunkBuilder(Sink sink)
    : m_sink(std::move(sink))
{
    m_addressIndex.slots.assign(kInitialSlots, 0);
    m_capacity = kInitialRows;
}

void ChunkBuilder::activate(const std::vector<FieldId>& fields)
{
    m_format = fields;
    for (FieldId f : fields) {
        auto& column = m_raw.columns[index(f)];
        if (column.size() < m_capacity) {
            column.resize(m_capacity);
        }
        if (std::find(m_active.begin(), m_active.end(), f) == m_active.end()) {
            std::fill_n(column.begin(), m_raw.rowCount, kNull);
            m_active.push_back(f);
        }
    }
    m_missing.clear();
    for (FieldId f : m_active) {
        if (std::find(fields.begin(), fields.end(), f) == fields.end()) {
            m_missing.push_back(f);
        }
    }
}

std::int64_t ChunkBuilder::internString(FieldId field, std::string_view text)
{
    StringIndex& index = m_stringIndex[flowlens::index(field)];
    std::vector<std::string>& strings = m_raw.localStrings[flowlens::index(field)];
    if (index.last < strings.size() && sameText(strings[index.last], text)) {
        return index.last;
    }
    if (index.slots.empty()) {
        index.slots.assign(kInitialSlots, 0);
    }
    const std::size_t mask = index.slots.size() - 1;
    const std::uint64_t hash = hashBytes(text.data(), text.size());
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t entry = index.slots[slot];
        if (entry == 0) {
            const auto id = static_cast<std::uint32_t>(strings.size());
            strings.emplace_back(text);
            index.hashes.push_back(hash);
            index.slots[slot] = id + 1;
            if (strings.size() * 2 > index.slots.size()) {
                growStrings(index, strings);
            }
            index.last = id;
            return id;
        }
        if (index.hashes[entry - 1] == hash && sameText(strings[entry - 1], text)) {
            index.last = entry - 1;
            return entry - 1;
        }
    }
}

void ChunkBuilder::growStrings(StringIndex& index, const std::vector<std::string>& strings)
{
    index.slots.assign(index.slots.size() * 2, 0);
    const std::size_t mask = index.slots.size() - 1;
    for (std::uint32_t id = 0; id < strings.size(); ++id) {
        std::size_t slot = index.hashes[id] & mask;
        while (index.slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index.slots[slot] = id + 1;
    }
}

void ChunkBuilder::internIntoStore(AddressTable& ipv6Table)
{
    m_table = &ipv6Table;
}

std::int64_t ChunkBuilder::internAddress(const Address& address)
{
    if (address.isIpv4()) {
        return internIpv4(address.ipv4());
    }
    if (m_table != nullptr) {
        return AddressId::ipv6(m_table->intern(address)).value;
    }
    std::vector<Address>& addresses = m_raw.localAddresses;
    const std::size_t mask = m_addressIndex.slots.size() - 1;
    for (std::size_t slot = hashAddress(address) & mask;; slot = (slot + 1) & mask) {
        const std::uint32_t entry = m_addressIndex.slots[slot];
        if (entry == 0) {
            const auto id = static_cast<std::uint32_t>(addresses.size());
            addresses.push_back(address);
            m_addressIndex.slots[slot] = id + 1;
            if (addresses.size() * 2 > m_addressIndex.slots.size()) {
                growAddresses();
            }
            return AddressId::ipv6(id).value;
        }
        if (addresses[entry - 1] == address) {
            return AddressId::ipv6(entry - 1).value;
        }
    }
}

void ChunkBuilder::growAddresses()
{
    m_addressIndex.slots.assign(m_addressIndex.slots.size() * 2, 0);
    const std::size_t mask = m_addressIndex.slots.size() - 1;
    const auto& addresses = m_raw.localAddresses;
    for (std::uint32_t id = 0; id < addresses.size(); ++id) {
        std::size_t slot = hashAddress(addresses[id]) & mask;
        while (m_addressIndex.slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        m_addressIndex.slots[slot] = id + 1;
    }
}

void ChunkBuilder::commitRow(SourceId source, std::uint64_t line)
{
    const std::uint32_t row = m_raw.rowCount;
    for (FieldId f : m_missing) {
        m_raw.columns[index(f)][row] = kNull;
    }
    auto& runs = m_raw.provenance;
    if (runs.empty() || runs.back().source != source || runs.back().format != m_formatId
        || runs.back().firstLine + (row - runs.back().firstRow) != line) {
        runs.push_back({ row, source, line, m_formatId });
    }
    if (++m_raw.rowCount == kChunkRows) {
        flush();
    } else if (m_raw.rowCount == m_capacity) {
        m_capacity *= 2;
        for (FieldId f : m_active) {
            m_raw.columns[index(f)].resize(m_capacity);
        }
    }
}

void ChunkBuilder::flush()
{
    if (m_raw.rowCount == 0) {
        return;
    }
    m_raw.addressesInterned = m_table != nullptr;
    m_sink(m_raw);
    // Keep the column buffers; start the next chunk with only the current format's fields.
    for (FieldId f : m_active) {
        if (std::find(m_format.begin(), m_format.end(), f) == m_format.end()) {
            m_raw.columns[index(f)] = {};
        }
    }
    m_active = m_format;
    m_missing.clear();
    m_raw.rowCount = 0;
    m_raw.provenance.clear();
    resetDictionaries();
}

void ChunkBuilder::resetDictionaries()
{
    for (std::size_t f = 0; f < FieldCount; ++f) {
        if (!m_raw.localStrings[f].empty()) {
            m_raw.localStrings[f].clear();
            m_stringIndex[f].hashes.clear();
            std::fill(m_stringIndex[f].slots.begin(), m_stringIndex[f].slots.end(), 0);
        }
        m_stringIndex[f].last = 0;
    }
    m_raw.localAddresses.clear();
    std::fill(m_addressIndex.slots.begin(), m_addressIndex.slots.end(), 0);
}

} // namespace flowlens
