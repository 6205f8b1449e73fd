#include "recordparser.h"

#include <algorithm>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#include <immintrin.h>
#endif

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

#if defined(__SSE2__)
// Lines up to this long (and formats up to half as many fields) take the vector path.
constexpr std::size_t kSimpleLineBytes = 256;
constexpr std::size_t kSimpleWords = kSimpleLineBytes / 64;
static_assert(RecordParser::kParseAtBytes == kSimpleLineBytes);

// Bits [b, e) of a kSimpleWords-word mask are all set.
inline bool allSet(const std::uint64_t* mask, std::size_t b, std::size_t e)
{
    if ((b >> 6) == ((e - 1) >> 6)) { // one word, the common case
        const std::uint64_t want = (~std::uint64_t { 0 } >> (64 - (e - b))) << (b & 63);
        return (mask[b >> 6] & want) == want;
    }
    while (b < e) {
        const std::size_t offset = b & 63;
        const std::size_t take = std::min<std::size_t>(e - b, 64 - offset);
        const std::uint64_t want = (take == 64 ? ~std::uint64_t { 0 } : (std::uint64_t { 1 } << take) - 1) << offset;
        if ((mask[b >> 6] & want) != want) {
            return false;
        }
        b += take;
    }
    return true;
}

// Bits [b, b + 16) of a mask, as the low bits.
inline std::uint64_t window16(const std::uint64_t* mask, std::size_t b)
{
    const std::size_t w = b >> 6;
    const std::size_t offset = b & 63;
    const std::uint64_t low = mask[w] >> offset;
    return (offset == 0 ? low : low | (mask[w + 1] << (64 - offset))) & 0xFFFF;
}

// What readIpv4 accepts, from the masks: four runs of one to three digits (three-digit ones at most
// 255) joined by single dots, nothing else.
inline bool isIpv4Token(
    const char* text, const std::uint64_t* digit, const std::uint64_t* dot, std::size_t b, std::size_t e)
{
    const std::size_t size = e - b;
    if (size < 7 || size > 15) {
        return false;
    }
    const std::uint64_t all = (std::uint64_t { 1 } << size) - 1;
    const std::uint64_t d = window16(digit, b) & all;
    const std::uint64_t p = window16(dot, b) & all;
    const std::uint64_t p2 = p & (p - 1);
    const std::uint64_t p3 = p2 & (p2 - 1);
    if ((d | p) != all || p3 == 0 || (p3 & (p3 - 1)) != 0 || (p & 1) != 0 || (p >> (size - 1)) != 0
        || (p & (p >> 1)) != 0 || (d & (d >> 1) & (d >> 2) & (d >> 3)) != 0) {
        return false;
    }
    for (std::uint64_t three = d & (d >> 1) & (d >> 2); three != 0; three &= three - 1) {
        const char* c = text + b + std::countr_zero(three);
        if ((c[0] - '0') * 100 + (c[1] - '0') * 10 + (c[2] - '0') > 255) {
            return false;
        }
    }
    return true;
}
#endif

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
            m_steps.push_back(
                { f, fieldInfo(f).kind, true, m_stored[index(f)], f == FieldId::Start || f == FieldId::End });
        } else {
            m_steps.push_back({ FieldId::Count, FieldKind::String, false, false, false });
        }
    }
    m_simple.clear();
    for (const Step& step : m_steps) {
        using A = SimpleAction;
        A action = A::Skip;
        if (step.known && step.kind == FieldKind::Integer) {
            action = !step.stored ? A::CheckInteger : step.seconds ? A::Seconds : A::Integer;
        } else if (step.known && step.kind == FieldKind::Address) {
            action = step.stored ? A::Address : A::CheckAddress;
        } else if (step.stored) {
            action = A::String;
        }
        m_simple.push_back(action);
    }
    // Lines with more fields than this never take the vector path (see kSimpleLineBytes).
    m_simpleChecked.clear();
    m_simpleStored.clear();
    for (std::size_t t = 0; t < m_simple.size() && t < 256; ++t) {
        using A = SimpleAction;
        const A action = m_simple[t];
        if (action != A::Skip && action != A::String) {
            m_simpleChecked.push_back(static_cast<std::uint8_t>(t));
        }
        if (action != A::Skip && action != A::CheckInteger && action != A::CheckAddress) {
            m_simpleStored.push_back(static_cast<std::uint8_t>(t));
        }
    }
    m_simpleValues.assign(m_steps.size(), 0);
    setEventFields(m_timestamp, m_logStream);
}

