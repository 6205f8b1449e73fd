#include "walkthroughparser.h"

#include "labmanifest.h"
#include "query/query.h"
#include "store/address.h"
#include "walkthroughjson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace flowlens {

namespace {

using ActionKind = WalkthroughAction::Kind;
using CheckKind = WalkthroughCheck::Kind;

const std::vector<std::pair<QString, WalkthroughPane>>& paneNames()
{
    static const std::vector<std::pair<QString, WalkthroughPane>> names {
        { QStringLiteral("table"), WalkthroughPane::Table },
        { QStringLiteral("timeline"), WalkthroughPane::Timeline },
        { QStringLiteral("topology"), WalkthroughPane::Topology },
        { QStringLiteral("statistics"), WalkthroughPane::Statistics },
        { QStringLiteral("topTalkers"), WalkthroughPane::TopTalkers },
        { QStringLiteral("conversations"), WalkthroughPane::Conversations },
        { QStringLiteral("endpoints"), WalkthroughPane::Endpoints },
        { QStringLiteral("findings"), WalkthroughPane::Findings },
        { QStringLiteral("reject"), WalkthroughPane::Reject },
        { QStringLiteral("facets"), WalkthroughPane::Facets },
        { QStringLiteral("sources"), WalkthroughPane::Sources },
    };
    return names;
}

QStringList keysOf(const std::vector<std::pair<QString, WalkthroughPane>>& names)
{
    QStringList keys;
    for (const auto& [name, pane] : names) {
        keys.append(name);
    }
    return keys;
}

// The members each action kind takes besides "do".
struct ActionSpec {
    ActionKind kind;
    QStringList keys;
};

const std::vector<ActionSpec>& actionSpecs()
{
    static const std::vector<ActionSpec> specs {
        { ActionKind::OpenLab, { QStringLiteral("stage") } },
        { ActionKind::Topology, { QStringLiteral("stage") } },
        { ActionKind::Filter, { QStringLiteral("expression") } },
        { ActionKind::ResetFilter, {} },
        { ActionKind::TimeRange, { QStringLiteral("stage"), QStringLiteral("start"), QStringLiteral("end") } },
        { ActionKind::ActionOnly, { QStringLiteral("choice") } },
        { ActionKind::Highlight, { QStringLiteral("element") } },
        { ActionKind::Reachability,
            { QStringLiteral("source"), QStringLiteral("destination"), QStringLiteral("protocol"),
                QStringLiteral("port"), QStringLiteral("stage") } },
        { ActionKind::Pane, { QStringLiteral("pane") } },
        { ActionKind::Compare, { QStringLiteral("before"), QStringLiteral("after") } },
        { ActionKind::Containment, { QStringLiteral("address"), QStringLiteral("stage") } },
        { ActionKind::Translate, { QStringLiteral("query"), QStringLiteral("title") } },
    };
    return specs;
}

const std::vector<CheckKind>& checkKinds()
{
    static const std::vector<CheckKind> kinds { CheckKind::Every, CheckKind::Some, CheckKind::None,
        CheckKind::IncludesAll, CheckKind::FilterContains, CheckKind::TimeRangeWithin, CheckKind::MinRows,
        CheckKind::MaxRows, CheckKind::Finding };
    return kinds;
}

class ScriptReader {
public:
    ScriptReader(const QString& path, QString& error)
        : m_fields(QFileInfo(path).fileName(), error)
        , m_error(error)
    {
    }

    std::optional<Walkthrough> read(const QJsonObject& root, const QString& path);

private:
    void readStep(const QJsonObject& object, WalkthroughStep& step, const QString& where);
    WalkthroughAction readAction(const QJsonObject& object, const QString& where);
    WalkthroughCheck readCheck(const QJsonObject& object, const QString& where);
    void onlyKeys(const QJsonObject& object, const QStringList& keys, const QString& where, const QString& context);
    void checkExpression(const QString& expression, const QString& where, bool fullQuery);
    QString checkAddress(const QString& text, const QString& where);

