#pragma once

#include "aws/ec2topologypuller.h"
#include "awstargetbox.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace flowlens {

class AwsWorker;

// File ▸ Pull Topology from AWS…: profile and region, optionally a folder to save the
// describe-*.json in; Pull reads the region's network with the EC2 API in the background and the
// dialog closes with the topology once it is read.
class TopologyPullDialog : public QDialog {
    Q_OBJECT
public:
    explicit TopologyPullDialog(AwsEnvironment environment, QWidget* parent = nullptr);
    ~TopologyPullDialog() override;

    // After accept(): what was read.
    const TopologyPullResult& result() const { return m_result; }
    QString region() const { return m_region; }

    void pull();
    void reject() override; // cancels a pull in progress first

    AwsTargetBox* target() const { return m_target; }
    QLineEdit* folderEdit() const { return m_folder; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* pullButton() const { return m_pull; }

private:
    AwsTargetBox* m_target;
    QLineEdit* m_folder;
    QLabel* m_status;
    QPushButton* m_pull;
    AwsWorker* m_worker;
    TopologyPullResult m_result;
    QString m_region;
    bool m_running = false;
};

} // namespace flowlens
