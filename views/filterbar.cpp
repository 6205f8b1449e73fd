#include "filterbar.h"

#include "investigation/filtercompletion.h"
#include "investigation/filterlibrary.h"
#include "investigation/queryrunner.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QStandardItemModel>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace flowlens {

namespace {
enum CompletionRole { InsertionRole = Qt::UserRole, FromRole, LengthRole };
constexpr int kRecentInMenu = 15;
} // namespace

FilterBar::FilterBar(QWidget* parent)
    : QWidget(parent)
    , m_back(new QToolButton(this))
    , m_forward(new QToolButton(this))
    , m_reset(new QToolButton(this))
    , m_chips(new QWidget(this))
    , m_chipLayout(new QHBoxLayout(m_chips))
    , m_empty(new QLabel(tr("No filter: all records"), m_chips))
    , m_expression(new QLineEdit(this))
    , m_message(new QLabel(this))
    , m_busy(new QLabel(this))
    , m_menuButton(new QToolButton(this))
    , m_menu(new QMenu(this))
    , m_completer(new QCompleter(this))
    , m_completions(new QStandardItemModel(this))
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 2);
    outer->setSpacing(2);
    auto* row = new QHBoxLayout;
    outer->addLayout(row);
    m_back->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_back->setToolTip(tr("Previous filter (Alt+Left)"));
    m_forward->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_forward->setToolTip(tr("Next filter (Alt+Right)"));
    m_reset->setText(tr("Reset"));
    m_reset->setToolTip(tr("Remove every filter clause: show all records (Ctrl+R)"));
    row->addWidget(m_back);
    row->addWidget(m_forward);
    auto* label = new QLabel(tr("Filter:"), this);
    row->addWidget(label);
    m_chipLayout->setContentsMargins(0, 0, 0, 0);
    m_chipLayout->setSpacing(4);
    m_empty->setEnabled(false);
    m_chipLayout->addWidget(m_empty);
    m_chipLayout->addStretch(1);
    row->addWidget(m_chips, 1);
    row->addWidget(m_busy);
    row->addWidget(m_reset);

    auto* expressionRow = new QHBoxLayout;
    outer->addLayout(expressionRow);
    m_expression->setPlaceholderText(
        tr("Filter expression or query (Logs Insights), e.g. action = \"REJECT\" and dstPort = 22, or "
           "filter action = \"REJECT\" | stats sum(bytes) as b by srcAddr | sort b desc"));
    m_expression->setToolTip(
        tr("A Logs Insights condition, as it would follow `filter`; Enter applies it. A whole query with "
           "stats, sort or limit runs and shows its table and chart in the Query Result pane. Field names and "
           "common values complete as you type; Up/Down recall recent expressions; the ▾ menu holds saved "
           "filters. Clicks in the REJECT pane, the facets, the timeline or a cell's context menu add "
           "clauses beside it (Ctrl+F focuses this box)."));
    m_expression->setClearButtonEnabled(true);
    m_expression->setMinimumWidth(200);
    m_expression->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    expressionRow->addWidget(m_expression, 1);
    m_menuButton->setText(QStringLiteral("▾"));
    m_menuButton->setToolTip(tr("Recent expressions and saved filters"));
    m_menuButton->setPopupMode(QToolButton::InstantPopup);
    m_menuButton->setMenu(m_menu);
    m_menuButton->setObjectName(QStringLiteral("filterLibraryButton"));
    expressionRow->addWidget(m_menuButton);
    connect(m_menu, &QMenu::aboutToShow, this, &FilterBar::rebuildLibraryMenu);
    m_completer->setModel(m_completions);
    m_completer->setWidget(m_expression);
    m_completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    m_completer->setMaxVisibleItems(12);
    connect(m_completer, qOverload<const QModelIndex&>(&QCompleter::activated), this, &FilterBar::insertCompletion);
    connect(m_expression, &QLineEdit::textEdited, this, &FilterBar::updateCompletion);
    m_expression->installEventFilter(this);
    m_message->setTextFormat(Qt::PlainText);
    expressionRow->addWidget(m_message);
    connect(m_expression, &QLineEdit::returnPressed, this, qOverload<>(&FilterBar::applyExpression));
    connect(m_expression, &QLineEdit::textChanged, this, &FilterBar::validateExpression);
    connect(m_back, &QToolButton::clicked, this, &FilterBar::backRequested);
    connect(m_forward, &QToolButton::clicked, this, &FilterBar::forwardRequested);
    connect(m_reset, &QToolButton::clicked, this, &FilterBar::resetRequested);
    setFilter({}, false, false);
}

