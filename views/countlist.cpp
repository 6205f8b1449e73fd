#include "countlist.h"

#include "bardelegate.h"
#include "store/flowstore.h"
#include "valuemenu.h"

#include <QHeaderView>
#include <QLocale>
#include <QMouseEvent>

namespace flowlens {

namespace {
constexpr int FieldRole = Qt::UserRole + 1;
constexpr int ValueRole = Qt::UserRole + 2;
} // namespace

CountList::CountList(const QString& valueHeader, QWidget* parent)
    : QTreeWidget(parent)
    , m_menu(new ValueMenu(this))
{
    setColumnCount(2);
    setHeaderLabels({ valueHeader, tr("Records") });
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setAlternatingRowColors(false);
    setItemDelegateForColumn(1, new BarDelegate(this));
    header()->setStretchLastSection(false);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    header()->setSectionResizeMode(1, QHeaderView::Fixed);
    header()->resizeSection(1, fontMetrics().horizontalAdvance(QStringLiteral("0,000,000,000")) + 12);
    setContextMenuPolicy(Qt::CustomContextMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &CountList::showMenu);
    connect(m_menu, &ValueMenu::filterRequested, this, &CountList::filterRequested);
    connect(m_menu, &ValueMenu::endpointRequested, this, &CountList::endpointRequested);
}

QTreeWidgetItem* CountList::addGroup(const QString& title, const QString& tooltip)
{
    setRootIsDecorated(true);
    auto* item = new QTreeWidgetItem(this, { title });
    item->setFirstColumnSpanned(true);
    QFont font = item->font(0);
    font.setBold(true);
    item->setFont(0, font);
    item->setToolTip(0, tooltip);
    item->setExpanded(true);
    return item;
}

QTreeWidgetItem* CountList::addValue(QTreeWidgetItem* group, FieldId field, std::int64_t value, const QString& text,
    std::uint64_t count, double fraction, const QColor& colour)
{
    auto* item = group != nullptr ? new QTreeWidgetItem(group) : new QTreeWidgetItem(this);
    item->setText(0, text);
    item->setText(1, QLocale().toString(qulonglong(count)));
    item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    item->setData(0, FieldRole, static_cast<int>(field));
    item->setData(0, ValueRole, qlonglong(value));
    item->setData(1, BarDelegate::FractionRole, fraction);
    item->setData(1, BarDelegate::BarColorRole, colour);
    const QString name = QString::fromLatin1(fieldInfo(field).insightsName);
    item->setToolTip(0, tr("%1 = %2\nClick: filter on it. Ctrl+click: exclude it. Right-click: more.").arg(name, text));
    return item;
}

QTreeWidgetItem* CountList::findValue(FieldId field, const QString& text) const
{
    for (QTreeWidgetItemIterator it(const_cast<CountList*>(this)); *it != nullptr; ++it) {
        const QVariant f = (*it)->data(0, FieldRole);
        if (f.isValid() && f.toInt() == static_cast<int>(field) && (*it)->text(0) == text) {
            return *it;
        }
    }
    return nullptr;
}

bool CountList::viewportEvent(QEvent* event)
{
    // Clicks are handled on release so the modifiers of this very click decide filter or exclude.
    if (event->type() == QEvent::MouseButtonRelease && m_store) {
        auto* mouse = static_cast<QMouseEvent*>(event);
        QTreeWidgetItem* item = itemAt(mouse->position().toPoint());
        if (mouse->button() == Qt::LeftButton && item != nullptr && item->data(0, FieldRole).isValid()) {
            const auto field = static_cast<FieldId>(item->data(0, FieldRole).toInt());
            const std::int64_t value = item->data(0, ValueRole).toLongLong();
            Q_EMIT filterRequested((mouse->modifiers() & Qt::ControlModifier) != 0
                    ? FilterClause::notEquals(*m_store, field, value)
                    : FilterClause::equals(*m_store, field, value));
        }
    }
    return QTreeWidget::viewportEvent(event);
}

void CountList::showMenu(const QPoint& position)
{
    QTreeWidgetItem* item = itemAt(position);
    if (item == nullptr || !item->data(0, FieldRole).isValid() || !m_store) {
        return;
    }
    ValueMenu::Cell cell;
    cell.field = static_cast<FieldId>(item->data(0, FieldRole).toInt());
    cell.value = item->data(0, ValueRole).toLongLong();
    cell.text = item->text(0);
    m_menu->exec(this, viewport()->mapToGlobal(position), *m_store, cell);
}

} // namespace flowlens
