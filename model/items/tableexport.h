#pragma once

#include <QAbstractItemModel>
#include <QString>
#include <vector>

namespace flowlens {

// Writes the rows of any table model as CSV (RFC 4180) or JSON (an array of objects keyed by the
// column headers). Cells come from RawValueRole (Qt::UserRole + 1: the machine value) when the
// model gives one, else from the displayed text; JSON keeps numbers as numbers. Files are written
// atomically (QSaveFile): a failed export leaves no half-written file.
class TableExport {
public:
    static constexpr int kRawValueRole = Qt::UserRole + 1;

    // rows/columns empty: all of them, in model order.
    static QString toCsv(
        const QAbstractItemModel& model, const std::vector<int>& rows = {}, const std::vector<int>& columns = {});
    static QByteArray toJson(
        const QAbstractItemModel& model, const std::vector<int>& rows = {}, const std::vector<int>& columns = {});
    // Format from the file name: .json → JSON, anything else CSV. Returns false and sets error.
    static bool write(
        const QAbstractItemModel& model, const QString& path, QString& error, const std::vector<int>& columns = {});
};

} // namespace flowlens
