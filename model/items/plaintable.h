#pragma once

#include <QAbstractTableModel>
#include <QStringList>
#include <QVariant>
#include <vector>

namespace flowlens {

// An engine-neutral result table: column names and rows of values (numbers as double, text as
// QString, null as an invalid QVariant). Logs Insights answers and local `stats` results both fit.
struct PlainTable {
    QStringList columns;
    std::vector<QVariantList> rows;

    // The value as a number when the text reads as one (Insights sends every value as text).
    static QVariant typed(const QString& text);
    bool isNumericColumn(int column) const; // every non-null value is a number
};

// Shows a PlainTable; sorts by the raw values (numbers as numbers).
class PlainTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { SortRole = Qt::UserRole, RawValueRole };

    explicit PlainTableModel(QObject* parent = nullptr);

    void setTable(PlainTable table);
    const PlainTable& table() const { return m_table; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    PlainTable m_table;
};

} // namespace flowlens
