// The lab report PDF: its structure read from the bytes (header, trailer, one page object per page
// the layout needs), and, with poppler-utils' pdfinfo/pdftotext/pdffonts, the text of each page.
// The expected pages follow from the layout rule (a cover page, each step from a new page) and the
// content, chosen to fit one page per step, except where a step is made too long on purpose.
#include "labreport.h"

#include <QFile>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace flowlens;

namespace {

QImage picture(int width, int height, QColor color)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(color);
    QPainter p(&image);
    p.setPen(QPen(Qt::black, 6));
    p.drawRect(image.rect().adjusted(3, 3, -3, -3));
    return image;
}

LabReport threeSteps()
{
    LabReport r;
    r.title = QStringLiteral("Two VPCs and a peering connection");
    r.lab = QStringLiteral("peering-lab");
    r.finished = QDateTime(QDate(2026, 11, 2), QTime(9, 41, 5), Qt::UTC);
    LabReportStep one;
    one.title = QStringLiteral("Ping the private address");
    one.text = QStringLiteral("Instance 1 pings 10.2.1.20.\n\nThe requests leave; no reply comes back.");
    one.done = true;
    one.queries = { QStringLiteral("srcAddr = \"10.1.1.10\" and dstAddr = \"10.2.1.20\""),
        QStringLiteral("stats count(*) by action") };
    one.images.push_back({ picture(1600, 900, QColor(0xcc, 0xdd, 0xff)), QStringLiteral("The timeline of stage 2") });
    one.images.push_back({ picture(600, 1400, QColor(0xff, 0xee, 0xcc)), QStringLiteral("The topology, no route") });
    LabReportStep two;
    two.title = QStringLiteral("Add the peering connection");
    two.text = QStringLiteral("Routes to the peer CIDR go through pcx-0lab12.");
    two.done = true;
    two.queries = { QStringLiteral("action = \"REJECT\"") };
    LabReportStep three;
    three.title = QStringLiteral("Ping again");
    three.text = QStringLiteral("Every echo now has a reply record.");
    r.steps = { one, two, three };
    return r;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Page objects in the file: "/Type /Page" not followed by "s" (that is the page tree).
int pageObjects(const QByteArray& pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
    int n = 0;
    for (auto it = page.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next()) {
        ++n;
    }
    return n;
}

bool haveTools()
{
    for (const char* tool : { "pdfinfo", "pdftotext", "pdffonts" }) {
        if (QStandardPaths::findExecutable(QLatin1String(tool)).isEmpty()) {
            return false;
        }
    }
    return true;
}

QString run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(30000) || p.exitCode() != 0) {
        return QStringLiteral("<%1 failed: %2>").arg(program, QString::fromLocal8Bit(p.readAllStandardError()));
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

int pdfinfoPages(const QString& path)
{
    const QRegularExpressionMatch m
        = QRegularExpression(QStringLiteral("^Pages:\\s+(\\d+)$"), QRegularExpression::MultilineOption)
              .match(run(QStringLiteral("pdfinfo"), { path }));
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

QString pageText(const QString& path, int page)
{
    const QString n = QString::number(page);
    return run(
        QStringLiteral("pdftotext"), { QStringLiteral("-f"), n, QStringLiteral("-l"), n, path, QStringLiteral("-") });
}

} // namespace

class TestLabReport : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void structure()
    {
        const QString path = m_dir.filePath(QStringLiteral("report.pdf"));
        QString error;
        QVERIFY2(writeLabReport(threeSteps(), path, &error), qPrintable(error));
        if (const QString keep = qEnvironmentVariable("FLOWLENS_LABREPORT_KEEP"); !keep.isEmpty()) {
            QFile::remove(keep);
            QVERIFY(QFile::copy(path, keep));
        }
        const QByteArray pdf = readAll(path);
        QVERIFY(pdf.startsWith("%PDF-1."));
        QVERIFY(pdf.trimmed().endsWith("%%EOF"));
        // The cover page and one page for each of the three steps, each short enough for one page.
        QCOMPARE(pageObjects(pdf), 1 + 3);
        // Two images went in: two image XObjects came out.
        static const QRegularExpression image(QStringLiteral("/Subtype\\s*/Image"));
        int images = 0;
        for (auto it = image.globalMatch(QString::fromLatin1(pdf)); it.hasNext(); it.next()) {
            ++images;
        }
        QCOMPARE(images, 2);

        // An empty report is the cover page alone.
        LabReport empty;
        QVERIFY(writeLabReport(empty, path, &error));
        QCOMPARE(pageObjects(readAll(path)), 1);
    }

    void overflow()
    {
        // A step with far more text than a page holds continues on the next pages, and the step after
        // it still starts on a page of its own.
        LabReport r = threeSteps();
        QStringList paragraphs;
        for (int i = 1; i <= 240; ++i) {
            paragraphs.append(QStringLiteral("Paragraph %1 of the long step.").arg(i));
        }
        r.steps[1].text = paragraphs.join(QStringLiteral("\n\n"));
        const QString path = m_dir.filePath(QStringLiteral("long.pdf"));
        QString error;
        QVERIFY2(writeLabReport(r, path, &error), qPrintable(error));
        const int pages = pageObjects(readAll(path));
        // 240 lines of 10-point text with 6-point spacing need about 240 × 18 pt = 4,320 pt, and an A4
        // page holds about 842 − 2 × 51 = 740 pt: at least five pages for step 2 alone.
        QVERIFY2(pages >= 1 + 1 + 5 + 1, qPrintable(QString::number(pages)));
        if (!haveTools()) {
            QSKIP("poppler-utils (pdfinfo, pdftotext) are not installed: page texts not checked");
        }
        QCOMPARE(pdfinfoPages(path), pages);
        // Step 3 starts at the top of the last page; paragraph 240 is on the page before it.
        QVERIFY(pageText(path, pages).trimmed().startsWith(QStringLiteral("Step 3: Ping again")));
        QVERIFY(pageText(path, pages - 1).contains(QStringLiteral("Paragraph 240 of the long step.")));
        QVERIFY(pageText(path, 3).trimmed().startsWith(QStringLiteral("Step 2: Add the peering connection")));
        QVERIFY(pageText(path, 4).contains(QStringLiteral("Paragraph ")));
    }

    void errors()
    {
        QString error;
        const QString missing = m_dir.filePath(QStringLiteral("no/such/folder/report.pdf"));
        QVERIFY(!writeLabReport(threeSteps(), missing, &error));
        QVERIFY2(error.contains(missing), qPrintable(error));
        QVERIFY(!QFile::exists(missing));
        // A folder in the way: nothing is written and the error names it.
        QVERIFY(!writeLabReport(threeSteps(), m_dir.path(), &error));
        QVERIFY2(error.contains(m_dir.path()), qPrintable(error));
    }

    void pagesText()
    {
        if (!haveTools()) {
            QSKIP("poppler-utils (pdfinfo, pdftotext) are not installed");
        }
        const QString path = m_dir.filePath(QStringLiteral("text.pdf"));
        QString error;
        QVERIFY2(writeLabReport(threeSteps(), path, &error), qPrintable(error));
        QCOMPARE(pdfinfoPages(path), 4);
        const QString cover = pageText(path, 1);
        for (const char* text :
            { "Two VPCs and a peering connection", "Lab: peering-lab", "Finished: 2026-11-02 09:41:05 UTC",
                "Steps done: 2 of 3", "1. Ping the private address (done)", "3. Ping again (not done)" }) {
            QVERIFY2(cover.contains(QLatin1String(text)), text);
        }
        const QString one = pageText(path, 2);
        QVERIFY(one.trimmed().startsWith(QStringLiteral("Step 1: Ping the private address")));
        for (const char* text :
            { "Queries used", "srcAddr = \"10.1.1.10\" and dstAddr = \"10.2.1.20\"", "stats count(*) by action",
                "The timeline of stage 2", "The topology, no route", "The requests leave; no reply comes back." }) {
            QVERIFY2(one.contains(QLatin1String(text)), text);
        }
        QVERIFY(pageText(path, 3).contains(QStringLiteral("Query used")));
        QVERIFY(pageText(path, 4).contains(QStringLiteral("Not done")));
    }

    void fonts()
    {
        if (!haveTools()) {
            QSKIP("poppler-utils (pdffonts) are not installed");
        }
        const QString path = m_dir.filePath(QStringLiteral("fonts.pdf"));
        QVERIFY(writeLabReport(threeSteps(), path));
        // The queries are set in the fixed-pitch font fontconfig picks for "monospace" (asked here with
        // fc-match, not Qt), the text in another one.
        const QString family = run(QStringLiteral("fc-match"),
            { QStringLiteral("-f"), QStringLiteral("%{family}"), QStringLiteral("monospace") })
                                   .section(QLatin1Char(','), 0, 0)
                                   .remove(QLatin1Char(' '));
        if (family.startsWith(QLatin1Char('<'))) {
            QSKIP("fc-match is not available to name the monospace font");
        }
        const QString listing = run(QStringLiteral("pdffonts"), { path });
        QVERIFY2(listing.contains(family), qPrintable(family + QStringLiteral(" not in\n") + listing));
        QVERIFY2(listing.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size() >= 2 + 2, qPrintable(listing));
    }
};

QTEST_MAIN(TestLabReport)
#include "tst_labreport.moc"
