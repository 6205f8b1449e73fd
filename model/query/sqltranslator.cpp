#include "sqltranslator.h"

#include "sqlexpressionwriter.h"

#include <QStringList>
#include <array>

namespace flowlens::query {

using namespace Qt::StringLiterals;

namespace {

using P = SqlText::Precedence;

constexpr std::array<FieldId, 29> kDocumentedFields { {
    FieldId::Version,
    FieldId::AccountId,
    FieldId::InterfaceId,
    FieldId::SrcAddr,
    FieldId::DstAddr,
    FieldId::SrcPort,
    FieldId::DstPort,
    FieldId::Protocol,
    FieldId::Packets,
    FieldId::Bytes,
    FieldId::Start,
    FieldId::End,
    FieldId::Action,
    FieldId::LogStatus,
    FieldId::VpcId,
    FieldId::SubnetId,
    FieldId::InstanceId,
    FieldId::TcpFlags,
    FieldId::Type,
    FieldId::PktSrcAddr,
    FieldId::PktDstAddr,
    FieldId::Region,
    FieldId::AzId,
    FieldId::SublocationType,
    FieldId::SublocationId,
    FieldId::PktSrcAwsService,
    FieldId::PktDstAwsService,
    FieldId::FlowDirection,
    FieldId::TrafficPath,
} };

const QString kRowNumber = u"flowlens_row"_s;

struct SortItem {
    const Expr* key = nullptr;
    SortOrder order = SortOrder::Ascending;
    bool explicitOrder = false;
};

// One SELECT block; commands fill it until SQL's clause order forces a new block around it.
struct Level {
    QString from;
    QStringList where;
    bool grouped = false;
    QStringList groupBy;
    QStringList having;
    std::vector<int> statsColumns; // keys then aggregates
    std::vector<int> derived; // columns `fields … as x` defined here
    std::vector<SortItem> sort;
    std::optional<std::int64_t> limit;
    QString window; // the row_number() item of a dedup
};

QString indent(const QString& text)
{
    QStringList lines = text.split(u'\n');
    for (QString& line : lines) {
        line.prepend(u"    "_s);
    }
    return lines.join(u'\n');
}

class Builder {
public:
    Builder(const Query& query, const AthenaOptions& options)
        : m_query(query)
        , m_writer(query.text(), [this](int column) { return columnRef(column); })
        , m_columnLevel(query.columns().size(), -1)
        , m_columnSql(query.columns().size())
    {
        m_current.from = options.table;
    }

    QString build()
    {
        for (const Command& command : m_query.commands()) {
            add(command);
        }
        std::vector<int> selected;
        const QStringList select = finalSelect(selected);
        return render(m_current, select, selected);
    }

private:
    const ColumnDef& def(int column) const { return m_query.columns()[column]; }
    QString sql(const Expr& e) const { return m_writer.write(e).text; }

    SqlText columnRef(int column) const
    {
        if (m_columnLevel[column] < m_level) {
            return { SqlExpressionWriter::identifier(def(column).name), P::Primary };
        }
        return m_columnSql[column];
    }

    void define(int column, const Expr& e)
    {
        m_columnSql[column] = m_writer.write(e);
        m_columnLevel[column] = m_level;
    }

    void add(const Command& command)
    {
        if (const auto* filter = std::get_if<FilterCommand>(&command)) {
            if (m_current.limit) {
                wrap();
            }
            const QString condition = m_writer.write(filter->condition).at(P::And);
            (m_current.grouped ? m_current.having : m_current.where).append(condition);
        } else if (const auto* fields = std::get_if<FieldsCommand>(&command)) {
            for (const Projection& item : fields->items) {
                if (item.column >= 0) {
                    define(item.column, item.expr);
                    m_current.derived.push_back(item.column);
                }
                m_fieldsItems.push_back({ &item, m_hasStats });
            }
        } else if (const auto* display = std::get_if<DisplayCommand>(&command)) {
            m_display = display;
        } else if (const auto* stats = std::get_if<StatsCommand>(&command)) {
            addStats(*stats);
        } else if (const auto* sort = std::get_if<SortCommand>(&command)) {
            if (m_current.limit) {
                wrap();
            }
            m_current.sort.clear();
            for (const SortKey& key : sort->keys) {
                m_current.sort.push_back({ &key.expr, key.order, key.explicitOrder });
            }
        } else if (const auto* limit = std::get_if<LimitCommand>(&command)) {
            m_current.limit = m_current.limit ? std::min(*m_current.limit, limit->count) : limit->count;
        } else if (const auto* dedup = std::get_if<DedupCommand>(&command)) {
            addDedup(*dedup);
        }
    }

