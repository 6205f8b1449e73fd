#pragma once

#include "values.h"

#include <QString>
#include <memory>
#include <string>
#include <vector>

namespace flowlens::query {

// A query's answer as a table: named, typed columns and rows, as Logs Insights shows it (stats
// groups, or records with their displayed fields). Text and addresses point into the store the
// query ran on or into the result's own arena, so a Result is valid while that store lives.
// Copies share the arena.
class Result {
public:
    struct Column {
        QString name;
        Values values;
    };

    Result();

    std::size_t rowCount() const { return m_rows; }
    std::size_t columnCount() const { return m_columns.size(); }
    const Column& column(std::size_t c) const { return m_columns[c]; }
    const std::vector<Column>& columns() const { return m_columns; }
    // -1 when there is no such column.
    int columnIndex(QStringView name) const;

    // Adds a column of rowCount() values (the first column sets the row count). Text and
    // addresses must outlive the result: store-owned, or kept in arena().
    void addColumn(const QString& name, Values values);
    void renameColumn(std::size_t column, const QString& name) { m_columns[column].name = name; }
    ValueArena& arena() { return *m_arena; }
    // Keeps `other`'s arena alive as long as this result, for columns copied from it.
    void adoptArena(const Result& other) { m_adopted.push_back(other.m_arena); }
    // Keeps the rows listed, in that order (rows may repeat).
    void selectRows(const std::vector<std::uint32_t>& rows);
    // Keeps the columns listed, in that order.
    void selectColumns(const std::vector<std::size_t>& columns);

    bool isNull(std::size_t column, std::size_t row) const { return m_columns[column].values.isNull(row); }
    // A cell as text: numbers in decimal (floats as the shortest text that reads back the same),
    // timestamps as "2024-05-01 10:00:00.000" (UTC, as Insights shows them), addresses in their
    // usual notation, booleans as true/false; empty for null.
    std::string text(std::size_t column, std::size_t row) const;

    static std::string timestampText(std::int64_t milliseconds);
    static std::string floatText(double value);

private:
    std::vector<Column> m_columns;
    std::size_t m_rows = 0;
    std::shared_ptr<ValueArena> m_arena;
    std::vector<std::shared_ptr<ValueArena>> m_adopted;
};

} // namespace flowlens::query
