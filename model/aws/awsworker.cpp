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
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_cancel = true;
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
            work = std::move(m_queue.front());
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

void AwsWorker::post(std::function<void()> work)
{
    // A cancel applies to the work running or queued when it was asked for, not to work posted later.
    if (m_pending.load() == 0) {
        m_cancel = false;
    }
    ++m_pending;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(work));
    }
    m_wake.notify_one();
}

void AwsWorker::stop(const std::function<void()>& last)
{
    m_cancel = true;
    std::promise<void> done;
    ++m_pending;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back([&] {
            last();
            done.set_value();
        });
    }
    m_wake.notify_one();
    done.get_future().wait();
}

} // namespace flowlens
