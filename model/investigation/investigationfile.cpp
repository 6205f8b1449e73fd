#include "investigationfile.h"

#include "querypredicate.h"
#include "store/flowstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace flowlens {

namespace {

using Kind = FilterClause::Kind;

const char* const kKinds[] = { "equals", "not-equals", "time-range", "host", "conversation" };
const char* const kMetrics[] = { "records", "bytes", "packets" };

QString fieldName(FieldId field)
{
    return QString::fromLatin1(fieldInfo(field).insightsName);
}

QJsonValue protocolJson(std::int64_t protocol)
{
    return protocol == kNull ? QJsonValue() : QJsonValue(static_cast<qint64>(protocol));
}

QJsonObject clauseJson(const ClauseSpec& c)
{
    QJsonObject o { { QStringLiteral("kind"), QString::fromLatin1(kKinds[static_cast<int>(c.kind)]) } };
    switch (c.kind) {
    case Kind::Equals:
    case Kind::NotEquals:
        o.insert(QStringLiteral("field"), fieldName(c.field));
        o.insert(QStringLiteral("value"), c.value ? QJsonValue(*c.value) : QJsonValue());
        break;
    case Kind::TimeRange:
        o.insert(QStringLiteral("from"), static_cast<qint64>(c.from));
        o.insert(QStringLiteral("to"), static_cast<qint64>(c.to));
        break;
    case Kind::Host:
        o.insert(QStringLiteral("address"), c.value.value_or(QString()));
        break;
    case Kind::Conversation:
        o.insert(QStringLiteral("a"), c.value.value_or(QString()));
        o.insert(QStringLiteral("b"), c.other);
        o.insert(QStringLiteral("protocol"), protocolJson(c.protocol));
        break;
    }
    return o;
}

QJsonObject filterJson(const FilterSpec& f)
{
    QJsonArray clauses;
    for (const ClauseSpec& c : f.clauses) {
        clauses.append(clauseJson(c));
    }
    QJsonObject o { { QStringLiteral("clauses"), clauses } };
    if (!f.expression.isEmpty()) {
        o.insert(QStringLiteral("expression"), f.expression);
    }
    return o;
}

// Reads the JSON with the path of the value being read, so errors say where they are.
class Reader {
public:
    QString error;

    bool fail(const QString& where, const QString& what)
    {
        if (error.isEmpty()) {
            error = where + QStringLiteral(": ") + what;
        }
        return false;
    }
    bool string(const QJsonObject& o, const QString& where, const QString& key, QString& out, bool required = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() && !required) {
            return true;
        }
        if (!v.isString()) {
            return fail(where + u'.' + key, QStringLiteral("expected a string"));
        }
        out = v.toString();
        return true;
    }
    bool integer(const QJsonObject& o, const QString& where, const QString& key, std::int64_t& out, bool required)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() && !required) {
            return true;
        }
        if (!v.isDouble() || v.toDouble() != static_cast<double>(v.toInteger())) {
            return fail(where + u'.' + key, QStringLiteral("expected a whole number"));
        }
        out = v.toInteger();
        return true;
    }
    bool strings(const QJsonObject& o, const QString& where, const QString& key, QStringList& out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            return true;
        }
        if (!v.isArray()) {
            return fail(where + u'.' + key, QStringLiteral("expected an array of strings"));
        }
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (!a[i].isString()) {
                return fail(QStringLiteral("%1.%2[%3]").arg(where, key).arg(i), QStringLiteral("expected a string"));
            }
            out.append(a[i].toString());
        }
        return true;
    }
    bool field(const QJsonObject& o, const QString& where, FieldId& out)
    {
        QString name;
        if (!string(o, where, QStringLiteral("field"), name, true)) {
            return false;
        }
        const std::optional<FieldId> f = fieldByAnyName(name.toStdString());
        if (!f) {
            return fail(where + QStringLiteral(".field"), QStringLiteral("unknown field \"%1\"").arg(name));
        }
        out = *f;
        return true;
    }
    bool clause(const QJsonValue& v, const QString& where, ClauseSpec& c)
    {
        if (!v.isObject()) {
            return fail(where, QStringLiteral("expected an object"));
        }
        const QJsonObject o = v.toObject();
        QString kind;
        if (!string(o, where, QStringLiteral("kind"), kind, true)) {
            return false;
        }
        const auto* k = std::find(std::begin(kKinds), std::end(kKinds), kind.toStdString());
        if (k == std::end(kKinds)) {
            return fail(where + QStringLiteral(".kind"), QStringLiteral("unknown kind \"%1\"").arg(kind));
        }
        c.kind = static_cast<Kind>(k - std::begin(kKinds));
        switch (c.kind) {
        case Kind::Equals:
        case Kind::NotEquals: {
            if (!field(o, where, c.field)) {
                return false;
            }
            const QJsonValue value = o.value(QStringLiteral("value"));
            if (!value.isNull() && !value.isString()) {
                return fail(where + QStringLiteral(".value"), QStringLiteral("expected a string or null"));
            }
            c.value = value.isNull() ? std::nullopt : std::optional<QString>(value.toString());
            return true;
        }
        case Kind::TimeRange:
            c.field = FieldId::Start;
            if (!integer(o, where, QStringLiteral("from"), c.from, true)
                || !integer(o, where, QStringLiteral("to"), c.to, true)) {
                return false;
            }
            return c.from < c.to || fail(where, QStringLiteral("\"from\" must be before \"to\""));
        case Kind::Host: {
            QString address;
            if (!string(o, where, QStringLiteral("address"), address, true)) {
                return false;
            }
            c.field = FieldId::SrcAddr;
            c.value = address;
            return true;
        }
        case Kind::Conversation: {
            QString a;
            if (!string(o, where, QStringLiteral("a"), a, true)
                || !string(o, where, QStringLiteral("b"), c.other, true)) {
                return false;
            }
            c.field = FieldId::SrcAddr;
            c.value = a;
            return o.value(QStringLiteral("protocol")).isNull()
                || integer(o, where, QStringLiteral("protocol"), c.protocol, true);
        }
        }
        return true;
    }
    bool filter(const QJsonValue& v, const QString& where, FilterSpec& f)
    {
        if (!v.isObject()) {
            return fail(where, QStringLiteral("expected an object"));
        }
        const QJsonObject o = v.toObject();
        const QJsonValue clauses = o.value(QStringLiteral("clauses"));
        if (!clauses.isUndefined() && !clauses.isArray()) {
            return fail(where + QStringLiteral(".clauses"), QStringLiteral("expected an array"));
        }
        const QJsonArray a = clauses.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            ClauseSpec c;
            if (!clause(a[i], QStringLiteral("%1.clauses[%2]").arg(where).arg(i), c)) {
                return false;
            }
            f.clauses.push_back(c);
        }
        return string(o, where, QStringLiteral("expression"), f.expression);
    }
};

