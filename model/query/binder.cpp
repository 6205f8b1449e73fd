#include "binder.h"

#include "functioncatalog.h"
#include "insightsprinter.h"
#include "spelling.h"

#include <QRegularExpression>

namespace flowlens::query {

using namespace Qt::StringLiterals;

namespace {

using VT = ValueType;

bool isNumeric(ValueType t)
{
    return t == VT::Integer || t == VT::Float;
}

bool containsAggregate(const Expr& e)
{
    if (e.kind == ExprKind::Aggregate) {
        return true;
    }
    for (const Expr& arg : e.args) {
        if (containsAggregate(arg)) {
            return true;
        }
    }
    return false;
}

bool isNameLike(const Expr& e)
{
    return e.kind == ExprKind::Field || e.kind == ExprKind::Column || e.kind == ExprKind::Message;
}

SourceSpan commandSpan(const Command& command)
{
    return std::visit([](const auto& c) { return c.span; }, command);
}

} // namespace

Binder::Binder(QStringView text)
    : m_text(text)
    , m_literals(text)
{
}

void Binder::fail(SourceSpan span, const QString& message) const
{
    throw QueryError(m_text, span, message);
}

QString Binder::source(const Expr& e) const
{
    return u'`' + m_text.sliced(e.span.offset, e.span.length) + u'`';
}

void Binder::require(
    const Expr& arg, std::initializer_list<ValueType> allowed, const QString& who, QStringView needs) const
{
    for (ValueType t : allowed) {
        if (arg.type == t) {
            return;
        }
    }
    fail(arg.span, who + u" needs "_s + needs + u"; "_s + source(arg) + u" is "_s + typePhraseOf(arg.type));
}

std::optional<QueryError> Binder::bind(std::vector<Command>& commands, std::vector<ColumnDef>& columns)
{
    m_columns = &columns;
    columns.clear();
    try {
        for (std::size_t i = 0; i < commands.size(); ++i) {
            bindCommand(commands[i], static_cast<int>(i));
        }
    } catch (const QueryError& error) {
        columns.clear();
        return error;
    }
    return std::nullopt;
}

std::optional<QueryError> Binder::bindCondition(Expr& condition)
{
    m_columns = &m_ownColumns;
    try {
        bindCondition(condition, u"the filter");
    } catch (const QueryError& error) {
        return error;
    }
    return std::nullopt;
}

void Binder::bindCommand(Command& command, int index)
{
    if (m_afterDedup && !std::holds_alternative<LimitCommand>(command)) {
        fail(commandSpan(command), u"only `limit` may follow `dedup`"_s);
    }
    if (auto* fields = std::get_if<FieldsCommand>(&command)) {
        bindFields(*fields, index);
    } else if (auto* display = std::get_if<DisplayCommand>(&command)) {
        bindNameList(display->names);
    } else if (auto* filter = std::get_if<FilterCommand>(&command)) {
        bindCondition(filter->condition, u"`filter`");
    } else if (auto* stats = std::get_if<StatsCommand>(&command)) {
        if (m_afterStats) {
            fail(stats->span, u"only one `stats` command is supported"_s);
        }
        bindStats(*stats, index);
    } else if (auto* sort = std::get_if<SortCommand>(&command)) {
        for (SortKey& key : sort->keys) {
            resolveName(key.expr, {});
        }
    } else if (auto* dedup = std::get_if<DedupCommand>(&command)) {
        bindNameList(dedup->keys);
        m_afterDedup = true;
    }
}

void Binder::bindNameList(std::vector<Expr>& names)
{
    for (Expr& name : names) {
        resolveName(name, {});
    }
}

void Binder::bindCondition(Expr& condition, QStringView command)
{
    bindExpr(condition, {});
    if (condition.type != VT::Boolean) {
        fail(condition.span,
            command + u" needs a condition such as action = \"REJECT\"; "_s + source(condition) + u" is "_s
                + typePhraseOf(condition.type));
    }
}

void Binder::bindFields(FieldsCommand& command, int index)
{
    for (std::size_t i = 0; i < command.items.size(); ++i) {
        Projection& item = command.items[i];
        bindExpr(item.expr, {});
        if (!item.aliased && isNameLike(item.expr)) {
            item.name = item.expr.kind == ExprKind::Field ? InsightsPrinter::expression(item.expr) : item.expr.name;
            continue;
        }
        if (!item.aliased) {
            item.name = InsightsPrinter::expression(item.expr);
        }
        const SourceSpan span = item.aliased ? item.aliasSpan : item.expr.span;
        item.column = defineColumn(item.name, span, item.expr.type, ColumnDef::Origin::Fields, index, int(i));
    }
}

void Binder::bindStats(StatsCommand& command, int index)
{
    for (Projection& item : command.aggregates) {
        Context ctx;
        ctx.inStatsItem = true;
        bindExpr(item.expr, ctx);
        if (!containsAggregate(item.expr)) {
            fail(item.expr.span, u"`stats` needs an aggregate function such as count(*) or sum(bytes)"_s);
        }
        if (!item.aliased) {
            item.name = InsightsPrinter::expression(item.expr);
        }
    }
    std::vector<std::optional<FieldId>> keyFields;
    for (Projection& key : command.groupBy) {
        Context ctx;
        ctx.inGroupBy = true;
        bindExpr(key.expr, ctx);
        keyFields.push_back(key.expr.kind == ExprKind::Field ? std::optional(key.expr.field) : std::nullopt);
        if (!key.aliased) {
            key.name = key.expr.kind == ExprKind::Column ? key.expr.name : InsightsPrinter::expression(key.expr);
        }
    }
    // From here on only the output columns exist: keys first, then aggregates, as Insights lists them.
    m_visible.clear();
    m_afterStats = true;
    for (std::size_t i = 0; i < command.groupBy.size(); ++i) {
        Projection& key = command.groupBy[i];
        const SourceSpan span = key.aliased ? key.aliasSpan : key.expr.span;
        key.column = defineColumn(key.name, span, key.expr.type, ColumnDef::Origin::GroupKey, index, int(i));
        m_keyField.resize(m_columns->size());
        m_keyField[key.column] = keyFields[i];
    }
    for (std::size_t i = 0; i < command.aggregates.size(); ++i) {
        Projection& item = command.aggregates[i];
        const SourceSpan span = item.aliased ? item.aliasSpan : item.expr.span;
        item.column = defineColumn(item.name, span, item.expr.type, ColumnDef::Origin::Aggregate, index, int(i));
    }
}

int Binder::defineColumn(
    const QString& name, SourceSpan span, ValueType type, ColumnDef::Origin origin, int command, int item)
{
    if (!m_afterStats
        && (fieldByAnyName(name.toStdString()) || name.compare(u"@message"_s, Qt::CaseInsensitive) == 0)) {
        fail(span, u"`"_s + name + u"` is already a flow-log field; choose another name"_s);
    }
    if (visibleColumn(name)) {
        fail(span, u"a column named `"_s + name + u"` already exists; choose another name with `as`"_s);
    }
    m_columns->push_back({ name, type, origin, command, item });
    const int column = static_cast<int>(m_columns->size()) - 1;
    m_visible.push_back(column);
    return column;
}

std::optional<int> Binder::visibleColumn(QStringView name) const
{
    for (int column : m_visible) {
        if ((*m_columns)[column].name == name) {
            return column;
        }
    }
    return std::nullopt;
}

QStringList Binder::spellingsInScope() const
{
    QStringList names;
    for (int column : m_visible) {
        names.append((*m_columns)[column].name);
    }
    if (!m_afterStats) {
        for (const FieldInfo& info : allFields()) {
            names.append(QString::fromUtf8(info.insightsName));
        }
        for (const FieldInfo& info : allFields()) {
            names.append(QString::fromUtf8(info.awsName));
        }
        names.append(u"@message"_s);
    }
    return names;
}

void Binder::resolveName(Expr& e, const Context& ctx)
{
    if (ctx.inStatsItem && !ctx.insideAggregate) {
        fail(e.span,
            source(e) + u" must be inside an aggregate function such as sum("_s + e.name
                + u"), or be a key after `by`"_s);
    }
    if (const auto column = visibleColumn(e.name)) {
        e.kind = ExprKind::Column;
        e.column = *column;
        e.type = (*m_columns)[*column].type;
        return;
    }
    const bool isMessage = e.name.compare(u"@message"_s, Qt::CaseInsensitive) == 0;
    const std::optional<FieldId> field = fieldByAnyName(e.name.toStdString());
    if (!m_afterStats && isMessage) {
        e.kind = ExprKind::Message;
        e.type = VT::String;
        e.name = u"@message"_s;
        return;
    }
    if (!m_afterStats && field) {
        e.kind = ExprKind::Field;
        e.field = *field;
        e.type = valueTypeOf(*field);
        e.name = QString::fromUtf8(fieldInfo(*field).insightsName);
        return;
    }
    if (m_afterStats && (field || isMessage)) {
        for (int column : m_visible) {
            if (field && column < int(m_keyField.size()) && m_keyField[column] == field) {
                e.kind = ExprKind::Column;
                e.column = column;
                e.type = (*m_columns)[column].type;
                e.name = (*m_columns)[column].name;
                return;
            }
        }
        QStringList columns;
        for (int column : m_visible) {
            columns.append(InsightsPrinter::name((*m_columns)[column].name));
        }
        fail(e.span, source(e) + u" is not a column after `stats`; the columns are "_s + columns.join(u", "_s));
    }
    fail(e.span, u"unknown field "_s + source(e) + didYouMean(e.name, spellingsInScope()));
}

void Binder::bindExpr(Expr& e, const Context& ctx)
{
    switch (e.kind) {
    case ExprKind::Literal:
        e.type = valueTypeOf(e.literal);
        if (e.type == VT::Period && !ctx.periodAllowed) {
            fail(e.span, u"a time period such as "_s + source(e) + u" only goes in bin(), datefloor() or dateceil()"_s);
        }
        return;
    case ExprKind::Name:
        resolveName(e, ctx);
        return;
    case ExprKind::Call:
        bindCall(e, ctx);
        return;
    default:
        break;
    }
    Context inner = ctx;
    inner.periodAllowed = false;
    for (std::size_t i = 0; i < e.args.size(); ++i) {
        // The pattern of `like` is a literal the checks below read as it is.
        if (!(e.kind == ExprKind::Like && i == 1)) {
            bindExpr(e.args[i], inner);
        }
    }
    switch (e.kind) {
    case ExprKind::Unary:
        bindUnary(e);
        break;
    case ExprKind::Binary:
        bindBinary(e);
        break;
    case ExprKind::In:
        bindIn(e);
        break;
    case ExprKind::Like:
        bindLike(e);
        break;
    default:
        break;
    }
}

void Binder::bindUnary(Expr& e)
{
    const Expr& operand = e.args[0];
    if (e.unaryOp == UnaryOp::Not) {
        require(operand, { VT::Boolean }, u"`not`"_s, u"a condition");
        e.type = VT::Boolean;
        return;
    }
    require(operand, { VT::Integer, VT::Float }, u"`-`"_s, u"a number");
    e.type = operand.type;
}

void Binder::bindBinary(Expr& e)
{
    Expr& lhs = e.args[0];
    Expr& rhs = e.args[1];
    switch (e.binaryOp) {
    case BinaryOp::Or:
    case BinaryOp::And: {
        const QString who = e.binaryOp == BinaryOp::Or ? u"`or`"_s : u"`and`"_s;
        require(lhs, { VT::Boolean }, who, u"conditions on both sides");
        require(rhs, { VT::Boolean }, who, u"conditions on both sides");
        e.type = VT::Boolean;
        return;
    }
    case BinaryOp::Add:
    case BinaryOp::Subtract:
    case BinaryOp::Multiply:
    case BinaryOp::Divide:
    case BinaryOp::Modulo:
    case BinaryOp::Power: {
        const QString who = u'`' + InsightsPrinter::expression(e).section(u' ', 1, 1) + u'`';
        require(lhs, { VT::Integer, VT::Float }, who, u"numbers");
        require(rhs, { VT::Integer, VT::Float }, who, u"numbers");
        const bool integral = lhs.type == VT::Integer && rhs.type == VT::Integer;
        const bool alwaysFloat = e.binaryOp == BinaryOp::Divide || e.binaryOp == BinaryOp::Power;
        e.type = integral && !alwaysFloat ? VT::Integer : VT::Float;
        return;
    }
    default:
        bindComparison(e);
        return;
    }
}

void Binder::bindComparison(Expr& e)
{
    Expr& lhs = e.args[0];
    Expr& rhs = e.args[1];
    if (rhs.kind == ExprKind::Literal && lhs.kind != ExprKind::Literal) {
        m_literals.coerce(rhs, lhs);
    } else if (lhs.kind == ExprKind::Literal && rhs.kind != ExprKind::Literal) {
        m_literals.coerce(lhs, rhs);
    }
    const bool equality = e.binaryOp == BinaryOp::Equal || e.binaryOp == BinaryOp::NotEqual;
    const bool comparable = (isNumeric(lhs.type) && isNumeric(rhs.type))
        || (lhs.type == rhs.type && lhs.type != VT::Boolean)
        || (lhs.type == VT::Boolean && rhs.type == VT::Boolean && equality);
    if (!comparable) {
        fail(e.span,
            u"cannot compare "_s + typePhraseOf(lhs.type) + u' ' + source(lhs) + u" with "_s + typePhraseOf(rhs.type)
                + u' ' + source(rhs));
    }
    e.type = VT::Boolean;
}

void Binder::bindIn(Expr& e)
{
    const Expr& needle = e.args[0];
    if (needle.type == VT::Boolean) {
        fail(needle.span, u"`in` needs a value on its left; "_s + source(needle) + u" is a condition"_s);
    }
    for (std::size_t i = 1; i < e.args.size(); ++i) {
        Expr& item = e.args[i];
        if (needle.kind != ExprKind::Literal) {
            m_literals.coerce(item, needle);
        }
        if (!(isNumeric(item.type) && isNumeric(needle.type)) && item.type != needle.type) {
            fail(item.span,
                source(item) + u" is "_s + typePhraseOf(item.type) + u" but "_s + source(needle) + u" is "_s
                    + typePhraseOf(needle.type));
        }
    }
    e.type = VT::Boolean;
}

void Binder::bindLike(Expr& e)
{
    const Expr& subject = e.args[0];
    require(subject, { VT::String, VT::Address, VT::Integer, VT::Float }, u"`like`"_s, u"text to match");
    Expr& pattern = e.args[1];
    pattern.type = valueTypeOf(pattern.literal);
    if (const auto* regex = std::get_if<RegexPattern>(&pattern.literal)) {
        QRegularExpression::PatternOptions options;
        options.setFlag(QRegularExpression::CaseInsensitiveOption, regex->caseInsensitive);
        options.setFlag(QRegularExpression::MultilineOption, regex->multiLine);
        options.setFlag(QRegularExpression::DotMatchesEverythingOption, regex->dotAll);
        const QRegularExpression compiled(regex->pattern, options);
        if (!compiled.isValid()) {
            fail(pattern.span, u"invalid regular expression: "_s + compiled.errorString());
        }
    }
    e.type = VT::Boolean;
}

void Binder::checkCallPlacement(const Expr& e, bool isAggregate, const Context& ctx) const
{
    if (isAggregate) {
        if (ctx.insideAggregate) {
            fail(e.span, u"aggregate functions cannot be nested"_s);
        }
        if (ctx.inGroupBy) {
            fail(e.span, u"aggregate functions are not allowed after `by`"_s);
        }
        if (!ctx.inStatsItem) {
            fail(e.span, u"`"_s + e.name + u"` is an aggregate function; it belongs in `stats`"_s);
        }
        return;
    }
    if (e.function == Function::Bin) {
        if (m_afterStats) {
            fail(e.span, u"bin() groups by @timestamp, which is not a column after `stats`"_s);
        }
        if (ctx.inStatsItem && !ctx.insideAggregate) {
            fail(e.span, u"bin() goes after `by`, as in stats count(*) by bin(5m)"_s);
        }
    }
}

void Binder::bindCall(Expr& e, const Context& ctx)
{
    const FunctionSpec* spec = FunctionCatalog::find(e.name);
    if (!spec) {
        if (FunctionCatalog::isKnownUnsupported(e.name)) {
            fail(e.span, u"`"_s + e.name + u"` is a Logs Insights function that FlowLens does not support"_s);
        }
        QStringList names { u"percentile"_s };
        for (const FunctionSpec& s : FunctionCatalog::all()) {
            names.prepend(s.name.toString());
        }
        fail(e.span, u"unknown function `"_s + e.name + u"`"_s + didYouMean(e.name, names));
    }
    const int count = static_cast<int>(e.args.size());
    if (count < spec->minArgs || (spec->maxArgs >= 0 && count > spec->maxArgs)) {
        const int shown = count < spec->minArgs ? spec->minArgs : spec->maxArgs;
        const QString bound = spec->minArgs == spec->maxArgs ? QString()
            : count < spec->minArgs                          ? u"at least "_s
                                                             : u"at most "_s;
        fail(e.span,
            u"`"_s + spec->name + u"` takes "_s + bound + QString::number(shown)
                + (shown == 1 ? u" argument, found "_s : u" arguments, found "_s) + QString::number(count));
    }
    e.name = spec->name.toString();
    e.kind = spec->isAggregate ? ExprKind::Aggregate : ExprKind::Call;
    e.function = spec->function;
    e.aggregate = spec->aggregate;
    checkCallPlacement(e, spec->isAggregate, ctx);

    const QString who = u'`' + spec->name + u'`';
    for (std::size_t i = 0; i < e.args.size(); ++i) {
        Context inner = ctx;
        inner.insideAggregate = ctx.insideAggregate || spec->isAggregate;
        inner.periodAllowed = (spec->acceptedTypes(i) & types::Period) != 0;
        Expr& arg = e.args[i];
        bindExpr(arg, inner);
        if ((spec->acceptedTypes(i) & typeBit(arg.type)) == 0) {
            fail(arg.span,
                who + u" needs "_s + FunctionCatalog::describe(spec->acceptedTypes(i)) + u" as argument "_s
                    + QString::number(i + 1) + u"; "_s + source(arg) + u" is "_s + typePhraseOf(arg.type));
        }
    }

    switch (spec->result) {
    case ResultRule::Fixed:
        e.type = spec->resultType;
        break;
    case ResultRule::FirstArgument:
        e.type = e.args[0].type;
        break;
    case ResultRule::Promote:
        e.type = VT::Integer;
        for (const Expr& arg : e.args) {
            if (arg.type != VT::Integer) {
                e.type = VT::Float;
            }
        }
        break;
    case ResultRule::Unify:
        unifyArguments(e);
        break;
    }

    if (e.function == Function::IsIpv4InSubnet || e.function == Function::IsIpv6InSubnet
        || e.function == Function::IsIpInSubnet) {
        m_literals.toNetwork(e);
    } else if (e.function == Function::IsPresent && !isNameLike(e.args[0])) {
        fail(e.args[0].span, u"`ispresent` takes a field name; "_s + source(e.args[0]) + u" is an expression"_s);
    } else if (e.kind == ExprKind::Aggregate && e.aggregate == Aggregate::Percentile) {
        const Expr& p = e.args[1];
        const double value = p.type == VT::Integer ? double(std::get<std::int64_t>(p.literal))
            : p.kind == ExprKind::Literal          ? std::get<double>(p.literal)
                                                   : -1;
        if (p.kind != ExprKind::Literal || value < 0 || value > 100) {
            fail(p.span, u"the percentile must be a number from 0 to 100, as in pct(bytes, 95)"_s);
        }
    }
}

void Binder::unifyArguments(Expr& e)
{
    // The first argument that is not a literal sets the type; literals are converted to it.
    const Expr* anchor = nullptr;
    for (const Expr& arg : e.args) {
        if (arg.kind != ExprKind::Literal) {
            anchor = &arg;
            break;
        }
    }
    const Expr& reference = anchor ? *anchor : e.args[0];
    e.type = reference.type;
    for (Expr& arg : e.args) {
        if (&arg != &reference && arg.kind == ExprKind::Literal) {
            m_literals.coerce(arg, reference);
        }
        if (isNumeric(arg.type) && isNumeric(e.type)) {
            e.type = arg.type == VT::Float ? VT::Float : e.type;
        } else if (arg.type != e.type) {
            fail(arg.span,
                u"`"_s + e.name + u"` needs arguments of one type; "_s + source(arg) + u" is "_s
                    + typePhraseOf(arg.type) + u" but "_s + source(reference) + u" is "_s
                    + typePhraseOf(reference.type));
        }
    }
}

} // namespace flowlens::query
