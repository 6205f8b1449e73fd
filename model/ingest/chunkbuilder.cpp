#include "chunkbuilder.h"

#include "store/addresstable.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace flowlens {

namespace {

constexpr std::size_t kInitialSlots = 1024;
constexpr std::size_t kMaxIpv4CacheSlots = std::size_t { 1 } << 22;
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
    if (index.last < strings.size() && strings[index.last] == text) {
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
        if (index.hashes[entry - 1] == hash && strings[entry - 1] == text) {
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

void ChunkBuilder::internIntoStore(AddressTable& table)
{
    m_table = &table;
    m_ipv4Cache.assign(kInitialSlots, {});
    m_ipv4CacheUsed = 0;
}

std::int64_t ChunkBuilder::internIpv4IntoStore(std::uint32_t address)
{
    std::size_t mask = m_ipv4Cache.size() - 1;
    // Fibonacci hashing spreads neighbouring addresses (10.0.0.1, 10.0.0.2 …) over the table.
    std::size_t slot = static_cast<std::size_t>((address * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
    for (;; slot = (slot + 1) & mask) {
        const Ipv4Slot entry = m_ipv4Cache[slot];
        if (entry.idPlusOne == 0) {
            break;
        }
        if (entry.address == address) {
            return entry.idPlusOne - 1;
        }
    }
    const AddressId id = m_table->intern(Address::fromIpv4(address));
    if (++m_ipv4CacheUsed * 2 > m_ipv4Cache.size()) {
        // Grow up to 4M slots (32 MiB); past that (millions of distinct hosts) start afresh, which
        // only costs lookups in the store's table.
        const std::size_t size = m_ipv4Cache.size() < kMaxIpv4CacheSlots ? m_ipv4Cache.size() * 2 : kInitialSlots;
        std::vector<Ipv4Slot> old = std::exchange(m_ipv4Cache, std::vector<Ipv4Slot>(size));
        m_ipv4CacheUsed = 0;
        mask = size - 1;
        if (size > old.size()) {
            for (const Ipv4Slot& e : old) {
                if (e.idPlusOne != 0) {
                    std::size_t s = static_cast<std::size_t>((e.address * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
                    while (m_ipv4Cache[s].idPlusOne != 0) {
                        s = (s + 1) & mask;
                    }
                    m_ipv4Cache[s] = e;
                    ++m_ipv4CacheUsed;
                }
            }
        }
        slot = static_cast<std::size_t>((address * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
        while (m_ipv4Cache[slot].idPlusOne != 0) {
            slot = (slot + 1) & mask;
        }
        ++m_ipv4CacheUsed;
    }
    m_ipv4Cache[slot] = { address, id.value + 1 };
    return id.value;
}

std::int64_t ChunkBuilder::internAddressIntoStore(const Address& address)
{
    if (address.isIpv4()) {
        return internIpv4IntoStore(address.ipv4());
    }
    return m_table->intern(address).value; // IPv6 is rare in flow logs: the store's table is enough
}

std::int64_t ChunkBuilder::internAddress(const Address& address)
{
    if (m_table != nullptr) {
        return internAddressIntoStore(address);
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
            return id;
        }
        if (addresses[entry - 1] == address) {
            return entry - 1;
        }
    }
}

std::int64_t ChunkBuilder::internIpv4(std::uint32_t address)
{
    if (m_table != nullptr) {
        return internIpv4IntoStore(address);
    }
    return internAddress(Address::fromIpv4(address));
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
