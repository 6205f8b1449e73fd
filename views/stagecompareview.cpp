#include "stagecompareview.h"

#include "topologyview.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace flowlens {

namespace {

const QString kLegend = QStringLiteral("Traffic: width = bytes · red = REJECT · dashed = one-way");

QString timeText(std::int64_t seconds)
{
    return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

// "Stage 2 · 2026-11-02 09:10:00 – 09:20:00 UTC": the title and the records' time range.
QString caption(const StageSnapshot& stage)
{
    QString text = stage.title.isEmpty() ? QStringLiteral("(untitled stage)") : stage.title;
    if (stage.timeRange) {
        const QString from = timeText(stage.timeRange->first);
        QString to = timeText(stage.timeRange->second);
        if (to.left(10) == from.left(10)) {
            to = to.mid(11); // same day: the time alone
        }
        text += QStringLiteral(" · ") + from + QStringLiteral(" – ") + to + QStringLiteral(" UTC");
    }
    if (!stage.filter.isEmpty()) {
        text += QStringLiteral(" · ") + stage.filter.describe();
    }
    return text;
}

} // namespace

StageCompareView::StageCompareView(QWidget* parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_save(new QPushButton(tr("Save Image…"), this))
{
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter = splitter;
    for (std::size_t i = 0; i < 2; ++i) {
        auto* column = new QWidget(splitter);
        auto* v = new QVBoxLayout(column);
        v->setContentsMargins(0, 0, 0, 0);
        m_titles[i] = new QLabel(column);
        QFont bold = m_titles[i]->font();
        bold.setBold(true);
        bold.setPointSizeF(bold.pointSizeF() * 1.15);
        m_titles[i]->setFont(bold);
        m_titles[i]->setWordWrap(true);
        m_views[i] = new TopologyView(column);
        m_views[i]->setTrafficLegendShown(false); // one legend for both, in the status line
        m_summaries[i] = new QLabel(column);
        m_summaries[i]->setTextFormat(Qt::PlainText);
        m_summaries[i]->setWordWrap(true);
        m_summaries[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_summaries[i]->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        v->addWidget(m_titles[i]);
        // The view above its summary side by side; the summary beside the view when stacked.
        m_bodies[i] = new QBoxLayout(QBoxLayout::TopToBottom);
        m_bodies[i]->addWidget(m_views[i], 1);
        m_bodies[i]->addWidget(m_summaries[i]);
        v->addLayout(m_bodies[i], 1);
        splitter->addWidget(column);
    }
    layout->addWidget(splitter, 1);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_save);
    layout->addLayout(bottom);
    m_save->setToolTip(tr("Save both stages with their summaries as one PNG picture"));
    m_save->setEnabled(false);
    connect(m_save, &QPushButton::clicked, this, &StageCompareView::saveImage);
}

void StageCompareView::setStages(StageSnapshot before, StageSnapshot after)
{
    m_stages = { std::move(before), std::move(after) };
    m_comparison.reset();
    m_save->setEnabled(false);
    for (std::size_t i = 0; i < 2; ++i) {
        m_titles[i]->setText(caption(m_stages[i]));
        m_summaries[i]->setText(tr("Computing the traffic of this stage…"));
        m_views[i]->setTopology(m_stages[i].topology ? m_stages[i].topology : std::make_shared<const Topology>());
    }
    m_status->setText(tr("Computing…"));
    chooseOrientation();
    m_job.run(
        this, [a = m_stages[0], b = m_stages[1]] { return StageComparison::compute(a, b); },
        [this](StageComparison comparison) { showComparison(std::move(comparison)); });
}

void StageCompareView::showComparison(StageComparison comparison)
{
    m_comparison = std::move(comparison);
    for (std::size_t i = 0; i < 2; ++i) {
        if (m_stages[i].topology) {
            m_views[i]->setOverlay(m_comparison->stages[i].overlay);
        }
        m_summaries[i]->setText(m_comparison->summary(int(i)).join(QLatin1Char('\n')));
    }
    m_status->setText(kLegend + QStringLiteral(" · ")
        + tr("%n configuration change(s) between the stages", nullptr, int(m_comparison->diff.changes.size())));
    m_status->setToolTip(m_comparison->diff.toText());
    m_save->setEnabled(true);
    Q_EMIT comparisonReady();
}

Qt::Orientation StageCompareView::orientation() const
{
    return m_splitter->orientation();
}

void StageCompareView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    chooseOrientation();
}

void StageCompareView::chooseOrientation()
{
    // The scale each topology would be drawn at, side by side or stacked: the larger wins, so a wide
    // topology (VPCs next to each other) does not leave half of each view empty.
    QSizeF scene;
    for (const TopologyView* view : m_views) {
        scene = scene.expandedTo(view->topologyScene()->sceneRect().size());
    }
    const QSizeF area = m_splitter->size();
    if (scene.isEmpty() || area.isEmpty()) {
        return;
    }
    // Side by side: a title above and the summary below each view; stacked: the summary beside it.
    constexpr qreal kTitle = 40;
    constexpr qreal kSummaryBelow = 110;
    auto scale = [&](qreal width, qreal height) {
        return std::min(std::max<qreal>(1, width) / scene.width(), std::max<qreal>(1, height) / scene.height());
    };
    const qreal sideBySide = scale(area.width() / 2, area.height() - kTitle - kSummaryBelow);
    const qreal stacked = scale(area.width() - kSummaryWidth, area.height() / 2 - kTitle);
    const Qt::Orientation wanted = stacked > sideBySide * 1.15 ? Qt::Vertical : Qt::Horizontal;
    if (m_splitter->orientation() != wanted) {
        m_splitter->setOrientation(wanted);
        m_splitter->setSizes({ 1, 1 });
        for (std::size_t i = 0; i < 2; ++i) {
            m_bodies[i]->setDirection(wanted == Qt::Vertical ? QBoxLayout::LeftToRight : QBoxLayout::TopToBottom);
            m_summaries[i]->setMinimumWidth(wanted == Qt::Vertical ? int(kSummaryWidth) : 0);
            m_summaries[i]->setMaximumWidth(wanted == Qt::Vertical ? int(kSummaryWidth) : QWIDGETSIZE_MAX);
        }
    }
}

QString StageCompareView::titleText(int index) const
{
    return m_titles[static_cast<std::size_t>(index)]->text();
}

QString StageCompareView::summaryText(int index) const
{
    return m_summaries[static_cast<std::size_t>(index)]->text();
}

QImage StageCompareView::toImage(int width) const
{
    return renderImage(m_stages[0], m_stages[1], m_comparison ? *m_comparison : StageComparison {}, width);
}

QImage StageCompareView::renderImage(
    const StageSnapshot& before, const StageSnapshot& after, const StageComparison& comparison, int width)
{
    const std::array<const StageSnapshot*, 2> stages { &before, &after };
    constexpr int pad = 24;
    width = std::max(width, 400);
    const int column = (width - 3 * pad) / 2;
    QFont titleFont;
    titleFont.setPixelSize(20);
    titleFont.setBold(true);
    QFont textFont;
    textFont.setPixelSize(14);
    const QFontMetrics titleMetrics(titleFont);
    const QFontMetrics textMetrics(textFont);

    std::array<std::unique_ptr<TopologyScene>, 2> scenes;
    std::array<QString, 2> titles;
    std::array<QString, 2> summaries;
    int sceneHeight = 200;
    int titleHeight = 0;
    int summaryHeight = 0;
    const QRect wide(0, 0, column, 100000);
    for (std::size_t i = 0; i < 2; ++i) {
        scenes[i] = std::make_unique<TopologyScene>();
        if (stages[i]->topology) {
            scenes[i]->setTopology(stages[i]->topology);
            scenes[i]->setOverlay(comparison.stages[i].overlay);
        }
        const QRectF r = scenes[i]->sceneRect();
        if (!r.isEmpty()) {
            sceneHeight = std::max(sceneHeight, int(std::ceil(column * r.height() / r.width())));
        }
        titles[i] = caption(*stages[i]);
        summaries[i] = comparison.summary(int(i)).join(QLatin1Char('\n'));
        titleHeight = std::max(titleHeight, titleMetrics.boundingRect(wide, Qt::TextWordWrap, titles[i]).height());
        summaryHeight
            = std::max(summaryHeight, textMetrics.boundingRect(wide, Qt::TextWordWrap, summaries[i]).height());
    }
    sceneHeight = std::min(sceneHeight, column * 5 / 4); // a tall topology is scaled down instead
    const int sceneTop = pad + titleHeight + pad / 2;
    const int summaryTop = sceneTop + sceneHeight + pad / 2;
    const int legendTop = summaryTop + summaryHeight + pad / 2;
    QImage image(width, legendTop + textMetrics.height() + pad, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
    for (std::size_t i = 0; i < 2; ++i) {
        const int x = pad + int(i) * (column + pad);
        p.setPen(QColor(0x20, 0x20, 0x20));
        p.setFont(titleFont);
        p.drawText(QRect(x, pad, column, titleHeight), Qt::TextWordWrap, titles[i]);
        const QRectF frame(x, sceneTop, column, sceneHeight);
        p.fillRect(frame, QColor(0xfb, 0xfb, 0xfb));
        if (!scenes[i]->sceneRect().isEmpty()) {
            scenes[i]->render(&p, frame.adjusted(4, 4, -4, -4), scenes[i]->sceneRect(), Qt::KeepAspectRatio);
        }
        p.setPen(QColor(0xc0, 0xc0, 0xc0));
        p.setBrush(Qt::NoBrush);
        p.drawRect(frame);
        p.setPen(QColor(0x20, 0x20, 0x20));
        p.setFont(textFont);
        p.drawText(QRect(x, summaryTop, column, summaryHeight), Qt::TextWordWrap, summaries[i]);
    }
    p.setPen(QColor(0xd0, 0xd0, 0xd0));
    p.drawLine(width / 2, pad, width / 2, legendTop - pad / 2);
    p.setPen(QColor(0x60, 0x60, 0x60));
    p.setFont(textFont);
    p.drawText(QRect(pad, legendTop, width - 2 * pad, textMetrics.height()), Qt::AlignLeft, kLegend);
    p.end();
    return image;
}

void StageCompareView::saveImage()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save the comparison"),
        QDir::home().filePath(QStringLiteral("flowlens-compare.png")), tr("PNG image (*.png)"));
    if (path.isEmpty()) {
        return;
    }
    if (!toImage().save(path, "PNG")) {
        QMessageBox::warning(this, tr("Save failed"), tr("Cannot write %1").arg(QDir::toNativeSeparators(path)));
    }
}

} // namespace flowlens
