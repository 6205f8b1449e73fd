#include "facetspane.h"

#include "countlist.h"
#include "flowcolors.h"
#include "items/valueformatter.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace flowlens {

FacetsPane::FacetsPane(QWidget* parent)
    : QWidget(parent)
    , m_hint(new QLabel(tr("Click a value to filter on it; Ctrl+click to exclude it."), this))
    , m_list(new CountList(tr("Value"), this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);
    layout->addWidget(m_hint);
    layout->addWidget(m_list, 1);
    connect(m_list, &CountList::filterRequested, this, &FacetsPane::filterRequested);
    connect(m_list, &CountList::endpointRequested, this, &FacetsPane::endpointRequested);
}

void FacetsPane::setResult(std::shared_ptr<const InvestigationResult> result)
{
    // Keep the groups the user collapsed collapsed.
    QStringList collapsed;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        if (!m_list->topLevelItem(i)->isExpanded()) {
            collapsed.append(m_list->topLevelItem(i)->text(0).section(QLatin1Char(' '), 0, 0));
        }
    }
    m_list->clear();
    m_list->setStore(result->store);
    const QLocale locale;
    const std::uint64_t selected = result->selection.count();
    for (const Facet& facet : result->facets.facets) {
        const QString name = QString::fromLatin1(fieldInfo(facet.field).insightsName);
        QTreeWidgetItem* group
            = m_list->addGroup(tr("%1 (%2 distinct)").arg(name, locale.toString(qulonglong(facet.distinct))),
                tr("Values of %1 in the selection, most frequent first").arg(name));
        group->setExpanded(!collapsed.contains(name));
        for (const FacetValue& v : facet.values) {
            QString text = ValueFormatter::raw(*result->store, facet.field, v.value);
            if (facet.field == FieldId::Protocol) {
                const QString protocol = ValueFormatter::protocolName(v.value);
                text = protocol.isEmpty() ? text : QStringLiteral("%1 (%2)").arg(protocol, text);
            }
            const QColor colour = facet.field == FieldId::Action && text == QLatin1String("REJECT")
                ? FlowColors::reject()
                : facet.field == FieldId::Action && text == QLatin1String("ACCEPT") ? FlowColors::accept()
                                                                                    : QColor(0x3b, 0x78, 0xc4);
            m_list->addValue(group, facet.field, v.value, text, v.count,
                selected > 0 ? double(v.count) / double(selected) : 0.0, colour);
        }
    }
}

} // namespace flowlens
