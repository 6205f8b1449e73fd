#pragma once

#include <QStyledItemDelegate>

namespace flowlens {

// Paints a horizontal bar behind a cell's text: its length is the cell's FractionRole (0–1), its
// colour the BarColorRole (a QColor), so counts read at a glance.
class BarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    static constexpr int FractionRole = Qt::UserRole + 20;
    static constexpr int BarColorRole = Qt::UserRole + 21;

    // fractionRole: the role that holds the fraction (models may have their own).
    explicit BarDelegate(QObject* parent = nullptr, int fractionRole = FractionRole);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_fractionRole;
};

} // namespace flowlens
