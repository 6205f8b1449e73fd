// Runs the parser conformance corpus (../shared/conformance/flowlogs, other projects' test cases)
// against FlowLens' record parser. The corpus is read at test time and never copied here.
#include "ingest/chunkbuilder.h"
#include "ingest/loader.h"
#include "ingest/recordparser.h"
#include "schema/recordformat.h"
#include "store/flowstore.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace flowlens;

namespace {

QString casesPath()
{
    return QStringLiteral(FLOWLENS_CONFORMANCE_DIR "/flowlogs/cases.jsonl");
}

// Cases where FlowLens deliberately differs from the peer that wrote the case; the test checks that
// FlowLens does what we decided instead. See README.md, "Parsing decisions".
const QHash<QString, QString> kDecisions {
    { QStringLiteral("panther-1"),
        QStringLiteral("reject: a record with more tokens than its format is malformed (as OTel decides, otel-6); "
                       "silently dropping a token would hide a wrong format") },
};

struct Outcome {
    bool record = false;
    bool header = false;
    std::string error;
    std::unique_ptr<FlowStore> store;
};

// S3 files name their format in a header line, which may hold names we do not know; elsewhere
// the format is given as a list of known field names.
std::optional<RecordFormat> formatOf(const QJsonObject& c, std::string& error)
{
    const std::string text = c.value(QLatin1String("format")).toString().toStdString();
    if (c.value(QLatin1String("container")).toString().startsWith(QLatin1String("s3-text-file"))) {
        auto format = RecordFormat::fromHeaderLine(text);
        if (!format) {
            error = "not a header line: " + text;
        }
        return format;
    }
    return RecordFormat::parseSpec(text, error);
}

Outcome run(const QJsonObject& c)
{
    Outcome out;
    out.store = std::make_unique<FlowStore>();
    FlowStore& store = *out.store;
    ChunkBuilder builder([&store](RawChunk& raw) { store.append(raw); });
    RecordParser parser(builder);
    std::string error;
    const QString container = c.value(QLatin1String("container")).toString();
    const bool s3 = container.startsWith(QLatin1String("s3-text-file"));
    auto format = formatOf(c, error);
    if (!format) {
        out.error = "format: " + error;
        return out;
    }
    parser.setFormat(std::make_shared<const RecordFormat>(*format));
    std::string line = c.value(QLatin1String("line")).toString().toStdString();
    if (container == QLatin1String("json-message-wrapper")) {
        // The wrapper is unwrapped here with Qt's JSON reader; the loader's own JSON-lines path is
        // checked on the corpus files below.
        line = QJsonDocument::fromJson(QByteArray::fromStdString(line))
                   .object()
                   .value(QLatin1String("message"))
                   .toString()
                   .toStdString();
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
        return out; // blank: no record, no error
    }
    if (s3 && RecordFormat::fromHeaderLine(line)) {
        out.header = true;
        return out;
    }
    const SourceId source = store.addSource({});
    out.record = parser.parse(line, source, 1, out.error);
    builder.flush();
    return out;
}

QJsonValue actual(const FlowStore& store, FieldId field)
{
    const auto snapshot = store.snapshot();
    const Chunk& chunk = *snapshot.chunks.front();
    const std::int64_t v = chunk.value(field, 0);
    if (v == kNull) {
        return QJsonValue(QJsonValue::Null);
    }
    if (fieldInfo(field).kind == FieldKind::Integer) {
        return QJsonValue(static_cast<qint64>(v));
    }
    return QJsonValue(QString::fromStdString(store.text(field, v)));
}

QString filesPath()
{
    return QStringLiteral(FLOWLENS_CONFORMANCE_DIR "/flowlogs/files");
}

std::vector<QJsonObject> allCases()
{
    std::vector<QJsonObject> cases;
    QFile file(casesPath());
    if (file.open(QIODevice::ReadOnly)) {
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (!line.isEmpty()) {
                cases.push_back(QJsonDocument::fromJson(line).object());
            }
        }
    }
    return cases;
}

