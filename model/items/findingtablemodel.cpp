#include "findingtablemodel.h"

#include <QLocale>

namespace flowlens {

FindingTableModel::FindingTableModel(QObject* parent)
    : ResultTableModel({ QT_TR_NOOP("Severity"), QT_TR_NOOP("Finding"), QT_TR_NOOP("Evidence records"),
                           QT_TR_NOOP("GuardDuty type"), QT_TR_NOOP("Kind") },
        parent)
{
}

std::size_t FindingTableModel::resultRows() const
{
    return result()->findings.size();
}

const Finding& FindingTableModel::findingAt(int row) const
{
    return result()->findings[static_cast<std::size_t>(row)];
}

QVariant FindingTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Finding& f = findingAt(index.row());
    switch (role) {
    case SortRole:
    case RawValueRole:
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityColumn:
            return role == SortRole ? QVariant(static_cast<int>(f.severity))
                                    : QVariant(QString::fromLatin1(severityName(f.severity)));
        case TitleColumn:
            return f.title;
        case EvidenceColumn:
            return role == Qt::DisplayRole ? QVariant(QLocale().toString(qulonglong(f.evidenceCount)))
                                           : QVariant(qulonglong(f.evidenceCount));
        case GuardDutyColumn:
            return f.guardDutyType;
        case KindColumn:
            return f.kind;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return QString(f.explanation + QStringLiteral("\n\n") + tr("Filter: %1").arg(f.filter));
    case Qt::TextAlignmentRole:
        return index.column() == EvidenceColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    default:
        return {};
    }
}

} // namespace flowlens
