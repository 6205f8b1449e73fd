#include "bardelegate.h"

#include "flowcolors.h"

#include <QPainter>

namespace flowlens {

BarDelegate::BarDelegate(QObject* parent, int fractionRole)
    : QStyledItemDelegate(parent)
    , m_fractionRole(fractionRole)
{
}

void BarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const QVariant fraction = index.data(m_fractionRole);
    if (fraction.isValid()) {
        const QVariant colour = index.data(BarColorRole);
        QColor bar = colour.isValid() ? colour.value<QColor>() : FlowColors::accept();
        bar.setAlpha(90);
        QRectF r = QRectF(option.rect).adjusted(2, 3, -2, -3);
        r.setWidth(r.width() * std::clamp(fraction.toDouble(), 0.0, 1.0));
        painter->fillRect(r, bar);
    }
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace flowlens