// One record-bearing unit of a sample file as the test reads it, independently of the loader: a
// text line, or the message of a JSON event (numbered by position, as the loader numbers them).
struct Entry {
    std::uint64_t line = 0;
    QString text;
};

std::vector<Entry> entriesOf(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QByteArray bytes = file.readAll();
    std::vector<Entry> entries;
    const QJsonDocument document = QJsonDocument::fromJson(bytes);
    const QJsonObject object = document.object();
    const QString key
        = object.contains(QLatin1String("logEvents")) ? QStringLiteral("logEvents") : QStringLiteral("events");
    if (object.value(key).isArray()) {
        const QJsonArray events = object.value(key).toArray();
        for (qsizetype i = 0; i < events.size(); ++i) {
            entries.push_back({ static_cast<std::uint64_t>(i + 1),
                events.at(i).toObject().value(QLatin1String("message")).toString() });
        }
        return entries;
    }
    const QList<QByteArray> lines = bytes.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        QString text = QString::fromUtf8(line);
        if (line.startsWith('{')) {
            text = QJsonDocument::fromJson(line).object().value(QLatin1String("message")).toString();
        }
        if (i + 1 == lines.size() && text.isEmpty()) {
            break; // after the final newline
        }
        entries.push_back({ static_cast<std::uint64_t>(i + 1), text });
    }
    return entries;
}

// A header line as the test sees it: every token is a field name that some format in the corpus
// uses (collected from cases.jsonl, not from FlowLens' catalogue).
bool looksLikeHeader(const QString& text, const QSet<QString>& corpusNames)
{
    const QStringList tokens = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return !tokens.isEmpty()
        && std::all_of(tokens.begin(), tokens.end(), [&](const QString& t) { return corpusNames.contains(t); });
}

// The rows the store holds for a line of a source, and its line errors.
struct LineOutcome {
    std::vector<std::pair<std::shared_ptr<const Chunk>, std::uint32_t>> rows;
    std::vector<std::string> errors;
};

QHash<std::uint64_t, LineOutcome> outcomesByLine(const FlowStore& store)
{
    QHash<std::uint64_t, LineOutcome> byLine;
    const auto snapshot = store.snapshot();
    for (const auto& chunk : snapshot.chunks) {
        for (std::uint32_t row = 0; row < chunk->rowCount(); ++row) {
            byLine[chunk->line(row)].rows.emplace_back(chunk, row);
        }
    }
    for (const LineError& e : store.errorSamples()) {
        byLine[e.line].errors.push_back(e.reason);
    }
    return byLine;
}
} // namespace