void FilterBar::setFilter(const FilterState& filter, bool canGoBack, bool canGoForward)
{
    m_back->setEnabled(canGoBack);
    m_forward->setEnabled(canGoForward);
    m_reset->setEnabled(!filter.isEmpty());
    // Chips: one button per clause; clicking it removes the clause.
    while (m_chipLayout->count() > 2) {
        QLayoutItem* item = m_chipLayout->takeAt(1);
        delete item->widget();
        delete item;
    }
    m_empty->setVisible(filter.isEmpty());
    if (filter.predicate) {
        auto* chip = new QToolButton(m_chips);
        chip->setText(filter.predicate->text() + QStringLiteral("  ✕"));
        chip->setToolTip(tr("Remove this expression"));
        chip->setObjectName(QStringLiteral("filterChip"));
        connect(chip, &QToolButton::clicked, this, [this] { Q_EMIT removeClauseRequested(-1); });
        m_chipLayout->insertWidget(m_chipLayout->count() - 1, chip);
    }
    for (std::size_t i = 0; i < filter.clauses.size(); ++i) {
        auto* chip = new QToolButton(m_chips);
        chip->setText(filter.clauses[i].describe() + QStringLiteral("  ✕"));
        chip->setToolTip(tr("Remove this clause. As a query: %1").arg(filter.clauses[i].toQuery()));
        chip->setAutoRaise(false);
        chip->setObjectName(QStringLiteral("filterChip"));
        connect(chip, &QToolButton::clicked, this, [this, i] { Q_EMIT removeClauseRequested(static_cast<int>(i)); });
        m_chipLayout->insertWidget(m_chipLayout->count() - 1, chip);
    }
}

void FilterBar::setBusy(bool busy)
{
    m_busy->setText(busy ? tr("updating…") : QString());
}

void FilterBar::focusExpression()
{
    m_expression->setFocus(Qt::ShortcutFocusReason);
    m_expression->selectAll();
}

QString FilterBar::message() const
{
    return m_message->text();
}

void FilterBar::validateExpression(const QString& text)
{
    if (text.trimmed().isEmpty()) {
        m_expression->setStyleSheet({});
        m_message->clear();
        return;
    }
    const BarInput input = BarInput::classify(text);
    if (input.kind == BarInput::Kind::Invalid) {
        showExpressionError(input.error);
        return;
    }
    m_expression->setStyleSheet(QStringLiteral("QLineEdit { background: #dff0d8; }"));
    m_message->setText(input.kind == BarInput::Kind::Query ? tr("Enter runs the query") : tr("Enter applies it"));
    m_message->setStyleSheet(QStringLiteral("color: #2e7d32;"));
}

void FilterBar::showExpressionError(const QString& error)
{
    m_expression->setStyleSheet(QStringLiteral("QLineEdit { background: #f8d7da; color: #58151c; }"));
    m_message->setText(error);
    m_message->setStyleSheet(QStringLiteral("color: #d13438;"));
}

void FilterBar::showNote(const QString& note)
{
    m_message->setText(note);
    m_message->setStyleSheet(QStringLiteral("color: #2e7d32;"));
}

void FilterBar::applyExpression(const QString& expression)
{
    m_expression->setText(expression);
    applyExpression();
}

void FilterBar::applyExpression()
{
    if (m_completer->popup()->isVisible() && m_completer->popup()->currentIndex().isValid()) {
        return; // Enter picks the completion; the completer inserts it
    }
    m_completer->popup()->hide();
    const QString text = m_expression->text().trimmed();
    const BarInput input = BarInput::classify(text);
    if (input.kind == BarInput::Kind::Empty) {
        return;
    }
    if (input.kind == BarInput::Kind::Invalid) {
        showExpressionError(input.error); // the view does not change
        return;
    }
    m_historyIndex = -1;
    if (m_library != nullptr) {
        m_library->addRecent(text);
    }
    if (input.kind == BarInput::Kind::Query) {
        m_message->setText(tr("Running…"));
        Q_EMIT queryRequested(text);
    } else {
        m_message->setText(tr("Applied"));
        Q_EMIT expressionApplied(text);
    }
}

void FilterBar::setLibrary(FilterLibrary* library)
{
    m_library = library;
}

void FilterBar::setVocabulary(std::shared_ptr<const FieldVocabulary> vocabulary)
{
    m_vocabulary = std::move(vocabulary);
}

QStringList FilterBar::completionLabels() const
{
    QStringList labels;
    for (int r = 0; r < m_completions->rowCount(); ++r) {
        labels.append(m_completions->item(r)->text());
    }
    return labels;
}

