#include "flowgenerator.h"

#include "flowlogfilewriter.h"
#include "randomgenerator.h"
#include "synthtopology.h"
#include "trafficmix.h"

#include <QDateTime>
#include <QDir>
#include <QTimeZone>
#include <algorithm>
#include <memory>

namespace flowlens {

namespace {

// Records are formatted into a buffer of about this size before each write.
constexpr std::size_t ChunkBytes = 4 << 20;
constexpr std::int64_t MaxSpanSeconds = 366LL * 24 * 3600;

} // namespace

FlowGenerator::FlowGenerator(const FlowGeneratorOptions& options)
    : m_options(options)
    , m_topology(std::make_unique<SynthTopology>(options.seed, options.accountId))
    , m_traffic(std::make_unique<TrafficMix>(*m_topology, m_options))
    , m_formatter(options.format, *m_topology)
{
}

FlowGenerator::~FlowGenerator() = default;

QString FlowGenerator::validate(const FlowGeneratorOptions& o)
{
    if (o.records > FlowGeneratorOptions::MaxRecords) {
        return QStringLiteral("the record count must be at most %1").arg(FlowGeneratorOptions::MaxRecords);
    }
    if (o.files < 1 || o.files > FlowGeneratorOptions::MaxFiles) {
        return QStringLiteral("the file count must be between 1 and %1").arg(FlowGeneratorOptions::MaxFiles);
    }
    if (o.files > std::max<std::uint64_t>(o.records, 1)) {
        return QStringLiteral("%1 files cannot share %2 records").arg(o.files).arg(o.records);
    }
    if (o.spanSeconds < 1 || o.spanSeconds > MaxSpanSeconds) {
        return QStringLiteral("the time span must be between 1 second and 366 days");
    }
    if (o.intervalSeconds < 1 || o.intervalSeconds > 3600) {
        return QStringLiteral("the aggregation interval must be between 1 and 3600 seconds");
    }
    if (o.startTime < 0 || o.startTime > (std::int64_t(1) << 32)) {
        return QStringLiteral("the start time must lie between 1970 and 2106");
    }
    if (o.accountId.size() != 12
        || !std::all_of(o.accountId.begin(), o.accountId.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return QStringLiteral("the account id must be 12 digits");
    }
    if (o.gzip && (o.gzipLevel < 1 || o.gzipLevel > 9)) {
        return QStringLiteral("the gzip level must be between 1 and 9");
    }
    return {};
}

std::string FlowGenerator::header() const
{
    return m_formatter.header();
}

std::uint64_t FlowGenerator::nextRecords(std::string& out, std::uint64_t maxRecords)
{
    const std::uint64_t count = std::min(maxRecords, m_options.records - m_generated);
    out.resize(static_cast<std::size_t>(count) * RecordFormatter::MaxRecordLength);
    char* end = out.data();
    for (std::uint64_t i = 0; i < count; ++i) {
        end = m_formatter.write(end, m_traffic->next(m_generated++));
    }
    out.resize(static_cast<std::size_t>(end - out.data()));
    return count;
}

std::int64_t FlowGenerator::timeOfRecord(std::uint64_t index) const
{
    return TrafficMix::timeOf(m_options, index);
}

std::uint64_t FlowGenerator::firstRecordOfFile(std::uint32_t index) const
{
    // index * records < 1e5 * 4e9, well inside 64 bits.
    return m_options.records * index / m_options.files;
}

QString FlowGenerator::relativeFilePath(std::uint32_t index) const
{
    // S3 names a file after the 5-minute interval its records end in, plus a random suffix.
    const std::int64_t t = timeOfRecord(firstRecordOfFile(index));
    const QDateTime when = QDateTime::fromSecsSinceEpoch(t - t % 300, QTimeZone::utc());
    RandomGenerator random(m_options.seed * 0x100000001b3ULL + index);
    const QString hash = QStringLiteral("%1").arg(random.next() >> 32, 8, 16, QLatin1Char('0'));
    const QString account = QString::fromStdString(m_topology->accountId());
    const QString region = QString::fromStdString(m_topology->region());
    return QStringLiteral("AWSLogs/%1/vpcflowlogs/%2/%3/%4_vpcflowlogs_%2_%5_%6_%7%8")
        .arg(account, region, when.toString(QStringLiteral("yyyy/MM/dd")), account,
            QString::fromStdString(m_topology->flowLogId()), when.toString(QStringLiteral("yyyyMMddTHHmmZ")), hash,
            m_options.gzip ? QStringLiteral(".log.gz") : QStringLiteral(".log"));
}

GenerateResult FlowGenerator::writeTo(const QString& path, const Progress& progress)
{
    GenerateResult result;
    result.error = validate(m_options);
    if (!result.error.isEmpty()) {
        return result;
    }
    // Always from the first record, whatever nextRecords() handed out before.
    m_traffic = std::make_unique<TrafficMix>(*m_topology, m_options);
    m_generated = 0;

    const std::string head = header();
    const auto buffer = std::make_unique<char[]>(ChunkBytes + RecordFormatter::MaxRecordLength);
    FlowLogFileWriter writer;
    for (std::uint32_t f = 0; f < m_options.files; ++f) {
        const QString filePath = m_options.files == 1 ? path : QDir(path).filePath(relativeFilePath(f));
        const std::uint64_t last = firstRecordOfFile(f + 1);
        bool ok = writer.open(filePath, m_options.gzip ? m_options.gzipLevel : 0) && writer.write(head);
        while (ok && m_generated < last) {
            char* end = buffer.get();
            char* const full = buffer.get() + ChunkBytes;
            while (m_generated < last && end < full) {
                end = m_formatter.write(end, m_traffic->next(m_generated++));
            }
            ok = writer.write(std::string_view(buffer.get(), static_cast<std::size_t>(end - buffer.get())));
            if (ok && progress && !progress(m_generated, m_options.records)) {
                writer.finish();
                result.error = QStringLiteral("cancelled after %1 records").arg(m_generated);
                return result;
            }
        }
        ok = writer.finish() && ok;
        result.bytes += writer.bytesWritten();
        if (!ok) {
            result.error = writer.error();
            return result;
        }
        result.files.append(filePath);
    }
    result.records = m_generated;
    result.ok = true;
    return result;
}

} // namespace flowlens
