#pragma once

#include "investigation/filterclause.h"

#include <QTreeWidget>
#include <memory>

namespace flowlens {

class FlowStore;
class ValueMenu;

// A list of values with record counts and bars, optionally grouped (one group per field). Click a
// value to filter on it, Ctrl+click to exclude it, right-click for the value menu.
class CountList : public QTreeWidget {
    Q_OBJECT
public:
    explicit CountList(const QString& valueHeader, QWidget* parent = nullptr);

    void setStore(std::shared_ptr<const FlowStore> store) { m_store = std::move(store); }
    QTreeWidgetItem* addGroup(const QString& title, const QString& tooltip);
    // group null: a top-level row. fraction: the bar's length relative to the largest value.
    QTreeWidgetItem* addValue(QTreeWidgetItem* group, FieldId field, std::int64_t value, const QString& text,
        std::uint64_t count, double fraction, const QColor& colour);
    // The row showing a value (for tests), or null.
    QTreeWidgetItem* findValue(FieldId field, const QString& text) const;

Q_SIGNALS:
    void filterRequested(const flowlens::FilterClause& clause);
    void endpointRequested(qint64 address);

protected:
    bool viewportEvent(QEvent* event) override;

private:
    void showMenu(const QPoint& position);

    std::shared_ptr<const FlowStore> m_store;
    ValueMenu* m_menu;
};

} // namespace flowlens
