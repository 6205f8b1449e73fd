#include "recordparser.h"

#include <algorithm>

namespace flowlens {

namespace {

// Epoch seconds stay below this until the year 5138; larger start/end values are milliseconds.
constexpr std::int64_t kMillisecondsThreshold = 100'000'000'000;

inline bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

inline bool parseInteger(std::string_view token, std::int64_t& out)
{
    std::size_t i = 0;
    bool negative = false;
    if (token[0] == '-' || token[0] == '+') {
        negative = token[0] == '-';
        i = 1;
        if (token.size() == 1) {
            return false;
        }
    }
    std::uint64_t value = 0;
    for (; i < token.size(); ++i) {
        const unsigned digit = static_cast<unsigned char>(token[i]) - '0';
        if (digit > 9 || value > (std::uint64_t(INT64_MAX) - digit) / 10) {
            return false;
        }
        value = value * 10 + digit;
    }
    out = negative ? -static_cast<std::int64_t>(value) : static_cast<std::int64_t>(value);
    return true;
}

// Reads up to `maxDigits` decimal digits from `pos`; returns where they stop.
inline std::size_t readDigits(std::string_view line, std::size_t pos, std::size_t maxDigits, std::uint64_t& value)
{
    const std::size_t end = std::min(line.size(), pos + maxDigits);
    std::size_t i = pos;
    for (; i < end; ++i) {
        const unsigned digit = static_cast<unsigned char>(line[i]) - unsigned { '0' };
        if (digit > 9) {
            break;
        }
        value = value * 10 + digit;
    }
    return i;
}

// Reads a dotted quad from `pos`; returns where it stops, or `pos` when there is none.
inline std::size_t readIpv4(std::string_view line, std::size_t pos, std::uint32_t& address)
{
    std::size_t i = pos;
    for (int octet = 0; octet < 4; ++octet) {
        if (octet > 0) {
            if (i >= line.size() || line[i] != '.') {
                return pos;
            }
            ++i;
        }
        std::uint64_t value = 0;
        const std::size_t end = readDigits(line, i, 3, value);
        if (end == i || value > 255) {
            return pos;
        }
        address = (address << 8) | static_cast<std::uint32_t>(value);
        i = end;
    }
    return i;
}

// A token ends at a space or tab, at the end of the line, or at a CR that ends the line.
inline bool endsToken(std::string_view line, std::size_t i)
{
    return i == line.size() || isSpace(line[i]) || (line[i] == '\r' && i + 1 == line.size());
}

std::string describeToken(std::string_view token)
{
    constexpr std::size_t kMax = 40;
    return token.size() <= kMax ? std::string(token) : std::string(token.substr(0, kMax)) + "…";
}

std::size_t countTokens(std::string_view line)
{
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && isSpace(line[i])) {
            ++i;
        }
        if (i == line.size()) {
            break;
        }
        ++count;
        while (i < line.size() && !isSpace(line[i])) {
            ++i;
        }
    }
    return count;
}

} // namespace

RecordParser::RecordParser(ChunkBuilder& builder)
    : m_builder(builder)
{
}

void RecordParser::setFormat(std::shared_ptr<const RecordFormat> format)
{
    m_format = std::move(format);
    m_steps.clear();
    for (const RecordFormat::Column& c : m_format->columns()) {
        if (c.field) {
            const FieldId f = *c.field;
            m_steps.push_back({ f, fieldInfo(f).kind, true, f == FieldId::Start || f == FieldId::End });
        } else {
            m_steps.push_back({ FieldId::Count, FieldKind::String, false, false });
        }
    }
    setEventFields(m_timestamp, m_logStream);
}

void RecordParser::setEventFields(bool timestamp, bool logStream)
{
    m_timestamp = timestamp;
    m_logStream = logStream;
    if (!m_format) {
        return;
    }
    m_fields = m_format->fields();
    if (timestamp) {
        m_fields.push_back(FieldId::EventTimestamp);
    }
    if (logStream) {
        m_fields.push_back(FieldId::LogStream);
    }
    m_builder.activate(m_fields);
}