    JsonFields m_fields;
    QString& m_error;
};

void ScriptReader::onlyKeys(
    const QJsonObject& object, const QStringList& keys, const QString& where, const QString& context)
{
    for (auto it = object.begin(); it != object.end() && m_fields.ok(); ++it) {
        if (!keys.contains(it.key())) {
            m_fields.fail(JsonFields::join(where, it.key()),
                QStringLiteral("unknown member%1; expected one of: %2").arg(context, keys.join(QStringLiteral(", "))));
        }
    }
}

void ScriptReader::checkExpression(const QString& expression, const QString& where, bool fullQuery)
{
    if (!m_fields.ok() || expression.isEmpty()) {
        return;
    }
    const query::QueryResult parsed
        = fullQuery ? query::Query::parse(expression) : query::Query::parseFilter(expression);
    if (!parsed) {
        m_fields.fail(where, parsed.error().toString());
    }
}

QString ScriptReader::checkAddress(const QString& text, const QString& where)
{
    if (m_fields.ok() && !Address::parse(text.trimmed().toStdString())) {
        m_fields.fail(where, QStringLiteral("\"%1\" is not an IP address").arg(text));
    }
    return text.trimmed();
}

WalkthroughAction ScriptReader::readAction(const QJsonObject& object, const QString& where)
{
    WalkthroughAction action;
    const QString name = m_fields.string(object, QStringLiteral("do"), true, where);
    if (!m_fields.ok()) {
        return action;
    }
    const ActionSpec* spec = nullptr;
    QStringList known;
    for (const ActionSpec& s : actionSpecs()) {
        known.append(WalkthroughAction::kindName(s.kind));
        if (WalkthroughAction::kindName(s.kind) == name) {
            spec = &s;
        }
    }
    if (!spec) {
        m_fields.fail(JsonFields::join(where, QStringLiteral("do")),
            QStringLiteral("unknown action \"%1\"; expected one of: %2").arg(name, known.join(QStringLiteral(", "))));
        return action;
    }
    action.kind = spec->kind;
    onlyKeys(object, QStringList { QStringLiteral("do") } + spec->keys, where, QStringLiteral(" for \"%1\"").arg(name));
    auto field = [&](const char* key, bool required) {
        return m_fields.string(object, QString::fromLatin1(key), required, where);
    };
    auto at = [&](const char* key) { return JsonFields::join(where, QString::fromLatin1(key)); };
    switch (action.kind) {
    case ActionKind::OpenLab:
        action.stage = field("stage", false);
        break;
    case ActionKind::Topology:
        action.stage = field("stage", true);
        break;
    case ActionKind::Filter:
        action.expression = field("expression", true);
        checkExpression(action.expression, at("expression"), false);
        break;
    case ActionKind::ResetFilter:
        break;
    case ActionKind::TimeRange:
        if (object.contains(QStringLiteral("stage"))) {
            action.stage = field("stage", true);
            if (object.contains(QStringLiteral("start")) || object.contains(QStringLiteral("end"))) {
                m_fields.fail(where, QStringLiteral("give either \"stage\" or \"start\" and \"end\", not both"));
            }
        } else {
            action.from = m_fields.time(object, QStringLiteral("start"), where).value_or(0);
            action.to = m_fields.time(object, QStringLiteral("end"), where).value_or(0);
            if (m_fields.ok() && action.to <= action.from) {
                m_fields.fail(at("end"), QStringLiteral("is not after start"));
            }
        }
        break;
    case ActionKind::ActionOnly:
        action.choice = field("choice", true).toUpper();
        if (m_fields.ok() && action.choice != QLatin1String("REJECT") && action.choice != QLatin1String("ACCEPT")
            && action.choice != QLatin1String("ALL")) {
            m_fields.fail(at("choice"), QStringLiteral("must be REJECT, ACCEPT or ALL"));
        }
        break;
    case ActionKind::Highlight:
        action.element = field("element", true);
        break;
    case ActionKind::Reachability: {
        action.source = checkAddress(field("source", true), at("source"));
        action.destination = checkAddress(field("destination", true), at("destination"));
        action.stage = field("stage", true);
        const QJsonValue protocol = object.value(QStringLiteral("protocol"));
        if (protocol.isString()) {
            const QString p = protocol.toString().toLower();
            action.protocol = p == QLatin1String("tcp") ? 6
                : p == QLatin1String("udp")             ? 17
                : p == QLatin1String("icmp")            ? 1
                                                        : -1;
        } else if (protocol.isDouble()) {
            action.protocol = protocol.toInt(-1);
        }
        if (m_fields.ok() && (action.protocol < 0 || action.protocol > 255)) {
            m_fields.fail(at("protocol"), QStringLiteral("must be tcp, udp, icmp or a protocol number 0–255"));
        }
        action.port = static_cast<int>(m_fields.integer(object, QStringLiteral("port"), where).value_or(0));
        if (m_fields.ok() && (action.port < 0 || action.port > 65535)) {
            m_fields.fail(at("port"), QStringLiteral("must be 0–65535"));
        }
        break;
    }
    case ActionKind::Pane: {
        const QString pane = field("pane", true);
        bool found = false;
        for (const auto& [paneName, value] : paneNames()) {
            if (paneName == pane) {
                action.pane = value;
                found = true;
            }
        }
        if (m_fields.ok() && !found) {
            m_fields.fail(at("pane"),
                QStringLiteral("unknown pane \"%1\"; expected one of: %2")
                    .arg(pane, keysOf(paneNames()).join(QStringLiteral(", "))));
        }
        break;
    }
    case ActionKind::Compare:
        action.stage = field("before", true);
        action.stageB = field("after", true);
        break;
    case ActionKind::Containment:
        action.address = checkAddress(field("address", true), at("address"));
        action.stage = field("stage", true);
        break;
    case ActionKind::Translate:
        action.expression = field("query", true);
        action.title = field("title", false);
        checkExpression(action.expression, at("query"), true);
        break;
    }
    return action;
}

WalkthroughCheck ScriptReader::readCheck(const QJsonObject& object, const QString& where)
{
    WalkthroughCheck check;
    QStringList names;
    int found = 0;
    for (CheckKind kind : checkKinds()) {
        names.append(WalkthroughCheck::kindName(kind));
        if (object.contains(names.last())) {
            check.kind = kind;
            ++found;
        }
    }
    if (found != 1) {
        m_fields.fail(where,
            QStringLiteral("needs exactly one of: %1 (and optionally \"hint\")").arg(names.join(QStringLiteral(", "))));
        return check;
    }
    const QString key = WalkthroughCheck::kindName(check.kind);
    onlyKeys(object, { key, QStringLiteral("hint") }, where, QString());
    check.hint = m_fields.string(object, QStringLiteral("hint"), false, where);
    const QString at = JsonFields::join(where, key);
    switch (check.kind) {
    case CheckKind::Every:
    case CheckKind::Some:
    case CheckKind::None:
    case CheckKind::IncludesAll:
    case CheckKind::FilterContains:
        check.expression = m_fields.string(object, key, true, where);
        checkExpression(check.expression, at, false);
        break;
    case CheckKind::Finding:
        check.expression = m_fields.string(object, key, true, where);
        break;
    case CheckKind::TimeRangeWithin: {
        const QJsonValue value = object.value(key);
        if (value.isObject()) {
            onlyKeys(value.toObject(), { QStringLiteral("start"), QStringLiteral("end") }, at, QString());
            check.from = m_fields.time(value.toObject(), QStringLiteral("start"), at).value_or(0);
            check.to = m_fields.time(value.toObject(), QStringLiteral("end"), at).value_or(0);
        } else {
            check.stage = m_fields.string(object, key, true, where);
        }
        break;
    }
    case CheckKind::MinRows:
    case CheckKind::MaxRows:
        check.count = m_fields.integer(object, key, where).value_or(-1);
        if (m_fields.ok() && check.count < 0) {
            m_fields.fail(at, QStringLiteral("must be a number of records, 0 or more"));
        }
        break;
    }
    return check;
}

void ScriptReader::readStep(const QJsonObject& object, WalkthroughStep& step, const QString& where)
{
    onlyKeys(object,
        { QStringLiteral("id"), QStringLiteral("title"), QStringLiteral("text"), QStringLiteral("showMe"),
            QStringLiteral("check"), QStringLiteral("hint") },
        where, QString());
    step.title = m_fields.string(object, QStringLiteral("title"), true, where);
    step.text = m_fields.string(object, QStringLiteral("text"), true, where);
    step.hint = m_fields.string(object, QStringLiteral("hint"), false, where);
    const QJsonArray actions = m_fields.array(object, QStringLiteral("showMe"), false, where);
    for (qsizetype i = 0; i < actions.size() && m_fields.ok(); ++i) {
        const QString at = QStringLiteral("%1.showMe[%2]").arg(where).arg(i + 1);
        if (!actions.at(i).isObject()) {
            m_fields.fail(at, QStringLiteral("must be an object such as {\"do\": \"filter\", \"expression\": …}"));
            break;
        }
        step.showMe.push_back(readAction(actions.at(i).toObject(), at));
    }
    const QJsonArray checks = m_fields.array(object, QStringLiteral("check"), false, where);
    for (qsizetype i = 0; i < checks.size() && m_fields.ok(); ++i) {
        const QString at = QStringLiteral("%1.check[%2]").arg(where).arg(i + 1);
        if (!checks.at(i).isObject()) {
            m_fields.fail(at, QStringLiteral("must be an object such as {\"every\": \"action = 'REJECT'\"}"));
            break;
        }
        step.checks.push_back(readCheck(checks.at(i).toObject(), at));
    }
}

std::optional<Walkthrough> ScriptReader::read(const QJsonObject& root, const QString& path)
{
    Walkthrough w;
    w.path = path;
    w.id = QFileInfo(path).completeBaseName();
    onlyKeys(root,
        { QStringLiteral("title"), QStringLiteral("summary"), QStringLiteral("lab"), QStringLiteral("compare"),
            QStringLiteral("steps") },
        QString(), QString());
    w.title = m_fields.string(root, QStringLiteral("title"), true);
    w.summary = m_fields.string(root, QStringLiteral("summary"), false);
    const QString lab = m_fields.string(root, QStringLiteral("lab"), true);
    if (!lab.isEmpty()) {
        const QString folder = path.startsWith(QLatin1Char(':')) ? path.left(path.lastIndexOf(QLatin1Char('/')))
                                                                 : QFileInfo(path).absolutePath();
        w.labPath = QDir::isAbsolutePath(lab) ? lab : QDir::cleanPath(folder + QLatin1Char('/') + lab);
    }
    if (root.contains(QStringLiteral("compare")) && m_fields.ok()) {
        const QJsonObject compare = root.value(QStringLiteral("compare")).toObject();
        onlyKeys(compare, { QStringLiteral("before"), QStringLiteral("after") }, QStringLiteral("compare"), QString());
        w.compareBefore = m_fields.string(compare, QStringLiteral("before"), true, QStringLiteral("compare"));
        w.compareAfter = m_fields.string(compare, QStringLiteral("after"), true, QStringLiteral("compare"));
    }
    const QJsonArray steps = m_fields.array(root, QStringLiteral("steps"), true);
    if (m_fields.ok() && steps.isEmpty()) {
        m_fields.fail(QStringLiteral("steps"), QStringLiteral("is empty"));
    }
    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9][a-z0-9-]*$"));
    QSet<QString> ids;
    for (qsizetype i = 0; i < steps.size() && m_fields.ok(); ++i) {
        if (!steps.at(i).isObject()) {
            m_fields.fail(QStringLiteral("step %1").arg(i + 1), QStringLiteral("must be an object"));
            break;
        }
        const QJsonObject object = steps.at(i).toObject();
        WalkthroughStep step;
        const QJsonValue id = object.value(QStringLiteral("id"));
        step.id = id.toString();
        const QString where = step.id.isEmpty() ? QStringLiteral("step %1").arg(i + 1)
                                                : QStringLiteral("step %1 (\"%2\")").arg(i + 1).arg(step.id);
        if (!id.isString() || !idPattern.match(step.id).hasMatch()) {
            m_fields.fail(JsonFields::join(where, QStringLiteral("id")),
                id.isUndefined()
                    ? QStringLiteral("is missing")
                    : QStringLiteral("must be lower-case letters, digits and '-', such as \"ping-private\""));
            break;
        }
        if (ids.contains(step.id)) {
            m_fields.fail(JsonFields::join(where, QStringLiteral("id")), QStringLiteral("is used by an earlier step"));
            break;
        }
        ids.insert(step.id);
        readStep(object, step, where);
        w.steps.push_back(std::move(step));
    }
    if (!m_fields.ok()) {
        return std::nullopt;
    }
    return w;
}

} // namespace

