#include "awsworker.h"

#include <QCoreApplication>
#include <future>

namespace flowlens {

AwsWorker::AwsWorker(QObject* parent)
    : QObject(parent)
    , m_thread(QThread::create([this] { loop(); }))
{
    m_thread->setObjectName(QStringLiteral("FlowLens AWS"));
    m_thread->start();
}

AwsWorker::~AwsWorker()
{
    cancel();
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_wake.notify_all();
    m_thread->wait();
}

void AwsWorker::loop()
{
    for (;;) {
        std::function<void()> work;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_quit || !m_queue.empty(); });
            if (m_queue.empty()) {
                return; // quitting, and the work queued (cancelled) has run
            }
            m_cancel = m_queue.front().first < m_cancelBelow.load();
            work = std::move(m_queue.front().second);
            m_queue.pop_front();
        }
        work();
        // Replies the clients let go of with deleteLater(): no event loop runs here to delete them.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        --m_pending;
    }
}

void AwsWorker::deliver(QObject* context, std::function<void()> f)
{
    QMetaObject::invokeMethod(
        this,
        [guard = QPointer<QObject>(context), f = std::move(f)] {
            if (guard) {
                f();
            }
        },
        Qt::QueuedConnection);
}

void AwsWorker::cancel()
{
    std::lock_guard lock(m_mutex);
    m_cancelBelow = m_posted;
    m_cancel = true; // the work running, if any, was posted before
}

void AwsWorker::post(std::function<void()> work)
{
    ++m_pending;
    {
        std::lock_guard lock(m_mutex);
        m_queue.emplace_back(m_posted++, std::move(work));
    }
    m_wake.notify_one();
}

void AwsWorker::stop(const std::function<void()>& last)
{
    cancel();
    std::promise<void> done;
    post([&] {
        last();
        done.set_value();
    });
    done.get_future().wait();
}

} // namespace flowlens
