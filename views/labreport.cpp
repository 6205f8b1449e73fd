#include "labreport.h"

#include <QAbstractTextDocumentLayout>
#include <QFontDatabase>
#include <QFontInfo>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QScreen>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QUrl>
#include <algorithm>

namespace flowlens {

namespace {

constexpr int kResolution = 300; // dots per inch of the PDF's coordinates
constexpr qreal kMarginMm = 18;
constexpr qreal kMaxImageHeight = 0.4; // of the text area's height, so two images and text share a page

qreal screenDpi()
{
    if (QCoreApplication::testAttribute(Qt::AA_Use96Dpi)) {
        return 96;
    }
    const QScreen* screen = QGuiApplication::primaryScreen();
    return screen ? qRound(screen->logicalDotsPerInchY()) : 100;
}

// The family fontconfig (or the platform) gives for "monospace": systemFont(FixedFont) may be a
// proportional font on platforms without a theme (offscreen, minimal).
QString fixedPitchFamily()
{
    QFont font(QStringLiteral("monospace"));
    font.setStyleHint(QFont::Monospace);
    font.setFixedPitch(true);
    const QFontInfo info(font);
    return info.fixedPitch() ? info.family() : QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
}

class ReportBuilder {
public:
    ReportBuilder(QTextDocument& doc, QSizeF textArea) // in screen pixels
        : m_doc(doc)
        , m_cursor(&doc)
        , m_textArea(textArea)
    {
        m_body.setFontPointSize(10);
        m_mono = m_body;
        m_mono.setFontFamilies({ fixedPitchFamily() });
        m_mono.setFontFixedPitch(true);
        m_mono.setFontPointSize(9);
    }

    void heading(const QString& text, qreal points, bool newPage)
    {
        QTextBlockFormat block;
        block.setTopMargin(newPage ? 0 : points * 0.8);
        block.setBottomMargin(points * 0.5);
        if (newPage) {
            block.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
        }
        QTextCharFormat chars = m_body;
        chars.setFontPointSize(points);
        chars.setFontWeight(QFont::Bold);
        add(text, block, chars);
    }

    void paragraph(const QString& text, const QTextCharFormat* format = nullptr, Qt::Alignment align = Qt::AlignLeft)
    {
        QTextBlockFormat block;
        block.setBottomMargin(6);
        block.setAlignment(align);
        add(text, block, format ? *format : m_body);
    }

    void query(const QString& text)
    {
        QTextBlockFormat block;
        block.setBackground(QColor(0xf2, 0xf2, 0xf2));
        block.setLeftMargin(8);
        block.setBottomMargin(4);
        add(text, block, m_mono);
    }

    void image(const QImage& image, const QString& caption, const QString& name)
    {
        if (image.isNull()) {
            QTextCharFormat italic = m_body;
            italic.setFontItalic(true);
            paragraph(QStringLiteral("(no image: ") + caption + QLatin1Char(')'), &italic);
            return;
        }
        const qreal maxW = m_textArea.width();
        const qreal maxH = m_textArea.height() * kMaxImageHeight;
        const qreal scale = std::min(maxW / image.width(), maxH / image.height());
        const QUrl url(QStringLiteral("flowlens-report://") + name);
        m_doc.addResource(QTextDocument::ImageResource, url, image);
        QTextImageFormat format;
        format.setName(url.toString());
        format.setWidth(image.width() * scale);
        format.setHeight(image.height() * scale);
        QTextBlockFormat block;
        block.setAlignment(Qt::AlignHCenter);
        block.setTopMargin(6);
        next(block, m_body);
        m_cursor.insertImage(format);
        QTextCharFormat italic = m_body;
        italic.setFontItalic(true);
        italic.setFontPointSize(9);
        paragraph(caption, &italic, Qt::AlignHCenter);
    }

    const QTextCharFormat& body() const { return m_body; }

private:
    // The first block of the document is there already; later ones are inserted.
    void next(const QTextBlockFormat& block, const QTextCharFormat& chars)
    {
        if (m_first) {
            m_cursor.setBlockFormat(block);
            m_cursor.setBlockCharFormat(chars);
            m_first = false;
        } else {
            m_cursor.insertBlock(block, chars);
        }
    }
    void add(const QString& text, const QTextBlockFormat& block, const QTextCharFormat& chars)
    {
        next(block, chars);
        m_cursor.insertText(text, chars);
    }

