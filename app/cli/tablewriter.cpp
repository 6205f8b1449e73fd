#include "tablewriter.h"

#include "inputloader.h"

#include <algorithm>
#include <cmath>

namespace flowlens::cli {

using query::ValueType;

namespace {

bool isNumber(ValueType type)
{
    return type == ValueType::Integer || type == ValueType::Float;
}

std::size_t displayWidth(std::string_view text)
{
    std::size_t n = 0;
    for (char c : text) {
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
}

} // namespace

TableWriter::TableWriter(const query::Result& result, Style style, std::FILE* out)
    : m_result(result)
    , m_style(style)
    , m_out(out)
{
}

bool TableWriter::write()
{
    switch (m_style) {
    case Style::Table:
        writeTable();
        break;
    case Style::Csv:
        writeCsv();
        break;
    case Style::Json:
        writeJson();
        break;
    }
    return flush(true);
}

bool TableWriter::flush(bool force)
{
    if (m_failed) {
        return false;
    }
    if (force || m_buffer.size() > (1 << 20)) {
        m_failed = std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_out) != m_buffer.size();
        m_buffer.clear();
        if (force) {
            m_failed = m_failed || std::fflush(m_out) != 0;
        }
    }
    return !m_failed;
}

void TableWriter::writeTable()
{
    const std::size_t columns = m_result.columnCount();
    std::vector<std::size_t> widths(columns);
    for (std::size_t c = 0; c < columns; ++c) {
        widths[c] = displayWidth(m_result.column(c).name.toStdString());
        for (std::size_t r = 0; r < m_result.rowCount(); ++r) {
            widths[c] = std::max(widths[c], m_result.isNull(c, r) ? 1 : displayWidth(m_result.text(c, r)));
        }
    }
    auto cellLine = [&](auto textOf) {
        for (std::size_t c = 0; c < columns; ++c) {
            const std::string text = textOf(c);
            const std::size_t pad = widths[c] - displayWidth(text);
            const bool right = isNumber(m_result.column(c).values.type);
            if (right) {
                m_buffer.append(pad, ' ');
            }
            m_buffer += text;
            if (!right && c + 1 < columns) {
                m_buffer.append(pad, ' ');
            }
            if (c + 1 < columns) {
                m_buffer += "  ";
            }
        }
        m_buffer += '\n';
    };
    cellLine([&](std::size_t c) { return m_result.column(c).name.toStdString(); });
    cellLine([&](std::size_t c) { return std::string(widths[c], '-'); });
    for (std::size_t r = 0; r < m_result.rowCount() && flush(); ++r) {
        cellLine([&](std::size_t c) { return m_result.isNull(c, r) ? std::string("-") : m_result.text(c, r); });
    }
}

void TableWriter::writeCsv()
{
    auto field = [&](const std::string& text) { appendCsvField(m_buffer, text); };
    const std::size_t columns = m_result.columnCount();
    for (std::size_t c = 0; c < columns; ++c) {
        m_buffer += c ? "," : "";
        field(m_result.column(c).name.toStdString());
    }
    m_buffer += "\r\n";
    for (std::size_t r = 0; r < m_result.rowCount() && flush(); ++r) {
        for (std::size_t c = 0; c < columns; ++c) {
            m_buffer += c ? "," : "";
            field(m_result.text(c, r));
        }
        m_buffer += "\r\n";
    }
}

void TableWriter::writeJson()
{
    const std::size_t columns = m_result.columnCount();
    std::vector<std::string> keys;
    for (std::size_t c = 0; c < columns; ++c) {
        keys.emplace_back();
        appendJsonString(keys.back(), m_result.column(c).name.toStdString());
    }
    m_buffer += '[';
    for (std::size_t r = 0; r < m_result.rowCount() && flush(); ++r) {
        m_buffer += r ? ",\n{" : "\n{";
        for (std::size_t c = 0; c < columns; ++c) {
            m_buffer += c ? "," : "";
            m_buffer += keys[c];
            m_buffer += ':';
            const query::Values& v = m_result.column(c).values;
            if (m_result.isNull(c, r) || (v.type == ValueType::Float && !std::isfinite(v.floats[r]))) {
                m_buffer += "null";
            } else if (isNumber(v.type) || v.type == ValueType::Boolean) {
                m_buffer += m_result.text(c, r);
            } else {
                appendJsonString(m_buffer, m_result.text(c, r));
            }
        }
        m_buffer += '}';
    }
    m_buffer += m_result.rowCount() ? "\n]\n" : "]\n";
}

} // namespace flowlens::cli