void FilterBar::updateCompletion()
{
    m_historyIndex = -1;
    m_completions->clear();
    if (!m_vocabulary) {
        m_completer->popup()->hide();
        return;
    }
    const QString text = m_expression->text();
    const Completions completions = Completions::at(text, m_expression->cursorPosition(), *m_vocabulary);
    for (const CompletionItem& item : completions.items) {
        auto* row = new QStandardItem(item.label);
        row->setData(item.insertion, InsertionRole);
        row->setData(completions.from, FromRole);
        row->setData(completions.length, LengthRole);
        row->setToolTip(completions.kind == Completions::Kind::Value
                ? tr("A value of %1 in the loaded records")
                      .arg(QString::fromLatin1(fieldInfo(completions.field).insightsName))
                : QString());
        m_completions->appendRow(row);
    }
    if (completions.items.empty()) {
        m_completer->popup()->hide();
        return;
    }
    // The popup opens under the word being completed.
    const QFontMetrics metrics(m_expression->font());
    const int x = std::min(metrics.horizontalAdvance(text.left(completions.from)) + 4, m_expression->width() - 200);
    QRect under(std::max(0, x), 0, std::min(360, m_expression->width()), m_expression->height());
    m_completer->complete(under);
}

void FilterBar::insertCompletion(const QModelIndex& index)
{
    const int from = index.data(FromRole).toInt();
    const int length = index.data(LengthRole).toInt();
    const QString insertion = index.data(InsertionRole).toString();
    QString text = m_expression->text();
    text.replace(from, length, insertion);
    m_expression->setText(text);
    m_expression->setCursorPosition(from + static_cast<int>(insertion.size()));
}

void FilterBar::stepHistory(int direction)
{
    if (m_library == nullptr || m_library->recent().isEmpty()) {
        return;
    }
    const QStringList& recent = m_library->recent();
    if (m_historyIndex < 0) {
        m_draft = m_expression->text();
    }
    const int next = std::clamp(m_historyIndex + direction, -1, static_cast<int>(recent.size()) - 1);
    if (next == m_historyIndex) {
        return;
    }
    m_historyIndex = next;
    m_expression->setText(next < 0 ? m_draft : recent[next]);
}

bool FilterBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_expression && event->type() == QEvent::KeyPress && !m_completer->popup()->isVisible()) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->modifiers() == Qt::NoModifier && (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)) {
            stepHistory(key->key() == Qt::Key_Up ? 1 : -1);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FilterBar::rebuildLibraryMenu()
{
    m_menu->clear();
    if (m_library == nullptr) {
        return;
    }
    m_menu->addSection(tr("Recent"));
    const QStringList& recent = m_library->recent();
    for (qsizetype i = 0; i < std::min<qsizetype>(recent.size(), kRecentInMenu); ++i) {
        const QString expression = recent[i];
        QAction* a = m_menu->addAction(m_expression->fontMetrics().elidedText(expression, Qt::ElideRight, 480), this,
            [this, expression] { applyExpression(expression); });
        a->setToolTip(expression);
    }
    if (recent.isEmpty()) {
        m_menu->addAction(tr("(none yet)"))->setEnabled(false);
    }
    m_menu->addSection(tr("Saved filters"));
    for (const SavedFilter& saved : m_library->saved()) {
        QMenu* sub = m_menu->addMenu(saved.name);
        sub->setToolTipsVisible(true);
        sub->menuAction()->setToolTip(saved.expression);
        const QString name = saved.name;
        const QString expression = saved.expression;
        sub->addAction(tr("Apply"), this, [this, expression] { applyExpression(expression); })->setToolTip(expression);
        sub->addAction(tr("Rename…"), this, [this, name] { renameSavedFilter(name); });
        sub->addAction(tr("Delete"), this, [this, name] { m_library->remove(name); });
    }
    m_menu->addSeparator();
    QAction* save = m_menu->addAction(tr("Save Current Expression…"), this, &FilterBar::saveCurrentFilter);
    save->setEnabled(BarInput::classify(m_expression->text()).kind == BarInput::Kind::Filter
        || BarInput::classify(m_expression->text()).kind == BarInput::Kind::Query);
    m_menu->addAction(tr("Clear Recent"), this, [this] { m_library->clearRecent(); })->setEnabled(!recent.isEmpty());
}

void FilterBar::saveCurrentFilter()
{
    const QString expression = m_expression->text().trimmed();
    bool ok = false;
    const QString name = QInputDialog::getText(
        this, tr("Save filter"), tr("Name for “%1”:").arg(expression), QLineEdit::Normal, QString(), &ok);
    if (ok && !name.trimmed().isEmpty() && m_library != nullptr) {
        m_library->save(name, expression);
    }
}

void FilterBar::renameSavedFilter(const QString& name)
{
    bool ok = false;
    const QString to
        = QInputDialog::getText(this, tr("Rename saved filter"), tr("New name:"), QLineEdit::Normal, name, &ok);
    if (ok && m_library != nullptr && !m_library->rename(name, to)) {
        showExpressionError(tr("Cannot rename “%1” to “%2”: the name is empty or taken").arg(name, to));
    }
}

} // namespace flowlens
