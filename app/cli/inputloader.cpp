#include "inputloader.h"

#include "clicommands.h"

#include <QTextStream>

namespace flowlens::cli {

void InputLoader::addOptions(QCommandLineParser& parser)
{
    parser.addOption({ QStringLiteral("format"),
        QStringLiteral("Record format of files without a header line and of CloudWatch events: field "
                       "names (\"version account-id …\", \"${srcaddr} ${dstaddr}\") or v2, v5, v8."),
        QStringLiteral("FIELDS") });
    parser.addOption({ QStringLiteral("inflate"), QStringLiteral("gzip decoder: isal (default when built in) or zlib."),
        QStringLiteral("zlib|isal") });
    parser.addPositionalArgument(QStringLiteral("PATH"),
        QStringLiteral("Flow-log files or folders (read recursively)."), QStringLiteral("PATH..."));
}

bool InputLoader::configure(const QCommandLineParser& parser)
{
    QTextStream err(stderr);
    if (parser.isSet(QStringLiteral("format"))) {
        std::string error;
        auto format = RecordFormat::parseSpec(parser.value(QStringLiteral("format")).toStdString(), error);
        if (!format) {
            err << "flowlens-cli: --format: " << QString::fromStdString(error) << '\n';
            return false;
        }
        m_options.format = std::make_shared<const RecordFormat>(std::move(*format));
    }
    const QString inflate = parser.value(QStringLiteral("inflate"));
    if (inflate == QLatin1String("zlib")) {
        m_options.backend = InflateBackend::Zlib;
    } else if (inflate == QLatin1String("isal")) {
        if (!isalAvailable()) {
            err << "flowlens-cli: --inflate isal: this build has no ISA-L\n";
            return false;
        }
        m_options.backend = InflateBackend::Isal;
    } else if (!inflate.isEmpty()) {
        err << "flowlens-cli: --inflate takes zlib or isal, not '" << inflate << "'\n";
        return false;
    }
    if (parser.positionalArguments().isEmpty()) {
        err << "flowlens-cli: no input: give one or more flow-log files or folders\n";
        return false;
    }
    return true;
}

int InputLoader::load(const QStringList& paths)
{
    QTextStream err(stderr);
    m_report = Loader::load(*m_store, paths, m_options);
    for (const QString& problem : m_report.problems) {
        err << "flowlens-cli: " << problem << '\n';
    }
    bool anyFlowLog = false;
    for (SourceId id : m_report.sources) {
        const SourceInfo info = m_store->source(id);
        if (!info.error.isEmpty()) {
            err << "flowlens-cli: " << info.path << ": " << info.error << '\n';
        }
        if (info.errors > 0 && info.records > 0) {
            err << "flowlens-cli: " << info.path << ": " << info.errors << " malformed line"
                << (info.errors == 1 ? "" : "s") << " skipped\n";
        }
        anyFlowLog = anyFlowLog || info.records > 0 || info.error.isEmpty();
    }
    if (!anyFlowLog) {
        if (m_report.sources.empty() && m_report.problems.isEmpty()) {
            err << "flowlens-cli: no flow-log files found in the given paths\n";
        }
        return ExitNoInput;
    }
    return ExitOk;
}

} // namespace flowlens::cli