    QTextDocument& m_doc;
    QTextCursor m_cursor;
    QSizeF m_textArea;
    QTextCharFormat m_body;
    QTextCharFormat m_mono;
    bool m_first = true;
};

void build(ReportBuilder& b, const LabReport& report)
{
    const int done = int(std::count_if(report.steps.begin(), report.steps.end(), [](const auto& s) { return s.done; }));
    b.heading(report.title.isEmpty() ? QStringLiteral("Lab report") : report.title, 20, false);
    if (!report.lab.isEmpty()) {
        b.paragraph(QStringLiteral("Lab: ") + report.lab);
    }
    if (report.finished.isValid()) {
        b.paragraph(QStringLiteral("Finished: ")
            + report.finished.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC"));
    }
    b.paragraph(QStringLiteral("Steps done: %1 of %2").arg(done).arg(report.steps.size()));
    for (std::size_t i = 0; i < report.steps.size(); ++i) {
        const LabReportStep& s = report.steps[i];
        b.paragraph(QStringLiteral("%1. %2 (%3)")
                        .arg(i + 1)
                        .arg(s.title, s.done ? QStringLiteral("done") : QStringLiteral("not done")));
    }
    for (std::size_t i = 0; i < report.steps.size(); ++i) {
        const LabReportStep& s = report.steps[i];
        b.heading(QStringLiteral("Step %1: %2").arg(i + 1).arg(s.title), 15, true);
        QTextCharFormat state = b.body();
        state.setForeground(s.done ? QColor(0x1b, 0x7a, 0x2e) : QColor(0xb0, 0x30, 0x20));
        b.paragraph(s.done ? QStringLiteral("Done") : QStringLiteral("Not done"), &state);
        for (const QString& p : s.text.split(QStringLiteral("\n\n"), Qt::SkipEmptyParts)) {
            b.paragraph(p.trimmed());
        }
        if (!s.queries.isEmpty()) {
            b.heading(s.queries.size() == 1 ? QStringLiteral("Query used") : QStringLiteral("Queries used"), 11, false);
            for (const QString& q : s.queries) {
                b.query(q);
            }
        }
        for (std::size_t k = 0; k < s.images.size(); ++k) {
            b.image(s.images[k].image, s.images[k].caption, QStringLiteral("step%1/image%2").arg(i + 1).arg(k + 1));
        }
    }
}

} // namespace

bool writeLabReport(const LabReport& report, const QString& path, QString* error)
{
    auto fail = [error](const QString& why) {
        if (error) {
            *error = why;
        }
        return false;
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(QStringLiteral("cannot write the lab report to %1: %2").arg(path, file.errorString()));
    }
    QPdfWriter writer(&file);
    writer.setResolution(kResolution);
    writer.setTitle(report.title.isEmpty() ? QStringLiteral("FlowLens lab report") : report.title);
    writer.setCreator(QStringLiteral("FlowLens"));
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0), QPageLayout::Millimeter));

    QTextDocument doc;
    doc.documentLayout()->setPaintDevice(&writer);
    doc.setPageSize(QSizeF(writer.width(), writer.height())); // dots: the writer has no margins
    // Lengths in text formats (margins, image sizes) are screen pixels, which the layout scales to
    // the device by its dpi over the screen's (Qt's qt_defaultDpiY()); fonts are in points.
    const qreal pixels = screenDpi() / kResolution; // screen pixels per dot
    const QSizeF page(writer.width() * pixels, writer.height() * pixels);
    const qreal margin = kMarginMm / 25.4 * screenDpi();
    QTextFrameFormat frame = doc.rootFrame()->frameFormat();
    frame.setMargin(margin);
    doc.rootFrame()->setFrameFormat(frame);
    QFont font = doc.defaultFont();
    font.setPointSizeF(10);
    doc.setDefaultFont(font);
    ReportBuilder builder(doc, QSizeF(page.width() - 2 * margin, page.height() - 2 * margin));
    build(builder, report);

    doc.print(&writer);
    if (!file.commit()) {
        return fail(QStringLiteral("cannot write the lab report to %1: %2").arg(path, file.errorString()));
    }
    return true;
}

} // namespace flowlens
