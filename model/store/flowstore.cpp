#include "flowstore.h"

#include <algorithm>

namespace flowlens {

FlowStore::FlowStore()
{
    // Seeded so the common values have the same ids in every store: ACCEPT = 0, REJECT = 1, …
    for (auto text : { "ACCEPT", "REJECT" }) {
        m_dictionaries[index(FieldId::Action)].intern(text);
    }
    for (auto text : { "OK", "NODATA", "SKIPDATA" }) {
        m_dictionaries[index(FieldId::LogStatus)].intern(text);
    }
    for (auto text : { "IPv4", "IPv6", "EFA" }) {
        m_dictionaries[index(FieldId::Type)].intern(text);
    }
    for (auto text : { "ingress", "egress" }) {
        m_dictionaries[index(FieldId::FlowDirection)].intern(text);
    }
}

void FlowStore::append(RawChunk& raw)
{
    if (raw.rowCount == 0) {
        return;
    }
    // Local ids → store ids. Dictionaries lock internally; a chunk has few distinct values. IPv4
    // addresses are their own ids; local IPv6 ids are -(local index + 1).
    std::vector<std::int64_t> addressMap;
    std::vector<std::int64_t> stringMap;
    for (std::size_t f = 0; f < FieldCount; ++f) {
        auto& values = raw.columns[f];
        if (values.empty()) {
            continue;
        }
        const FieldKind kind = allFields()[f].kind;
        if (kind == FieldKind::Integer) {
            continue;
        }
        if (kind == FieldKind::Address) {
            if (raw.addressesInterned || raw.localAddresses.empty()) {
                continue;
            }
            if (addressMap.empty()) {
                addressMap.reserve(raw.localAddresses.size());
                for (const Address& a : raw.localAddresses) {
                    addressMap.push_back(AddressId::ipv6(m_ipv6Addresses.intern(a)).value);
                }
            }
            for (std::uint32_t i = 0; i < raw.rowCount; ++i) {
                if (values[i] != kNull && values[i] < 0) {
                    values[i] = addressMap[AddressId(values[i]).ipv6Index()];
                }
            }
            continue;
        }
        stringMap.clear();
        stringMap.reserve(raw.localStrings[f].size());
        for (const std::string& s : raw.localStrings[f]) {
            stringMap.push_back(m_dictionaries[f].intern(s).value);
        }
        for (std::uint32_t i = 0; i < raw.rowCount; ++i) {
            if (values[i] != kNull) {
                values[i] = stringMap[static_cast<std::size_t>(values[i])];
            }
        }
    }
    std::shared_ptr<const Chunk> chunk = Chunk::encode(raw, m_arena.get());

    std::lock_guard lock(m_mutex);
    for (std::size_t f = 0; f < FieldCount; ++f) {
        if (chunk->has(static_cast<FieldId>(f))) {
            m_present.set(f);
        }
    }
    m_chunks.push_back(std::move(chunk));
    m_rowCount.fetch_add(raw.rowCount, std::memory_order_release);
}

FlowStore::Snapshot FlowStore::snapshot() const
{
    std::lock_guard lock(m_mutex);
    Snapshot s;
    s.chunks = m_chunks;
    for (const auto& c : m_chunks) {
        s.rowCount += c->rowCount();
    }
    return s;
}

std::bitset<FieldCount> FlowStore::presentFields() const
{
    std::lock_guard lock(m_mutex);
    return m_present;
}

SourceId FlowStore::addSource(const SourceInfo& info)
{
    std::lock_guard lock(m_mutex);
    m_sources.push_back(info);
    return SourceId(static_cast<std::uint32_t>(m_sources.size() - 1));
}

void FlowStore::updateSource(SourceId id, const SourceInfo& info)
{
    std::lock_guard lock(m_mutex);
    m_sources.at(id.value) = info;
}

SourceInfo FlowStore::source(SourceId id) const
{
    std::lock_guard lock(m_mutex);
    return id.value < m_sources.size() ? m_sources[id.value] : SourceInfo {};
}

std::vector<SourceInfo> FlowStore::sources() const
{
    std::lock_guard lock(m_mutex);
    return m_sources;
}

void FlowStore::addErrors(const std::vector<LineError>& errors)
{
    std::lock_guard lock(m_mutex);
    m_errors.insert(m_errors.end(), errors.begin(), errors.end());
    std::sort(m_errors.begin(), m_errors.end(), [](const LineError& a, const LineError& b) {
        return a.source != b.source ? a.source < b.source : a.line < b.line;
    });
    if (m_errors.size() > kMaxErrorSamples) {
        m_errors.resize(kMaxErrorSamples);
    }
}

std::vector<LineError> FlowStore::errorSamples() const
{
    std::lock_guard lock(m_mutex);
    return m_errors;
}

std::uint32_t FlowStore::internFormat(const RecordFormat& format)
{
    std::lock_guard lock(m_mutex);
    auto it = std::find(m_formats.begin(), m_formats.end(), format);
    if (it == m_formats.end()) {
        m_formats.push_back(format);
        it = std::prev(m_formats.end());
    }
    return static_cast<std::uint32_t>(it - m_formats.begin());
}

RecordFormat FlowStore::format(std::uint32_t id) const
{
    std::lock_guard lock(m_mutex);
    return id < m_formats.size() ? m_formats[id] : RecordFormat {};
}

std::optional<AddressId> FlowStore::findAddress(const Address& address) const
{
    if (address.isIpv4()) {
        return AddressId::ipv4(address.ipv4());
    }
    const auto index = m_ipv6Addresses.find(address);
    return index ? std::optional(AddressId::ipv6(*index)) : std::nullopt;
}

std::string FlowStore::text(FieldId field, std::int64_t value) const
{
    if (value == kNull) {
        return "-";
    }
    switch (fieldInfo(field).kind) {
    case FieldKind::Integer:
        return std::to_string(value);
    case FieldKind::String:
        return std::string(dictionary(field).text(StringId(static_cast<std::uint32_t>(value))));
    case FieldKind::Address:
        return address(AddressId(value)).toString();
    }
    return {};
}

std::size_t FlowStore::memoryBytes() const
{
    std::size_t bytes = m_ipv6Addresses.memoryBytes();
    for (const auto& d : m_dictionaries) {
        bytes += d.memoryBytes();
    }
    std::lock_guard lock(m_mutex);
    for (const auto& c : m_chunks) {
        bytes += c->memoryBytes();
    }
    return bytes;
}

} // namespace flowlens
