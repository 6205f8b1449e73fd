#include "clicommands.h"
#include "synth/flowgenerator.h"
#include "synth/labscenario.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTextStream>
#include <QTimeZone>
#include <memory>
#include <optional>

namespace flowlens::cli {

namespace {

std::optional<std::uint64_t> parseCount(const QString& text)
{
    bool ok = false;
    const qulonglong value = text.toULongLong(&ok);
    return ok ? std::optional<std::uint64_t>(value) : std::nullopt;
}

// "86400", "90s", "45m", "24h", "7d".
std::optional<std::int64_t> parseDuration(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,9})([smhd]?)$"));
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch()) {
        return std::nullopt;
    }
    const std::int64_t amount = match.captured(1).toLongLong();
    const QString unit = match.captured(2);
    const std::int64_t scale = unit == QLatin1String("m") ? 60
        : unit == QLatin1String("h")                      ? 3600
        : unit == QLatin1String("d")                      ? 86400
                                                          : 1;
    return amount * scale;
}

// ISO 8601 in UTC ("2026-11-01T00:00:00Z", "2026-11-01") or Unix seconds.
std::optional<std::int64_t> parseStart(const QString& text)
{
    if (const auto seconds = parseCount(text)) {
        return static_cast<std::int64_t>(*seconds);
    }
    QDateTime when = QDateTime::fromString(text, Qt::ISODate);
    if (!when.isValid()) {
        return std::nullopt;
    }
    if (when.timeSpec() == Qt::LocalTime) {
        when.setTimeZone(QTimeZone::utc()); // no zone given: UTC, as flow logs are
    }
    return when.toSecsSinceEpoch();
}

int usageError(const QString& message)
{
    QTextStream(stderr) << "flowlens-cli generate: " << message
                        << "\nRun 'flowlens-cli generate --help' for the options.\n";
    return ExitUsage;
}

int generateLab(const QString& name, const QString& out, bool quiet)
{
    if (out.isEmpty()) {
        return usageError(QStringLiteral("--out is required"));
    }
    const std::unique_ptr<LabScenario> lab = LabScenario::create(name);
    if (!lab) {
        return usageError(QStringLiteral("--scenario is one of %1, not '%2'")
                              .arg(LabScenario::names().join(QStringLiteral(", ")), name));
    }
    const GenerateResult result = lab->writeTo(out);
    if (!result.ok) {
        QTextStream(stderr) << "flowlens-cli generate: " << result.error << '\n';
        return ExitFailure;
    }
    if (!quiet) {
        QTextStream(stdout) << "wrote the " << name << " lab: " << result.records << " flow-log records, "
                            << result.files.size() << " files, " << result.bytes << " bytes under "
                            << QDir::toNativeSeparators(out) << '\n';
    }
    return ExitOk;
}

} // namespace

