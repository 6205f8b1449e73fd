#include "recordtableview.h"

#include <QHeaderView>

namespace flowlens {

RecordTableView::RecordTableView(QWidget* parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setDefaultSectionSize(fontMetrics().horizontalAdvance(QStringLiteral("000.000.000.000")) + 16);
    horizontalHeader()->setHighlightSections(false);
    setToolTip(tr("Flow-log records. Hover a row for the file and line it came from."));
}

} // namespace flowlens
