#pragma once

#include "aws/insightsrunner.h"
#include "awstargetbox.h"

#include <QDialog>

class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace flowlens {

class TimeRangeBox;

struct CloudWatchQuerySettings {
    AwsResolveOptions aws;
    InsightsRequest request;
};

// Query ▸ Run in CloudWatch…: the query (the current filter as a Logs Insights query, editable),
// the log groups and the time range to run it over with Logs Insights.
class CloudWatchQueryDialog : public QDialog {
    Q_OBJECT
public:
    CloudWatchQueryDialog(AwsEnvironment environment, const QString& query, QWidget* parent = nullptr);

    void setTarget(const AwsResolveOptions& aws, const QStringList& groups);
    CloudWatchQuerySettings settings() const;

    // The Logs Insights query for a filter expression ("" → every record).
    static QString queryFor(const QString& filterExpression);

    AwsTargetBox* target() const { return m_target; }
    QLineEdit* groupsEdit() const { return m_groups; }
    TimeRangeBox* timeRange() const { return m_range; }
    QPlainTextEdit* queryEdit() const { return m_query; }
    QPushButton* runButton() const { return m_run; }

private:
    AwsTargetBox* m_target;
    QLineEdit* m_groups;
    TimeRangeBox* m_range;
    QPlainTextEdit* m_query;
    QPushButton* m_run;
};

} // namespace flowlens