int runGenerate(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Writes deterministic, realistic synthetic VPC flow logs in S3 text form: a header line, then one record "
        "a line. The same options give the same bytes on any machine. With --scenario it writes one of the "
        "bundled lab datasets instead: flow logs, the topology at each stage and the lab.json manifest."));
    const QCommandLineOption helpOption(
        { QStringLiteral("h"), QStringLiteral("help") }, QStringLiteral("Show this help."));
    const QCommandLineOption recordsOption(
        QStringLiteral("records"), QStringLiteral("How many records (required)."), QStringLiteral("N"));
    const QCommandLineOption seedOption(
        QStringLiteral("seed"), QStringLiteral("Random seed (default 1)."), QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption formatOption(QStringLiteral("format"),
        QStringLiteral("v2 (the 14 default fields, default) or v5 (29 fields)."), QStringLiteral("v2|v5"),
        QStringLiteral("v2"));
    const QCommandLineOption gzipOption(QStringLiteral("gzip"), QStringLiteral("Write gzip files (.log.gz)."));
    const QCommandLineOption levelOption(QStringLiteral("gzip-level"),
        QStringLiteral("zlib level 1 (fast, default) to 9 (small)."), QStringLiteral("L"), QStringLiteral("1"));
    const QCommandLineOption filesOption(QStringLiteral("files"),
        QStringLiteral("Split the records over K files laid out under PATH as S3 delivers them (default 1: PATH is "
                       "the file)."),
        QStringLiteral("K"), QStringLiteral("1"));
    const QCommandLineOption startOption(QStringLiteral("start"),
        QStringLiteral("First interval, ISO 8601 UTC or Unix seconds (default "
                       "2026-11-01T00:00:00Z)."),
        QStringLiteral("TIME"), QStringLiteral("2026-11-01T00:00:00Z"));
    const QCommandLineOption spanOption(QStringLiteral("span"),
        QStringLiteral("Time the records spread over: 3600, 90m, 24h, 7d (default 24h)."), QStringLiteral("DURATION"),
        QStringLiteral("24h"));
    const QCommandLineOption intervalOption(QStringLiteral("interval"),
        QStringLiteral("Aggregation interval in seconds (default 60)."), QStringLiteral("SECONDS"),
        QStringLiteral("60"));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
        QStringLiteral("Write a lab dataset into the --out folder: %1 (no other options apply).")
            .arg(LabScenario::names().join(QLatin1Char('|'))),
        QStringLiteral("LAB"));
    const QCommandLineOption outOption(QStringLiteral("out"),
        QStringLiteral("Output file, or folder with --files or --scenario (required)."), QStringLiteral("PATH"));
    const QCommandLineOption quietOption(
        { QStringLiteral("q"), QStringLiteral("quiet") }, QStringLiteral("Print nothing when all goes well."));
    parser.addOptions({ helpOption, recordsOption, seedOption, formatOption, gzipOption, levelOption, filesOption,
        startOption, spanOption, intervalOption, scenarioOption, outOption, quietOption });

    if (!parser.parse(args)) {
        return usageError(parser.errorText());
    }
    if (parser.isSet(helpOption)) {
        QTextStream(stdout) << parser.helpText().replace(
            QLatin1String("[options]"), QLatin1String("generate [options]"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usageError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    }

    if (parser.isSet(scenarioOption)) {
        for (const QCommandLineOption* other : { &recordsOption, &seedOption, &formatOption, &gzipOption, &levelOption,
                 &filesOption, &startOption, &spanOption, &intervalOption }) {
            if (parser.isSet(*other)) {
                return usageError(QStringLiteral("--%1 does not apply to --scenario, whose data is fixed")
                                      .arg(other->names().constLast()));
            }
        }
        return generateLab(parser.value(scenarioOption), parser.value(outOption), parser.isSet(quietOption));
    }

    FlowGeneratorOptions options;
    if (!parser.isSet(recordsOption)) {
        return usageError(QStringLiteral("--records is required"));
    }
    if (!parser.isSet(outOption) || parser.value(outOption).isEmpty()) {
        return usageError(QStringLiteral("--out is required"));
    }
    const auto records = parseCount(parser.value(recordsOption));
    if (!records) {
        return usageError(QStringLiteral("--records takes a whole number, not '%1'").arg(parser.value(recordsOption)));
    }
    options.records = *records;
    const auto seed = parseCount(parser.value(seedOption));
    if (!seed) {
        return usageError(QStringLiteral("--seed takes a whole number, not '%1'").arg(parser.value(seedOption)));
    }
    options.seed = *seed;
    const QString format = parser.value(formatOption).toLower();
    if (format == QLatin1String("v2") || format == QLatin1String("2")) {
        options.format = SynthFormat::V2;
    } else if (format == QLatin1String("v5") || format == QLatin1String("5")) {
        options.format = SynthFormat::V5;
    } else {
        return usageError(QStringLiteral("--format is v2 or v5, not '%1'").arg(parser.value(formatOption)));
    }
    options.gzip = parser.isSet(gzipOption);
    const auto level = parseCount(parser.value(levelOption));
    if (!level || *level < 1 || *level > 9) {
        return usageError(QStringLiteral("--gzip-level takes 1 to 9, not '%1'").arg(parser.value(levelOption)));
    }
    options.gzipLevel = static_cast<int>(*level);
    const auto files = parseCount(parser.value(filesOption));
    if (!files || *files < 1 || *files > FlowGeneratorOptions::MaxFiles) {
        return usageError(QStringLiteral("--files takes 1 to %1, not '%2'")
                              .arg(FlowGeneratorOptions::MaxFiles)
                              .arg(parser.value(filesOption)));
    }
    options.files = static_cast<std::uint32_t>(*files);
    const auto start = parseStart(parser.value(startOption));
    if (!start) {
        return usageError(
            QStringLiteral("--start takes an ISO 8601 time or Unix seconds, not '%1'").arg(parser.value(startOption)));
    }
    options.startTime = *start;
    const auto span = parseDuration(parser.value(spanOption));
    if (!span) {
        return usageError(QStringLiteral("--span takes a duration such as 3600, 90m, 24h or 7d, not '%1'")
                              .arg(parser.value(spanOption)));
    }
    options.spanSeconds = *span;
    const auto interval = parseDuration(parser.value(intervalOption));
    if (!interval) {
        return usageError(QStringLiteral("--interval takes seconds, not '%1'").arg(parser.value(intervalOption)));
    }
    options.intervalSeconds = *interval;
    const QString invalid = FlowGenerator::validate(options);
    if (!invalid.isEmpty()) {
        return usageError(invalid);
    }

    QElapsedTimer timer;
    timer.start();
    FlowGenerator generator(options);
    const QString out = parser.value(outOption);
    const GenerateResult result = generator.writeTo(out);
    if (!result.ok) {
        QTextStream(stderr) << "flowlens-cli generate: " << result.error << '\n';
        return ExitFailure;
    }
    if (!parser.isSet(quietOption)) {
        QTextStream(stdout) << "wrote " << result.records << " records, " << result.bytes << " bytes in "
                            << result.files.size() << (result.files.size() == 1 ? " file" : " files") << " under "
                            << QDir::toNativeSeparators(out) << " in " << timer.elapsed() << " ms\n";
    }
    return ExitOk;
}

} // namespace flowlens::cli
