#include "queryrunner.h"

#include "query/queryevaluator.h"
#include "store/flowstore.h"
#include "workerpool.h"

#include <QLocale>
#include <QPointer>
#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentRun>

namespace flowlens {

namespace {

bool onlyFilters(const query::Query& q)
{
    return std::all_of(q.commands().begin(), q.commands().end(),
        [](const query::Command& c) { return std::holds_alternative<query::FilterCommand>(c); });
}

// Text written as a query rather than a bare condition: it has a pipe or starts with a command.
bool looksLikeQuery(const QString& text)
{
    static const QRegularExpression command(
        QStringLiteral("^\\s*(filter|stats|sort|limit|fields|display|dedup|parse)\\b"),
        QRegularExpression::CaseInsensitiveOption);
    return text.contains(u'|') || command.match(text).hasMatch();
}

} // namespace

BarInput BarInput::classify(const QString& text)
{
    BarInput input;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return input;
    }
    const query::QueryResult condition = query::Query::parseFilter(trimmed);
    if (condition) {
        input.kind = Kind::Filter;
        return input;
    }
    const query::QueryResult full = query::Query::parse(trimmed);
    if (full) {
        input.kind = onlyFilters(full.query()) ? Kind::Filter : Kind::Query;
        return input;
    }
    input.kind = Kind::Invalid;
    input.error = (looksLikeQuery(trimmed) ? full.error() : condition.error()).toString();
    return input;
}

QueryRunner::QueryRunner(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<flowlens::QueryTable>();
}

QueryRunner::~QueryRunner()
{
    m_future.waitForFinished();
}

bool QueryRunner::evaluate(
    const FlowStore& store, const Selection& input, const QString& text, QueryTable& table, QString& error)
{
    const query::QueryResult parsed = query::Query::parse(text.trimmed());
    if (!parsed) {
        error = parsed.error().toString();
        return false;
    }
    const query::QueryOutput output = query::QueryEvaluator(store).run(parsed.query(), input, true);
    table = QueryTable::fromResult(output.table, QueryTable::groupKeyCount(parsed.query(), output.table));
    table.query = text.trimmed();
    const QLocale locale;
    QStringList notes { QStringLiteral("over %1 records of the current filter")
                            .arg(locale.toString(static_cast<qulonglong>(input.count()))) };
    if (table.totalRows >= 0) {
        notes.append(
            QStringLiteral("first %1 of %2 rows")
                .arg(locale.toString(table.rowCount()), locale.toString(static_cast<qlonglong>(table.totalRows))));
    }
    notes += output.warnings;
    table.note = notes.join(QStringLiteral("; "));
    return true;
}

void QueryRunner::run(std::shared_ptr<const FlowStore> store, const Selection& input, const QString& text)
{
    if (m_running) {
        Q_EMIT cancelled();
    }
    const std::uint64_t generation = ++m_generation;
    m_running = true;
    Q_EMIT started(text);
    QPointer<QueryRunner> self(this);
    m_future = QtConcurrent::run(investigationPool(), [self, store = std::move(store), input, text, generation] {
        QueryTable table;
        QString error;
        const bool ok = evaluate(*store, input, text, table, error);
        if (!self) {
            return;
        }
        QMetaObject::invokeMethod(
            self.data(),
            [self, ok, table = std::move(table), error, generation] {
                if (!self || generation != self->m_generation) {
                    return; // cancelled, or a newer query runs
                }
                self->m_running = false;
                if (ok) {
                    Q_EMIT self->finished(table);
                } else {
                    Q_EMIT self->failed(error);
                }
            },
            Qt::QueuedConnection);
    });
}

void QueryRunner::cancel()
{
    if (!m_running) {
        return;
    }
    ++m_generation;
    m_running = false;
    Q_EMIT cancelled();
}

} // namespace flowlens
