#pragma once

#include <QTableView>

namespace flowlens {

// The records table: uniform rows so millions of them scroll smoothly, columns sized once from
// their headers rather than by measuring every row.
class RecordTableView : public QTableView {
    Q_OBJECT
public:
    explicit RecordTableView(QWidget* parent = nullptr);
};

} // namespace flowlens