void RecordParser::setEventFields(bool timestamp, bool logStream)
{
    m_timestamp = timestamp;
    m_logStream = logStream;
    if (!m_format) {
        return;
    }
    m_fields.clear();
    for (FieldId f : m_format->fields()) {
        if (m_stored[index(f)]) {
            m_fields.push_back(f);
        }
    }
    if (timestamp && m_stored[index(FieldId::EventTimestamp)]) {
        m_fields.push_back(FieldId::EventTimestamp);
    }
    if (logStream && m_stored[index(FieldId::LogStream)]) {
        m_fields.push_back(FieldId::LogStream);
    }
    m_builder.activate(m_fields);
}

void RecordParser::setStoredFields(const std::bitset<FieldCount>& fields)
{
    m_stored = fields;
    if (m_format) {
        setFormat(m_format);
    }
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

#if defined(__SSE2__)
// Bit masks of one line, a bit per byte: spaces or tabs (and everything past the line's end), decimal
// digits, dots; the word after the last is zero. Left uninitialised: this runs for every line.
struct RecordParser::LineMasks {
    const char* text; // the line's bytes
    std::size_t words;
    std::uint64_t space[kSimpleWords + 1];
    std::uint64_t digit[kSimpleWords + 1];
    std::uint64_t dot[kSimpleWords + 1];
};

namespace {

struct WordMasks {
    std::uint64_t space = 0;
    std::uint64_t digit = 0;
    std::uint64_t dot = 0;
    std::uint64_t cr = 0;
    std::uint64_t newline = 0;
};

inline WordMasks wordMasks(const char* text)
{
    const __m128i blank = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i carriage = _mm_set1_epi8('\r');
    const __m128i linefeed = _mm_set1_epi8('\n');
    const __m128i zero = _mm_set1_epi8('0');
    const __m128i nine = _mm_set1_epi8(9);
    const __m128i period = _mm_set1_epi8('.');
    WordMasks m;
    for (std::size_t v = 0; v < 4; ++v) {
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text + v * 16));
        const __m128i sp = _mm_or_si128(_mm_cmpeq_epi8(c, blank), _mm_cmpeq_epi8(c, tab));
        const __m128i x = _mm_sub_epi8(c, zero);
        const __m128i dg = _mm_cmpeq_epi8(_mm_min_epu8(x, nine), x); // c - '0' <= 9, unsigned
        auto bits = [v](__m128i mask) {
            return std::uint64_t(static_cast<std::uint16_t>(_mm_movemask_epi8(mask))) << (v * 16);
        };
        m.space |= bits(sp);
        m.digit |= bits(dg);
        m.dot |= bits(_mm_cmpeq_epi8(c, period));
        m.cr |= bits(_mm_cmpeq_epi8(c, carriage));
        m.newline |= bits(_mm_cmpeq_epi8(c, linefeed));
    }
    return m;
}

// Takes one word's masks into a line's; true when the line ends in it (its newline), with `n` the
// line's length. Bits past the end count as spaces, as the padding does in parseSimple.
inline bool takeWord(
    const WordMasks& m, std::size_t w, RecordParser::LineMasks& masks, std::uint64_t* cr, std::size_t& n)
{
    masks.space[w] = m.space;
    masks.digit[w] = m.digit;
    masks.dot[w] = m.dot;
    cr[w] = m.cr;
    if (m.newline == 0) {
        return false;
    }
    const int offset = std::countr_zero(m.newline);
    const std::uint64_t inside = offset == 0 ? 0 : ~std::uint64_t { 0 } >> (64 - offset);
    masks.space[w] |= ~inside;
    masks.digit[w] &= inside;
    masks.dot[w] &= inside;
    cr[w] &= inside;
    n = w * 64 + static_cast<std::size_t>(offset);
    masks.words = w + 1;
    return true;
}

