#pragma once

#include <QObject>
#include <QPointer>
#include <QThread>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace flowlens {

// A thread of its own for the blocking AWS calls of a window or a dialog (AwsJsonClient waits in a
// local event loop): work runs there one piece at a time in the order posted, and what it creates
// (clients and their network managers) lives there. The work waits in a queue of its own, not in
// the thread's event queue, so a call's local event loop never starts the next piece early.
// The destructor cancels and waits.
class AwsWorker : public QObject {
    Q_OBJECT
public:
    explicit AwsWorker(QObject* parent = nullptr);
    ~AwsWorker() override;

    void post(std::function<void()> work);
    // Runs work on the thread, then done(result) on this object's thread, unless `context` has been
    // destroyed meanwhile.
    template <class Result>
    void run(std::function<Result()> work, QObject* context, std::function<void(const Result&)> done)
    {
        post([this, work = std::move(work), context, done = std::move(done)] {
            auto result = std::make_shared<Result>(work());
            deliver(context, [done, result] { done(*result); });
        });
    }
    // From the work: runs f on this object's thread, unless `context` has been destroyed by then.
    void deliver(QObject* context, std::function<void()> f);

    // The flag the running work watches (pass it to AwsJsonClient::call). cancel() cancels the work
    // running and the work queued; work posted after it runs normally.
    const std::atomic<bool>* cancelFlag() const { return &m_cancel; }
    void cancel();
    // Cancels, waits for the work queued, then runs `last` on the thread (to destroy what lives there).
    void stop(const std::function<void()>& last);
    bool isBusy() const { return m_pending.load() > 0; }

private:
    void loop(); // the thread's body

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::pair<std::uint64_t, std::function<void()>>> m_queue; // by number
    std::uint64_t m_posted = 0; // numbers given so far (guarded by m_mutex)
    std::atomic<std::uint64_t> m_cancelBelow { 0 }; // work numbered below this is cancelled
    bool m_quit = false;
    std::atomic<bool> m_cancel { false };
    std::atomic<int> m_pending { 0 };
    std::unique_ptr<QThread> m_thread;
};

} // namespace flowlens
