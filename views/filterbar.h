#pragma once

#include "investigation/filterstate.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QLineEdit;
class QToolButton;

namespace flowlens {

// The filter bar: back/forward over filter states, the active clauses as removable chips, a reset,
// and the expression box. The expression box waits for the query engine: until it is part of the
// build, typing an expression shows why it cannot be applied (in red) and changes nothing.
class FilterBar : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(QWidget* parent = nullptr);

    void setFilter(const FilterState& filter, bool canGoBack, bool canGoForward);
    void setBusy(bool busy);
    void focusExpression();
    QLineEdit* expressionEdit() const { return m_expression; }
    QString message() const; // the text under/next to the box: an error or a hint

Q_SIGNALS:
    void backRequested();
    void forwardRequested();
    void resetRequested();
    void removeClauseRequested(int index);

private:
    void applyExpression();

    QToolButton* m_back;
    QToolButton* m_forward;
    QToolButton* m_reset;
    QWidget* m_chips;
    QHBoxLayout* m_chipLayout;
    QLabel* m_empty;
    QLineEdit* m_expression;
    QLabel* m_message;
    QLabel* m_busy;
};

} // namespace flowlens
