#include "valuemenu.h"

#include "schema/field.h"
#include "store/flowstore.h"

#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QMetaMethod>

namespace flowlens {

ValueMenu::ValueMenu(QObject* parent)
    : QObject(parent)
{
}

void ValueMenu::populate(QMenu* menu, const FlowStore& store, const Cell& cell)
{
    const QString name = QString::fromLatin1(fieldInfo(cell.field).insightsName);
    const FilterClause on = FilterClause::equals(store, cell.field, cell.value);
    const FilterClause off = FilterClause::notEquals(store, cell.field, cell.value);
    menu->addAction(tr("Filter on %1").arg(on.describe()), this, [this, on] { Q_EMIT filterRequested(on); })
        ->setToolTip(tr("Show only the records with this value"));
    menu->addAction(tr("Exclude %1").arg(on.describe()), this, [this, off] { Q_EMIT filterRequested(off); })
        ->setToolTip(tr("Hide the records with this value"));
    const bool address = fieldInfo(cell.field).kind == FieldKind::Address && cell.value != kNull;
    if (address) {
        const FilterClause host = FilterClause::host(store, cell.value);
        menu->addAction(
            tr("Filter on host %1 (either side)").arg(host.text), this, [this, host] { Q_EMIT filterRequested(host); });
        menu->addAction(tr("Show endpoint statistics of %1").arg(host.text), this,
            [this, v = cell.value] { Q_EMIT endpointRequested(v); });
        if (!store.address(AddressId(cell.value)).isPrivate()
            && isSignalConnected(QMetaMethod::fromSignal(&ValueMenu::containRequested))) {
            menu->addAction(tr("Block %1 with Network ACL Rules…").arg(host.text), this,
                    [this, v = cell.value] { Q_EMIT containRequested(v); })
                ->setToolTip(tr("Deny rules for this address as AWS CLI, Terraform and CloudFormation, with the "
                                "past flows they would have blocked"));
        }
    }
    if (cell.conversation && cell.conversation->first != kNull && cell.conversation->second != kNull) {
        const FilterClause conversation
            = FilterClause::conversation(store, cell.conversation->first, cell.conversation->second, cell.protocol);
        menu->addAction(tr("Filter on this conversation (%1)").arg(conversation.text), this,
            [this, conversation] { Q_EMIT filterRequested(conversation); });
    }
    menu->addSeparator();
    menu->addAction(tr("Copy %1").arg(name), this, [text = cell.text] { QApplication::clipboard()->setText(text); });
}

void ValueMenu::exec(QWidget* parent, const QPoint& globalPosition, const FlowStore& store, const Cell& cell)
{
    QMenu menu(parent);
    menu.setToolTipsVisible(true);
    populate(&menu, store, cell);
    menu.exec(globalPosition);
}

} // namespace flowlens
