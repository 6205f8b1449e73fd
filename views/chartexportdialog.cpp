#include "chartexportdialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace flowlens {

ChartExportDialog::ChartExportDialog(const QString& suggestedPath, const ChartExportOptions& options, QWidget* parent)
    : QDialog(parent)
    , m_options(options)
    , m_path(new QLineEdit(suggestedPath, this))
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_dpi(new QSpinBox(this))
{
    setWindowTitle(tr("Export chart"));
    auto* form = new QFormLayout(this);
    auto* pathRow = new QHBoxLayout;
    auto* browse = new QPushButton(tr("Browse…"), this);
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_path->setToolTip(tr("The file: .png, .svg or .pdf"));
    form->addRow(tr("File:"), pathRow);
    for (QSpinBox* box : { m_width, m_height }) {
        box->setRange(100, 20000);
        box->setSuffix(tr(" px"));
    }
    m_width->setValue(options.size.width());
    m_height->setValue(options.size.height());
    m_width->setToolTip(tr("Width of the image in pixels"));
    m_height->setToolTip(tr("Height of the image in pixels"));
    m_dpi->setRange(24, 1200);
    m_dpi->setValue(options.dpi);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(tr("Resolution: at 192 dpi text is twice as many pixels tall as at 96 dpi"));
    form->addRow(tr("Width:"), m_width);
    form->addRow(tr("Height:"), m_height);
    form->addRow(tr("Resolution:"), m_dpi);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), m_path->text(),
            tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
        if (!path.isEmpty()) {
            m_path->setText(path);
        }
    });
}

QString ChartExportDialog::path() const
{
    return m_path->text();
}

ChartExportOptions ChartExportDialog::options() const
{
    ChartExportOptions o = m_options;
    o.size = QSize(m_width->value(), m_height->value());
    o.dpi = m_dpi->value();
    return o;
}

} // namespace flowlens
