#pragma once

#include "investigation/investigationresult.h"

#include <QWidget>

class QButtonGroup;
class QLabel;
class QPushButton;

namespace flowlens {

class CountList;

// REJECT traffic one click away: All / REJECT only / ACCEPT only, then the top rejected sources,
// destination ports and interfaces of the current selection with counts and bars. Click a value to
// filter on it, Ctrl+click to exclude it.
class RejectPane : public QWidget {
    Q_OBJECT
public:
    enum class ActionChoice { All, RejectOnly, AcceptOnly };

    explicit RejectPane(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const InvestigationResult> result);
    QPushButton* button(ActionChoice choice) const;
    CountList* list(FieldId field) const; // SrcAddr, DstPort or InterfaceId

Q_SIGNALS:
    void actionChosen(flowlens::RejectPane::ActionChoice choice);
    void filterRequested(const flowlens::FilterClause& clause);
    void endpointRequested(qint64 address);

private:
    QButtonGroup* m_choices;
    QLabel* m_summary;
    CountList* m_sources;
    CountList* m_ports;
    CountList* m_interfaces;
};

} // namespace flowlens
