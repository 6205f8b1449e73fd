#include "result.h"

#include "store/ids.h"
#include "timebucket.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace flowlens::query {

Result::Result()
    : m_arena(std::make_shared<ValueArena>())
{
}

int Result::columnIndex(QStringView name) const
{
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c].name == name) {
            return static_cast<int>(c);
        }
    }
    return -1;
}

void Result::addColumn(const QString& name, Values values)
{
    if (m_columns.empty()) {
        m_rows = values.size();
    }
    m_columns.push_back({ name, std::move(values) });
}

void Result::selectRows(const std::vector<std::uint32_t>& rows)
{
    for (Column& column : m_columns) {
        Values picked;
        picked.reset(column.values.type, 0);
        switch (storageOf(picked.type)) {
        case Storage::Ints:
            picked.ints.reserve(rows.size());
            break;
        case Storage::Floats:
            picked.floats.reserve(rows.size());
            break;
        case Storage::Strings:
            picked.strings.reserve(rows.size());
            break;
        case Storage::Addresses:
            picked.addresses.reserve(rows.size());
            break;
        }
        for (std::uint32_t r : rows) {
            picked.append(column.values, r);
        }
        column.values = std::move(picked);
    }
    m_rows = rows.size();
}

void Result::selectColumns(const std::vector<std::size_t>& columns)
{
    std::vector<Column> kept;
    kept.reserve(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const std::size_t c = columns[i];
        // A column kept once (the usual case) moves; only a repeated one is copied.
        const bool again
            = std::find(columns.begin() + static_cast<std::ptrdiff_t>(i) + 1, columns.end(), c) != columns.end();
        kept.push_back(again ? m_columns[c] : std::move(m_columns[c]));
    }
    m_columns = std::move(kept);
}

std::string Result::floatText(double value)
{
    if (std::isinf(value)) {
        return value > 0 ? "Infinity" : "-Infinity";
    }
    char buffer[64];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    return { buffer, end };
}

std::string Result::timestampText(std::int64_t ms)
{
    const std::int64_t days = floorDiv(ms, 86'400'000);
    const std::int64_t msOfDay = ms - days * 86'400'000;
    const CivilDate date = civilFromDays(days);
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld.%03lld",
        static_cast<long long>(date.year), static_cast<long long>(date.month), static_cast<long long>(date.day),
        static_cast<long long>(msOfDay / 3'600'000), static_cast<long long>(msOfDay / 60'000 % 60),
        static_cast<long long>(msOfDay / 1000 % 60), static_cast<long long>(msOfDay % 1000));
    return buffer;
}

std::string Result::text(std::size_t column, std::size_t row) const
{
    const Values& v = m_columns[column].values;
    if (v.isNull(row)) {
        return {};
    }
    switch (v.type) {
    case ValueType::Boolean:
        return v.ints[row] != 0 ? "true" : "false";
    case ValueType::Integer:
        return std::to_string(v.ints[row]);
    case ValueType::Timestamp:
        return timestampText(v.ints[row]);
    case ValueType::Float:
        return floatText(v.floats[row]);
    case ValueType::String:
        return std::string(v.strings[row]);
    case ValueType::Address:
        return v.addresses[row]->toString();
    case ValueType::Period:
    case ValueType::Regex:
        break;
    }
    return {};
}

} // namespace flowlens::query