// The masks of the line at `text`, a word at a time until the one with its newline; returns its
// length, or kSimpleLineBytes when it is longer than the vector path takes.
std::size_t lineMasks(const char* text, RecordParser::LineMasks& masks, std::uint64_t* cr)
{
    std::size_t n = kSimpleLineBytes;
    for (std::size_t w = 0; w < kSimpleWords; ++w) {
        if (takeWord(wordMasks(text + w * 64), w, masks, cr, n)) {
            break;
        }
    }
    return n;
}

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
// The same with 32-byte compares, on processors that have them (checked at run time).
__attribute__((target("avx2"))) inline WordMasks wordMasksAvx2(const char* text)
{
    const __m256i blank = _mm256_set1_epi8(' ');
    const __m256i tab = _mm256_set1_epi8('\t');
    const __m256i carriage = _mm256_set1_epi8('\r');
    const __m256i linefeed = _mm256_set1_epi8('\n');
    const __m256i zero = _mm256_set1_epi8('0');
    const __m256i nine = _mm256_set1_epi8(9);
    const __m256i period = _mm256_set1_epi8('.');
    WordMasks m;
    for (std::size_t v = 0; v < 2; ++v) {
        const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text + v * 32));
        const __m256i sp = _mm256_or_si256(_mm256_cmpeq_epi8(c, blank), _mm256_cmpeq_epi8(c, tab));
        const __m256i x = _mm256_sub_epi8(c, zero);
        const __m256i dg = _mm256_cmpeq_epi8(_mm256_min_epu8(x, nine), x);
        const int shift = static_cast<int>(v * 32);
        m.space |= std::uint64_t(static_cast<std::uint32_t>(_mm256_movemask_epi8(sp))) << shift;
        m.digit |= std::uint64_t(static_cast<std::uint32_t>(_mm256_movemask_epi8(dg))) << shift;
        m.dot |= std::uint64_t(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(c, period)))) << shift;
        m.cr |= std::uint64_t(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(c, carriage))))
            << shift;
        m.newline |= std::uint64_t(static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(c, linefeed))))
            << shift;
    }
    return m;
}

// lineMasks again: AVX2 code is only inlined into a function compiled for AVX2.
__attribute__((target("avx2"))) std::size_t lineMasksAvx2(
    const char* text, RecordParser::LineMasks& masks, std::uint64_t* cr)
{
    std::size_t n = kSimpleLineBytes;
    for (std::size_t w = 0; w < kSimpleWords; ++w) {
        if (takeWord(wordMasksAvx2(text + w * 64), w, masks, cr, n)) {
            break;
        }
    }
    return n;
}
#else
std::size_t lineMasksAvx2(const char* text, RecordParser::LineMasks& masks, std::uint64_t* cr)
{
    return lineMasks(text, masks, cr);
}
#endif

} // namespace
#endif

bool RecordParser::parseSimple([[maybe_unused]] std::string_view line, [[maybe_unused]] SourceId source,
    [[maybe_unused]] std::uint64_t lineNumber, [[maybe_unused]] const EventMeta* meta)
{
#if defined(__SSE2__)
    std::size_t n = line.size();
    if (n > 0 && line[n - 1] == '\r') {
        --n; // a CR that ends the line ends its last token
    }
    const std::size_t expected = m_steps.size();
    if (n == 0 || n >= kSimpleLineBytes || expected == 0 || expected > kSimpleLineBytes / 2) {
        return false;
    }
    // The line padded with spaces to whole 64-byte words.
    LineMasks masks; // NOLINT(cppcoreguidelines-pro-type-member-init): filled below
    masks.words = n / 64 + 1;
    alignas(16) char text[kSimpleLineBytes];
    std::memcpy(text, line.data(), n);
    std::memset(text + n, ' ', masks.words * 64 - n);
    masks.text = text;
    for (std::size_t w = 0; w < masks.words; ++w) {
        const WordMasks m = wordMasks(text + w * 64);
        if (m.cr != 0 || m.newline != 0) {
            return false;
        }
        masks.space[w] = m.space;
        masks.digit[w] = m.digit;
        masks.dot[w] = m.dot;
    }
    masks.space[masks.words] = masks.digit[masks.words] = masks.dot[masks.words] = 0;
    return parseMasked(masks, line, source, lineNumber, meta);
#else
    return false;
#endif
}