    void addStats(const StatsCommand& stats)
    {
        if (m_current.limit) {
            wrap();
        }
        // Order before aggregation does not survive it, and `fields` columns end with it.
        m_current.sort.clear();
        m_current.derived.clear();
        for (const Projection& key : stats.groupBy) {
            define(key.column, key.expr);
            m_current.groupBy.append(m_columnSql[key.column].text);
            m_current.statsColumns.push_back(key.column);
        }
        for (const Projection& item : stats.aggregates) {
            define(item.column, item.expr);
            m_current.statsColumns.push_back(item.column);
        }
        m_current.grouped = true;
        m_hasStats = true;
    }

    void addDedup(const DedupCommand& dedup)
    {
        if (m_current.limit) {
            wrap();
        }
        QStringList keys;
        for (const Expr& key : dedup.keys) {
            keys.append(sql(key));
        }
        QString order = orderBy(m_current, {});
        if (order.isEmpty() && !m_hasStats) {
            order = u"start DESC"_s; // Insights keeps the latest event when nothing is sorted
        }
        m_current.window = u"row_number() OVER (PARTITION BY "_s + keys.join(u", "_s)
            + (order.isEmpty() ? QString() : u" ORDER BY "_s + order) + u") AS "_s
            + SqlExpressionWriter::identifier(kRowNumber);
        const std::vector<SortItem> sort = m_current.sort;
        m_current.sort.clear();
        wrap();
        // Rows with a NULL key are never duplicates of each other.
        QStringList keep { SqlExpressionWriter::identifier(kRowNumber) + u" = 1"_s };
        for (const Expr& key : dedup.keys) {
            keep.append(m_writer.write(key).at(P::Comparison + 1) + u" IS NULL"_s);
        }
        m_current.where.append(u'(' + keep.join(u" OR "_s) + u')');
        m_current.sort = sort;
        m_dedup = true;
    }

    void wrap()
    {
        QStringList select;
        if (m_current.grouped) {
            for (int column : m_current.statsColumns) {
                select.append(selectItem(column));
            }
        } else {
            select.append(u"*"_s);
        }
        for (int column : m_current.derived) {
            select.append(selectItem(column));
        }
        if (!m_current.window.isEmpty()) {
            select.append(m_current.window);
        }
        const QString inner = render(m_current, select, m_current.statsColumns);
        Level next;
        next.from = u"(\n"_s + indent(inner) + u"\n) AS t"_s + QString::number(++m_level);
        // A subquery's order is lost outside it; keep sorting the way the query asked.
        next.sort = m_current.sort;
        m_current = next;
    }

    QString selectItem(int column) const
    {
        const QString ref = columnRef(column).text;
        const QString alias = SqlExpressionWriter::identifier(def(column).name);
        return ref == alias ? ref : ref + u" AS "_s + alias;
    }

    QString fieldItem(const Expr& e) const
    {
        if (e.kind == ExprKind::Column) {
            return selectItem(e.column);
        }
        const QString ref = sql(e);
        const QString alias = SqlExpressionWriter::identifier(
            e.kind == ExprKind::Field ? QString::fromUtf8(fieldInfo(e.field).insightsName) : e.name);
        return ref + u" AS "_s + alias;
    }

    QStringList finalSelect(std::vector<int>& selected) const
    {
        QStringList select;
        auto addColumn = [&](int column) {
            select.append(selectItem(column));
            selected.push_back(column);
        };
        if (m_display) {
            for (const Expr& name : m_display->names) {
                select.append(fieldItem(name));
                if (name.kind == ExprKind::Column) {
                    selected.push_back(name.column);
                }
            }
            return select;
        }
        if (m_hasStats) {
            for (int c = 0; c < int(m_query.columns().size()); ++c) {
                if (m_columnLevel[c] >= 0 && isAfterStats(c)) {
                    addColumn(c);
                }
            }
            return select;
        }
        for (const auto& [item, afterStats] : m_fieldsItems) {
            const QString text = item->column >= 0 ? selectItem(item->column) : fieldItem(item->expr);
            if (!select.contains(text)) {
                select.append(text);
                if (item->column >= 0) {
                    selected.push_back(item->column);
                }
            }
        }
        if (select.isEmpty() && m_dedup) {
            // Not `*`: that would show the row number the dedup added.
            for (FieldId id : kDocumentedFields) {
                select.append(SqlExpressionWriter::column(id));
            }
        }
        if (select.isEmpty()) {
            select.append(u"*"_s);
        }
        return select;
    }

