#include "clicommands.h"
#include "inputloader.h"
#include "topology/flowevidence.h"
#include "topology/reachabilityanalyzer.h"
#include "topologyinput.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace flowlens::cli {

namespace {

int usage(const QString& message)
{
    QTextStream(stderr) << "flowlens-cli reach: " << message
                        << "\nUsage: flowlens-cli reach --topology DIR SRC DST PROTO [PORT] [--source-port N] "
                           "[--flows PATH]... [--output text|json]\n";
    return ExitUsage;
}

QJsonObject evidenceJson(const FlowEvidence& e)
{
    return { { QStringLiteral("requests"), static_cast<qint64>(e.requests) },
        { QStringLiteral("request_rejects"), static_cast<qint64>(e.requestRejects) },
        { QStringLiteral("request_bytes"), static_cast<qint64>(e.requestBytes) },
        { QStringLiteral("replies"), static_cast<qint64>(e.replies) },
        { QStringLiteral("reply_rejects"), static_cast<qint64>(e.replyRejects) },
        { QStringLiteral("one_way"), e.oneWay() }, { QStringLiteral("summary"), e.summary() } };
}

} // namespace

int runReach(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Explains whether SRC can reach DST over PROTO/PORT in a VPC topology, as AWS would carry it: "
                       "route tables, peering, internet and NAT gateways, network ACLs and security groups."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("topology"), QStringLiteral("Folder (or file) of AWS CLI describe-* JSON."),
        QStringLiteral("DIR") });
    parser.addOption({ QStringLiteral("source-port"),
        QStringLiteral("The client's port (default: any ephemeral port)."), QStringLiteral("N") });
    parser.addOption({ QStringLiteral("flows"),
        QStringLiteral("Flow logs to look for evidence of the flow in (repeatable)."), QStringLiteral("PATH") });
    parser.addOption({ QStringLiteral("output"), QStringLiteral("text (default) or json."), QStringLiteral("text|json"),
        QStringLiteral("text") });
    parser.addPositionalArgument(QStringLiteral("SRC"), QStringLiteral("Source address."));
    parser.addPositionalArgument(QStringLiteral("DST"), QStringLiteral("Destination address."));
    parser.addPositionalArgument(
        QStringLiteral("PROTO"), QStringLiteral("tcp, udp, icmp, icmpv6 or a protocol number."));
    parser.addPositionalArgument(QStringLiteral("PORT"), QStringLiteral("Destination port (TCP and UDP)."));
    if (!parser.parse(args)) {
        return usage(parser.errorText());
    }
    QTextStream out(stdout);
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        return ExitOk;
    }
    const QStringList pos = parser.positionalArguments();
    if (!parser.isSet(QStringLiteral("topology"))) {
        return usage(QStringLiteral("--topology DIR is required"));
    }
    if (pos.size() < 3 || pos.size() > 4) {
        return usage(QStringLiteral("give SRC DST PROTO and, for tcp and udp, PORT"));
    }
    const QString output = parser.value(QStringLiteral("output"));
    if (output != QLatin1String("text") && output != QLatin1String("json")) {
        return usage(QStringLiteral("--output takes text or json, not '") + output + QLatin1Char('\''));
    }
    FlowQuery query;
    const auto src = Address::parse(pos.at(0).toStdString());
    const auto dst = Address::parse(pos.at(1).toStdString());
    const auto protocol = parseProtocol(pos.at(2));
    if (!src || !dst) {
        return usage(QStringLiteral("'") + (src ? pos.at(1) : pos.at(0)) + QStringLiteral("' is not an IP address"));
    }
    if (!protocol || *protocol < 0) {
        return usage(
            QStringLiteral("'") + pos.at(2) + QStringLiteral("' is not a protocol (tcp, udp, icmp or a number)"));
    }
    query.source = *src;
    query.destination = *dst;
    query.protocol = *protocol;
    const bool ports = *protocol == 6 || *protocol == 17;
    auto portOf = [](const QString& text) -> std::optional<int> {
        bool ok = false;
        const int n = text.toInt(&ok);
        return ok && n >= 0 && n <= 65535 ? std::optional<int>(n) : std::nullopt;
    };
    if (ports) {
        const auto port = pos.size() == 4 ? portOf(pos.at(3)) : std::nullopt;
        if (!port) {
            return usage(pos.size() == 4 ? QStringLiteral("'") + pos.at(3) + QStringLiteral("' is not a port (0-65535)")
                                         : QStringLiteral("tcp and udp need a PORT"));
        }
        query.port = *port;
    }
    if (parser.isSet(QStringLiteral("source-port"))) {
        query.sourcePort = portOf(parser.value(QStringLiteral("source-port")));
        if (!query.sourcePort) {
            return usage(QStringLiteral("--source-port takes a port (0-65535)"));
        }
    }
    const auto topology = loadTopology(parser.value(QStringLiteral("topology")), QStringLiteral("reach"));
    if (!topology) {
        return ExitNoInput;
    }
    const ReachResult result = ReachabilityAnalyzer(*topology).evaluate(query);
    std::optional<FlowEvidence> evidence;
    if (parser.isSet(QStringLiteral("flows"))) {
        InputLoader input;
        input.load(parser.values(QStringLiteral("flows")));
        evidence = FlowEvidence::find(input.store(), query);
    }
    if (output == QLatin1String("json")) {
        QJsonArray steps;
        for (const auto& s : result.steps) {
            steps.append(QJsonObject { { QStringLiteral("id"), s.elementId }, { QStringLiteral("text"), s.text },
                { QStringLiteral("passed"), s.passed } });
        }
        QJsonObject root { { QStringLiteral("verdict"), verdictName(result.verdict) },
            { QStringLiteral("blocking"), result.blockingId }, { QStringLiteral("explanation"), result.explanation },
            { QStringLiteral("fix"), result.fix }, { QStringLiteral("steps"), steps },
            { QStringLiteral("notes"),
                QJsonArray::fromStringList(QStringList(result.notes.begin(), result.notes.end())) } };
        if (evidence) {
            root.insert(QStringLiteral("evidence"), evidenceJson(*evidence));
        }
        out << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    out << "verdict      " << verdictName(result.verdict);
    if (!result.blockingId.isEmpty()) {
        out << " at " << result.blockingId;
    }
    out << "\nexplanation  " << result.explanation << '\n';
    if (!result.fix.isEmpty()) {
        out << "fix          " << result.fix << '\n';
    }
    if (evidence) {
        out << "evidence     " << evidence->summary() << '\n';
    }
    out << "path\n";
    for (const auto& s : result.steps) {
        out << (s.passed ? "  ok    " : "  BLOCK ") << s.text << '\n';
    }
    for (const auto& n : result.notes) {
        out << "note         " << n << '\n';
    }
    return ExitOk;
}

