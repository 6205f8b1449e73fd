#pragma once

#include "investigation/filterstate.h"

#include <QWidget>
#include <memory>

class QCompleter;
class QHBoxLayout;
class QMenu;
class QStandardItemModel;
class QLabel;
class QLineEdit;
class QToolButton;

namespace flowlens {

class FilterLibrary;
struct FieldVocabulary;

// The filter bar: back/forward over filter states, the active clauses as removable chips, a reset,
// and the expression box: a Logs Insights condition or a whole query, checked as it is typed (green
// when valid, red with the positioned error when not). Enter applies a condition as the filter and
// runs a query with stats/sort/limit… (its table shows in the result pane). The box completes field
// names and common values of the loaded data, Up/Down walk the recent expressions, and the ▾ menu
// lists them with the saved filters.
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
    // A note beside the box, such as how many rows a query gave.
    void showNote(const QString& note);
    // Puts `expression` in the box and applies it as if typed.
    void applyExpression(const QString& expression);

    // Where recent expressions and saved filters are kept (not owned).
    void setLibrary(FilterLibrary* library);
    // The fields and values completion offers (from the loaded data); null: none yet.
    void setVocabulary(std::shared_ptr<const FieldVocabulary> vocabulary);
    QCompleter* completer() const { return m_completer; }
    // What the popup offers now, as shown (for tests).
    QStringList completionLabels() const;
    // The ▾ menu, rebuilt each time it opens (recent expressions, saved filters, save/rename/delete).
    QMenu* libraryMenu() const { return m_menu; }
    void rebuildLibraryMenu();

Q_SIGNALS:
    void backRequested();
    void forwardRequested();
    void resetRequested();
    void removeClauseRequested(int index); // -1: the expression
    void expressionApplied(const QString& expression); // a valid expression, Enter pressed
    void queryRequested(const QString& query); // a valid query with stats, sort, limit…, Enter pressed

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyExpression();
    void validateExpression(const QString& text);
    void updateCompletion();
    void insertCompletion(const QModelIndex& index);
    void stepHistory(int direction);
    void saveCurrentFilter();
    void renameSavedFilter(const QString& name);

    QToolButton* m_back;
    QToolButton* m_forward;
    QToolButton* m_reset;
    QWidget* m_chips;
    QHBoxLayout* m_chipLayout;
    QLabel* m_empty;
    QLineEdit* m_expression;
    QLabel* m_message;
    QLabel* m_busy;
    QToolButton* m_menuButton;
    QMenu* m_menu;
    QCompleter* m_completer;
    QStandardItemModel* m_completions;
    FilterLibrary* m_library = nullptr;
    std::shared_ptr<const FieldVocabulary> m_vocabulary;
    int m_historyIndex = -1; // the recent expression Up/Down shows; -1: the text typed
    QString m_draft; // the text typed before Up was pressed
};

} // namespace flowlens
