#pragma once

#include "aws/logeventpuller.h"
#include "awstargetbox.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace flowlens {

class AwsWorker;
class TimeRangeBox;

// What File ▸ Pull from CloudWatch asks for.
struct CloudWatchPullSettings {
    AwsResolveOptions aws;
    PullRequest request; // group, streams, filter pattern, range
    std::shared_ptr<const RecordFormat> format; // null: detect from the events
    bool tail = false; // keep polling after the pull
    int tailSeconds = 30;
};

// File ▸ Pull from CloudWatch…: profile and region, the log groups (DescribeLogGroups, every page,
// by name prefix, listed in the background), optional streams (typed, or picked from
// DescribeLogStreams' list, newest first), a time range, an optional filter
// pattern, the record format (detected or chosen) and whether to keep tailing.
class CloudWatchPullDialog : public QDialog {
    Q_OBJECT
public:
    explicit CloudWatchPullDialog(AwsEnvironment environment, QWidget* parent = nullptr);
    ~CloudWatchPullDialog() override;

    // Valid when the dialog was accepted; the range presets are counted back from now.
    CloudWatchPullSettings settings() const;
    void setSettings(const AwsResolveOptions& aws, const QString& group);

    // Lists the groups whose names start with the prefix box's text.
    void listGroups();
    // Lists the streams of the chosen group, newest last event first (DescribeLogStreams, every
    // page); while that runs, the button stops it. Selecting streams fills the streams box.
    void listStreams();

    AwsTargetBox* target() const { return m_target; }
    QLineEdit* prefixEdit() const { return m_prefix; }
    QPushButton* listButton() const { return m_list; }
    QListWidget* groupList() const { return m_groups; }
    TimeRangeBox* timeRange() const { return m_range; }
    QLineEdit* filterEdit() const { return m_filter; }
    QPushButton* listStreamsButton() const { return m_listStreams; }
    QListWidget* streamList() const { return m_streamList; }
    QLineEdit* streamsEdit() const { return m_streams; }
    QLabel* statusLabel() const { return m_status; }
    QPushButton* pullButton() const { return m_pull; }

private:
    std::shared_ptr<const RecordFormat> chosenFormat(QString& error) const;
    void updateButtons();
    void streamListingDone(bool done);

    AwsTargetBox* m_target;
    QLineEdit* m_prefix;
    QPushButton* m_list;
    QListWidget* m_groups;
    QLineEdit* m_streams;
    QPushButton* m_listStreams;
    QListWidget* m_streamList;
    TimeRangeBox* m_range;
    QLineEdit* m_filter;
    QComboBox* m_format;
    QLineEdit* m_customFormat;
    QCheckBox* m_tail;
    QSpinBox* m_tailSeconds;
    QLabel* m_status;
    QPushButton* m_pull;
    AwsWorker* m_worker;
    int m_listing = 0; // generation of the latest listing
    int m_streamListing = 0; // generation of the latest stream listing
    bool m_listingStreams = false;
};

} // namespace flowlens
