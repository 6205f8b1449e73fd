#include "stagecomparison.h"

#include "networkaclevaluator.h"

#include <QLocale>
#include <algorithm>
#include <iterator>
#include <map>
#include <tuple>
#include <unordered_map>

namespace flowlens {

namespace {

using FlowKey = std::tuple<Address, Address, int>;

bool mostRecordsFirst(const StageFlow& x, const StageFlow& y)
{
    return x.records != y.records
        ? x.records > y.records
        : std::tie(x.source, x.destination, x.protocol) < std::tie(y.source, y.destination, y.protocol);
}

// The flows of a selection, keyed by address values so two stores compare.
std::vector<StageFlow> flowsOf(const FlowStore& store, const Selection& selection)
{
    struct Sum {
        std::uint64_t records = 0;
        std::uint64_t rejects = 0;
        std::uint64_t bytes = 0;
        std::vector<int> ports;
    };
    // Keyed by store ids first (cheap), turned into addresses once per flow.
    std::map<std::pair<std::int64_t, std::int64_t>, std::map<int, Sum>> byPair; // (src id, dst id) → protocol → sum
    const FlowStore::Snapshot& snapshot = selection.snapshot();
    std::vector<std::int64_t> src(kChunkRows), dst(kChunkRows), proto(kChunkRows), port(kChunkRows), action(kChunkRows),
        bytes(kChunkRows);
    for (std::size_t c = 0; c < selection.chunkCount(); ++c) {
        if (!selection.chunk(c).all && selection.chunk(c).count == 0) {
            continue;
        }
        const Chunk& chunk = *snapshot.chunks[c];
        const std::uint32_t n = chunk.rowCount();
        chunk.decode(FieldId::SrcAddr, 0, n, src.data());
        chunk.decode(FieldId::DstAddr, 0, n, dst.data());
        chunk.decode(FieldId::Protocol, 0, n, proto.data());
        chunk.decode(FieldId::DstPort, 0, n, port.data());
        chunk.decode(FieldId::Action, 0, n, action.data());
        chunk.decode(FieldId::Bytes, 0, n, bytes.data());
        selection.forEachRow(c, [&](std::uint32_t r) {
            if (src[r] == kNull || dst[r] == kNull) {
                return;
            }
            const auto key = std::make_pair(src[r], dst[r]);
            Sum& sum = byPair[key][proto[r] == kNull ? -1 : static_cast<int>(proto[r])];
            ++sum.records;
            sum.rejects += action[r] == 1; // ACCEPT = 0, REJECT = 1 in every store
            sum.bytes += bytes[r] == kNull ? 0 : static_cast<std::uint64_t>(bytes[r]);
            if ((proto[r] == 6 || proto[r] == 17) && port[r] != kNull) {
                const int p = static_cast<int>(port[r]);
                const auto at = std::lower_bound(sum.ports.begin(), sum.ports.end(), p);
                if ((at == sum.ports.end() || *at != p) && sum.ports.size() < StageFlow::kMaxPorts) {
                    sum.ports.insert(at, p);
                }
            }
        });
    }
    std::vector<StageFlow> flows;
    for (const auto& [pair, protocols] : byPair) {
        const Address a = store.address(AddressId(pair.first));
        const Address b = store.address(AddressId(pair.second));
        for (const auto& [protocol, sum] : protocols) {
            flows.push_back({ a, b, protocol, sum.records, sum.rejects, sum.bytes, sum.ports });
        }
    }
    std::sort(flows.begin(), flows.end(), mostRecordsFirst);
    return flows;
}

bool isRouteChange(const TopologyChange& change)
{
    return change.category == QLatin1String("route") || change.category == QLatin1String("association")
        || change.category == QLatin1String("peering");
}

QString count(std::uint64_t n)
{
    return QLocale::c().toString(static_cast<qulonglong>(n));
}

} // namespace

QString StageFlow::outcome() const
{
    return rejects == 0      ? QStringLiteral("ACCEPT")
        : rejects == records ? QStringLiteral("REJECT")
                             : QStringLiteral("mixed");
}

QString StageFlow::toString() const
{
    QString text = QString::fromStdString(source.toString()) + QStringLiteral(" → ")
        + QString::fromStdString(destination.toString()) + QLatin1Char(' ')
        + NetworkAclEvaluator::protocolName(protocol).toUpper();
    if (!ports.empty()) {
        QStringList list;
        for (int p : ports) {
            list.append(QString::number(p));
        }
        text += QLatin1Char(' ') + list.join(QLatin1Char(','));
        if (ports.size() == kMaxPorts) {
            text += QStringLiteral(",…");
        }
    }
    return QStringLiteral("%1: %2 %3 (%4)")
        .arg(text, count(records), records == 1 ? QLatin1String("record") : QLatin1String("records"), outcome());
}

Selection StageComparison::selectionOf(const StageSnapshot& stage)
{
    if (!stage.store) {
        return {};
    }
    FilterState filter = stage.filter;
    if (stage.timeRange) {
        filter = filter.with(FilterClause::timeRange(stage.timeRange->first, stage.timeRange->second));
    }
    return evaluateFilter(stage.store->snapshot(), filter);
}

StageTraffic StageComparison::trafficOf(const StageSnapshot& stage)
{
    StageTraffic traffic;
    if (!stage.store || !stage.topology) {
        return traffic;
    }
    const Selection selection = selectionOf(stage);
    traffic.overlay = TrafficOverlay::compute(*stage.topology, *stage.store, selection);
    traffic.flows = flowsOf(*stage.store, selection);
    const FlowStore::Snapshot& snapshot = selection.snapshot();
    std::vector<std::int64_t> action(kChunkRows), bytes(kChunkRows);
    for (std::size_t c = 0; c < selection.chunkCount(); ++c) {
        if (!selection.chunk(c).all && selection.chunk(c).count == 0) {
            continue;
        }
        const Chunk& chunk = *snapshot.chunks[c];
        chunk.decode(FieldId::Action, 0, chunk.rowCount(), action.data());
        chunk.decode(FieldId::Bytes, 0, chunk.rowCount(), bytes.data());
        selection.forEachRow(c, [&](std::uint32_t r) {
            ++traffic.records;
            traffic.accepted += action[r] == 0;
            traffic.rejected += action[r] == 1;
            traffic.bytes += bytes[r] == kNull ? 0 : static_cast<std::uint64_t>(bytes[r]);
        });
    }
    return traffic;
}

StageComparison StageComparison::compute(const StageSnapshot& before, const StageSnapshot& after)
{
    StageComparison result;
    result.stages[0] = trafficOf(before);
    result.stages[1] = trafficOf(after);
    if (before.topology && after.topology) {
        result.diff = TopologyDiff::compare(*before.topology, *after.topology);
        std::copy_if(result.diff.changes.begin(), result.diff.changes.end(), std::back_inserter(result.routeChanges),
            isRouteChange);
    }
    std::map<FlowKey, const StageFlow*> first;
    for (const StageFlow& f : result.stages[0].flows) {
        first.emplace(FlowKey { f.source, f.destination, f.protocol }, &f);
    }
    std::map<FlowKey, const StageFlow*> second;
    for (const StageFlow& f : result.stages[1].flows) {
        second.emplace(FlowKey { f.source, f.destination, f.protocol }, &f);
        const auto it = first.find(FlowKey { f.source, f.destination, f.protocol });
        if (it == first.end()) {
            result.onlyIn[1].push_back(f);
        } else if (it->second->outcome() != f.outcome()) {
            result.outcomeChanged.emplace_back(*it->second, f);
        }
    }
    for (const StageFlow& f : result.stages[0].flows) {
        if (!second.count(FlowKey { f.source, f.destination, f.protocol })) {
            result.onlyIn[0].push_back(f);
        }
    }
    // stages[1].flows is ordered, so onlyIn[1] and outcomeChanged are too; onlyIn[0] likewise.
    return result;
}

QStringList StageComparison::summary(int stage, std::size_t maxFlows) const
{
    const StageTraffic& t = stages[static_cast<std::size_t>(stage)];
    QStringList lines;
    lines.append(QStringLiteral("%1 %2: %3 ACCEPT, %4 REJECT")
                     .arg(count(t.records), t.records == 1 ? QLatin1String("record") : QLatin1String("records"),
                         count(t.accepted), count(t.rejected)));
    const auto own = stage == 0 ? TopologyChange::Kind::Removed : TopologyChange::Kind::Added;
    for (const TopologyChange& c : routeChanges) {
        if (c.kind == own) {
            lines.append(QStringLiteral("%1: %2 %3: %4")
                             .arg(stage == 0 ? QLatin1String("Only here") : QLatin1String("New here"), c.category,
                                 c.elementId, c.detail));
        } else if (c.kind == TopologyChange::Kind::Changed) {
            lines.append(QStringLiteral("Changed: %1 %2: %3 %4")
                             .arg(c.category, c.elementId, c.detail, stage == 0 ? c.before : c.after));
        }
    }
    if (routeChanges.empty() && diff.empty()) {
        lines.append(QStringLiteral("Same configuration in both stages"));
    } else if (routeChanges.empty()) {
        lines.append(QStringLiteral("No route or peering changes (%1 other changes)").arg(count(diff.changes.size())));
    }
    const auto& only = onlyIn[static_cast<std::size_t>(stage)];
    if (only.empty()) {
        lines.append(QStringLiteral("No flow seen only in this stage"));
    } else {
        lines.append(QStringLiteral("Seen only in this stage:"));
        for (std::size_t i = 0; i < std::min(only.size(), maxFlows); ++i) {
            lines.append(QStringLiteral("  ") + only[i].toString());
        }
        if (only.size() > maxFlows) {
            lines.append(QStringLiteral("  … and ") + count(only.size() - maxFlows) + QStringLiteral(" more"));
        }
    }
    for (std::size_t i = 0; i < std::min(outcomeChanged.size(), maxFlows); ++i) {
        const StageFlow& f = stage == 0 ? outcomeChanged[i].first : outcomeChanged[i].second;
        lines.append(QStringLiteral("Outcome %1: %2")
                         .arg(stage == 0 ? QLatin1String("before") : QLatin1String("after"), f.toString()));
    }
    return lines;
}

} // namespace flowlens
