#include "recordtableview.h"

#include "investigation/sourceline.h"
#include "investigation/workerpool.h"
#include "items/recordtablemodel.h"
#include "items/tableexport.h"
#include "valuemenu.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace flowlens {

RecordTableView::RecordTableView(QWidget* parent)
    : QTableView(parent)
    , m_menu(new ValueMenu(this))
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setSortingEnabled(true);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    horizontalHeader()->setDefaultSectionSize(fontMetrics().horizontalAdvance(QStringLiteral("000.000.000.000")) + 16);
    horizontalHeader()->setHighlightSections(false);
    horizontalHeader()->setSectionsMovable(true);
    horizontalHeader()->setSortIndicatorShown(true);
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setToolTip(tr("Flow-log records. Click a header to sort, right-click a header to choose columns, right-click "
                  "a cell to filter, double-click a row for its raw line."));
    connect(horizontalHeader(), &QHeaderView::customContextMenuRequested, this, &RecordTableView::showHeaderMenu);
    connect(this, &QWidget::customContextMenuRequested, this, &RecordTableView::showCellMenu);
    connect(
        this, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) { showRawLine(index.row()); });
    connect(m_menu, &ValueMenu::filterRequested, this, &RecordTableView::filterRequested);
    connect(m_menu, &ValueMenu::endpointRequested, this, &RecordTableView::endpointRequested);
    connect(m_menu, &ValueMenu::containRequested, this, &RecordTableView::containRequested);
}

void RecordTableView::setRecordModel(RecordTableModel* model)
{
    m_model = model;
    setModel(model);
    connect(model, &QAbstractItemModel::columnsInserted, this, &RecordTableView::applyColumnLayout);
    connect(model, &QAbstractItemModel::modelReset, this, &RecordTableView::applyColumnLayout);
    applyColumnLayout();
}

QStringList RecordTableView::columnLayout() const
{
    if (m_model == nullptr || m_model->columnCount() == 0) {
        return m_layout;
    }
    QStringList layout;
    const QHeaderView* header = horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        const QString name = QString::fromLatin1(fieldInfo(m_model->fieldAt(logical)).insightsName);
        layout.append(header->isSectionHidden(logical) ? QLatin1Char('-') + name : name);
    }
    // Fields this data lacks keep their place in the remembered layout.
    for (const QString& entry : m_layout) {
        const QString name = entry.startsWith(QLatin1Char('-')) ? entry.mid(1) : entry;
        if (!layout.contains(name) && !layout.contains(QLatin1Char('-') + name)) {
            layout.append(entry);
        }
    }
    return layout;
}

void RecordTableView::setColumnLayout(const QStringList& layout)
{
    m_layout = layout;
    applyColumnLayout();
}

void RecordTableView::applyColumnLayout()
{
    if (m_model == nullptr) {
        return;
    }
    QHeaderView* header = horizontalHeader();
    int visual = 0;
    for (const QString& entry : std::as_const(m_layout)) {
        const bool hidden = entry.startsWith(QLatin1Char('-'));
        const auto field = fieldByAnyName((hidden ? entry.mid(1) : entry).toStdString());
        const int logical = field ? m_model->columnOf(*field) : -1;
        if (logical < 0) {
            continue;
        }
        header->moveSection(header->visualIndex(logical), visual++);
        header->setSectionHidden(logical, hidden);
    }
}

std::vector<int> RecordTableView::visibleColumns() const
{
    std::vector<int> columns;
    const QHeaderView* header = horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical)) {
            columns.push_back(logical);
        }
    }
    return columns;
}

void RecordTableView::showHeaderMenu(const QPoint& position)
{
    if (m_model == nullptr) {
        return;
    }
    QMenu menu(this);
    menu.addSection(tr("Columns"));
    QHeaderView* header = horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        QAction* action = menu.addAction(m_model->headerData(logical, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(logical));
        connect(action, &QAction::toggled, this, [this, header, logical](bool shown) {
            header->setSectionHidden(logical, !shown);
            m_layout = columnLayout();
        });
    }
    menu.addSeparator();
    menu.addAction(tr("Show all columns in record order"), this, [this, header] {
        for (int logical = 0; logical < header->count(); ++logical) {
            header->moveSection(header->visualIndex(logical), logical);
            header->setSectionHidden(logical, false);
        }
        m_layout = columnLayout();
    });
    menu.addAction(tr("Sort in record order"), this, [this] {
        horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
        m_model->sort(-1);
    });
    menu.exec(header->mapToGlobal(position));
    m_layout = columnLayout();
}