// The spelling: explain --aws-json DIR --src A --dst B --proto tcp --port 22 [--output json].
int runExplain(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The same as reach, with every value as an option."));
    parser.addHelpOption();
    const QStringList names { QStringLiteral("aws-json"), QStringLiteral("src"), QStringLiteral("dst"),
        QStringLiteral("proto"), QStringLiteral("port"), QStringLiteral("source-port"), QStringLiteral("flows"),
        QStringLiteral("output") };
    for (const QString& name : names) {
        parser.addOption({ name, name, QStringLiteral("VALUE") });
    }
    if (!parser.parse(args)) {
        QTextStream(stderr) << "flowlens-cli explain: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    for (const char* required : { "aws-json", "src", "dst", "proto" }) {
        if (!parser.isSet(QLatin1String(required))) {
            QTextStream(stderr) << "flowlens-cli explain: --" << required << " is required\n";
            return ExitUsage;
        }
    }
    QStringList reach { args.value(0), QStringLiteral("--topology"), parser.value(QStringLiteral("aws-json")),
        parser.value(QStringLiteral("src")), parser.value(QStringLiteral("dst")),
        parser.value(QStringLiteral("proto")) };
    if (parser.isSet(QStringLiteral("port"))) {
        reach << parser.value(QStringLiteral("port"));
    }
    for (const char* option : { "source-port", "output" }) {
        if (parser.isSet(QLatin1String(option))) {
            reach << QStringLiteral("--") + QLatin1String(option) << parser.value(QLatin1String(option));
        }
    }
    for (const QString& flows : parser.values(QStringLiteral("flows"))) {
        reach << QStringLiteral("--flows") << flows;
    }
    return runReach(reach);
}

} // namespace flowlens::cli
