// CloudWatch Logs JSON: `aws logs filter-log-events` / `get-log-events` pages, subscription payloads,
// arrays of events, single events, concatenated one after another; and JSON lines.
#include "ingest/containers.h"
#include "ingest/isotime.h"
#include "ingest/jsonscan.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <cmath>

namespace flowlens {

namespace {

std::string quoted(const QString& text)
{
    return '"' + text.toStdString() + '"';
}

std::optional<std::int64_t> timestampOf(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double ms = value.toDouble();
        if (std::isfinite(ms) && std::abs(ms) < 9.0e15) {
            return static_cast<std::int64_t>(ms);
        }
    } else if (value.isString()) {
        const std::string text = value.toString().toStdString();
        std::size_t length = 0;
        const std::optional<std::int64_t> ms = parseIsoTimestampMs(text, length);
        if (ms && length == text.size()) {
            return ms;
        }
    }
    return std::nullopt;
}

// One event object: "message" (required), "timestamp" (ms or ISO-8601), "logStreamName"/"logStream".
bool eventFromObject(const QJsonObject& object, const std::string& defaultStream, LogEvent& event, std::string& why)
{
    const QJsonValue message = object.value(QLatin1String("message"));
    if (!message.isString()) {
        why = message.isUndefined() ? "has no \"message\" field" : "has a \"message\" that is not text";
        return false;
    }
    event.message = message.toString().toStdString();
    event.timestampMs = timestampOf(object.value(QLatin1String("timestamp")));
    QJsonValue stream = object.value(QLatin1String("logStreamName"));
    if (!stream.isString()) {
        stream = object.value(QLatin1String("logStream"));
    }
    event.logStream = stream.isString() ? stream.toString().toStdString() : defaultStream;
    return true;
}

class Extractor {
public:
    explicit Extractor(EventExtraction& out)
        : m_out(out)
    {
    }

    // Takes the events of one parsed document that started at byte `offset`; false after an error.
    bool take(const QJsonDocument& document, std::size_t offset)
    {
        m_offset = offset;
        if (document.isArray()) {
            return takeEvents(document.array(), "the list", {});
        }
        const QJsonObject root = document.object();
        const QJsonValue type = root.value(QLatin1String("messageType"));
        const std::string stream = root.value(QLatin1String("logStream")).toString().toStdString();
        if (type.isString() && type.toString() == QLatin1String("CONTROL_MESSAGE")) {
            return true; // CloudWatch's reachability check: no log events by design
        }
        if (type.isString() && type.toString() != QLatin1String("DATA_MESSAGE")) {
            return fail({}, "has the unknown messageType " + quoted(type.toString()));
        }
        for (const char* listName : { "events", "logEvents" }) {
            const QJsonValue list = root.value(QLatin1String(listName));
            if (list.isArray()) {
                return takeEvents(list.toArray(), std::string("\"") + listName + '"', stream);
            }
            if (!list.isUndefined()) {
                return fail({}, std::string("has an \"") + listName + "\" that is not a list");
            }
        }
        if (root.contains(QLatin1String("message"))) {
            return takeEvent(root, {}, stream); // a single event
        }
        return fail({}, "has no \"events\" or \"logEvents\" list and no \"message\": it is not CloudWatch Logs output");
    }

private:
    bool takeEvents(const QJsonArray& list, const std::string& listName, const std::string& stream)
    {
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!takeEvent(list.at(i), "event " + std::to_string(i + 1) + " of " + listName, stream)) {
                return false;
            }
        }
        return true;
    }

    bool takeEvent(const QJsonValue& value, const std::string& subject, const std::string& stream)
    {
        if (!value.isObject()) {
            return fail(subject, "is not an object");
        }
        LogEvent event;
        std::string why;
        if (!eventFromObject(value.toObject(), stream, event, why)) {
            return fail(subject, why);
        }
        m_out.events.push_back(std::move(event));
        return true;
    }

    bool fail(const std::string& subject, const std::string& why)
    {
        m_out.error = "the JSON document at byte " + std::to_string(m_offset)
            + (subject.empty() ? std::string(" ") : ": " + subject + ' ') + why;
        return false;
    }

    EventExtraction& m_out;
    std::size_t m_offset = 0;
};

} // namespace

EventExtraction extractCloudWatchEvents(std::string_view document)
{
    EventExtraction out;
    Extractor extractor(out);
    std::size_t pos = document.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    for (pos = skipJsonWhitespace(document, pos); pos < document.size(); pos = skipJsonWhitespace(document, pos)) {
        const char first = document[pos];
        if (first != '{' && first != '[') {
            out.error = "unexpected character '" + std::string(1, first) + "' at byte " + std::to_string(pos)
                + ": a JSON document (an object or a list) was expected";
            return out;
        }
        std::size_t end = 0;
        const JsonScan scan = findJsonValueEnd(document, pos, end);
        if (scan == JsonScan::Incomplete) {
            out.error = "the JSON document at byte " + std::to_string(pos) + " is cut off at byte "
                + std::to_string(document.size()) + ": the data ends before the document does";
            return out;
        }
        if (scan == JsonScan::Mismatched) {
            out.error = "the JSON document at byte " + std::to_string(pos) + " has an unmatched '"
                + std::string(1, document[end]) + "' at byte " + std::to_string(end);
            return out;
        }
        QJsonParseError parseError;
        const QJsonDocument parsed = QJsonDocument::fromJson(
            QByteArray::fromRawData(document.data() + pos, static_cast<qsizetype>(end - pos)), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            out.error = "invalid JSON at byte " + std::to_string(pos + static_cast<std::size_t>(parseError.offset))
                + ": " + parseError.errorString().toStdString();
            return out;
        }
        if (!extractor.take(parsed, pos)) {
            return out;
        }
        pos = end;
    }
    return out;
}

std::optional<LogEvent> parseJsonLine(std::string_view line, std::string& error)
{
    const std::size_t start = skipJsonWhitespace(line, 0);
    if (start == line.size()) {
        error = "the line is empty: a JSON object with a \"message\" was expected";
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument parsed = QJsonDocument::fromJson(
        QByteArray::fromRawData(line.data() + start, static_cast<qsizetype>(line.size() - start)), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        error = "the line is not valid JSON at column "
            + std::to_string(start + static_cast<std::size_t>(parseError.offset) + 1) + ": "
            + parseError.errorString().toStdString();
        return std::nullopt;
    }
    if (!parsed.isObject()) {
        error = "the line is a JSON list, not an object with a \"message\"";
        return std::nullopt;
    }
    LogEvent event;
    std::string why;
    if (!eventFromObject(parsed.object(), {}, event, why)) {
        error = "the JSON object " + why;
        return std::nullopt;
    }
    return event;
}

} // namespace flowlens
