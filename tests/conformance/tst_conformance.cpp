// Runs the parser conformance corpus (../shared/conformance/flowlogs, other projects' test cases)
// against FlowLens' record parser. The corpus is read at test time and never copied here.
#include "ingest/chunkbuilder.h"
#include "ingest/recordparser.h"
#include "schema/recordformat.h"
#include "store/flowstore.h"

#include <QDateTime>
#include <QFile>
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
};

QTEST_GUILESS_MAIN(TestConformance)
#include "tst_conformance.moc"
