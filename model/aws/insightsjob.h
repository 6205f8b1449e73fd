#pragma once

#include "awsworker.h"
#include "insightsrunner.h"
#include "items/plaintable.h"

#include <QObject>

namespace flowlens {

// "Run in CloudWatch" for a window: InsightsRunner on an AwsWorker thread (StartQuery, polling
// GetQueryResults, splitting a full listing; StopQuery when cancelled), progress and the table as
// signals on the job's thread.
class InsightsJob : public QObject {
    Q_OBJECT
public:
    explicit InsightsJob(AwsClientConfig config, QObject* parent = nullptr);
    ~InsightsJob() override;

    void start(const InsightsRequest& request);
    void cancel() { m_worker.cancel(); }
    bool isRunning() const { return m_running; }

    // The answer as an engine-neutral table: Insights' columns, numbers typed.
    static PlainTable toPlainTable(const InsightsTable& table);
    // "Complete · 1,234 rows · scanned 56,789 records, 1.2 MB" for a status line.
    static QString summary(const InsightsTable& table);
    static QString progressText(const InsightsProgress& progress);

Q_SIGNALS:
    void progress(const flowlens::InsightsProgress& progress);
    void finished(const flowlens::InsightsTable& table);

private:
    AwsClientConfig m_config;
    bool m_running = false;
    AwsWorker m_worker;
};

} // namespace flowlens

Q_DECLARE_METATYPE(flowlens::InsightsProgress)
Q_DECLARE_METATYPE(flowlens::InsightsTable)
