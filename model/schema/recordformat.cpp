#include "recordformat.h"

#include <algorithm>

namespace flowlens {

namespace {

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::vector<std::string_view> splitWords(std::string_view text, std::string_view separators)
{
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && separators.find(text[i]) != std::string_view::npos) {
            ++i;
        }
        std::size_t j = i;
        while (j < text.size() && separators.find(text[j]) == std::string_view::npos) {
            ++j;
        }
        if (j > i) {
            words.push_back(text.substr(i, j - i));
        }
        i = j;
    }
    return words;
}

} // namespace

RecordFormat RecordFormat::defaultV2()
{
    return allFieldsUpTo(2);
}

RecordFormat RecordFormat::fromFields(const std::vector<FieldId>& fields)
{
    RecordFormat format;
    for (FieldId f : fields) {
        format.m_columns.push_back({ f, std::string(fieldInfo(f).awsName) });
    }
    return format;
}

RecordFormat RecordFormat::allFieldsUpTo(int version)
{
    std::vector<FieldId> fields;
    for (const FieldInfo& f : allFields()) {
        if (f.version >= 2 && f.version <= version && f.version != 6 && f.id <= FieldId::RejectReason) {
            fields.push_back(f.id);
        }
    }
    return fromFields(fields);
}

std::optional<RecordFormat> RecordFormat::parseSpec(std::string_view spec, std::string& error)
{
    const auto words = splitWords(spec, " \t,\r\n");
    if (words.size() == 1) {
        const std::string_view w = words.front();
        if (w == "v2" || w == "default") {
            return defaultV2();
        }
        if (w == "v3" || w == "v4" || w == "v5" || w == "v7" || w == "v8") {
            return allFieldsUpTo(w[1] - '0');
        }
        if (w == "all") {
            return allFieldsUpTo(8);
        }
    }
    if (words.empty()) {
        error = "the format is empty: give field names such as \"version account-id interface-id srcaddr\"";
        return std::nullopt;
    }
    RecordFormat format;
    for (std::string_view w : words) {
        if (w.size() > 3 && w.substr(0, 2) == "${" && w.back() == '}') {
            w = w.substr(2, w.size() - 3);
        }
        const auto field = fieldByAnyName(w);
        if (!field) {
            error = "unknown field `" + std::string(w) + "` in the format";
            return std::nullopt;
        }
        format.m_columns.push_back({ field, std::string(fieldInfo(*field).awsName) });
    }
    return format;
}

std::optional<RecordFormat> RecordFormat::fromHeaderLine(std::string_view line)
{
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
        line.remove_suffix(1);
    }
    if (line.empty() || line.front() < 'a' || line.front() > 'z') {
        return std::nullopt;
    }
    const auto words = splitWords(line, " \t");
    RecordFormat format;
    std::size_t known = 0;
    for (std::string_view w : words) {
        if (!std::all_of(w.begin(), w.end(), isNameChar)) {
            return std::nullopt;
        }
        const auto field = fieldByAwsName(w);
        known += field ? 1 : 0;
        format.m_columns.push_back({ field, std::string(w) });
    }
    if (known == 0 || known * 2 < words.size()) {
        return std::nullopt;
    }
    return format;
}

bool RecordFormat::has(FieldId field) const
{
    return std::any_of(m_columns.begin(), m_columns.end(), [field](const Column& c) { return c.field == field; });
}

std::vector<FieldId> RecordFormat::fields() const
{
    std::vector<FieldId> out;
    for (const Column& c : m_columns) {
        if (c.field) {
            out.push_back(*c.field);
        }
    }
    return out;
}

std::string RecordFormat::text() const
{
    std::string out;
    for (const Column& c : m_columns) {
        if (!out.empty()) {
            out += ' ';
        }
        out += c.name;
    }
    return out;
}

std::string RecordFormat::describe() const
{
    if (*this == defaultV2()) {
        return "v2 default format";
    }
    return "custom format of " + std::to_string(m_columns.size()) + " fields";
}

bool RecordFormat::operator==(const RecordFormat& other) const
{
    return std::equal(m_columns.begin(), m_columns.end(), other.m_columns.begin(), other.m_columns.end(),
        [](const Column& a, const Column& b) { return a.field == b.field && a.name == b.name; });
}

} // namespace flowlens