std::size_t RecordParser::parseAt(
    [[maybe_unused]] const char* text, [[maybe_unused]] SourceId source, [[maybe_unused]] std::uint64_t lineNumber)
{
#if defined(__SSE2__)
    const std::size_t expected = m_steps.size();
    if (expected == 0 || expected > kSimpleLineBytes / 2) {
        return 0;
    }
    // The masks straight from the text.
    LineMasks masks; // NOLINT(cppcoreguidelines-pro-type-member-init): filled below
    masks.text = text;
    masks.words = 0;
    std::uint64_t cr[kSimpleWords];
    static const bool avx2 = __builtin_cpu_supports("avx2");
    const std::size_t n = avx2 ? lineMasksAvx2(text, masks, cr) : lineMasks(text, masks, cr);
    if (n >= kSimpleLineBytes || n == 0) {
        return 0; // too long for the vector path, or blank
    }
    masks.space[masks.words] = masks.digit[masks.words] = masks.dot[masks.words] = 0;
    // One CR may end the line: it ends the last token, as a space would; any other CR is for the
    // general path.
    std::size_t length = n;
    const std::size_t last = n - 1;
    if ((cr[last >> 6] >> (last & 63)) & 1) {
        cr[last >> 6] &= ~(std::uint64_t { 1 } << (last & 63));
        masks.space[last >> 6] |= std::uint64_t { 1 } << (last & 63);
        --length;
    }
    for (std::size_t w = 0; w < masks.words; ++w) {
        if (cr[w] != 0) {
            return 0;
        }
    }
    if (length == 0) {
        return 0;
    }
    return parseMasked(masks, std::string_view(text, n), source, lineNumber, nullptr) ? n + 1 : 0;
#else
    return 0;
#endif
}

bool RecordParser::parseMasked([[maybe_unused]] const LineMasks& masks, [[maybe_unused]] std::string_view line,
    [[maybe_unused]] SourceId source, [[maybe_unused]] std::uint64_t lineNumber, [[maybe_unused]] const EventMeta* meta)
{
#if defined(__SSE2__)
    const std::size_t expected = m_steps.size();
    const std::size_t words = masks.words;
    const char* text = masks.text;
    const std::uint64_t* space = masks.space;
    const std::uint64_t* digit = masks.digit;
    const std::uint64_t* dot = masks.dot;
    // Tokens start at a non-space after a space (or the line's start) and end at a space after a
    // non-space; the padding ends the last one.
    std::uint16_t starts[kSimpleLineBytes / 2];
    std::uint16_t ends[kSimpleLineBytes / 2];
    std::size_t tokens = 0;
    std::size_t closed = 0;
    std::uint64_t previousTop = 1;
    for (std::size_t w = 0; w < words; ++w) {
        const std::uint64_t before = (space[w] << 1) | previousTop;
        previousTop = space[w] >> 63;
        std::uint64_t first = ~space[w] & before; // at most 128 tokens in 256 bytes
        std::uint64_t last = space[w] & ~before;
        for (; first != 0; first &= first - 1) {
            starts[tokens++] = static_cast<std::uint16_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(first)));
        }
        for (; last != 0; last &= last - 1) {
            ends[closed++] = static_cast<std::uint16_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(last)));
        }
    }
    if (tokens != expected) {
        return false;
    }
    for (const std::uint8_t t : m_simpleChecked) {
        const std::size_t b = starts[t];
        const std::size_t e = ends[t];
        const SimpleAction action = m_simple[t];
        if (e - b == 1 && text[b] == '-') {
            m_simpleValues[t] = kNull;
            continue;
        }
        switch (action) {
        case SimpleAction::CheckInteger:
            if (e - b > 18 || !allSet(digit, b, e)) {
                return false;
            }
            break;
        case SimpleAction::Integer:
        case SimpleAction::Seconds: {
            if (e - b > 18 || !allSet(digit, b, e)) {
                return false;
            }
            std::int64_t value = 0;
            for (std::size_t i = b; i < e; ++i) {
                value = value * 10 + (text[i] - '0');
            }
            m_simpleValues[t]
                = action == SimpleAction::Seconds && value >= kMillisecondsThreshold ? value / 1000 : value;
            break;
        }
        case SimpleAction::CheckAddress:
            // Not a plain dotted quad: checked as the general path checks it (IPv6 mostly).
            if (!isIpv4Token(text, digit, dot, b, e) && !otherAddress(std::string_view(text + b, e - b), nullptr)) {
                return false;
            }
            break;
        case SimpleAction::Address: {
            std::uint32_t address = 0;
            const std::string_view token(text + b, e - b);
            if (readIpv4(token, 0, address) == token.size()) {
                m_simpleValues[t] = ChunkBuilder::internIpv4(address);
            } else if (!otherAddress(token, &m_simpleValues[t])) {
                return false;
            }
            break;
        }
        default:
            break;
        }
    }
    // Every token is good: the row is written.
    for (const std::uint8_t t : m_simpleStored) {
        switch (m_simple[t]) {
        case SimpleAction::Skip:
        case SimpleAction::CheckInteger:
        case SimpleAction::CheckAddress:
            break;
        case SimpleAction::Integer:
        case SimpleAction::Seconds:
        case SimpleAction::Address:
            m_builder.cell(m_steps[t].field) = m_simpleValues[t];
            break;
        case SimpleAction::String: {
            const std::string_view token = line.substr(starts[t], ends[t] - starts[t]);
            m_builder.cell(m_steps[t].field) = token == "-" ? kNull : m_builder.internString(m_steps[t].field, token);
            break;
        }
        }
    }
    commitEventFields(meta);
    m_builder.commitRow(source, lineNumber);
    return true;