bool RecordParser::reportFieldCount(std::string_view line, std::string& error) const
{
    const std::size_t count = countTokens(line);
    if (count == m_steps.size()) {
        return false;
    }
    error = "has " + std::to_string(count) + " fields where the " + m_format->describe() + " has "
        + std::to_string(m_steps.size());
    return true;
}

bool RecordParser::parse(
    std::string_view line, SourceId source, std::uint64_t lineNumber, std::string& error, const EventMeta* meta)
{
    std::size_t i = 0;
    const std::size_t n = line.size();
    const std::size_t expected = m_steps.size();
    for (std::size_t t = 0; t < expected; ++t) {
        while (i < n && isSpace(line[i])) {
            ++i;
        }
        if (i == n || (line[i] == '\r' && i + 1 == n)) {
            error = "has " + std::to_string(t) + " fields where the " + m_format->describe() + " has "
                + std::to_string(expected);
            return false;
        }
        const Step& step = m_steps[t];
        // Plain numbers and dotted quads are read while finding the token's end; anything else
        // (a sign, '-', IPv6, bad text) takes the general path below.
        if (step.kind == FieldKind::Integer && step.known) {
            std::uint64_t value = 0;
            const std::size_t j = readDigits(line, i, 18, value);
            if (j > i && endsToken(line, j)) {
                auto v = static_cast<std::int64_t>(value);
                m_builder.cell(step.field) = step.seconds && v >= kMillisecondsThreshold ? v / 1000 : v;
                i = j;
                continue;
            }
        } else if (step.kind == FieldKind::Address && step.known) {
            std::uint32_t address = 0;
            const std::size_t j = readIpv4(line, i, address);
            if (j > i && endsToken(line, j)) {
                m_builder.cell(step.field) = ChunkBuilder::internIpv4(address);
                i = j;
                continue;
            }
        }
        const std::size_t begin = i;
        while (i < n && !isSpace(line[i])) {
            ++i;
        }
        std::string_view token = line.substr(begin, i - begin);
        if (i == n && token.back() == '\r') {
            token.remove_suffix(1);
        }
        if (!step.known) {
            continue;
        }
        std::int64_t& cell = m_builder.cell(step.field);
        if (token.size() == 1 && token[0] == '-') {
            cell = kNull;
            continue;
        }
        switch (step.kind) {
        case FieldKind::Integer: {
            std::int64_t value = 0;
            if (!parseInteger(token, value)) {
                if (reportFieldCount(line, error)) {
                    return false;
                }
                error = "field " + std::to_string(t + 1) + " (" + std::string(fieldInfo(step.field).awsName) + ") is `"
                    + describeToken(token) + "`, not a number";
                return false;
            }
            if (step.seconds && value >= kMillisecondsThreshold) {
                value /= 1000;
            }
            cell = value;
            break;
        }
        case FieldKind::Address: {
            if (auto v4 = parseIpv4(token)) {
                cell = m_builder.internIpv4(*v4);
            } else if (auto address = Address::parse(token)) {
                cell = m_builder.internAddress(*address);
            } else {
                if (reportFieldCount(line, error)) {
                    return false;
                }
                error = "field " + std::to_string(t + 1) + " (" + std::string(fieldInfo(step.field).awsName) + ") is `"
                    + describeToken(token) + "`, not an IP address";
                return false;
            }
            break;
        }
        case FieldKind::String:
            cell = m_builder.internString(step.field, token);
            break;
        }
    }
    while (i < n && (isSpace(line[i]) || line[i] == '\r')) {
        ++i;
    }
    if (i < n) {
        error = "has " + std::to_string(expected + countTokens(line.substr(i))) + " fields, the " + m_format->describe()
            + " has " + std::to_string(expected);
        return false;
    }
    if (m_timestamp) {
        m_builder.cell(FieldId::EventTimestamp) = meta && meta->timestampMs ? *meta->timestampMs : kNull;
    }
    if (m_logStream) {
        m_builder.cell(FieldId::LogStream)
            = meta && !meta->logStream.empty() ? m_builder.internString(FieldId::LogStream, meta->logStream) : kNull;
    }
    m_builder.commitRow(source, lineNumber);
    return true;
}

} // namespace flowlens
