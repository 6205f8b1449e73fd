#include "recordwriter.h"

#include "inputloader.h"

#include <algorithm>
#include <map>

namespace flowlens::cli {

RecordWriter::RecordWriter(const FlowStore& store, Style style, std::FILE* out)
    : m_store(store)
    , m_style(style)
    , m_out(out)
{
}

std::vector<RecordWriter::Run> RecordWriter::runsInFileOrder(const FlowStore::Snapshot& snapshot) const
{
    std::vector<Run> runs;
    for (std::uint32_t c = 0; c < snapshot.chunks.size(); ++c) {
        const Chunk& chunk = *snapshot.chunks[c];
        const auto& provenance = chunk.provenance();
        for (std::size_t r = 0; r < provenance.size(); ++r) {
            const std::uint32_t end = r + 1 < provenance.size() ? provenance[r + 1].firstRow : chunk.rowCount();
            runs.push_back({ provenance[r].source, provenance[r].firstLine, c, provenance[r].firstRow,
                end - provenance[r].firstRow, provenance[r].format });
        }
    }
    std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) {
        return a.source != b.source ? a.source < b.source : a.firstLine < b.firstLine;
    });
    return runs;
}

void RecordWriter::writeValue(FieldId field, std::int64_t value, bool json)
{
    if (value == kNull) {
        m_buffer += json ? "null" : "";
        return;
    }
    if (fieldInfo(field).kind == FieldKind::Integer) {
        m_buffer += std::to_string(value);
        return;
    }
    const std::string text = m_store.text(field, value);
    if (json) {
        appendJsonString(m_buffer, text);
    } else {
        appendCsvField(m_buffer, text);
    }
}

bool RecordWriter::flushIfLarge(bool force)
{
    if (m_buffer.size() >= (1U << 20) || (force && !m_buffer.empty())) {
        if (std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_out) != m_buffer.size()) {
            return false;
        }
        m_buffer.clear();
    }
    return true;
}

bool RecordWriter::writeAll()
{
    const FlowStore::Snapshot snapshot = m_store.snapshot();
    const std::vector<Run> runs = runsInFileOrder(snapshot);
    std::map<std::uint32_t, std::vector<FieldId>> formatFields;
    std::map<SourceId, std::string> paths;
    const bool json = m_style == Style::JsonLines;

    std::vector<FieldId> csvColumns; // CSV: one header, the union of the formats in order of appearance
    if (!json) {
        for (const Run& run : runs) {
            for (FieldId f : m_store.format(run.format).fields()) {
                if (std::find(csvColumns.begin(), csvColumns.end(), f) == csvColumns.end()) {
                    csvColumns.push_back(f);
                }
            }
        }
        for (FieldId f : csvColumns) {
            m_buffer += fieldInfo(f).awsName;
            m_buffer += ',';
        }
        m_buffer += "@file,@line\n";
    }
    for (const Run& run : runs) {
        auto fieldsIt = formatFields.find(run.format);
        if (fieldsIt == formatFields.end()) {
            fieldsIt = formatFields.emplace(run.format, m_store.format(run.format).fields()).first;
        }
        auto pathIt = paths.find(run.source);
        if (pathIt == paths.end()) {
            pathIt = paths.emplace(run.source, m_store.source(run.source).path.toStdString()).first;
        }
        const std::vector<FieldId>& fields = json ? fieldsIt->second : csvColumns;
        const Chunk& chunk = *snapshot.chunks[run.chunk];
        for (std::uint32_t i = 0; i < run.rows; ++i) {
            const std::uint32_t row = run.firstRow + i;
            if (json) {
                m_buffer += '{';
            }
            for (FieldId f : fields) {
                if (json) {
                    appendJsonString(m_buffer, fieldInfo(f).awsName);
                    m_buffer += ':';
                }
                writeValue(f, chunk.value(f, row), json);
                m_buffer += ',';
            }
            if (json) {
                m_buffer += "\"@file\":";
                appendJsonString(m_buffer, pathIt->second);
                m_buffer += ",\"@line\":" + std::to_string(run.firstLine + i) + "}\n";
            } else {
                m_buffer += '"';
                for (char ch : pathIt->second) {
                    m_buffer += ch;
                    if (ch == '"') {
                        m_buffer += '"';
                    }
                }
                m_buffer += "\"," + std::to_string(run.firstLine + i) + '\n';
            }
            if (!flushIfLarge()) {
                return false;
            }
        }
    }
    return flushIfLarge(true) && std::fflush(m_out) == 0;
}

} // namespace flowlens::cli