class TestConformance : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(casesPath())) {
            QSKIP("conformance corpus not found beside the repository (../shared/conformance)");
        }
    }

    void cases_data()
    {
        QTest::addColumn<QJsonObject>("testCase");
        QFile file(casesPath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        int count = 0;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            if (line.isEmpty()) {
                continue;
            }
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            QTest::newRow(qPrintable(o.value(QLatin1String("id")).toString())) << o;
            ++count;
        }
        QCOMPARE(count, 132); // the corpus README says 132 cases
    }

    void cases()
    {
        QFETCH(QJsonObject, testCase);
        const QString id = testCase.value(QLatin1String("id")).toString();
        const QString check = testCase.value(QLatin1String("check")).toString();
        const Outcome out = run(testCase);

        if (kDecisions.contains(id)) {
            QVERIFY2(!out.record, qPrintable(kDecisions.value(id)));
            return;
        }
        if (check == QLatin1String("reject")) {
            QVERIFY2(!out.record, "a record came out of a line the corpus says must be rejected");
            QVERIFY(!out.error.empty());
            return;
        }
        if (check == QLatin1String("no_record")) {
            QVERIFY(!out.record);
            QVERIFY2(out.error.empty(), out.error.c_str());
            return;
        }
        QVERIFY2(out.record, out.error.c_str());
        if (check == QLatin1String("parse_ok")) {
            return;
        }
        // full / partial: compare every listed field; under "full" absent fields must be null.
        const QJsonObject expect = testCase.value(QLatin1String("expect")).toObject();
        const QStringList disputed = testCase.value(QLatin1String("disputed")).toVariant().toStringList();
        std::string error;
        const auto format = formatOf(testCase, error);
        QStringList names = expect.keys();
        if (check == QLatin1String("full")) {
            for (FieldId f : format->fields()) {
                names.append(QString::fromLatin1(fieldInfo(f).awsName));
            }
            names.removeDuplicates();
        }
        for (const QString& name : names) {
            const auto field = fieldByAwsName(name.toStdString());
            QVERIFY2(field, qPrintable(QStringLiteral("unknown field in case: ") + name));
            const QJsonValue want = expect.value(name); // missing key = null under "full"
            const QJsonValue got = actual(*out.store, *field);
            if (disputed.contains(name)) {
                if (got != want) {
                    qInfo("%s: disputed field %s: FlowLens has %s, the peer %s", qPrintable(id), qPrintable(name),
                        qPrintable(got.toVariant().toString()), qPrintable(want.toVariant().toString()));
                }
                continue;
            }
            QVERIFY2(got == want,
                qPrintable(QStringLiteral("%1: got %2, want %3")
                               .arg(name,
                                   QString::fromUtf8(
                                       QJsonDocument(QJsonObject { { name, got } }).toJson(QJsonDocument::Compact)),
                                   QString::fromUtf8(
                                       QJsonDocument(QJsonObject { { name, want } }).toJson(QJsonDocument::Compact)))));
        }
        // Derived values other peers asserted: UTC times of start/end (flowlogs-reader-7 gives them in ms).
        const QJsonObject derived = testCase.value(QLatin1String("expect_derived")).toObject();
        for (const auto& [key, field] : { std::pair { "start_utc", FieldId::Start }, { "end_utc", FieldId::End } }) {
            if (derived.contains(QLatin1String(key))) {
                const auto seconds = actual(*out.store, field).toInteger();
                const QString utc = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(Qt::ISODate);
                QCOMPARE(utc, derived.value(QLatin1String(key)).toString());
            }
        }
    }

    // Every sample file under files/, read through the whole loader (containers, headers, JSON),
    // and every case whose line is in the file checked at that line.
    void files_data()
    {
        QTest::addColumn<QString>("path");
        QDirIterator it(filesPath(), QDir::Files, QDirIterator::Subdirectories);
        QStringList paths;
        while (it.hasNext()) {
            const QString path = it.next();
            if (!path.endsWith(QLatin1String(".md")) && !path.endsWith(QLatin1String(".expected.json"))) {
                paths.append(path);
            }
        }
        paths.sort();
        QVERIFY(paths.size() >= 25);
        for (const QString& path : paths) {
            QTest::newRow(qPrintable(QDir(filesPath()).relativeFilePath(path))) << path;
        }
    }

    void files()
    {
        QFETCH(QString, path);
        const std::vector<QJsonObject> cases = allCases();
        QSet<QString> corpusNames;
        for (const QJsonObject& c : cases) {
            for (const QString& name :
                c.value(QLatin1String("format")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                corpusNames.insert(name);
            }
        }

        FlowStore store;
        if (path.endsWith(QLatin1String(".parquet"))) {
            const LoadReport report = Loader::load(store, { path });
            QCOMPARE(report.records, std::uint64_t { 0 });
            QVERIFY(store.source(report.sources.front()).error.contains(QLatin1String("Parquet")));
            return;
        }
        if (path.endsWith(QLatin1String(".gz"))) {
            // The gzip of V5_FILE.log (see the corpus README): the same rows must come out.
            FlowStore plain;
            const LoadReport a = Loader::load(store, { path });
            const LoadReport b = Loader::load(plain, { QFileInfo(path).dir().filePath(QStringLiteral("V5_FILE.log")) });
            QVERIFY(a.records > 0);
            QCOMPARE(a.records, b.records);
            QCOMPARE(a.errors, b.errors);
            const auto x = store.snapshot();
            const auto y = plain.snapshot();
            for (const FieldInfo& info : allFields()) {
                for (std::uint32_t row = 0; row < x.chunks.front()->rowCount(); ++row) {
                    QCOMPARE(store.text(*x.chunks.front(), info.id, row), plain.text(*y.chunks.front(), info.id, row));
                }
            }
            return;
        }

        const std::vector<Entry> entries = entriesOf(path);
        QVERIFY(!entries.empty());
        QHash<QString, std::uint64_t> lineOf;
        std::uint64_t recordLike = 0;
        for (const Entry& e : entries) {
            if (!lineOf.contains(e.text)) {
                lineOf.insert(e.text, e.line);
            }
            if (!e.text.trimmed().isEmpty() && !looksLikeHeader(e.text.trimmed(), corpusNames)) {
                ++recordLike;
            }
        }
        std::vector<QJsonObject> mine;
        for (const QJsonObject& c : cases) {
            QString text = c.value(QLatin1String("line")).toString();
            if (c.value(QLatin1String("container")).toString() == QLatin1String("json-message-wrapper")) {
                text = QJsonDocument::fromJson(text.toUtf8()).object().value(QLatin1String("message")).toString();
            }
            if (lineOf.contains(text)) {
                mine.push_back(c);
            }
        }

        LoadOptions options;
        std::string formatError;
        if (!mine.empty()) {
            if (auto format = formatOf(mine.front(), formatError)) {
                options.format = std::make_shared<const RecordFormat>(*format);
            }
        }
        const LoadReport report = Loader::load(store, { path }, options);
        // Every line that is neither blank nor a header becomes a record or a counted error.
        QCOMPARE(report.records + report.errors, recordLike);
        if (path.endsWith(QLatin1String("bad.log"))) {
            QCOMPARE(report.records, std::uint64_t { 0 });
            QVERIFY(store.source(report.sources.front()).error.startsWith(QLatin1String("is not a VPC flow log")));
        }

        const auto byLine = outcomesByLine(store);
        int checked = 0;
        for (const QJsonObject& c : mine) {
            const QString id = c.value(QLatin1String("id")).toString();
            const QString check = c.value(QLatin1String("check")).toString();
            QString text = c.value(QLatin1String("line")).toString();
            if (c.value(QLatin1String("container")).toString() == QLatin1String("json-message-wrapper")) {
                text = QJsonDocument::fromJson(text.toUtf8()).object().value(QLatin1String("message")).toString();
            }
            const LineOutcome at = byLine.value(lineOf.value(text));
            const bool rejected = check == QLatin1String("reject") || kDecisions.contains(id);
            if (rejected) {
                QVERIFY2(at.rows.empty() && !at.errors.empty(), qPrintable(id));
            } else if (check == QLatin1String("no_record")) {
                QVERIFY2(at.rows.empty() && at.errors.empty(), qPrintable(id));
            } else {
                QVERIFY2(at.rows.size() == 1, qPrintable(id + QStringLiteral(": no record at its line")));
                const auto& [chunk, row] = at.rows.front();
                const QJsonObject expect = c.value(QLatin1String("expect")).toObject();
                const QStringList disputed = c.value(QLatin1String("disputed")).toVariant().toStringList();
                for (auto it = expect.begin(); it != expect.end(); ++it) {
                    if (disputed.contains(it.key()) || check == QLatin1String("parse_ok")) {
                        continue;
                    }
                    const auto field = fieldByAwsName(it.key().toStdString());
                    QVERIFY(field);
                    const std::int64_t v = chunk->value(*field, row);
                    QJsonValue got = QJsonValue(QJsonValue::Null);
                    if (v != kNull) {
                        got = fieldInfo(*field).kind == FieldKind::Integer
                            ? QJsonValue(static_cast<qint64>(v))
                            : QJsonValue(QString::fromStdString(store.text(*field, v)));
                    }
                    QVERIFY2(got == it.value(), qPrintable(id + QLatin1Char(' ') + it.key()));
                }
            }
            ++checked;
        }
        qInfo("%s: %llu records, %llu errors, %d corpus cases checked at their lines",
            qPrintable(QFileInfo(path).fileName()), static_cast<unsigned long long>(report.records),
            static_cast<unsigned long long>(report.errors), checked);
    }
};

QTEST_GUILESS_MAIN(TestConformance)
#include "tst_conformance.moc"
