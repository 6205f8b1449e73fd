#include "recordexport.h"

#include "textescape.h"

#include <QIODevice>

namespace flowlens {

namespace {

constexpr std::size_t kFlushBytes = 1 << 20;
constexpr std::size_t kProgressRows = 8192;

} // namespace

RecordExport::RecordExport(std::shared_ptr<const FlowStore> store, FlowStore::Snapshot snapshot,
    std::shared_ptr<const std::vector<RowId>> rows, std::vector<FieldId> fields)
    : m_store(std::move(store))
    , m_snapshot(std::move(snapshot))
    , m_rows(std::move(rows))
    , m_fields(std::move(fields))
{
}

RecordExport::Format RecordExport::formatFor(const QString& path)
{
    return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? Format::Json : Format::Csv;
}

bool RecordExport::write(QIODevice& out, Format format, const Progress& progress, QString& error) const
{
    const bool json = format == Format::Json;
    std::string buffer;
    buffer.reserve(kFlushBytes + 4096);
    auto flush = [&] {
        if (out.write(buffer.data(), static_cast<qint64>(buffer.size())) != static_cast<qint64>(buffer.size())) {
            error = QStringLiteral("Cannot write: %1").arg(out.errorString());
            return false;
        }
        buffer.clear();
        return true;
    };
    std::vector<std::string> keys; // JSON: "name": per field
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const std::string_view name = fieldInfo(m_fields[i]).insightsName;
        if (json) {
            std::string key = i == 0 ? "{" : ",";
            appendJsonString(key, name);
            keys.push_back(key + ':');
        } else {
            buffer += i == 0 ? "" : ",";
            buffer += name;
        }
    }
    buffer += json ? "[" : "\r\n";
    const std::size_t total = rowCount();
    for (std::size_t r = 0; r < total; ++r) {
        if (r % kProgressRows == 0 && progress && !progress(r, total)) {
            return false;
        }
        const RowId id = (*m_rows)[r];
        const Chunk& chunk = m_snapshot.chunk(id);
        const std::uint32_t row = rowOf(id);
        if (json) {
            buffer += r == 0 ? "\n" : ",\n";
        }
        for (std::size_t i = 0; i < m_fields.size(); ++i) {
            const FieldId field = m_fields[i];
            const std::int64_t value = chunk.value(field, row);
            if (json) {
                buffer += keys[i];
            } else if (i > 0) {
                buffer += ',';
            }
            if (value == kNull) {
                buffer += json ? "null" : "";
            } else if (fieldInfo(field).kind == FieldKind::Integer) {
                buffer += std::to_string(value);
            } else if (json) {
                appendJsonString(buffer, m_store->text(field, value));
            } else {
                appendCsvField(buffer, m_store->text(field, value));
            }
        }
        buffer += json ? (m_fields.empty() ? "{}" : "}") : "\r\n";
        if (buffer.size() >= kFlushBytes && !flush()) {
            return false;
        }
    }
    if (json) {
        buffer += "\n]\n";
    }
    if (!flush()) {
        return false;
    }
    return !progress || progress(total, total);
}

} // namespace flowlens
