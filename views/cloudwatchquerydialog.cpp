#include "cloudwatchquerydialog.h"

#include "timerangebox.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <tuple>

namespace flowlens {

CloudWatchQueryDialog::CloudWatchQueryDialog(AwsEnvironment environment, const QString& query, QWidget* parent)
    : QDialog(parent)
    , m_target(new AwsTargetBox(std::move(environment), this))
    , m_groups(new QLineEdit(this))
    , m_range(new TimeRangeBox(this))
    , m_query(new QPlainTextEdit(query, this))
    , m_run(nullptr)
{
    setWindowTitle(tr("Run in CloudWatch Logs Insights"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_target);
    auto* form = new QFormLayout;
    m_groups->setPlaceholderText(tr("/vpc/flowlogs (several separated by commas)"));
    form->addRow(tr("Log &groups:"), m_groups);
    form->addRow(tr("&Time range:"), m_range);
    m_query->setTabChangesFocus(true);
    form->addRow(tr("&Query:"), m_query);
    layout->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_run = buttons->addButton(tr("&Run"), QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto update = [this] {
        m_run->setEnabled(!m_groups->text().trimmed().isEmpty() && !m_query->toPlainText().trimmed().isEmpty());
    };
    connect(m_groups, &QLineEdit::textChanged, this, update);
    connect(m_query, &QPlainTextEdit::textChanged, this, update);
    update();
}

QString CloudWatchQueryDialog::queryFor(const QString& filterExpression)
{
    QString query = QStringLiteral("fields @timestamp, @message");
    if (!filterExpression.trimmed().isEmpty()) {
        query += QStringLiteral("\n| filter ") + filterExpression.trimmed();
    }
    return query + QStringLiteral("\n| sort @timestamp asc");
}

void CloudWatchQueryDialog::setTarget(const AwsResolveOptions& aws, const QStringList& groups)
{
    m_target->setOptions(aws);
    m_groups->setText(groups.join(QStringLiteral(", ")));
}

CloudWatchQuerySettings CloudWatchQueryDialog::settings() const
{
    CloudWatchQuerySettings s;
    s.aws = m_target->options();
    s.request.logGroups = AwsTargetBox::splitNames(m_groups->text());
    std::tie(s.request.startMs, s.request.endMs) = m_range->range(QDateTime::currentMSecsSinceEpoch());
    s.request.query = m_query->toPlainText().trimmed();
    return s;
}

} // namespace flowlens
