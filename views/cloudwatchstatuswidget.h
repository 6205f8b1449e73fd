#pragma once

#include "aws/logtail.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace flowlens {

// Status-bar line of the CloudWatch work: a pull's events and the time it covers, a live tail's
// polls, a Logs Insights query's progress; Cancel, Resume (after a pull stopped early) and the
// Live tail toggle.
class CloudWatchStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit CloudWatchStatusWidget(QWidget* parent = nullptr);

    void showPullProgress(const QString& group, const PullProgress& total);
    void showPullFinished(const QString& group, const PullResult& result, const PullProgress& total, bool canResume);
    void showTailProgress(const QString& group, const TailProgress& progress);
    void showTailStopped(const QString& group);
    void showQueryProgress(const QString& text);
    void showQueryFinished(const QString& text);
    void setTailAvailable(bool available);

    QString text() const;
    QToolButton* cancelButton() const { return m_cancel; }
    QToolButton* resumeButton() const { return m_resume; }
    QToolButton* tailButton() const { return m_tail; }

    // "12,345 events, 10:00:00–10:42:17 UTC covered"
    static QString coverage(const PullProgress& total);

Q_SIGNALS:
    void cancelRequested();
    void resumeRequested();
    void tailToggled(bool on);

private:
    void setBusy(bool busy);

    QLabel* m_label;
    QToolButton* m_cancel;
    QToolButton* m_resume;
    QToolButton* m_tail;
};

} // namespace flowlens
