#pragma once

#include "ast.h"
#include "literalconverter.h"
#include "queryerror.h"

#include <QStringList>
#include <QStringView>
#include <optional>
#include <vector>

namespace flowlens::query {

// Checks a parsed query and resolves it in place: names to fields and columns, calls to
// functions and aggregates, literals to the types they meet, a type on every node.
//
// Scope rules, command by command:
// - Before `stats`, a name is a flow-log field in any spelling fieldByAnyName() accepts (srcAddr,
//   srcaddr, `log-status`, logStatus), @message, or a column named by an earlier `fields … as x`
//   (or by an earlier item of the same `fields`). Such a name may not reuse a field's name.
// - `stats` items and `by` keys see that same scope. Its output columns are the `by` keys then the
//   aggregates, each named by its alias, a bare field's Insights name, or its canonical text.
// - After `stats`, only its output columns exist. A key that was a bare field can still be named by
//   any spelling of that field. One `stats` per query.
// - `sort`, `dedup` and `display` take names, not expressions. Only `limit` may follow `dedup`.
class Binder {
public:
    explicit Binder(QStringView text);

    std::optional<QueryError> bind(std::vector<Command>& commands, std::vector<ColumnDef>& columns);
    // A lone condition, as the filter bar holds it, in the before-stats scope.
    std::optional<QueryError> bindCondition(Expr& condition);

private:
    struct Context {
        bool inStatsItem = false; // an aggregate item of stats: fields only inside aggregates
        bool insideAggregate = false;
        bool inGroupBy = false;
        bool periodAllowed = false;
    };

    void bindCommand(Command& command, int index);
    void bindFields(FieldsCommand& command, int index);
    void bindStats(StatsCommand& command, int index);
    void bindNameList(std::vector<Expr>& names);
    void bindCondition(Expr& condition, QStringView command);

    void bindExpr(Expr& e, const Context& ctx);
    void resolveName(Expr& e, const Context& ctx);
    void bindUnary(Expr& e);
    void bindBinary(Expr& e);
    void bindComparison(Expr& e);
    void bindIn(Expr& e);
    void bindLike(Expr& e);
    void bindCall(Expr& e, const Context& ctx);
    void checkCallPlacement(const Expr& e, bool isAggregate, const Context& ctx) const;
    void unifyArguments(Expr& e);

    int defineColumn(
        const QString& name, SourceSpan span, ValueType type, ColumnDef::Origin origin, int command, int item);
    std::optional<int> visibleColumn(QStringView name) const;
    QStringList spellingsInScope() const;

    [[noreturn]] void fail(SourceSpan span, const QString& message) const;
    QString source(const Expr& e) const;
    void require(
        const Expr& arg, std::initializer_list<ValueType> allowed, const QString& who, QStringView needs) const;

    QStringView m_text;
    LiteralConverter m_literals;
    std::vector<ColumnDef>* m_columns = nullptr;
    std::vector<ColumnDef> m_ownColumns;
    std::vector<int> m_visible;
    std::vector<std::optional<FieldId>> m_keyField; // per column: the field a bare stats key names
    bool m_afterStats = false;
    bool m_afterDedup = false;
};

} // namespace flowlens::query