#else
    return false;
#endif
}

bool RecordParser::otherAddress(std::string_view token, std::int64_t* id)
{
    if (auto v4 = parseIpv4(token)) {
        if (id) {
            *id = ChunkBuilder::internIpv4(*v4);
        }
        return true;
    }
    if (auto address = Address::parse(token)) {
        if (id) {
            *id = m_builder.internAddress(*address);
        }
        return true;
    }
    return false;
}

void RecordParser::commitEventFields(const EventMeta* meta)
{
    if (m_timestamp && m_stored[index(FieldId::EventTimestamp)]) {
        m_builder.cell(FieldId::EventTimestamp) = meta && meta->timestampMs ? *meta->timestampMs : kNull;
    }
    if (m_logStream && m_stored[index(FieldId::LogStream)]) {
        m_builder.cell(FieldId::LogStream)
            = meta && !meta->logStream.empty() ? m_builder.internString(FieldId::LogStream, meta->logStream) : kNull;
    }
}

bool RecordParser::parse(
    std::string_view line, SourceId source, std::uint64_t lineNumber, std::string& error, const EventMeta* meta)
{
    if (parseSimple(line, source, lineNumber, meta)) {
        return true;
    }
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
                if (step.stored) {
                    auto v = static_cast<std::int64_t>(value);
                    m_builder.cell(step.field) = step.seconds && v >= kMillisecondsThreshold ? v / 1000 : v;
                }
                i = j;
                continue;
            }
        } else if (step.kind == FieldKind::Address && step.known) {
            std::uint32_t address = 0;
            const std::size_t j = readIpv4(line, i, address);
            if (j > i && endsToken(line, j)) {
                if (step.stored) {
                    m_builder.cell(step.field) = ChunkBuilder::internIpv4(address);
                }
                i = j;
                continue;
            }
        } else if (!step.stored) { // a string not kept, or a column the format does not name: any token
            while (i < n && !isSpace(line[i])) {
                ++i;
            }
            continue;
        }
        const std::size_t begin = i;
        while (i < n && !isSpace(line[i])) {
            ++i;
        }
        std::string_view token = line.substr(begin, i - begin);
        if (i == n && token.back() == '\r') {
            token.remove_suffix(1);
        }
        if (token.size() == 1 && token[0] == '-') {
            if (step.stored) {
                m_builder.cell(step.field) = kNull;
            }
            continue;
        }
        std::int64_t unused = 0;
        std::int64_t& cell = step.stored ? m_builder.cell(step.field) : unused;
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
                cell = step.stored ? m_builder.internAddress(*address) : 0;
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
    commitEventFields(meta);
    m_builder.commitRow(source, lineNumber);
    return true;
}

} // namespace flowlens
