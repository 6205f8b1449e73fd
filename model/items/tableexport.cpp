#include "tableexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <numeric>

namespace flowlens {

namespace {

std::vector<int> allOr(const std::vector<int>& chosen, int count)
{
    if (!chosen.empty()) {
        return chosen;
    }
    std::vector<int> all(static_cast<std::size_t>(count));
    std::iota(all.begin(), all.end(), 0);
    return all;
}

QVariant cell(const QAbstractItemModel& model, int row, int column)
{
    const QModelIndex index = model.index(row, column);
    QVariant v = model.data(index, TableExport::kRawValueRole);
    return v.isValid() ? v : model.data(index, Qt::DisplayRole);
}

QString csvField(const QString& text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n'))
        && !text.contains(QLatin1Char('\r'))) {
        return text;
    }
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

QString TableExport::toCsv(
    const QAbstractItemModel& model, const std::vector<int>& rows, const std::vector<int>& columns)
{
    const std::vector<int> cols = allOr(columns, model.columnCount());
    QString out;
    QStringList fields;
    for (int c : cols) {
        fields.append(csvField(model.headerData(c, Qt::Horizontal).toString()));
    }
    out += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (int r : allOr(rows, model.rowCount())) {
        fields.clear();
        for (int c : cols) {
            fields.append(csvField(cell(model, r, c).toString()));
        }
        out += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return out;
}

QByteArray TableExport::toJson(
    const QAbstractItemModel& model, const std::vector<int>& rows, const std::vector<int>& columns)
{
    const std::vector<int> cols = allOr(columns, model.columnCount());
    QStringList keys;
    for (int c : cols) {
        keys.append(model.headerData(c, Qt::Horizontal).toString());
    }
    QJsonArray array;
    for (int r : allOr(rows, model.rowCount())) {
        QJsonObject object;
        for (std::size_t i = 0; i < cols.size(); ++i) {
            const QVariant v = cell(model, r, cols[i]);
            switch (v.typeId()) {
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::LongLong:
            case QMetaType::ULongLong:
                object.insert(keys[static_cast<qsizetype>(i)], v.toLongLong());
                break;
            case QMetaType::Double:
                object.insert(keys[static_cast<qsizetype>(i)], v.toDouble());
                break;
            case QMetaType::Bool:
                object.insert(keys[static_cast<qsizetype>(i)], v.toBool());
                break;
            default:
                object.insert(keys[static_cast<qsizetype>(i)], v.toString());
            }
        }
        array.append(object);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

bool TableExport::write(
    const QAbstractItemModel& model, const QString& path, QString& error, const std::vector<int>& columns)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)
        ? toJson(model, {}, columns)
        : toCsv(model, {}, columns).toUtf8();
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        error = QStringLiteral("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace flowlens
