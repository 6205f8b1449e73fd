#pragma once

#include "aws/awsconfigresolver.h"

#include <QWidget>

class QComboBox;
class QLineEdit;

namespace flowlens {

// Profile and region for an AWS dialog: the profiles of ~/.aws/config and ~/.aws/credentials (or
// the files the environment names), the region the profile (or AWS_REGION) gives, editable.
class AwsTargetBox : public QWidget {
    Q_OBJECT
public:
    explicit AwsTargetBox(AwsEnvironment environment, QWidget* parent = nullptr);

    AwsResolveOptions options() const; // empty profile: the default chain (environment, then "default")
    void setOptions(const AwsResolveOptions& options);
    // Credentials, region and endpoint for the service; nullopt with the reason in `error`.
    std::optional<AwsClientConfig> resolve(AwsService service, QString& error) const;
    const AwsEnvironment& environment() const { return m_environment; }

    // "a, b,,c " → {a, b, c}: the lists of names the dialogs take (groups, streams).
    static QStringList splitNames(const QString& text);

    QComboBox* profileBox() const { return m_profile; }
    QLineEdit* regionEdit() const { return m_region; }

Q_SIGNALS:
    void changed();

private:
    void fillRegion();

    AwsEnvironment m_environment;
    QComboBox* m_profile;
    QLineEdit* m_region;
};

} // namespace flowlens
