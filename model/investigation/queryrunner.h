#pragma once

#include "items/querytable.h"
#include "store/selection.h"

#include <QFuture>
#include <QObject>
#include <memory>

namespace flowlens {

class FlowStore;

// What the filter bar's text is: a condition (or a query of `filter` commands only) that becomes
// the filter, or a query with stats/sort/limit/fields… whose answer is a table; else the error,
// positioned in the text.
struct BarInput {
    enum class Kind { Empty, Filter, Query, Invalid };
    Kind kind = Kind::Empty;
    QString error; // Invalid: "line 1, column 8: …"

    static BarInput classify(const QString& text);
};

// Runs a full query over a selection on a worker thread and hands back its table. A newer run or
// cancel() abandons the one in flight: its answer is dropped when it arrives and `cancelled` is
// announced at once, so the window is free again immediately (the engine itself cannot be stopped
// mid-query; the abandoned worker finishes on its own).
class QueryRunner : public QObject {
    Q_OBJECT
public:
    explicit QueryRunner(QObject* parent = nullptr);
    ~QueryRunner() override;

    void run(std::shared_ptr<const FlowStore> store, const Selection& input, const QString& text);
    void cancel();
    bool isRunning() const { return m_running; }

    // The worker's body, synchronous: the table, or false and the error.
    static bool evaluate(
        const FlowStore& store, const Selection& input, const QString& text, QueryTable& table, QString& error);

Q_SIGNALS:
    void started(const QString& text);
    void finished(const flowlens::QueryTable& table);
    void failed(const QString& error);
    void cancelled();

private:
    QFuture<void> m_future;
    std::uint64_t m_generation = 0;
    bool m_running = false;
};

} // namespace flowlens