std::optional<std::int64_t> rawValue(const FlowStore& store, FieldId field, const QString& text)
{
    const std::string utf8 = text.toStdString();
    switch (fieldInfo(field).kind) {
    case FieldKind::Integer: {
        bool ok = false;
        const qlonglong v = text.toLongLong(&ok);
        return ok ? std::optional<std::int64_t>(v) : std::nullopt;
    }
    case FieldKind::String:
        if (const auto id = store.dictionary(field).find(utf8)) {
            return static_cast<std::int64_t>(id->value);
        }
        return std::nullopt;
    case FieldKind::Address:
        if (const auto address = Address::parse(utf8)) {
            if (const auto id = store.findAddress(*address)) {
                return id->value;
            }
        }
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

FilterSpec FilterSpec::of(const FilterState& state, const FlowStore& store)
{
    FilterSpec spec;
    for (const FilterClause& c : state.clauses) {
        ClauseSpec s;
        s.kind = c.kind;
        s.field = c.field;
        switch (c.kind) {
        case Kind::Equals:
        case Kind::NotEquals:
            if (c.value != kNull) {
                s.value = QString::fromStdString(store.text(c.field, c.value));
            }
            break;
        case Kind::TimeRange:
            s.field = FieldId::Start;
            s.from = c.from;
            s.to = c.to;
            break;
        case Kind::Host:
            s.value = QString::fromStdString(store.text(FieldId::SrcAddr, c.value));
            break;
        case Kind::Conversation:
            s.value = QString::fromStdString(store.text(FieldId::SrcAddr, c.value));
            s.other = QString::fromStdString(store.text(FieldId::SrcAddr, c.other));
            s.protocol = c.protocol;
            break;
        }
        spec.clauses.push_back(s);
    }
    if (state.predicate) {
        spec.expression = state.predicate->text();
    }
    return spec;
}

FilterState FilterSpec::resolve(const std::shared_ptr<const FlowStore>& store, QStringList& problems) const
{
    FilterState state;
    for (const ClauseSpec& s : clauses) {
        auto missing = [&](const QString& what) {
            problems.append(QStringLiteral("the filter on %1 was left out: no record has it").arg(what));
        };
        switch (s.kind) {
        case Kind::Equals:
        case Kind::NotEquals: {
            std::optional<std::int64_t> v = s.value ? rawValue(*store, s.field, *s.value) : kNull;
            if (!v) {
                missing(QStringLiteral("%1 = %2").arg(fieldName(s.field), *s.value));
                break;
            }
            state.clauses.push_back(s.kind == Kind::Equals ? FilterClause::equals(*store, s.field, *v)
                                                           : FilterClause::notEquals(*store, s.field, *v));
            break;
        }
        case Kind::TimeRange:
            state.clauses.push_back(FilterClause::timeRange(s.from, s.to));
            break;
        case Kind::Host:
            if (const auto v = rawValue(*store, FieldId::SrcAddr, s.value.value_or(QString()))) {
                state.clauses.push_back(FilterClause::host(*store, *v));
            } else {
                missing(QStringLiteral("host %1").arg(s.value.value_or(QString())));
            }
            break;
        case Kind::Conversation: {
            const auto a = rawValue(*store, FieldId::SrcAddr, s.value.value_or(QString()));
            const auto b = rawValue(*store, FieldId::SrcAddr, s.other);
            if (a && b) {
                state.clauses.push_back(FilterClause::conversation(*store, *a, *b, s.protocol));
            } else {
                missing(QStringLiteral("conversation %1 ↔ %2").arg(s.value.value_or(QString()), s.other));
            }
            break;
        }
        }
    }
    if (!expression.isEmpty()) {
        QString error;
        state.predicate = QueryPredicate::compile(store, expression, error);
        if (!state.predicate) {
            problems.append(QStringLiteral("the expression \"%1\" was left out: %2").arg(expression, error));
        }
    }
    return state;
}

InvestigationFile::InvestigationFile()
    : history(1)
{
}

QByteArray InvestigationFile::toJson() const
{
    QJsonArray states;
    for (const FilterSpec& f : history) {
        states.append(filterJson(f));
    }
    QJsonArray saved;
    for (const SavedFilter& f : savedFilters) {
        saved.append(
            QJsonObject { { QStringLiteral("name"), f.name }, { QStringLiteral("expression"), f.expression } });
    }
    QJsonObject table { { QStringLiteral("columns"), QJsonArray::fromStringList(columnLayout) } };
    if (!sortField.isEmpty()) {
        table.insert(QStringLiteral("sortField"), sortField);
        table.insert(
            QStringLiteral("sortOrder"), sortDescending ? QStringLiteral("descending") : QStringLiteral("ascending"));
    }
    QJsonObject timeline { { QStringLiteral("metric"),
                               QString::fromLatin1(kMetrics[static_cast<int>(histogram.metric)]) },
        { QStringLiteral("bucketSeconds"), static_cast<qint64>(histogram.bucketSeconds) },
        { QStringLiteral("logScale"), logScale } };
    QJsonObject root { { QStringLiteral("format"), QString::fromLatin1(kFormat) },
        { QStringLiteral("version"), kVersion }, { QStringLiteral("sources"), QJsonArray::fromStringList(sources) },
        { QStringLiteral("filter"), filterJson(filter()) },
        { QStringLiteral("history"),
            QJsonObject {
                { QStringLiteral("states"), states }, { QStringLiteral("position"), static_cast<qint64>(position) } } },
        { QStringLiteral("recentExpressions"), QJsonArray::fromStringList(recentExpressions) },
        { QStringLiteral("savedFilters"), saved }, { QStringLiteral("table"), table },
        { QStringLiteral("timeline"), timeline } };
    for (const ClauseSpec& c : filter().clauses) {
        if (c.kind == Kind::TimeRange) { // for people reading the file; the clause is what counts
            root.insert(QStringLiteral("timeRange"),
                QJsonObject { { QStringLiteral("from"), static_cast<qint64>(c.from) },
                    { QStringLiteral("to"), static_cast<qint64>(c.to) } });
        }
    }
    if (!query.isEmpty()) {
        root.insert(QStringLiteral("query"), query);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<InvestigationFile> InvestigationFile::fromJson(const QByteArray& json, QString& error)
{
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    if (parse.error != QJsonParseError::NoError) {
        error = QStringLiteral("not valid JSON: %1 at byte %2").arg(parse.errorString()).arg(parse.offset);
        return std::nullopt;
    }
    if (!doc.isObject() || doc.object().value(QStringLiteral("format")).toString() != QLatin1String(kFormat)) {
        error = QStringLiteral("not a FlowLens investigation (no \"format\": \"%1\")").arg(QLatin1String(kFormat));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() != static_cast<double>(version.toInt()) || version.toInt() < 1) {
        error = QStringLiteral("version: expected a format version number (1 or more)");
        return std::nullopt;
    }
    if (version.toInt() > kVersion) {
        error = QStringLiteral("written by a newer FlowLens (format version %1; this one reads up to %2)")
                    .arg(version.toInt())
                    .arg(kVersion);
        return std::nullopt;
    }
    InvestigationFile file;
    Reader r;
    const QString top = QStringLiteral("$");
    bool ok = r.strings(root, top, QStringLiteral("sources"), file.sources)
        && r.strings(root, top, QStringLiteral("recentExpressions"), file.recentExpressions);
    const QJsonValue history = root.value(QStringLiteral("history"));
    if (ok && history.isObject()) {
        const QJsonValue states = history.toObject().value(QStringLiteral("states"));
        if (!states.isArray() || states.toArray().isEmpty()) {
            ok = r.fail(QStringLiteral("history.states"), QStringLiteral("expected a non-empty array"));
        }
        file.history.clear();
        const QJsonArray a = states.toArray();
        for (qsizetype i = 0; ok && i < a.size(); ++i) {
            FilterSpec f;
            ok = r.filter(a[i], QStringLiteral("history.states[%1]").arg(i), f);
            file.history.push_back(f);
        }
        std::int64_t position = 0;
        ok = ok && r.integer(history.toObject(), QStringLiteral("history"), QStringLiteral("position"), position, true);
        if (ok && (position < 0 || position >= static_cast<std::int64_t>(file.history.size()))) {
            ok = r.fail(QStringLiteral("history.position"),
                QStringLiteral("%1 is not one of the %2 states").arg(position).arg(file.history.size()));
        }
        file.position = static_cast<std::size_t>(position);
    } else if (ok && !history.isUndefined()) {
        ok = r.fail(QStringLiteral("history"), QStringLiteral("expected an object"));
    } else if (ok && root.contains(QStringLiteral("filter"))) {
        ok = r.filter(root.value(QStringLiteral("filter")), QStringLiteral("filter"), file.history[0]);
    }
    const QJsonValue saved = root.value(QStringLiteral("savedFilters"));
    if (ok && !saved.isUndefined() && !saved.isArray()) {
        ok = r.fail(QStringLiteral("savedFilters"), QStringLiteral("expected an array"));
    }
    const QJsonArray savedArray = saved.toArray();
    for (qsizetype i = 0; ok && i < savedArray.size(); ++i) {
        const QString where = QStringLiteral("savedFilters[%1]").arg(i);
        SavedFilter f;
        ok = savedArray[i].isObject() || r.fail(where, QStringLiteral("expected an object"));
        ok = ok && r.string(savedArray[i].toObject(), where, QStringLiteral("name"), f.name, true)
            && r.string(savedArray[i].toObject(), where, QStringLiteral("expression"), f.expression, true);
        file.savedFilters.push_back(f);
    }
    const QJsonObject table = root.value(QStringLiteral("table")).toObject();
    QString order;
    ok = ok && r.strings(table, QStringLiteral("table"), QStringLiteral("columns"), file.columnLayout)
        && r.string(table, QStringLiteral("table"), QStringLiteral("sortField"), file.sortField)
        && r.string(table, QStringLiteral("table"), QStringLiteral("sortOrder"), order);
    if (ok && !file.sortField.isEmpty() && !fieldByAnyName(file.sortField.toStdString())) {
        ok = r.fail(QStringLiteral("table.sortField"), QStringLiteral("unknown field \"%1\"").arg(file.sortField));
    }
    file.sortDescending = order == QLatin1String("descending");
    const QJsonObject timeline = root.value(QStringLiteral("timeline")).toObject();
    QString metric = QStringLiteral("records");
    ok = ok && r.string(timeline, QStringLiteral("timeline"), QStringLiteral("metric"), metric)
        && r.integer(
            timeline, QStringLiteral("timeline"), QStringLiteral("bucketSeconds"), file.histogram.bucketSeconds, false);
    const auto* m = std::find(std::begin(kMetrics), std::end(kMetrics), metric.toStdString());
    if (ok && m == std::end(kMetrics)) {
        ok = r.fail(QStringLiteral("timeline.metric"), QStringLiteral("unknown metric \"%1\"").arg(metric));
    }
    if (ok && file.histogram.bucketSeconds < 0) {
        ok = r.fail(QStringLiteral("timeline.bucketSeconds"), QStringLiteral("must not be negative"));
    }
    file.histogram.metric = static_cast<Metric>(m - std::begin(kMetrics));
    file.logScale = timeline.value(QStringLiteral("logScale")).toBool(false);
    ok = ok && r.string(root, top, QStringLiteral("query"), file.query);
    if (!ok) {
        error = r.error;
        return std::nullopt;
    }
    return file;
}

bool InvestigationFile::write(const QString& path, QString& error) const
{
    QSaveFile file(path);
    const QByteArray json = toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<InvestigationFile> InvestigationFile::read(const QString& path, QString& error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("Cannot open %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    constexpr qint64 kMaxBytes = 64 << 20; // an investigation is small; a huge file is not one
    if (file.size() > kMaxBytes) {
        error = QStringLiteral("%1 is not a FlowLens investigation: %2 bytes is too large").arg(path).arg(file.size());
        return std::nullopt;
    }
    std::optional<InvestigationFile> parsed = fromJson(file.readAll(), error);
    if (!parsed) {
        error = QStringLiteral("%1: %2").arg(path, error);
    }
    return parsed;
}

} // namespace flowlens
