#include "stagecomparedialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace flowlens {

StageCompareDialog::StageCompareDialog(
    bool loaded, std::optional<std::pair<std::int64_t, std::int64_t>> data, QWidget* parent)
    : QDialog(parent)
    , m_useLoaded(new QCheckBox(tr("The topology shown in the Topology pane"), this))
    , m_filter(new QCheckBox(tr("Apply the current filter to both"), this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Compare Topology Snapshots"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("Two snapshots of the same network, before and after a change: folders of `aws ec2 describe-*` JSON."),
        this));
    const QDateTime first = QDateTime::fromSecsSinceEpoch(data ? data->first : 0, Qt::UTC);
    const QDateTime last = QDateTime::fromSecsSinceEpoch(data ? data->second : 0, Qt::UTC);
    for (std::size_t i = 0; i < 2; ++i) {
        auto* box = new QGroupBox(i == 0 ? tr("Before") : tr("After"), this);
        auto* grid = new QGridLayout(box);
        int row = 0;
        if (i == 0) {
            grid->addWidget(m_useLoaded, row++, 0, 1, 4);
        }
        m_folders[i] = new QLineEdit(box);
        m_folders[i]->setPlaceholderText(tr("Folder of describe-*.json"));
        auto* browse = new QPushButton(tr("Browse…"), box);
        connect(browse, &QPushButton::clicked, this, [this, i] {
            const QString path = QFileDialog::getExistingDirectory(this, tr("A folder of describe-* JSON"),
                m_folders[i]->text().isEmpty() ? m_folders[1 - i]->text() : m_folders[i]->text());
            if (!path.isEmpty()) {
                m_folders[i]->setText(QDir::toNativeSeparators(path));
            }
        });
        grid->addWidget(new QLabel(tr("Folder:"), box), row, 0);
        grid->addWidget(m_folders[i], row, 1, 1, 2);
        grid->addWidget(browse, row++, 3);
        m_limit[i] = new QCheckBox(tr("Only records starting from"), box);
        m_from[i] = new QDateTimeEdit(first, box);
        m_to[i] = new QDateTimeEdit(last, box);
        for (QDateTimeEdit* edit : { m_from[i], m_to[i] }) {
            edit->setTimeSpec(Qt::UTC);
            edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
            edit->setEnabled(false);
            connect(m_limit[i], &QCheckBox::toggled, edit, &QWidget::setEnabled);
        }
        grid->addWidget(m_limit[i], row, 0);
        grid->addWidget(m_from[i], row, 1);
        grid->addWidget(m_to[i], row, 2);
        grid->addWidget(new QLabel(tr("UTC (to: exclusive)"), box), row, 3);
        layout->addWidget(box);
    }
    m_useLoaded->setEnabled(loaded);
    m_useLoaded->setChecked(loaded);
    m_folders[0]->setEnabled(!loaded);
    connect(m_useLoaded, &QCheckBox::toggled, m_folders[0], [this](bool on) { m_folders[0]->setEnabled(!on); });
    m_filter->setToolTip(tr("Only the records the filter bar and panes select; off: every record"));
    layout->addWidget(m_filter);
    m_error->setStyleSheet(QStringLiteral("color: #b02020"));
    layout->addWidget(m_error);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Compare"));
    connect(buttons, &QDialogButtonBox::accepted, this, &StageCompareDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

StageCompareDialog::Side StageCompareDialog::side(int index) const
{
    const auto i = static_cast<std::size_t>(index);
    Side side;
    if (!(i == 0 && m_useLoaded->isChecked())) {
        side.folder = QDir::fromNativeSeparators(m_folders[i]->text().trimmed());
    }
    if (m_limit[i]->isChecked()) {
        side.timeRange
            = std::make_pair(m_from[i]->dateTime().toSecsSinceEpoch(), m_to[i]->dateTime().toSecsSinceEpoch());
    }
    return side;
}

bool StageCompareDialog::applyFilter() const
{
    return m_filter->isChecked();
}

QString StageCompareDialog::problem() const
{
    for (int i = 0; i < 2; ++i) {
        const Side s = side(i);
        const QString name = i == 0 ? tr("Before") : tr("After");
        if (!(i == 0 && m_useLoaded->isChecked())) {
            if (s.folder.isEmpty()) {
                return tr("%1: choose a folder of describe-* JSON").arg(name);
            }
            if (!QFileInfo::exists(s.folder)) {
                return tr("%1: %2 does not exist").arg(name, QDir::toNativeSeparators(s.folder));
            }
        }
        if (s.timeRange && s.timeRange->second <= s.timeRange->first) {
            return tr("%1: the time range ends before it starts").arg(name);
        }
    }
    return QString();
}

void StageCompareDialog::accept()
{
    const QString why = problem();
    m_error->setText(why);
    if (why.isEmpty()) {
        QDialog::accept();
    }
}

} // namespace flowlens
