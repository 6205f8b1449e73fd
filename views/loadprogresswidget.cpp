#include "loadprogresswidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace flowlens {

LoadProgressWidget::LoadProgressWidget(QWidget* parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_label(new QLabel(this))
    , m_cancel(new QToolButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_bar->setRange(0, 1000);
    m_bar->setMaximumWidth(180);
    m_bar->setTextVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop loading; the records read so far are kept (Esc)"));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    connect(m_cancel, &QToolButton::clicked, this, &LoadProgressWidget::cancelRequested);
    hide();
}

void LoadProgressWidget::showProgress(const LoadProgress& p)
{
    show();
    const QLocale locale;
    m_bar->setValue(p.bytesTotal > 0 ? static_cast<int>(1000.0 * double(p.bytesRead) / double(p.bytesTotal)) : 0);
    const double rate = p.seconds > 0 ? double(p.records) / p.seconds : 0;
    QString text = tr("Loading %1 of %2 files: %3 records (%4/s)")
                       .arg(p.sourcesDone)
                       .arg(p.sourcesTotal)
                       .arg(locale.toString(static_cast<qulonglong>(p.records)))
                       .arg(locale.toString(static_cast<qulonglong>(rate)));
    if (p.errors > 0) {
        text += tr(", %n malformed line(s)", nullptr, static_cast<int>(std::min<std::uint64_t>(p.errors, INT32_MAX)));
    }
    m_label->setText(text);
}

void LoadProgressWidget::showFinished()
{
    hide();
}

} // namespace flowlens
