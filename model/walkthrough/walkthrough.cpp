#include "walkthrough.h"

namespace flowlens {

QString WalkthroughAction::kindName(Kind kind)
{
    switch (kind) {
    case Kind::OpenLab:
        return QStringLiteral("openLab");
    case Kind::Topology:
        return QStringLiteral("topology");
    case Kind::Filter:
        return QStringLiteral("filter");
    case Kind::ResetFilter:
        return QStringLiteral("resetFilter");
    case Kind::TimeRange:
        return QStringLiteral("timeRange");
    case Kind::ActionOnly:
        return QStringLiteral("actionOnly");
    case Kind::Highlight:
        return QStringLiteral("highlight");
    case Kind::Reachability:
        return QStringLiteral("reachability");
    case Kind::Pane:
        return QStringLiteral("pane");
    case Kind::Compare:
        return QStringLiteral("compare");
    case Kind::Containment:
        return QStringLiteral("containment");
    case Kind::Translate:
        return QStringLiteral("translate");
    }
    return {};
}

bool WalkthroughCheck::dependsOnFilter() const
{
    switch (kind) {
    case Kind::Every:
    case Kind::None:
    case Kind::FilterContains:
    case Kind::TimeRangeWithin:
    case Kind::MaxRows:
        return true;
    case Kind::Some:
    case Kind::IncludesAll:
    case Kind::MinRows:
    case Kind::Finding:
        return false; // the unfiltered view satisfies these already
    }
    return false;
}

QString WalkthroughCheck::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Every:
        return QStringLiteral("every");
    case Kind::Some:
        return QStringLiteral("some");
    case Kind::None:
        return QStringLiteral("none");
    case Kind::IncludesAll:
        return QStringLiteral("includesAll");
    case Kind::FilterContains:
        return QStringLiteral("filterContains");
    case Kind::TimeRangeWithin:
        return QStringLiteral("timeRangeWithin");
    case Kind::MinRows:
        return QStringLiteral("minRows");
    case Kind::MaxRows:
        return QStringLiteral("maxRows");
    case Kind::Finding:
        return QStringLiteral("finding");
    }
    return {};
}

QString WalkthroughCheck::describe() const
{
    switch (kind) {
    case Kind::Every:
        return QStringLiteral("every shown record matches %1").arg(expression);
    case Kind::Some:
        return QStringLiteral("some shown record matches %1").arg(expression);
    case Kind::None:
        return QStringLiteral("no shown record matches %1").arg(expression);
    case Kind::IncludesAll:
        return QStringLiteral("every record matching %1 is shown").arg(expression);
    case Kind::FilterContains:
        return QStringLiteral("the filter contains %1").arg(expression);
    case Kind::TimeRangeWithin:
        return stage.isEmpty() ? QStringLiteral("the time range lies within the given window")
                               : QStringLiteral("the time range lies within stage %1").arg(stage);
    case Kind::MinRows:
        return QStringLiteral("at least %1 records are shown").arg(count);
    case Kind::MaxRows:
        return QStringLiteral("at most %1 records are shown").arg(count);
    case Kind::Finding:
        return QStringLiteral("a %1 finding is listed").arg(expression);
    }
    return {};
}

int Walkthrough::indexOf(const QString& stepId) const
{
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].id == stepId) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

} // namespace flowlens
