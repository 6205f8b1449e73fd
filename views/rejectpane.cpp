#include "rejectpane.h"

#include "countlist.h"
#include "flowcolors.h"
#include "items/valueformatter.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace flowlens {

namespace {
constexpr std::int64_t kAccept = 0; // FlowStore seeds the action dictionary: ACCEPT = 0, REJECT = 1
constexpr std::int64_t kReject = 1;
} // namespace

RejectPane::RejectPane(QWidget* parent)
    : QWidget(parent)
    , m_choices(new QButtonGroup(this))
    , m_summary(new QLabel(this))
    , m_sources(new CountList(tr("Rejected source"), this))
    , m_ports(new CountList(tr("Destination port"), this))
    , m_interfaces(new CountList(tr("Interface"), this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* row = new QHBoxLayout;
    layout->addLayout(row);
    const std::pair<ActionChoice, QString> choices[] = { { ActionChoice::All, tr("All") },
        { ActionChoice::RejectOnly, tr("REJECT only") }, { ActionChoice::AcceptOnly, tr("ACCEPT only") } };
    for (const auto& [choice, text] : choices) {
        auto* button = new QPushButton(text, this);
        button->setCheckable(true);
        button->setToolTip(choice == ActionChoice::All ? tr("Both ACCEPT and REJECT records")
                : choice == ActionChoice::RejectOnly   ? tr("Only records the security groups or network ACLs rejected")
                                                       : tr("Only accepted records"));
        m_choices->addButton(button, static_cast<int>(choice));
        row->addWidget(button);
    }
    m_choices->button(static_cast<int>(ActionChoice::RejectOnly))
        ->setStyleSheet(
            QStringLiteral("QPushButton:checked { color: white; background: %1; }").arg(FlowColors::reject().name()));
    m_choices->button(static_cast<int>(ActionChoice::AcceptOnly))
        ->setStyleSheet(
            QStringLiteral("QPushButton:checked { color: white; background: %1; }").arg(FlowColors::accept().name()));
    m_choices->button(static_cast<int>(ActionChoice::All))->setChecked(true);
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_sources);
    splitter->addWidget(m_ports);
    splitter->addWidget(m_interfaces);
    layout->addWidget(splitter, 1);
    for (CountList* list : { m_sources, m_ports, m_interfaces }) {
        connect(list, &CountList::filterRequested, this, &RejectPane::filterRequested);
        connect(list, &CountList::endpointRequested, this, &RejectPane::endpointRequested);
    }
    connect(m_choices, &QButtonGroup::idClicked, this,
        [this](int id) { Q_EMIT actionChosen(static_cast<ActionChoice>(id)); });
}

QPushButton* RejectPane::button(ActionChoice choice) const
{
    return qobject_cast<QPushButton*>(m_choices->button(static_cast<int>(choice)));
}

CountList* RejectPane::list(FieldId field) const
{
    return field == FieldId::SrcAddr ? m_sources : field == FieldId::DstPort ? m_ports : m_interfaces;
}

void RejectPane::setResult(std::shared_ptr<const InvestigationResult> result)
{
    // The buttons follow the filter, whoever changed it.
    ActionChoice choice = ActionChoice::All;
    for (const FilterClause& c : result->filter.clauses) {
        if (c.kind == FilterClause::Kind::Equals && c.field == FieldId::Action) {
            choice = c.value == kReject ? ActionChoice::RejectOnly
                : c.value == kAccept    ? ActionChoice::AcceptOnly
                                        : ActionChoice::All;
        }
    }
    m_choices->button(static_cast<int>(choice))->setChecked(true);

    const QLocale locale;
    const std::uint64_t selected = result->selection.count();
    m_summary->setText(selected == 0
            ? tr("No records in the selection.")
            : tr("%1 REJECT records: %2 % of the %3 selected.")
                  .arg(locale.toString(qulonglong(result->rejectedRecords)))
                  .arg(locale.toString(100.0 * double(result->rejectedRecords) / double(selected), 'f', 1))
                  .arg(locale.toString(qulonglong(selected))));
    for (CountList* list : { m_sources, m_ports, m_interfaces }) {
        list->clear();
        list->setStore(result->store);
    }
    for (const Facet& facet : result->rejected.facets) {
        CountList* target = list(facet.field);
        const double top = facet.values.empty() ? 1.0 : double(facet.values.front().count);
        for (const FacetValue& v : facet.values) {
            target->addValue(nullptr, facet.field, v.value, ValueFormatter::raw(*result->store, facet.field, v.value),
                v.count, double(v.count) / top, FlowColors::reject());
        }
    }
    if (!result->store->presentFields().test(index(FieldId::InterfaceId))) {
        m_interfaces->hide();
    } else {
        m_interfaces->show();
    }
}

} // namespace flowlens
