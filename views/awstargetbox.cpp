#include "awstargetbox.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace flowlens {

AwsTargetBox::AwsTargetBox(AwsEnvironment environment, QWidget* parent)
    : QWidget(parent)
    , m_environment(std::move(environment))
    , m_profile(new QComboBox(this))
    , m_region(new QLineEdit(this))
{
    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("&Profile:"), m_profile);
    form->addRow(tr("&Region:"), m_region);
    const AwsConfigResolver resolver(m_environment);
    const QString active = m_environment.value("AWS_PROFILE");
    m_profile->addItem(active.isEmpty() ? tr("(default: environment, then \"default\")")
                                        : tr("(default: AWS_PROFILE = %1)").arg(active),
        QString());
    for (const QString& name : resolver.profileNames()) {
        m_profile->addItem(name, name);
    }
    m_profile->setToolTip(tr("Profiles of the AWS config and credentials files; secrets are never shown or saved"));
    m_region->setPlaceholderText(tr("eu-west-1"));
    connect(m_profile, &QComboBox::currentIndexChanged, this, [this] {
        fillRegion();
        Q_EMIT changed();
    });
    connect(m_region, &QLineEdit::textEdited, this, &AwsTargetBox::changed);
    fillRegion();
}

void AwsTargetBox::fillRegion()
{
    QString source;
    const QString profile = m_profile->currentData().toString();
    const QString region = AwsConfigResolver(m_environment).region(profile, source);
    m_region->setText(region);
    m_region->setToolTip(region.isEmpty() ? tr("No region configured: type one") : tr("From %1").arg(source));
}

AwsResolveOptions AwsTargetBox::options() const
{
    AwsResolveOptions options;
    options.profile = m_profile->currentData().toString();
    options.region = m_region->text().trimmed();
    return options;
}

void AwsTargetBox::setOptions(const AwsResolveOptions& options)
{
    const int index = m_profile->findData(options.profile);
    if (index >= 0) {
        m_profile->setCurrentIndex(index);
    }
    if (!options.region.isEmpty()) {
        m_region->setText(options.region);
    }
}

QStringList AwsTargetBox::splitNames(const QString& text)
{
    QStringList names;
    for (const QString& name : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty()) {
            names << name.trimmed();
        }
    }
    return names;
}

std::optional<AwsClientConfig> AwsTargetBox::resolve(AwsService service, QString& error) const
{
    const AwsResolution resolution = AwsConfigResolver(m_environment).resolve(service, options());
    error = resolution.error;
    return resolution.config;
}

} // namespace flowlens
