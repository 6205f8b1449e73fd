#pragma once

#include "ingest/loader.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace flowlens {

// Status-bar progress of a load: bytes read, records and records per second, errors, and Cancel.
class LoadProgressWidget : public QWidget {
    Q_OBJECT
public:
    explicit LoadProgressWidget(QWidget* parent = nullptr);

    void showProgress(const LoadProgress& progress);
    void showFinished();

Q_SIGNALS:
    void cancelRequested();

private:
    QProgressBar* m_bar;
    QLabel* m_label;
    QToolButton* m_cancel;
};

} // namespace flowlens
