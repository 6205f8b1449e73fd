#pragma once

#include "investigation/filterstate.h"

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QLineEdit;
class QToolButton;

namespace flowlens {

// The filter bar: back/forward over filter states, the active clauses as removable chips, a reset,
// and the expression box: a Logs Insights condition, checked as it is typed (green when valid, red
// with the positioned error when not) and applied with Enter.
class FilterBar : public QWidget {
    Q_OBJECT
public:
    explicit FilterBar(QWidget* parent = nullptr);

    void setFilter(const FilterState& filter, bool canGoBack, bool canGoForward);
    void setBusy(bool busy);
    void focusExpression();
    QLineEdit* expressionEdit() const { return m_expression; }
    QString message() const; // the text under/next to the box: an error or a hint
    // Shows why the applied expression was refused (also used for errors found when compiling).
    void showExpressionError(const QString& error);
    // Puts `expression` in the box and applies it as if typed.
    void applyExpression(const QString& expression);

Q_SIGNALS:
    void backRequested();
    void forwardRequested();
    void resetRequested();
    void removeClauseRequested(int index); // -1: the expression
    void expressionApplied(const QString& expression); // a valid expression, Enter pressed

private:
    void applyExpression();
    void validateExpression(const QString& text);

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
