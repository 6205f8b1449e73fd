#pragma once

#include "chartexport.h"

#include <QDialog>

class QLineEdit;
class QSpinBox;

namespace flowlens {

// Asks where to export a chart and at what size and resolution.
class ChartExportDialog : public QDialog {
    Q_OBJECT
public:
    ChartExportDialog(const QString& suggestedPath, const ChartExportOptions& options, QWidget* parent = nullptr);

    QString path() const;
    ChartExportOptions options() const;

private:
    ChartExportOptions m_options;
    QLineEdit* m_path;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QSpinBox* m_dpi;
};

} // namespace flowlens