void RecordTableView::showCellMenu(const QPoint& position)
{
    const QModelIndex index = indexAt(position);
    if (m_model == nullptr || !index.isValid() || m_model->store() == nullptr) {
        return;
    }
    ValueMenu::Cell cell;
    cell.field = m_model->fieldAt(index.column());
    cell.value = m_model->valueAt(index.row(), cell.field);
    cell.text = index.data(RecordTableModel::RawValueRole).toString();
    cell.conversation = std::make_pair(
        m_model->valueAt(index.row(), FieldId::SrcAddr), m_model->valueAt(index.row(), FieldId::DstAddr));
    cell.protocol = m_model->valueAt(index.row(), FieldId::Protocol);
    QMenu menu(this);
    menu.setToolTipsVisible(true);
    m_menu->populate(&menu, *m_model->store(), cell);
    menu.addSeparator();
    menu.addAction(tr("Explain Reachability…"), this, [this, row = index.row()] { Q_EMIT explainRequested(row); })
        ->setToolTip(tr("Why this record's flow can or cannot pass the topology's routes, ACLs and security groups"));
    menu.addAction(tr("Show raw line (%1)").arg(m_model->provenance(index.row())), this,
        [this, row = index.row()] { showRawLine(row); });
    menu.addAction(
            tr("Copy selected rows as CSV"), this, [this] { QApplication::clipboard()->setText(selectedRowsAsCsv()); })
        ->setShortcut(QKeySequence::Copy);
    menu.addAction(
        tr("Copy selected rows as JSON"), this, [this] { QApplication::clipboard()->setText(selectedRowsAsJson()); });
    menu.exec(viewport()->mapToGlobal(position));
}

std::vector<int> RecordTableView::selectedRows() const
{
    std::vector<int> rows;
    for (const QModelIndex& index : selectionModel()->selectedRows()) {
        rows.push_back(index.row());
    }
    if (rows.empty() && currentIndex().isValid()) {
        rows.push_back(currentIndex().row());
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

QString RecordTableView::selectedRowsAsCsv() const
{
    const std::vector<int> rows = selectedRows();
    return rows.empty() || m_model == nullptr ? QString() : TableExport::toCsv(*m_model, rows, visibleColumns());
}

QString RecordTableView::selectedRowsAsJson() const
{
    const std::vector<int> rows = selectedRows();
    return rows.empty() || m_model == nullptr
        ? QString()
        : QString::fromUtf8(TableExport::toJson(*m_model, rows, visibleColumns()));
}

void RecordTableView::showRawLine(int row)
{
    if (m_model == nullptr || row < 0 || row >= m_model->rowCount()) {
        return;
    }
    const QString path = m_model->sourcePath(row);
    const std::uint64_t line = m_model->sourceLine(row);
    const QString provenance = QStringLiteral("%1:%2").arg(path).arg(line);
    QPointer<RecordTableView> self(this);
    // A line deep in a large .gz takes a while to reach: read it off the GUI thread.
    (void)QtConcurrent::run(investigationPool(), [self, path, line, provenance] {
        QString error;
        const QString text = readSourceLine(path, line, error);
        QMetaObject::invokeMethod(
            qApp,
            [self, provenance, text, error] {
                if (!self) {
                    return;
                }
                Q_EMIT self->rawLineShown(provenance, text.isNull() ? error : text);
                if (QApplication::platformName() == QLatin1String("offscreen")) {
                    return; // no modal box in headless runs
                }
                QMessageBox box(QMessageBox::Information, tr("Raw record"), provenance, QMessageBox::Close, self);
                box.setInformativeText(text.isNull() ? error : text);
                box.setTextInteractionFlags(Qt::TextSelectableByMouse);
                box.exec();
            },
            Qt::QueuedConnection);
    });
}

void RecordTableView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        QApplication::clipboard()->setText(selectedRowsAsCsv());
        return;
    }
    QTableView::keyPressEvent(event);
}

} // namespace flowlens
