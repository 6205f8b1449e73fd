#pragma once

#include "investigation/filterclause.h"

#include <QObject>
#include <QString>
#include <optional>

class QMenu;
class QWidget;

namespace flowlens {

class FlowStore;

// What a right-click on a value offers, the same in every pane: filter on it, exclude it, filter on
// the conversation of the row, show the endpoint's statistics, copy it. The pane says what the cell
// holds; the menu turns choices into requests the main window forwards to the investigation.
class ValueMenu : public QObject {
    Q_OBJECT
public:
    struct Cell {
        FieldId field = FieldId::Action;
        std::int64_t value = kNull; // store value
        QString text; // as displayed, for copying
        std::optional<std::pair<std::int64_t, std::int64_t>> conversation; // src, dst address of the row
        std::int64_t protocol = kNull;
    };

    explicit ValueMenu(QObject* parent = nullptr);

    // Fills `menu` with the actions for `cell`; `store` gives the clauses their text.
    void populate(QMenu* menu, const FlowStore& store, const Cell& cell);
    // Shows the menu at the global position and handles the choice.
    void exec(QWidget* parent, const QPoint& globalPosition, const FlowStore& store, const Cell& cell);

Q_SIGNALS:
    void filterRequested(const flowlens::FilterClause& clause);
    void endpointRequested(qint64 address);
    // "Block … with network ACL rules": offered for public addresses when something listens.
    void containRequested(qint64 address);
};

} // namespace flowlens
