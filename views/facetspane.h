#pragma once

#include "investigation/investigationresult.h"

#include <QWidget>

class QLabel;

namespace flowlens {

class CountList;

// Facets of the current selection: action, protocol, log status, ports, interfaces, VPCs,
// subnets, direction, account, each with its most frequent values and record counts. Click a value
// to filter on it, Ctrl+click to exclude it.
class FacetsPane : public QWidget {
    Q_OBJECT
public:
    explicit FacetsPane(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const InvestigationResult> result);
    CountList* list() const { return m_list; }

Q_SIGNALS:
    void filterRequested(const flowlens::FilterClause& clause);
    void endpointRequested(qint64 address);

private:
    QLabel* m_hint;
    CountList* m_list;
};

} // namespace flowlens
