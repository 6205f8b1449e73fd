#include "cloudwatchstatuswidget.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QToolButton>

namespace flowlens {

namespace {

QString utc(std::int64_t ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

CloudWatchStatusWidget::CloudWatchStatusWidget(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_cancel(new QToolButton(this))
    , m_resume(new QToolButton(this))
    , m_tail(new QToolButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    for (QToolButton* b : { m_cancel, m_resume, m_tail }) {
        b->setAutoRaise(true);
        layout->addWidget(b);
    }
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop; the events that arrived stay"));
    m_resume->setText(tr("Resume"));
    m_resume->setToolTip(tr("Continue the pull from the page where it stopped"));
    m_tail->setText(tr("Live tail"));
    m_tail->setCheckable(true);
    m_tail->setToolTip(tr("Poll the log group for new events and append them"));
    connect(m_cancel, &QToolButton::clicked, this, &CloudWatchStatusWidget::cancelRequested);
    connect(m_resume, &QToolButton::clicked, this, &CloudWatchStatusWidget::resumeRequested);
    connect(m_tail, &QToolButton::toggled, this, &CloudWatchStatusWidget::tailToggled);
    m_resume->hide();
    setBusy(false);
    setTailAvailable(false);
    hide();
}

QString CloudWatchStatusWidget::coverage(const PullProgress& total)
{
    const QLocale locale;
    QString text = tr("%1 events").arg(locale.toString(static_cast<qulonglong>(total.events)));
    if (total.latestMs > 0) {
        text += tr(", %1 – %2 UTC covered").arg(utc(total.startMs), utc(std::max(total.startMs, total.latestMs)));
    }
    if (total.errors > 0) {
        text += tr(", %1 malformed").arg(locale.toString(static_cast<qulonglong>(total.errors)));
    }
    return text;
}

void CloudWatchStatusWidget::setBusy(bool busy)
{
    m_cancel->setVisible(busy);
}

void CloudWatchStatusWidget::setTailAvailable(bool available)
{
    m_tail->setVisible(available);
}

QString CloudWatchStatusWidget::text() const
{
    return m_label->text();
}

void CloudWatchStatusWidget::showPullProgress(const QString& group, const PullProgress& total)
{
    show();
    setBusy(true);
    m_resume->hide();
    m_label->setText(tr("Pulling %1: %2").arg(group, coverage(total)));
}

void CloudWatchStatusWidget::showPullFinished(
    const QString& group, const PullResult& result, const PullProgress& total, bool canResume)
{
    show();
    setBusy(false);
    m_resume->setVisible(canResume);
    QString text;
    if (result.cancelled) {
        text = tr("Pull of %1 cancelled; kept %2").arg(group, coverage(total));
    } else if (result.error.isError()) {
        text = tr("Pull of %1 stopped: %2; kept %3").arg(group, result.error.text(), coverage(total));
    } else {
        text = tr("Pulled %1: %2").arg(group, coverage(total));
    }
    if (result.repeatedToken) {
        text += tr(" (the service repeated a page token; stopped there)");
    }
    m_label->setText(text);
    m_label->setToolTip(text);
}

void CloudWatchStatusWidget::showTailProgress(const QString& group, const TailProgress& progress)
{
    show();
    const QLocale locale;
    QString text = tr("Tailing %1: %2 new, %3 events since the tail started")
                       .arg(group, locale.toString(static_cast<qulonglong>(progress.newEvents)),
                           locale.toString(static_cast<qulonglong>(progress.events)));
    if (progress.latestMs > 0) {
        text += tr(", newest %1 UTC").arg(utc(progress.latestMs));
    }
    if (progress.lastError.isError()) {
        text += tr(" — last poll failed: %1").arg(progress.lastError.text());
    }
    m_label->setText(text);
}

void CloudWatchStatusWidget::showTailStopped(const QString& group)
{
    const QSignalBlocker blocker(m_tail);
    m_tail->setChecked(false);
    m_label->setText(tr("Stopped tailing %1").arg(group));
}

void CloudWatchStatusWidget::showQueryProgress(const QString& text)
{
    show();
    setBusy(true);
    m_resume->hide();
    m_label->setText(tr("Logs Insights: %1").arg(text));
}

void CloudWatchStatusWidget::showQueryFinished(const QString& text)
{
    setBusy(false);
    m_label->setText(tr("Logs Insights: %1").arg(text));
    m_label->setToolTip(text);
}

} // namespace flowlens
