#include "clicommands.h"
#include "inputloader.h"
#include "recordwriter.h"

#include <QCommandLineParser>
#include <QTextStream>

namespace flowlens::cli {

int runDump(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Prints every record, in file order, as JSON lines (keys: the AWS field names of the record's "
                       "format, plus @file and @line; '-' is null) or CSV."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("output"), QStringLiteral("jsonl (default) or csv."), QStringLiteral("jsonl|csv"),
        QStringLiteral("jsonl") });
    InputLoader input;
    InputLoader::addOptions(parser);
    if (!parser.parse(args)) {
        QTextStream(stderr) << "flowlens-cli dump: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    const QString output = parser.value(QStringLiteral("output"));
    if (output != QLatin1String("jsonl") && output != QLatin1String("csv")) {
        QTextStream(stderr) << "flowlens-cli dump: --output takes jsonl or csv, not '" << output << "'\n";
        return ExitUsage;
    }
    if (!input.configure(parser)) {
        return ExitUsage;
    }
    const int status = input.load(parser.positionalArguments());
    if (status != ExitOk) {
        return status;
    }
    RecordWriter writer(input.store(),
        output == QLatin1String("csv") ? RecordWriter::Style::Csv : RecordWriter::Style::JsonLines, stdout);
    if (!writer.writeAll()) {
        QTextStream(stderr) << "flowlens-cli dump: could not write the output\n";
        return ExitFailure;
    }
    return ExitOk;
}

} // namespace flowlens::cli