std::optional<Walkthrough> WalkthroughParser::parse(const QByteArray& json, const QString& path, QString& error)
{
    error.clear();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        // Name the line: offsets mean little to someone editing the file.
        const int line = static_cast<int>(json.left(parseError.offset).count('\n')) + 1;
        error
            = QStringLiteral("%1: line %2: %3").arg(QFileInfo(path).fileName()).arg(line).arg(parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject()) {
        error = QStringLiteral("%1: the script must be a JSON object").arg(QFileInfo(path).fileName());
        return std::nullopt;
    }
    return ScriptReader(path, error).read(document.object(), path);
}

std::optional<Walkthrough> WalkthroughParser::parseFile(const QString& path, QString& error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("%1: cannot read: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    return parse(file.readAll(), path, error);
}

bool WalkthroughParser::validateAgainst(const Walkthrough& walkthrough, const LabManifest& lab, QString& error)
{
    JsonFields fields(QFileInfo(walkthrough.path).fileName(), error);
    auto known = [&](const QString& stage, const QString& where) {
        if (!stage.isEmpty() && !lab.stage(stage)) {
            QStringList ids;
            for (const LabStage& s : lab.stages) {
                ids.append(s.id);
            }
            fields.fail(where,
                QStringLiteral("no stage \"%1\" in %2; its stages are: %3")
                    .arg(stage, lab.lab, ids.join(QStringLiteral(", "))));
        }
    };
    known(walkthrough.compareBefore, QStringLiteral("compare.before"));
    known(walkthrough.compareAfter, QStringLiteral("compare.after"));
    for (std::size_t s = 0; s < walkthrough.steps.size() && fields.ok(); ++s) {
        const WalkthroughStep& step = walkthrough.steps[s];
        const QString where = QStringLiteral("step %1 (\"%2\")").arg(s + 1).arg(step.id);
        for (std::size_t a = 0; a < step.showMe.size(); ++a) {
            const WalkthroughAction& action = step.showMe[a];
            const QString at = QStringLiteral("%1.showMe[%2]").arg(where).arg(a + 1);
            known(action.stage,
                at + (action.kind == ActionKind::Compare ? QStringLiteral(".before") : QStringLiteral(".stage")));
            known(action.stageB, at + QStringLiteral(".after"));
        }
        for (std::size_t c = 0; c < step.checks.size(); ++c) {
            known(step.checks[c].stage, QStringLiteral("%1.check[%2].timeRangeWithin").arg(where).arg(c + 1));
        }
    }
    return fields.ok();
}

} // namespace flowlens
