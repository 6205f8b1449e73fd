// `flowlens-cli chart`: the bars it draws against sums computed here from the generated text, the
// files it writes, and its errors.
#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <map>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(FLOWLENS_CLI), args);
    p.waitForFinished(120000);
    return { p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError() };
}

// One parsed v2 record, as much of it as the filters below need.
struct Record {
    QByteArray protocol, bytes, packets, start, action, dstPort;
};

// Per bucket start: ACCEPT, REJECT, no action.
using Sums = std::map<qint64, std::array<double, 3>>;

// Reads the generated v2 file with a plain split, independently of the loader.
QList<Record> readRecords(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<Record> records;
    f.readLine(); // header
    while (!f.atEnd()) {
        const QList<QByteArray> w = f.readLine().trimmed().split(' ');
        if (w.size() == 14) {
            records.append({ w[7], w[9], w[8], w[10], w[12], w[6] });
        }
    }
    return records;
}

Sums bruteForce(const QList<Record>& records, qint64 bucket, const std::function<bool(const Record&)>& accept,
    const std::function<QByteArray(const Record&)>& amount)
{
    Sums sums;
    for (const Record& r : records) {
        if (r.start == "-" || !accept(r)) {
            continue;
        }
        const QByteArray a = amount(r);
        if (a == "-") {
            continue;
        }
        const qint64 start = r.start.toLongLong();
        const qint64 b = start - start % bucket;
        const int set = r.action == "ACCEPT" ? 0 : r.action == "REJECT" ? 1 : 2;
        sums[b][static_cast<std::size_t>(set)] += a.toDouble();
    }
    return sums;
}

// Parses --values CSV into bucket start → bars; checks the bucket width on the way.
Sums parseValues(const QByteArray& csv, qint64 bucket, bool& ok)
{
    Sums sums;
    ok = true;
    const QList<QByteArray> lines = csv.trimmed().split('\n');
    if (lines.isEmpty() || lines.first() != "bucket_start,bucket_end,accept,reject,no_action") {
        ok = false;
        return sums;
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> f = lines[i].split(',');
        if (f.size() != 5) {
            ok = false;
            return sums;
        }
        const qint64 start = QDateTime::fromString(QString::fromLatin1(f[0]), Qt::ISODate).toSecsSinceEpoch();
        const qint64 end = QDateTime::fromString(QString::fromLatin1(f[1]), Qt::ISODate).toSecsSinceEpoch();
        ok = ok && end - start == bucket && start % bucket == 0;
        sums[start] = { f[2].toDouble(), f[3].toDouble(), f[4].toDouble() };
    }
    return sums;
}

} // namespace

Q_DECLARE_METATYPE(std::function<bool(const Record&)>)
Q_DECLARE_METATYPE(std::function<QByteArray(const Record&)>)

class TestChartCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_log = m_dir.filePath(QStringLiteral("flows.log"));
        const Run gen = cli({ QStringLiteral("generate"), QStringLiteral("--records"), QStringLiteral("12000"),
            QStringLiteral("--seed"), QStringLiteral("11"), QStringLiteral("--span"), QStringLiteral("6h"),
            QStringLiteral("--out"), m_log, QStringLiteral("-q") });
        QCOMPARE(gen.exitCode, 0);
        m_records = readRecords(m_log);
        QCOMPARE(m_records.size(), qsizetype(12000));
    }

    void barsEqualBruteForce_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("bucket");
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<std::function<bool(const Record&)>>("accept");
        QTest::addColumn<std::function<QByteArray(const Record&)>>("amount");
        auto all = [](const Record&) { return true; };
        auto one = [](const Record&) { return QByteArray("1"); };
        QTest::addRow("records, all, 5m")
            << QString() << QStringLiteral("records") << QStringLiteral("5m") << qint64(300)
            << std::function<bool(const Record&)>(all) << std::function<QByteArray(const Record&)>(one);
        QTest::addRow("bytes, TCP over 1000 bytes, 10m")
            << QStringLiteral("protocol = 6 and bytes > 1000") << QStringLiteral("bytes") << QStringLiteral("10m")
            << qint64(600) << std::function<bool(const Record&)>([](const Record& r) {
                   return r.protocol == "6" && r.bytes != "-" && r.bytes.toLongLong() > 1000;
               })
            << std::function<QByteArray(const Record&)>([](const Record& r) { return r.bytes; });
        QTest::addRow("packets, REJECT, 1h")
            << QStringLiteral("action = \"REJECT\"") << QStringLiteral("packets") << QStringLiteral("1h")
            << qint64(3600) << std::function<bool(const Record&)>([](const Record& r) { return r.action == "REJECT"; })
            << std::function<QByteArray(const Record&)>([](const Record& r) { return r.packets; });
        QTest::addRow("records, ssh, 300 seconds")
            << QStringLiteral("filter dstPort = 22") << QStringLiteral("records") << QStringLiteral("300")
            << qint64(300) << std::function<bool(const Record&)>([](const Record& r) { return r.dstPort == "22"; })
            << std::function<QByteArray(const Record&)>(one);
    }

    void barsEqualBruteForce()
    {
        QFETCH(QString, query);
        QFETCH(QString, metric);
        QFETCH(QString, bucket);
        QFETCH(qint64, seconds);
        QFETCH(std::function<bool(const Record&)>, accept);
        QFETCH(std::function<QByteArray(const Record&)>, amount);
        const QString svg = m_dir.filePath(QStringLiteral("bars.svg"));
        QStringList args { QStringLiteral("chart"), QStringLiteral("--metric"), metric, QStringLiteral("--bucket"),
            bucket, QStringLiteral("--out"), svg, QStringLiteral("--values"), QStringLiteral("-"), m_log };
        if (!query.isEmpty()) {
            args << QStringLiteral("--query") << query;
        }
        const Run run = cli(args);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        bool ok = false;
        const Sums drawn = parseValues(run.out, seconds, ok);
        QVERIFY2(ok, run.out.left(400).constData());
        const Sums expected = bruteForce(m_records, seconds, accept, amount);
        QVERIFY(!expected.empty());
        double total = 0;
        for (const auto& [start, bars] : expected) {
            QVERIFY2(drawn.count(start) == 1, qPrintable(QStringLiteral("bucket %1 not drawn").arg(start)));
            for (std::size_t i = 0; i < 3; ++i) {
                QCOMPARE(drawn.at(start)[i], bars[i]);
                total += bars[i];
            }
        }
        for (const auto& [start, bars] : drawn) {
            if (expected.count(start) == 0) {
                QCOMPARE(bars[0] + bars[1] + bars[2], 0.0); // a gap between data is drawn as an empty bar
            }
        }
        QVERIFY(total > 0);
        // The SVG holds a chart with the title that names the metric.
        QSvgRenderer renderer(svg);
        QVERIFY(renderer.isValid());
        QFile file(svg);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("ACCEPT vs REJECT"));
    }

    void filesAreValid()
    {
        const QString png = m_dir.filePath(QStringLiteral("chart.png"));
        Run run = cli(
            { QStringLiteral("chart"), QStringLiteral("--out"), png, QStringLiteral("--width"), QStringLiteral("1200"),
                QStringLiteral("--height"), QStringLiteral("500"), QStringLiteral("--dpi"), QStringLiteral("144"),
                QStringLiteral("--log"), QStringLiteral("--title"), QStringLiteral("Test chart"), m_log });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1200, 500));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3) {
                colours.insert(image.pixel(x, y));
            }
        }
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));

        const QString pdf = m_dir.filePath(QStringLiteral("chart.pdf"));
        run = cli({ QStringLiteral("chart"), QStringLiteral("--metric"), QStringLiteral("bytes"),
            QStringLiteral("--out"), pdf, m_log });
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        QVERIFY(bytes.startsWith("%PDF-"));
        QVERIFY(bytes.trimmed().endsWith("%%EOF"));
        QVERIFY(bytes.size() > 5000);
    }

    void runsWithoutADisplay()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        const QString svg = m_dir.filePath(QStringLiteral("headless.svg"));
        const Run run = cli({ QStringLiteral("chart"), QStringLiteral("--out"), svg, m_log }, env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(QSvgRenderer(svg).isValid());
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("error");
        QTest::addRow("bad query") << QStringList { QStringLiteral("--query"), QStringLiteral("dstPort = = 22") } << 2
                                   << QStringLiteral("--query: line 1, column");
        QTest::addRow("unknown field") << QStringList { QStringLiteral("--query"),
            QStringLiteral("srcadr = \"1.2.3.4\"") }
                                       << 2 << QStringLiteral("srcAddr");
        QTest::addRow("bad metric") << QStringList { QStringLiteral("--metric"), QStringLiteral("flows") } << 2
                                    << QStringLiteral("--metric takes records, bytes or packets, not 'flows'");
        QTest::addRow("bad bucket") << QStringList { QStringLiteral("--bucket"), QStringLiteral("5x") } << 2
                                    << QStringLiteral("--bucket takes auto");
        QTest::addRow("sub-second bucket") << QStringList { QStringLiteral("--bucket"), QStringLiteral("500ms") } << 2
                                           << QStringLiteral("--bucket takes auto");
        QTest::addRow("too many bars") << QStringList { QStringLiteral("--bucket"), QStringLiteral("1s") } << 2
                                       << QStringLiteral("at most 3000");
        QTest::addRow("bad size") << QStringList { QStringLiteral("--width"), QStringLiteral("wide") } << 2
                                  << QStringLiteral("--width, --height and --dpi");
        QTest::addRow("tiny size") << QStringList { QStringLiteral("--width"), QStringLiteral("20") } << 2
                                   << QStringLiteral("at least 100×100 pixels");
        QTest::addRow("no input") << QStringList { QStringLiteral("--"), QStringLiteral("/nonexistent/flows.log") } << 3
                                  << QStringLiteral("/nonexistent/flows.log");
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, error);
        const QString out = m_dir.filePath(QStringLiteral("bad.svg"));
        QStringList all { QStringLiteral("chart"), QStringLiteral("--out"), out };
        all += args;
        if (!args.contains(QStringLiteral("--"))) {
            all << m_log;
        }
        const Run run = cli(all);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(run.err).contains(error), run.err.constData());
        QVERIFY(!QFile::exists(out));
    }

    void badOutput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("error");
        QTest::addRow("no --out") << QString() << QStringLiteral("--out FILE is required");
        QTest::addRow("bmp") << QStringLiteral("chart.bmp") << QStringLiteral("must end in .png, .svg or .pdf");
        QTest::addRow("no folder") << QStringLiteral("missing/chart.svg") << QStringLiteral("Cannot write");
    }

    void badOutput()
    {
        QFETCH(QString, name);
        QFETCH(QString, error);
        QStringList args { QStringLiteral("chart") };
        if (!name.isEmpty()) {
            args << QStringLiteral("--out") << m_dir.filePath(name);
        }
        args << m_log;
        const Run run = cli(args);
        QCOMPARE_NE(run.exitCode, 0);
        QVERIFY2(QString::fromUtf8(run.err).contains(error), run.err.constData());
        if (!name.isEmpty()) {
            QVERIFY(!QFile::exists(m_dir.filePath(name)));
        }
    }

private:
    QTemporaryDir m_dir;
    QString m_log;
    QList<Record> m_records;
};

QTEST_MAIN(TestChartCli)
#include "tst_chartcli.moc"
