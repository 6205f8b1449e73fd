#pragma once

#include "loader.h"

#include <QFuture>
#include <QObject>
#include <QStringList>
#include <atomic>
#include <memory>

namespace flowlens {

// Runs Loader::load on a worker thread for a GUI: progress and the result arrive as queued signals
// on the thread that owns the job; cancel() stops the load and keeps what was read.
class LoadJob : public QObject {
    Q_OBJECT
public:
    explicit LoadJob(FlowStore& store, QObject* parent = nullptr);
    ~LoadJob() override;

    void start(const QStringList& paths, const LoadOptions& options = {});
    void cancel();
    bool isRunning() const { return m_running; }
    // Blocks until the worker has stopped (used when the window closes).
    void wait();

Q_SIGNALS:
    void progress(const flowlens::LoadProgress& progress);
    void finished(const flowlens::LoadReport& report);

private:
    FlowStore& m_store;
    QFuture<void> m_future;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    bool m_running = false;
};

} // namespace flowlens

Q_DECLARE_METATYPE(flowlens::LoadProgress)
Q_DECLARE_METATYPE(flowlens::LoadReport)
