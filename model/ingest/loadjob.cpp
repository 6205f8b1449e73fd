#include "loadjob.h"

#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace flowlens {

LoadJob::LoadJob(FlowStore& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    qRegisterMetaType<LoadProgress>();
    qRegisterMetaType<LoadReport>();
}

LoadJob::~LoadJob()
{
    cancel();
    wait();
}

void LoadJob::start(const QStringList& paths, const LoadOptions& options)
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    QPointer<LoadJob> self(this);
    auto cancelFlag = m_cancel;
    FlowStore& store = m_store;
    m_future = QtConcurrent::run([self, cancelFlag, &store, paths, options] {
        const LoadReport report = Loader::load(store, paths, options, [self, cancelFlag](const LoadProgress& p) {
            if (self) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, p] {
                        if (self) {
                            Q_EMIT self->progress(p);
                        }
                    },
                    Qt::QueuedConnection);
            }
            return !cancelFlag->load();
        });
        if (self) {
            QMetaObject::invokeMethod(
                self.data(),
                [self, report] {
                    if (self) {
                        self->m_running = false;
                        Q_EMIT self->finished(report);
                    }
                },
                Qt::QueuedConnection);
        }
    });
}

void LoadJob::cancel()
{
    if (m_cancel) {
        m_cancel->store(true);
    }
}

void LoadJob::wait()
{
    m_future.waitForFinished();
}

} // namespace flowlens
