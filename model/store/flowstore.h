#pragma once

#include "addresstable.h"
#include "chunk.h"
#include "ids.h"
#include "rawchunk.h"
#include "schema/field.h"
#include "schema/recordformat.h"
#include "stringdictionary.h"

#include <QString>
#include <array>
#include <atomic>
#include <bitset>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace flowlens {

// What the store knows about one input (a file, or a CloudWatch pull).
struct SourceInfo {
    QString path;
    QString container; // "plain text", "CloudWatch JSON", …
    QString format; // the record format as field names; several separated by " | " when it changed
    std::uint64_t records = 0;
    std::uint64_t errors = 0;
    QString error; // why reading stopped or why it is not a flow log; empty when read completely
};

// A malformed line, kept to show the user where and why.
struct LineError {
    SourceId source;
    std::uint64_t line = 0;
    std::string reason;
};

// The columnar, append-only store of flow records. Appends come from loader threads; readers take
// a Snapshot (the chunks published so far) and read it without locks.
class FlowStore {
public:
    static constexpr std::size_t kMaxErrorSamples = 300;

    FlowStore();
    FlowStore(const FlowStore&) = delete;
    FlowStore& operator=(const FlowStore&) = delete;

    struct Snapshot {
        std::vector<std::shared_ptr<const Chunk>> chunks; // index = chunk number in RowId
        std::uint64_t rowCount = 0;
        const Chunk& chunk(RowId row) const { return *chunks[chunkOf(row)]; }
    };

    // Maps the chunk's local strings and addresses onto the store's (in place) and publishes an
    // encoded copy. Thread-safe. The caller keeps `raw`'s buffers to fill the next chunk.
    void append(RawChunk& raw);
    Snapshot snapshot() const;
    std::uint64_t rowCount() const { return m_rowCount.load(std::memory_order_acquire); }
    std::bitset<FieldCount> presentFields() const;

    const StringDictionary& dictionary(FieldId field) const { return m_dictionaries[index(field)]; }
    // The one way from an address column's value to the address (see AddressId).
    Address address(AddressId id) const
    {
        return id.isIpv4() ? Address::fromIpv4(id.ipv4Value()) : m_ipv6Addresses.address(id.ipv6Index());
    }
    // The id `address` has in this store's columns; nullopt for an IPv6 address no record holds.
    std::optional<AddressId> findAddress(const Address& address) const;
    // Index → IPv6 address. Loader threads number IPv6 addresses in it themselves (see
    // ChunkBuilder::internIntoStore).
    const AddressTable& ipv6Addresses() const { return m_ipv6Addresses; }
    AddressTable& ipv6Addresses() { return m_ipv6Addresses; }

    SourceId addSource(const SourceInfo& info);
    void updateSource(SourceId id, const SourceInfo& info);
    SourceInfo source(SourceId id) const;
    std::vector<SourceInfo> sources() const;
    void addErrors(const std::vector<LineError>& errors);
    std::vector<LineError> errorSamples() const;

    // Numbers the record formats rows are written in (see ProvenanceRun::format).
    std::uint32_t internFormat(const RecordFormat& format);
    RecordFormat format(std::uint32_t id) const;

    // The value as the record text had it: numbers in decimal, strings and addresses as text,
    // "-" for null.
    std::string text(FieldId field, std::int64_t value) const;
    std::string text(const Chunk& chunk, FieldId field, std::uint32_t row) const
    {
        return text(field, chunk.value(field, row));
    }

    // Resident bytes of chunks, dictionaries and the IPv6 address table.
    std::size_t memoryBytes() const;

private:
    std::array<StringDictionary, FieldCount> m_dictionaries;
    AddressTable m_ipv6Addresses;
    std::shared_ptr<ColumnArena> m_arena = std::make_shared<ColumnArena>();

    mutable std::mutex m_mutex; // guards the members below
    std::vector<std::shared_ptr<const Chunk>> m_chunks;
    std::bitset<FieldCount> m_present;
    std::vector<SourceInfo> m_sources;
    std::vector<LineError> m_errors;
    std::vector<RecordFormat> m_formats;
    std::atomic<std::uint64_t> m_rowCount { 0 };
};

} // namespace flowlens
