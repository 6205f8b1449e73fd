// The lab datasets bundled in resources/labs are exactly what `flowlens-cli generate --scenario`
// makes now (the same file names, the same JSON bytes, the same flow-log text), `generate` makes
// the same bytes every time, and every bundled file is in the resources where the GUI finds it.

#include "../synth/synthtext.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace synthtest;

namespace {

const QString kLabs = QStringLiteral(FLOWLENS_SOURCE_DIR "/resources/labs");
const QString kResourcesReadme = QStringLiteral(FLOWLENS_SOURCE_DIR "/resources/README.txt");

// Every file under `folder`, relative to it, sorted.
QStringList filesUnder(const QString& folder)
{
    QStringList files;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files << QDir(folder).relativeFilePath(it.next());
    }
    files.sort();
    return files;
}

CliRun generateLab(const QString& lab, const QString& out)
{
    return runGenerate({ QStringLiteral("--scenario"), lab, QStringLiteral("--out"), out, QStringLiteral("-q") });
}

} // namespace

class TestLabBundle : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void bundledLabIsCurrent_data()
    {
        QTest::addColumn<QString>("lab");
        for (const char* lab : { "peering-lab", "cost-incident", "hunting" }) {
            QTest::addRow("%s", lab) << QString::fromLatin1(lab);
        }
    }
    void bundledLabIsCurrent()
    {
        QFETCH(QString, lab);
        const QString fresh = m_dir.filePath(lab);
        const CliRun run = generateLab(lab, fresh);
        QVERIFY2(run.exitCode == 0, run.err.constData());

        const QString bundled = kLabs + QLatin1Char('/') + lab;
        const QStringList files = filesUnder(fresh);
        QVERIFY(files.contains(QStringLiteral("lab.json")));
        QVERIFY(std::any_of(
            files.begin(), files.end(), [](const QString& f) { return f.startsWith(QLatin1String("flowlogs/")); }));
        QVERIFY(std::any_of(
            files.begin(), files.end(), [](const QString& f) { return f.startsWith(QLatin1String("topology/")); }));
        QVERIFY2(filesUnder(bundled) == files,
            qPrintable(QStringLiteral("resources/labs/%1 does not hold the files `generate --scenario %1` makes now; "
                                      "regenerate it as resources/README.txt says")
                           .arg(lab)));
        for (const QString& file : files) {
            const QByteArray inTree = readAll(bundled + QLatin1Char('/') + file);
            // The flow logs are compared as text (gzip bytes depend on the zlib build), the rest byte for byte.
            bool okNow = false;
            bool okThen = false;
            const QByteArray now = readText(fresh + QLatin1Char('/') + file, okNow);
            const QByteArray then = readText(bundled + QLatin1Char('/') + file, okThen);
            QVERIFY2(okNow && okThen, qPrintable(file));
            QVERIFY2(now == then,
                qPrintable(QStringLiteral("resources/labs/%1/%2 differs from what `generate "
                                          "--scenario %1` makes now")
                               .arg(lab, file)));
            if (file.endsWith(QLatin1String(".gz"))) {
                QVERIFY2(inTree.startsWith("\x1f\x8b"), qPrintable(file));
            }
            // And the GUI finds the same bytes in the resources.
            QFile resource(QStringLiteral(":/flowlens/labs/%1/%2").arg(lab, file));
            QVERIFY2(resource.open(QIODevice::ReadOnly), qPrintable(file + QStringLiteral(" is not in resources.qrc")));
            QVERIFY2(resource.readAll() == inTree, qPrintable(file));
        }
        QVERIFY2(QString::fromUtf8(readAll(kResourcesReadme))
                     .contains(QStringLiteral("flowlens-cli generate --scenario %1 --out resources/labs/%1").arg(lab)),
            "resources/README.txt does not say how the lab was made");
    }

    // Two runs, the same bytes, gzip included.
    void generateIsDeterministic()
    {
        const QString a = m_dir.filePath(QStringLiteral("again-a"));
        const QString b = m_dir.filePath(QStringLiteral("again-b"));
        QCOMPARE(generateLab(QStringLiteral("cost-incident"), a).exitCode, 0);
        QCOMPARE(generateLab(QStringLiteral("cost-incident"), b).exitCode, 0);
        const QStringList files = filesUnder(a);
        QCOMPARE(filesUnder(b), files);
        for (const QString& file : files) {
            QVERIFY2(readAll(a + QLatin1Char('/') + file) == readAll(b + QLatin1Char('/') + file), qPrintable(file));
        }
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString out = QStringLiteral("unused");
        QTest::addRow("unknown lab") << QStringList { QStringLiteral("--scenario"), QStringLiteral("peering"),
            QStringLiteral("--out"), out }
                                     << QStringLiteral("peering-lab, cost-incident, hunting, not 'peering'");
        QTest::addRow("records with a lab") << QStringList { QStringLiteral("--scenario"), QStringLiteral("hunting"),
            QStringLiteral("--records"), QStringLiteral("10"), QStringLiteral("--out"), out }
                                            << QStringLiteral("--records does not apply to --scenario");
        QTest::addRow("no out") << QStringList { QStringLiteral("--scenario"), QStringLiteral("hunting") }
                                << QStringLiteral("--out is required");
    }
    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CliRun run = runGenerate(args);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
        QVERIFY(!QFileInfo::exists(QStringLiteral("unused")));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestLabBundle)
#include "tst_labbundle.moc"
