#pragma once

#include "store/address.h"
#include "store/addresstable.h"
#include "store/rawchunk.h"

#include <functional>
#include <string_view>
#include <vector>

namespace flowlens {

class RecordFormat;

// Collects parsed rows into a RawChunk of up to kChunkRows, numbering strings and IPv6 addresses
// with chunk-local dictionaries (so loader threads never contend on the store's), and hands each
// full chunk to the sink. IPv4 addresses need no numbering: they are their own AddressIds. One per
// loader thread.
class ChunkBuilder {
public:
    using Sink = std::function<void(RawChunk&)>;

    explicit ChunkBuilder(Sink sink);

    // Interns IPv6 addresses straight into the store's table instead of numbering them per chunk
    // (they are few, so the table's lock is cheap). Call before the first row.
    void internIntoStore(AddressTable& ipv6Table);

    // Makes sure the format's fields have columns; fields present in earlier rows but not in this
    // format will be null in the rows that follow.
    void activate(const std::vector<FieldId>& fields);

    // The current row's cell of a field that activate() has set up.
    std::int64_t& cell(FieldId field) { return m_raw.columns[index(field)][m_raw.rowCount]; }
    std::int64_t internString(FieldId field, std::string_view text);
    std::int64_t internAddress(const Address& address);
    static std::int64_t internIpv4(std::uint32_t address) { return AddressId::ipv4(address).value; }

    // Completes the current row; flushes when the chunk is full.
    void commitRow(SourceId source, std::uint64_t line);
    // The FlowStore format id recorded for the rows that follow.
    void setFormatId(std::uint32_t id) { m_formatId = id; }
    void flush();
    std::uint32_t pendingRows() const { return m_raw.rowCount; }

private:
    struct StringIndex {
        std::vector<std::uint32_t> slots; // local id + 1; 0 = empty
        std::vector<std::uint64_t> hashes; // by local id
        std::uint32_t last = 0; // last id returned, for runs of the same value
    };
    struct AddressIndex {
        std::vector<std::uint32_t> slots;
    };

    void resetDictionaries();
    void growStrings(StringIndex& index, const std::vector<std::string>& strings);
    void growAddresses();

    Sink m_sink;
    RawChunk m_raw;
    std::vector<FieldId> m_active; // fields with a column in this chunk
    std::vector<FieldId> m_missing; // active fields the current format does not fill
    std::vector<FieldId> m_format; // fields of the current format
    std::array<StringIndex, FieldCount> m_stringIndex;
    AddressIndex m_addressIndex;
    AddressTable* m_table = nullptr;
    std::size_t m_capacity = 0; // rows every active column can hold
    std::uint32_t m_formatId = 0;
};

} // namespace flowlens
