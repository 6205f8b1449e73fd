#pragma once

#include "chunkbuilder.h"
#include "schema/recordformat.h"

#include <bitset>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace flowlens {

// Optional per-line data a CloudWatch container supplies beside the record text.
struct EventMeta {
    std::optional<std::int64_t> timestampMs;
    std::string_view logStream;
};

// Turns record lines of one format into rows of a ChunkBuilder. This is the ingest hot path: no
// allocation per line, tokens split on runs of spaces/tabs, '-' becomes null.
class RecordParser {
public:
    explicit RecordParser(ChunkBuilder& builder);

    void setFormat(std::shared_ptr<const RecordFormat> format);
    const RecordFormat* format() const { return m_format.get(); }
    // Columns for @timestamp / @logStream are added when a container supplies them.
    void setEventFields(bool timestamp, bool logStream);
    // Only these fields get columns (all by default). The others are still checked, so a line is
    // malformed, with the same message, whichever fields are kept.
    void setStoredFields(const std::bitset<FieldCount>& fields);

    // Parses one line (no newline; a trailing CR and spaces are fine). Returns true when it added a
    // record; false with `error` set to the reason when the line is malformed.
    bool parse(std::string_view line, SourceId source, std::uint64_t lineNumber, std::string& error,
        const EventMeta* meta = nullptr);

    // The common line (see parseSimple) read straight from text, which must hold at least 256
    // readable bytes (the line, its newline and whatever follows). Returns the bytes it took, the
    // newline included, when it added a record; 0 when the line is for parse() (anything unusual:
    // long, blank, a CR inside, a value the vector path does not take, malformed).
    std::size_t parseAt(const char* text, SourceId source, std::uint64_t lineNumber);
    static constexpr std::size_t kParseAtBytes = 256;

    struct LineMasks; // the vector path's bit masks of a line (defined with the parser)

private:
    bool parseMasked(const LineMasks& masks, std::string_view line, SourceId source, std::uint64_t lineNumber,
        const EventMeta* meta);
    // The common line (plain numbers, dotted quads, `-`, no CR inside, the right field count) with
    // the tokens found by vector compares; false leaves the row untouched for the general path.
    bool parseSimple(std::string_view line, SourceId source, std::uint64_t lineNumber, const EventMeta* meta);
    // An address token the vector path does not read itself, read as parse() reads it: true when
    // it is one, with its id in *id when id is not null.
    bool otherAddress(std::string_view token, std::int64_t* id);
    void commitEventFields(const EventMeta* meta);
    // On a bad value: when the line's field count is wrong too, that is the better explanation.
    bool reportFieldCount(std::string_view line, std::string& error) const;

    struct Step {
        FieldId field;
        FieldKind kind;
        bool known;
        bool stored; // known, and its value goes into a column
        bool seconds; // start/end: values in milliseconds are converted
    };
    // What parseSimple does with a step's token.
    enum class SimpleAction : std::uint8_t { Skip, CheckInteger, Integer, Seconds, CheckAddress, Address, String };

    ChunkBuilder& m_builder;
    std::shared_ptr<const RecordFormat> m_format;
    std::vector<Step> m_steps;
    std::vector<SimpleAction> m_simple; // by step
    std::vector<std::uint8_t> m_simpleChecked; // steps whose token parseSimple reads
    std::vector<std::uint8_t> m_simpleStored; // steps whose token goes into a column
    std::vector<std::int64_t> m_simpleValues; // by step
    std::vector<FieldId> m_fields;
    std::bitset<FieldCount> m_stored = std::bitset<FieldCount>().set();
    bool m_timestamp = false;
    bool m_logStream = false;
};

} // namespace flowlens
