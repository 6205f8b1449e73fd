#pragma once

#include "field.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace flowlens {

// The ordered fields of a record line: AWS's default v2 format, or a custom format from an S3
// header line or from the user. Unknown names are kept (their tokens are skipped), so a newer
// field AWS adds does not make a file unreadable.
class RecordFormat {
public:
    struct Column {
        std::optional<FieldId> field; // nullopt: a name we do not know; its values are ignored
        std::string name; // as written
    };

    static RecordFormat defaultV2();
    static RecordFormat fromFields(const std::vector<FieldId>& fields);
    // Every v2–v5 field (29) or every v2–v8 field (40) in AWS's table order.
    static RecordFormat allFieldsUpTo(int version);

    // A format the user typed: "${srcaddr} ${dstaddr}", "srcaddr dstaddr", "srcaddr,dstaddr",
    // or one of the names "v2", "default", "v5", "v8", "all". Unknown field names are an error.
    static std::optional<RecordFormat> parseSpec(std::string_view spec, std::string& error);

    // The S3 header line, if `line` is one: every token is a field-name-shaped word and at least
    // half of them are field names we know.
    static std::optional<RecordFormat> fromHeaderLine(std::string_view line);

    const std::vector<Column>& columns() const { return m_columns; }
    std::size_t size() const { return m_columns.size(); }
    bool has(FieldId field) const;
    std::vector<FieldId> fields() const; // the known ones, in order
    std::string text() const; // the names, space-separated, as a header line has them
    // "v2 default" or "custom (21 fields)", for messages.
    std::string describe() const;

    bool operator==(const RecordFormat& other) const;

private:
    std::vector<Column> m_columns;
};

} // namespace flowlens
