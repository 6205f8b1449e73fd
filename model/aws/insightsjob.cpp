#include "insightsjob.h"

#include <QLocale>

namespace flowlens {

InsightsJob::InsightsJob(AwsClientConfig config, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
{
    qRegisterMetaType<InsightsProgress>();
    qRegisterMetaType<InsightsTable>();
}

InsightsJob::~InsightsJob()
{
    m_worker.stop([] {});
}

void InsightsJob::start(const InsightsRequest& request)
{
    if (m_running) {
        return;
    }
    m_running = true;
    m_worker.post([this, request] {
        AwsJsonClient client(m_config, AwsService::CloudWatchLogs);
        const InsightsTable table = InsightsRunner(client).run(
            request,
            [this](const InsightsProgress& p) {
                m_worker.deliver(this, [this, p] { Q_EMIT progress(p); });
                return true;
            },
            m_worker.cancelFlag());
        m_worker.deliver(this, [this, table] {
            m_running = false;
            Q_EMIT finished(table);
        });
    });
}

PlainTable InsightsJob::toPlainTable(const InsightsTable& table)
{
    PlainTable plain;
    plain.columns = table.columns;
    plain.rows.reserve(table.rows.size());
    for (const QStringList& row : table.rows) {
        QVariantList values;
        values.reserve(table.columns.size());
        for (qsizetype c = 0; c < table.columns.size(); ++c) {
            values.append(PlainTable::typed(row.value(c)));
        }
        plain.rows.push_back(std::move(values));
    }
    return plain;
}

namespace {

QString scanned(const InsightsStatistics& s)
{
    const QLocale locale;
    return QStringLiteral("scanned %1 records, %2")
        .arg(locale.toString(static_cast<qulonglong>(s.recordsScanned)),
            locale.formattedDataSize(static_cast<qint64>(s.bytesScanned)));
}

} // namespace

QString InsightsJob::summary(const InsightsTable& table)
{
    const QLocale locale;
    QString text = QStringLiteral("%1 · %2 rows · %3")
                       .arg(table.cancelled ? QStringLiteral("Cancelled") : table.status,
                           locale.toString(static_cast<qulonglong>(table.rows.size())), scanned(table.statistics));
    if (table.queries > 1) {
        text += QStringLiteral(" · %1 queries").arg(table.queries);
    }
    if (table.truncated) {
        text += QStringLiteral(" · incomplete: ") + table.note;
    }
    if (table.error.isError()) {
        text += QStringLiteral(" · ") + table.error.text();
    }
    return text;
}

QString InsightsJob::progressText(const InsightsProgress& progress)
{
    return QStringLiteral("%1 · query %2 · %3 rows · %4")
        .arg(progress.status.isEmpty() ? QStringLiteral("Starting") : progress.status)
        .arg(progress.queries)
        .arg(QLocale().toString(static_cast<qulonglong>(progress.rows)), scanned(progress.statistics));
}

} // namespace flowlens
