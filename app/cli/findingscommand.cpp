#include "analysis/findingdetector.h"
#include "clicommands.h"
#include "inputloader.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace flowlens::cli {

namespace {

// "file:line" of each evidence row.
QJsonArray evidenceOf(const FlowStore& store, const FlowStore::Snapshot& snapshot, const Finding& f)
{
    QJsonArray rows;
    for (RowId id : f.evidence) {
        const Chunk& chunk = snapshot.chunk(id);
        rows.append(QJsonObject { { QStringLiteral("file"), store.source(chunk.source(rowOf(id))).path },
            { QStringLiteral("line"), static_cast<qint64>(chunk.line(rowOf(id))) } });
    }
    return rows;
}

} // namespace

int runFindings(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Looks for port scans, SSH/RDP brute force, repeated rejects, traffic spikes, large outbound transfers, "
        "unusual protocols, SKIPDATA gaps and one-way traffic, and prints each finding with its severity, an "
        "explanation, the matching GuardDuty type, a filter that selects its records, and those records."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("output"), QStringLiteral("text (default) or json."), QStringLiteral("text|json"),
        QStringLiteral("text") });
    InputLoader input;
    InputLoader::addOptions(parser);
    if (const auto status = parseCommandLine(parser, args, "findings")) {
        return *status;
    }
    QString output = parser.value(QStringLiteral("output"));
    if (output == QLatin1String("table")) {
        output = QStringLiteral("text");
    }
    if (output != QLatin1String("text") && output != QLatin1String("json")) {
        return usageError("findings", QStringLiteral("--output takes text or json, not '") + output + u'\'');
    }
    if (!input.configure(parser)) {
        return ExitUsage;
    }
    const int status = input.load(parser.positionalArguments());
    if (status != ExitOk) {
        return status;
    }
    const FlowStore& store = input.store();
    const FlowStore::Snapshot snapshot = store.snapshot();
    const std::vector<Finding> findings = FindingDetector(store).detect(Selection::all(snapshot));

    QTextStream out(stdout);
    if (output == QLatin1String("json")) {
        QJsonArray array;
        for (const Finding& f : findings) {
            array.append(QJsonObject { { QStringLiteral("kind"), f.kind },
                { QStringLiteral("severity"), QString::fromLatin1(severityName(f.severity)) },
                { QStringLiteral("title"), f.title }, { QStringLiteral("explanation"), f.explanation },
                { QStringLiteral("guardDutyType"), f.guardDutyType.isEmpty() ? QJsonValue() : f.guardDutyType },
                { QStringLiteral("filter"), f.filter }, { QStringLiteral("metric"), f.metric },
                { QStringLiteral("evidenceCount"), static_cast<qint64>(f.evidenceCount) },
                { QStringLiteral("evidence"), evidenceOf(store, snapshot, f) } });
        }
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (findings.empty()) {
        out << "No findings in " << snapshot.rowCount << " records.\n";
        return ExitOk;
    }
    constexpr qsizetype kTextEvidence = 3; // --output json lists every kept record
    for (const Finding& f : findings) {
        out << '[' << QString::fromLatin1(severityName(f.severity)).toUpper() << "] " << f.title << '\n';
        out << "  " << f.kind;
        if (!f.guardDutyType.isEmpty()) {
            out << " · GuardDuty " << f.guardDutyType;
        }
        out << " · " << f.evidenceCount << " record" << (f.evidenceCount == 1 ? "" : "s") << '\n';
        out << "  " << f.explanation << '\n';
        out << "  filter " << f.filter << '\n';
        const QJsonArray evidence = evidenceOf(store, snapshot, f);
        for (qsizetype i = 0; i < std::min(evidence.size(), kTextEvidence); ++i) {
            const QJsonObject e = evidence.at(i).toObject();
            out << "  at " << e.value(QLatin1String("file")).toString() << ':'
                << e.value(QLatin1String("line")).toInteger() << '\n';
        }
        out << '\n';
    }
    return ExitOk;
}

} // namespace flowlens::cli
