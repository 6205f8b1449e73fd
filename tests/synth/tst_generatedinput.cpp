// The generator's output goes back into FlowLens: `flowlens-cli summary` reads what `generate`
// wrote with no errors, and its figures match the ones counted here from the text. Also keeps the
// bundled sample in resources/ equal to what `generate` makes today.

#include "synthtext.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <map>
#include <optional>
#include <string>

using namespace synthtest;

namespace {

const QString kSampleResource = QStringLiteral(":/flowlens/sample/flowlens-sample.log.gz");
const QString kSampleInTree = QStringLiteral(FLOWLENS_SOURCE_DIR "/resources/sample/flowlens-sample.log.gz");
const QString kResourcesReadme = QStringLiteral(FLOWLENS_SOURCE_DIR "/resources/README.txt");

// What `summary` should report, counted from the text.
struct Expected {
    std::uint64_t records = 0;
    std::map<QString, std::uint64_t> actions; // "null" for `-`
    std::map<QString, std::uint64_t> logStatus;
    std::uint64_t bytes = 0;
    std::optional<std::uint64_t> firstStart;
    std::optional<std::uint64_t> lastEnd;
};

void count(const FlowText& text, Expected& e)
{
    for (const Record& r : text.records) {
        ++e.records;
        ++e.actions[r[Action] == "-" ? QStringLiteral("null") : QString::fromStdString(r[Action])];
        ++e.logStatus[QString::fromStdString(r[LogStatus])];
        if (r[Bytes] != "-") {
            e.bytes += number(r[Bytes]);
        }
        e.firstStart = std::min(e.firstStart.value_or(UINT64_MAX), number(r[Start]));
        e.lastEnd = std::max(e.lastEnd.value_or(0), number(r[End]));
    }
}

std::map<QString, std::uint64_t> countsOf(const QJsonObject& object)
{
    std::map<QString, std::uint64_t> out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        out[it.key()] = static_cast<std::uint64_t>(it.value().toInteger());
    }
    return out;
}

// Every file under `path` (or `path` itself), sorted.
QStringList filesUnder(const QString& path)
{
    if (QFileInfo(path).isFile()) {
        return { path };
    }
    QStringList files;
    QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files << it.next();
    }
    files.sort();
    return files;
}

// The `generate` options documented in resources/README.txt for the bundled sample.
QStringList sampleArguments(QString& why)
{
    QFile readme(kResourcesReadme);
    if (!readme.open(QIODevice::ReadOnly)) {
        why = QStringLiteral("cannot read ") + kResourcesReadme;
        return {};
    }
    static const QRegularExpression command(
        QStringLiteral("flowlens-cli generate (.*) --out \\S*flowlens-sample.log.gz"));
    const QRegularExpressionMatch match = command.match(QString::fromUtf8(readme.readAll()));
    if (!match.hasMatch()) {
        why = QStringLiteral("resources/README.txt does not say how the sample was generated");
        return {};
    }
    return match.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

} // namespace

class TestGeneratedInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void loaderReadsGeneratedOutput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("files");
        const auto args = [](std::initializer_list<const char*> list) {
            QStringList out;
            for (const char* a : list) {
                out << QString::fromLatin1(a);
            }
            return out;
        };
        QTest::addRow("v2 plain") << args({ "--records", "50000" }) << 1;
        QTest::addRow("v2 gzip, seed 9") << args({ "--records", "30000", "--seed", "9", "--gzip" }) << 1;
        QTest::addRow("v5 gzip") << args({ "--records", "30000", "--format", "v5", "--gzip" }) << 1;
        QTest::addRow("v5 plain, seed 4") << args({ "--records", "20000", "--format", "v5", "--seed", "4" }) << 1;
        QTest::addRow("S3 tree, 4 gzip v5 files")
            << args({ "--records", "20000", "--format", "v5", "--gzip", "--files", "4" }) << 4;
        QTest::addRow("S3 tree, 3 plain v2 files over 3 days")
            << args({ "--records", "9000", "--files", "3", "--span", "3d" }) << 3;
    }
    void loaderReadsGeneratedOutput()
    {
        QFETCH(QStringList, args);
        QFETCH(int, files);
        const QString out = m_dir.filePath(QStringLiteral("out-%1").arg(++m_counter));
        const CliRun made = runGenerate(args + QStringList { QStringLiteral("--out"), out, QStringLiteral("-q") });
        QVERIFY2(made.exitCode == 0, made.err.constData());

        const QStringList written = filesUnder(out);
        QCOMPARE(written.size(), files);
        Expected expected;
        std::map<QString, QByteArray> headerOf;
        for (const QString& file : written) {
            bool ok = false;
            const FlowText text = splitText(readText(file, ok));
            QVERIFY2(ok, qPrintable(file));
            QCOMPARE(text.headers.size(), std::size_t(1));
            headerOf[file] = text.headers.front();
            count(text, expected);
        }
        const std::uint64_t generated = args.at(args.indexOf(QStringLiteral("--records")) + 1).toULongLong();
        QCOMPARE(expected.records, generated);

        const CliRun run
            = runCli({ QStringLiteral("summary"), QStringLiteral("--output"), QStringLiteral("json"), out });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonParseError error {};
        const QJsonObject summary = QJsonDocument::fromJson(run.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));

        QCOMPARE(summary.value(QLatin1String("errors")).toInteger(), 0);
        QVERIFY(summary.value(QLatin1String("error_samples")).toArray().isEmpty());
        QCOMPARE(static_cast<std::uint64_t>(summary.value(QLatin1String("records")).toInteger()), expected.records);
        QCOMPARE(countsOf(summary.value(QLatin1String("actions")).toObject()), expected.actions);
        QCOMPARE(countsOf(summary.value(QLatin1String("log_status")).toObject()), expected.logStatus);
        QCOMPARE(static_cast<std::uint64_t>(summary.value(QLatin1String("bytes_total")).toInteger()), expected.bytes);
        QCOMPARE(
            static_cast<std::uint64_t>(summary.value(QLatin1String("first_start")).toInteger()), *expected.firstStart);
        QCOMPARE(static_cast<std::uint64_t>(summary.value(QLatin1String("last_end")).toInteger()), *expected.lastEnd);
        // The text has NODATA/SKIPDATA records, so nulls must have come through as nulls.
        QVERIFY(expected.actions.count(QStringLiteral("null")) == 1);

        const QJsonArray sources = summary.value(QLatin1String("sources")).toArray();
        QCOMPARE(sources.size(), files);
        std::uint64_t perSource = 0;
        for (const QJsonValue& value : sources) {
            const QJsonObject source = value.toObject();
            const QString path = source.value(QLatin1String("path")).toString();
            QVERIFY2(headerOf.count(path) == 1, qPrintable(path));
            QCOMPARE(source.value(QLatin1String("errors")).toInteger(), 0);
            QCOMPARE(source.value(QLatin1String("format")).toString().toLatin1(), headerOf[path]);
            perSource += static_cast<std::uint64_t>(source.value(QLatin1String("records")).toInteger());
        }
        QCOMPARE(perSource, expected.records);
    }

    // The sample the GUI opens at start is the one `generate` makes now with the options
    // resources/README.txt gives. The text is compared, not the gzip bytes: those depend on the
    // zlib build, the records do not.
    void bundledSampleIsCurrent()
    {
        QString why;
        const QStringList args = sampleArguments(why);
        QVERIFY2(!args.isEmpty(), qPrintable(why));

        QFile resource(kSampleResource);
        QVERIFY2(resource.open(QIODevice::ReadOnly), "the sample is not in the resources at the path the GUI opens");
        const QByteArray packed = resource.readAll();
        QVERIFY(packed == readAll(kSampleInTree)); // the resource is the committed file
        QVERIFY(packed.startsWith("\x1f\x8b"));
        bool ok = false;
        const QByteArray bundled = gunzip(packed, ok);
        QVERIFY(ok);

        const QString fresh = m_dir.filePath(QStringLiteral("sample-now.log.gz"));
        const CliRun run = runGenerate(args + QStringList { QStringLiteral("--out"), fresh, QStringLiteral("-q") });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QByteArray now = readText(fresh, ok);
        QVERIFY(ok);
        QVERIFY2(bundled == now,
            "resources/sample/flowlens-sample.log.gz differs from what the command in resources/README.txt makes "
            "now; regenerate it with that command");
        const FlowText text = splitText(bundled);
        QCOMPARE(text.records.size(), std::size_t(20000));
        QCOMPARE(text.headers, std::vector<QByteArray> { V5Header });
    }

    // What the GUI does with the sample: copy it out of the resources and load the copy.
    void bundledSampleLoads()
    {
        const QString copy = m_dir.filePath(QStringLiteral("flowlens-sample.log.gz"));
        QVERIFY(QFile::copy(kSampleResource, copy));
        const CliRun run
            = runCli({ QStringLiteral("summary"), QStringLiteral("--output"), QStringLiteral("json"), copy });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(summary.value(QLatin1String("records")).toInteger(), 20000);
        QCOMPARE(summary.value(QLatin1String("errors")).toInteger(), 0);
    }

private:
    QTemporaryDir m_dir;
    int m_counter = 0;
};

QTEST_GUILESS_MAIN(TestGeneratedInput)
#include "tst_generatedinput.moc"
