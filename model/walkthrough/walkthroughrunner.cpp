#include "walkthroughrunner.h"

#include "investigation/investigationresult.h"
#include "query/insightsprinter.h"
#include "query/query.h"
#include "query/sqltranslator.h"
#include "topology/awsjsonloader.h"
#include "topology/networkaclcontainment.h"
#include "topology/reachabilityanalyzer.h"
#include "walkthroughhost.h"

#include <QLocale>

namespace flowlens {

WalkthroughRunner::WalkthroughRunner(WalkthroughHost* host, QObject* parent)
    : QObject(parent)
    , m_host(host)
{
}

void WalkthroughRunner::setLab(std::shared_ptr<const LabManifest> lab)
{
    m_lab = std::move(lab);
    m_topologies.clear();
}

void WalkthroughRunner::run(const std::vector<WalkthroughAction>& actions)
{
    m_actions = actions;
    m_next = 0;
    m_running = true;
    ++m_generation;
    next();
}

void WalkthroughRunner::next()
{
    while (m_next < m_actions.size()) {
        const WalkthroughAction action = m_actions[m_next++];
        QString error;
        bool wait = false;
        if (!perform(action, error, wait)) {
            m_running = false;
            Q_EMIT finished(false, error);
            return;
        }
        if (wait) {
            const std::uint64_t generation = m_generation;
            QPointer<WalkthroughRunner> self(this);
            m_host->whenLoaded([self, generation] {
                if (self && self->m_generation == generation && self->m_running) {
                    self->next();
                }
            });
            return;
        }
    }
    m_running = false;
    Q_EMIT finished(true, QString());
}

const LabStage* WalkthroughRunner::stage(const QString& id, QString& error) const
{
    const LabStage* s = m_lab ? m_lab->stage(id) : nullptr;
    if (!s) {
        error = m_lab ? tr("The lab has no stage \"%1\".").arg(id) : tr("No lab is open.");
    }
    return s;
}

std::shared_ptr<const Topology> WalkthroughRunner::topology(const LabStage& stage, QString& error)
{
    auto found = m_topologies.find(stage.id);
    if (found != m_topologies.end()) {
        return found->second;
    }
    if (stage.topology.isEmpty()) {
        error = tr("Stage \"%1\" has no topology.").arg(stage.id);
        return nullptr;
    }
    TopologyLoadResult loaded = AwsJsonLoader::load(stage.topology);
    if (!loaded.ok()) {
        error = tr("The topology of stage \"%1\" does not load: %2").arg(stage.id, loaded.errors.front().toString());
        return nullptr;
    }
    auto topology = std::make_shared<const Topology>(std::move(loaded.topology));
    m_topologies[stage.id] = topology;
    return topology;
}

bool WalkthroughRunner::perform(const WalkthroughAction& action, QString& error, bool& wait)
{
    using Kind = WalkthroughAction::Kind;
    switch (action.kind) {
    case Kind::OpenLab: {
        if (!m_lab) {
            error = tr("No lab is open.");
            return false;
        }
        if (!m_host->openLab(*m_lab, error)) {
            return false;
        }
        const LabStage* first = action.stage.isEmpty() ? (m_lab->stages.empty() ? nullptr : &m_lab->stages.front())
                                                       : stage(action.stage, error);
        if (!action.stage.isEmpty() && !first) {
            return false;
        }
        if (first && !first->topology.isEmpty() && !m_host->showTopologyStage(*first, error)) {
            return false;
        }
        wait = true;
        return true;
    }
    case Kind::Topology: {
        const LabStage* s = stage(action.stage, error);
        return s && m_host->showTopologyStage(*s, error);
    }
    case Kind::Filter:
        return m_host->applyFilterExpression(action.expression, error);
    case Kind::ResetFilter:
        m_host->resetFilter();
        return true;
    case Kind::TimeRange: {
        if (action.stage.isEmpty()) {
            m_host->setTimeRange(action.from, action.to);
            return true;
        }
        const LabStage* s = stage(action.stage, error);
        if (s) {
            m_host->setTimeRange(s->start, s->end);
        }
        return s != nullptr;
    }
    case Kind::ActionOnly:
        m_host->setActionOnly(action.choice);
        return true;
    case Kind::Highlight:
        if (!m_host->highlightTopologyElement(action.element)) {
            error = tr("%1 is not in the topology shown.").arg(action.element);
            return false;
        }
        return true;
    case Kind::Reachability: {
        const LabStage* s = stage(action.stage, error);
        if (!s || !m_host->showTopologyStage(*s, error)) {
            return false;
        }
        QString blocking;
        const QString text = reachabilityText(action, blocking);
        if (text.isEmpty()) {
            error = tr("The topology of stage \"%1\" does not load.").arg(action.stage);
            return false;
        }
        m_host->showPane(WalkthroughPane::Topology);
        if (!blocking.isEmpty()) {
            m_host->highlightTopologyElement(blocking);
        }
        Q_EMIT output(text);
        return true;
    }
    case Kind::Pane:
        m_host->showPane(action.pane);
        return true;
    case Kind::Compare: {
        const LabStage* before = stage(action.stage, error);
        const LabStage* after = before ? stage(action.stageB, error) : nullptr;
        if (after) {
            Q_EMIT compareRequested(*before, *after);
        }
        return after != nullptr;
    }
    case Kind::Containment: {
        const QString text = containmentText(action);
        if (text.isEmpty()) {
            error = tr("The topology of stage \"%1\" does not load.").arg(action.stage);
            return false;
        }
        Q_EMIT output(text);
        return true;
    }
    case Kind::Translate:
        Q_EMIT output(translationText(action));
        return true;
    }
    return false;
}

QString WalkthroughRunner::reachabilityText(const WalkthroughAction& action, QString& blockingId)
{
    QString error;
    const LabStage* s = stage(action.stage, error);
    const auto topo = s ? topology(*s, error) : nullptr;
    const auto source = Address::parse(action.source.toStdString());
    const auto destination = Address::parse(action.destination.toStdString());
    if (!topo || !source || !destination) {
        return {};
    }
    FlowQuery query;
    query.source = *source;
    query.destination = *destination;
    query.protocol = action.protocol;
    query.port = action.port;
    const ReachResult result = ReachabilityAnalyzer(*topo).evaluate(query);
    blockingId = result.blockingId;
    const QString protocol = action.protocol == 1 ? QStringLiteral("ICMP")
        : action.protocol == 6                    ? QStringLiteral("TCP %1").arg(action.port)
        : action.protocol == 17                   ? QStringLiteral("UDP %1").arg(action.port)
                                                  : QStringLiteral("protocol %1").arg(action.protocol);
    QString text
        = tr("### Reachability: %1 → %2, %3 (stage %4)\n\n**%5.** %6\n\n")
              .arg(action.source, action.destination, protocol, s->title.isEmpty() ? s->id : s->title,
                  result.reachable() ? tr("Reachable")
                                     : tr("Not reachable") + QStringLiteral(" — ") + verdictName(result.verdict),
                  result.explanation);
    for (const ReachStep& step : result.steps) {
        text += QStringLiteral("- %1 `%2` %3\n")
                    .arg(step.passed ? QStringLiteral("✔") : QStringLiteral("✘"), step.elementId, step.text);
    }
    if (!result.fix.isEmpty()) {
        text += tr("\n**Fix:** %1\n").arg(result.fix);
    }
    return text;
}

QString WalkthroughRunner::containmentText(const WalkthroughAction& action)
{
    QString error;
    const LabStage* s = stage(action.stage, error);
    const auto topo = s ? topology(*s, error) : nullptr;
    const auto address = Address::parse(action.address.toStdString());
    if (!topo || !address) {
        return {};
    }
    ContainmentPlan plan = NetworkAclContainment::plan(*topo, *address);
    const auto result = m_host->currentResult();
    if (result && result->store) {
        NetworkAclContainment::measure(plan, *topo, *result->store);
    }
    const QLocale locale;
    QString text = tr("### Containment of %1 (topology of stage %2)\n\n")
                       .arg(action.address, s->title.isEmpty() ? s->id : s->title);
    text += tr("%n deny rule(s) in the network ACLs:\n\n", nullptr, static_cast<int>(plan.rules.size()));
    text += QStringLiteral("```\n%1\n```\n\n").arg(plan.awsCli().trimmed());
    text += tr("In the records loaded these rules would have blocked %1 records, %2 bytes sent to %3 "
               "(about $%4 of data transfer out).\n")
                .arg(locale.toString(static_cast<qulonglong>(plan.blockedRecords)),
                    locale.toString(static_cast<qulonglong>(plan.blockedBytesOut)), action.address)
                .arg(plan.blockedCost(), 0, 'f', 2);
    for (const QString& note : plan.notes) {
        text += QStringLiteral("\n- ") + note;
    }
    text += tr("\n\nRollback:\n\n```\n%1\n```\n").arg(plan.rollbackCli().trimmed());
    return text;
}

QString WalkthroughRunner::translationText(const WalkthroughAction& action)
{
    const query::QueryResult parsed = query::Query::parse(action.expression);
    if (!parsed) {
        return tr("The query does not parse: %1").arg(parsed.error().toString()); // the parser rejects these
    }
    const query::SqlResult sql = query::SqlTranslator::translate(parsed.query());
    QString text
        = QStringLiteral("### %1\n\n").arg(action.title.isEmpty() ? tr("The same query, three ways") : action.title);
    text += tr("Logs Insights (CloudWatch console, or `flowlens-cli query`):\n\n```\n%1\n```\n\n")
                .arg(parsed.query().toInsights());
    if (sql.ok()) {
        text += tr("Athena SQL (over the table AWS documents for flow logs in S3):\n\n```\n%1\n```\n").arg(sql.sql);
    } else {
        text += tr("No Athena SQL for this query: %1\n").arg(sql.error->toString());
    }
    return text;
}

} // namespace flowlens
