#include "logeventpuller.h"

#include <QJsonArray>

namespace flowlens {

namespace {

constexpr int kDetectSample = 20;

std::size_t tokenCount(std::string_view line)
{
    std::size_t count = 0;
    bool inToken = false;
    for (const char c : line) {
        const bool space = c == ' ' || c == '\t' || c == '\r';
        count += !space && !inToken ? 1 : 0;
        inToken = !space;
    }
    return count;
}

std::string_view view(const QByteArray& bytes)
{
    return { bytes.constData(), static_cast<std::size_t>(bytes.size()) };
}

} // namespace

LogEventPuller::LogEventPuller(AwsJsonClient& client, FlowStore& store, std::shared_ptr<const RecordFormat> format)
    : m_client(client)
    , m_store(store)
    , m_format(std::move(format))
{
}

LogEventPuller::~LogEventPuller() = default;

std::shared_ptr<const RecordFormat> LogEventPuller::detectFormat(
    const std::vector<CloudWatchEvent>& events, QString& error)
{
    const CloudWatchEvent* first = nullptr;
    for (const CloudWatchEvent& e : events) {
        if (tokenCount(view(e.message)) > 0) {
            first = &e;
            break;
        }
    }
    if (!first) {
        error = QStringLiteral("there are no events to tell the record format from");
        return {};
    }
    const std::size_t fields = tokenCount(view(first->message));
    std::shared_ptr<const RecordFormat> candidate;
    for (const RecordFormat& f :
        { RecordFormat::defaultV2(), RecordFormat::allFieldsUpTo(5), RecordFormat::allFieldsUpTo(8) }) {
        if (f.size() == fields) {
            candidate = std::make_shared<const RecordFormat>(f);
        }
    }
    if (!candidate) {
        error = QStringLiteral("the first event has %1 fields, which is not the default format (14) nor every v5 (29) "
                               "or v8 (40) field: choose the log group's format")
                    .arg(fields);
        return {};
    }
    // A trial parse of the first events: the count alone could be a coincidence.
    ChunkBuilder scratch([](RawChunk&) {});
    RecordParser parser(scratch);
    parser.setFormat(candidate);
    std::string why;
    int tried = 0;
    for (const CloudWatchEvent& e : events) {
        if (tokenCount(view(e.message)) == 0) {
            continue;
        }
        if (!parser.parse(view(e.message), SourceId { 0 }, 1, why)) {
            error = QStringLiteral("the events have %1 fields like the %2, but do not read as it (%3): choose the "
                                   "log group's format")
                        .arg(fields)
                        .arg(QString::fromStdString(candidate->describe()), QString::fromStdString(why));
            return {};
        }
        if (++tried == kDetectSample) {
            break;
        }
    }
    return candidate;
}

bool LogEventPuller::takePage(const std::vector<CloudWatchEvent>& events, PullResult& result, QString& error)
{
    if (!m_format) {
        m_format = detectFormat(events, error);
        if (!m_format) {
            return false;
        }
    }
    if (!m_parser) {
        m_builder = std::make_unique<ChunkBuilder>([this](RawChunk& raw) { m_store.append(raw); });
        m_parser = std::make_unique<RecordParser>(*m_builder);
        m_parser->setFormat(m_format);
        m_parser->setEventFields(true, true);
        m_builder->setFormatId(m_store.internFormat(*m_format));
    }
    std::vector<LineError> samples;
    std::string why;
    std::string stream;
    for (const CloudWatchEvent& e : events) {
        if (m_filter && !m_filter(e)) {
            continue;
        }
        if (m_sink) {
            m_sink(e);
        }
        ++result.events;
        result.latestMs = std::max(result.latestMs, e.timestampMs);
        const std::uint64_t line = m_nextLine++;
        if (tokenCount(view(e.message)) == 0) {
            continue; // a blank event is not a record, nor an error
        }
        stream = e.logStream.toStdString();
        EventMeta meta;
        meta.timestampMs = e.timestampMs;
        meta.logStream = stream;
        if (m_parser->parse(view(e.message), *m_source, line, why, &meta)) {
            ++result.records;
            ++m_records;
        } else {
            ++result.errors;
            ++m_errors;
            if (samples.size() < FlowStore::kMaxErrorSamples) {
                samples.push_back({ *m_source, line, why });
            }
        }
    }
    m_builder->flush(); // rows appear as pages arrive
    if (!samples.empty()) {
        m_store.addErrors(samples);
    }
    return true;
}

void LogEventPuller::publish(const PullRequest& request, const PullResult& result)
{
    SourceInfo info = m_store.source(*m_source);
    info.records = m_records;
    info.errors = m_errors;
    info.format = m_format ? QString::fromStdString(m_format->text()) : QString();
    if (result.error.isError()) {
        info.error = result.error.text();
    } else if (m_records == 0 && m_errors > 0) {
        info.error = QStringLiteral("no event of %1 reads as a flow-log record").arg(request.logGroup);
    } else {
        info.error.clear();
    }
    m_store.updateSource(*m_source, info);
}

PullResult LogEventPuller::pull(
    const PullRequest& request, const ProgressCallback& progress, const std::atomic<bool>* cancel)
{
    PullResult result;
    if (!m_source) {
        SourceInfo info;
        info.path = QStringLiteral("cloudwatch-logs:%1:%2").arg(m_client.config().region, request.logGroup);
        info.container = QStringLiteral("CloudWatch Logs API");
        m_source = m_store.addSource(info);
    }
    result.source = *m_source;
    std::atomic<bool> localCancel { false };
    const std::atomic<bool>* stop = cancel ? cancel : &localCancel;

    QJsonObject body { { QStringLiteral("logGroupName"), request.logGroup },
        { QStringLiteral("startTime"), static_cast<double>(request.startMs) },
        { QStringLiteral("endTime"), static_cast<double>(request.endMs) } };
    if (!request.filterPattern.isEmpty()) {
        body.insert(QStringLiteral("filterPattern"), request.filterPattern);
    }
    if (!request.logStreams.isEmpty()) {
        body.insert(QStringLiteral("logStreamNames"), QJsonArray::fromStringList(request.logStreams));
    }
    if (request.pageLimit > 0) {
        body.insert(QStringLiteral("limit"), request.pageLimit);
    }
    QString token = request.resumeToken;
    QSet<QString> seen;
    PullProgress state;
    state.startMs = request.startMs;
    state.endMs = request.endMs;
    for (;;) {
        if (stop->load() || localCancel.load()) {
            result.cancelled = true;
            result.resumeToken = token; // the page not read yet
            break;
        }
        if (!token.isEmpty()) {
            body.insert(QStringLiteral("nextToken"), token);
        }
        const AwsResponse response = m_client.call(QStringLiteral("FilterLogEvents"), body, stop);
        if (response.error.isError()) {
            if (response.error.kind == AwsError::Kind::Cancelled) {
                result.cancelled = true;
            } else {
                result.error = response.error;
            }
            result.resumeToken = token;
            break;
        }
        std::vector<CloudWatchEvent> events;
        QString why;
        if (!CloudWatchLogsClient::parseEvents(response.body, events, why) || !takePage(events, result, why)) {
            result.error.kind
                = why.contains(QLatin1String("format")) ? AwsError::Kind::Configuration : AwsError::Kind::BadResponse;
            result.error.message = QStringLiteral("%1: %2").arg(request.logGroup, why);
            result.resumeToken = token;
            break;
        }
        ++result.pages;
        state.pages = result.pages;
        state.events = result.events;
        state.records = result.records;
        state.errors = result.errors;
        state.latestMs = result.latestMs;
        publish(request, result);
        if (progress && !progress(state)) {
            localCancel = true;
        }
        const QString next = response.body.value(QLatin1String("nextToken")).toString();
        if (next.isEmpty()) {
            break; // the whole range has been read
        }
        if (next == token || seen.contains(next)) {
            result.repeatedToken = true;
            break;
        }
        seen.insert(next);
        token = next;
    }
    publish(request, result);
    return result;
}

} // namespace flowlens