    // Stats outputs and the `fields` columns that follow them.
    bool isAfterStats(int column) const
    {
        if (def(column).origin != ColumnDef::Origin::Fields) {
            return true;
        }
        for (const auto& [item, afterStats] : m_fieldsItems) {
            if (item->column == column) {
                return afterStats;
            }
        }
        return false;
    }

    QString orderBy(const Level& level, const std::vector<int>& selected) const
    {
        QStringList keys;
        for (const SortItem& item : level.sort) {
            const Expr& key = *item.key;
            QString text;
            const bool aliased = key.kind == ExprKind::Column && m_columnLevel[key.column] == m_level
                && std::find(selected.begin(), selected.end(), key.column) != selected.end();
            text = aliased ? SqlExpressionWriter::identifier(def(key.column).name) : sql(key);
            if (item.explicitOrder || item.order == SortOrder::Descending) {
                text += item.order == SortOrder::Descending ? u" DESC"_s : u" ASC"_s;
            }
            keys.append(text);
        }
        return keys.join(u", "_s);
    }

    QString render(const Level& level, const QStringList& select, const std::vector<int>& selected) const
    {
        QString out = u"SELECT "_s + select.join(u", "_s) + u"\nFROM "_s + level.from;
        if (!level.where.isEmpty()) {
            out += u"\nWHERE "_s + level.where.join(u" AND "_s);
        }
        if (!level.groupBy.isEmpty()) {
            out += u"\nGROUP BY "_s + level.groupBy.join(u", "_s);
        }
        if (!level.having.isEmpty()) {
            out += u"\nHAVING "_s + level.having.join(u" AND "_s);
        }
        const QString order = orderBy(level, selected);
        if (!order.isEmpty()) {
            out += u"\nORDER BY "_s + order;
        }
        if (level.limit) {
            out += u"\nLIMIT "_s + QString::number(*level.limit);
        }
        return out;
    }

    const Query& m_query;
    SqlExpressionWriter m_writer;
    std::vector<int> m_columnLevel; // the level a column is defined at, -1 before
    std::vector<SqlText> m_columnSql; // its SQL expression there
    int m_level = 0;
    Level m_current;
    bool m_hasStats = false;
    bool m_dedup = false;
    const DisplayCommand* m_display = nullptr;
    std::vector<std::pair<const Projection*, bool>> m_fieldsItems; // with "after stats"
};

QString hiveType(FieldId id)
{
    switch (id) {
    case FieldId::Version:
    case FieldId::SrcPort:
    case FieldId::DstPort:
    case FieldId::TcpFlags:
    case FieldId::TrafficPath:
        return u"int"_s;
    default:
        return fieldInfo(id).kind == FieldKind::Integer ? u"bigint"_s : u"string"_s;
    }
}

} // namespace

SqlResult SqlTranslator::translate(const Query& query, const AthenaOptions& options)
{
    SqlResult result;
    try {
        result.sql = Builder(query, options).build();
    } catch (const QueryError& error) {
        result.error = error;
    }
    return result;
}

std::span<const FieldId> SqlTranslator::documentedFields()
{
    return kDocumentedFields;
}

QString SqlTranslator::createTable(
    const QString& location, const AthenaOptions& options, std::span<const FieldId> fields)
{
    if (fields.empty()) {
        fields = kDocumentedFields;
    }
    QStringList columns;
    for (FieldId id : fields) {
        QString name = QString::fromUtf8(fieldInfo(id).awsName).replace(u'-', u'_');
        if (name == u"end") {
            name = u"`end`"_s; // reserved in Hive DDL
        }
        columns.append(u"  "_s + name + u' ' + hiveType(id));
    }
    return u"CREATE EXTERNAL TABLE IF NOT EXISTS `"_s + options.table + u"` (\n"_s + columns.join(u",\n"_s)
        + u"\n)\nPARTITIONED BY (`date` date)\nROW FORMAT DELIMITED\nFIELDS TERMINATED BY ' '\nLOCATION "_s
        + SqlExpressionWriter::string(location) + u"\nTBLPROPERTIES (\"skip.header.line.count\"=\"1\");"_s;
}

} // namespace flowlens::query
