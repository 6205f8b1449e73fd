#pragma once

#include "workerpool.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <cstdint>
#include <memory>
#include <type_traits>

namespace flowlens {

// A background computation where only the newest request matters (the overlay of the current
// selection, the comparison of the stages shown). run() starts work() on investigationPool();
// its result reaches apply() on the GUI thread only if no newer run() or cancel() came meanwhile
// and `context` still exists. Older results are dropped, never applied. setPool() moves the work
// to another pool. Never Qt's global pool: long jobs there delay the raster engine's painting.
class LatestJob {
public:
    void setPool(QThreadPool* pool) { m_pool = pool; }
    template <class Work, class Apply> void run(QObject* context, Work work, Apply apply)
    {
        using Result = std::invoke_result_t<Work&>;
        const std::uint64_t generation = ++m_state->requested;
        QThreadPool* pool = m_pool ? m_pool : investigationPool();
        (void)QtConcurrent::run(pool,
            [state = m_state, guard = QPointer<QObject>(context), generation, work = std::move(work),
                apply = std::move(apply), pool]() mutable {
                auto result = std::make_shared<Result>(work());
                QMetaObject::invokeMethod(
                    QCoreApplication::instance(),
                    [state, guard, generation, apply = std::move(apply), result, pool]() mutable {
                        if (!guard || generation != state->requested) {
                            ++state->dropped;
                            // A large result takes a while to free: not on the GUI thread.
                            (void)QtConcurrent::run(pool, [unused = std::move(result)] {});
                            return;
                        }
                        state->done = generation;
                        apply(std::move(*result));
                        // What apply() left of it (it may have copied rather than moved) too.
                        (void)QtConcurrent::run(pool, [unused = std::move(result)] {});
                    },
                    Qt::QueuedConnection);
            });
    }

    // Drops the result of the run in flight, if any.
    void cancel() { m_state->done = ++m_state->requested; }
    // A run was started and its result is not applied yet.
    bool isRunning() const { return m_state->done != m_state->requested; }
    std::uint64_t generation() const { return m_state->requested; }
    // Results that arrived after a newer request and were thrown away (for tests).
    std::uint64_t droppedResults() const { return m_state->dropped; }

private:
    struct State {
        std::uint64_t requested = 0;
        std::uint64_t done = 0;
        std::uint64_t dropped = 0;
    };
    // Shared with the callbacks in flight, so they stay valid after this object is gone.
    std::shared_ptr<State> m_state = std::make_shared<State>();
    QThreadPool* m_pool = nullptr;
};

} // namespace flowlens
