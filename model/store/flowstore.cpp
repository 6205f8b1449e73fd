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
    // Local ids → store ids. Dictionaries lock internally; a chunk has few distinct values.
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
        std::vector<std::int64_t>* map = nullptr;
        if (kind == FieldKind::Address) {
            if (raw.addressesInterned) {
                continue;
            }
            if (addressMap.empty() && !raw.localAddresses.empty()) {
                addressMap.reserve(raw.localAddresses.size());
                for (const Address& a : raw.localAddresses) {
                    addressMap.push_back(m_addresses.intern(a).value);
                }
            }
            map = &addressMap;
        } else {
            stringMap.clear();
            stringMap.reserve(raw.localStrings[f].size());
            for (const std::string& s : raw.localStrings[f]) {
                stringMap.push_back(m_dictionaries[f].intern(s).value);
            }
            map = &stringMap;
        }
        for (std::uint32_t i = 0; i < raw.rowCount; ++i) {
            if (values[i] != kNull) {
                values[i] = (*map)[static_cast<std::size_t>(values[i])];
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
    s.addressCount = m_addresses.size(); // chunks are published after their addresses are interned
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
        return m_addresses.address(AddressId(static_cast<std::uint32_t>(value))).toString();
    }
    return {};
}

std::size_t FlowStore::memoryBytes() const
{
    std::size_t bytes = m_addresses.memoryBytes();
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
