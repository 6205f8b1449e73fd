#include "filterbar.h"

#include "query/query.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace flowlens {

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
        tr("Filter expression (Logs Insights), e.g. action = \"REJECT\" and isIpv4InSubnet(srcAddr, \"10.1.0.0/16\")"));
    m_expression->setToolTip(
        tr("A Logs Insights condition, as it would follow `filter`; Enter applies it. Clicks in the "
           "REJECT pane, the facets, the timeline or a cell's context menu add clauses beside it "
           "(Ctrl+F focuses this box)."));
    m_expression->setClearButtonEnabled(true);
    m_expression->setMinimumWidth(200);
    m_expression->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    expressionRow->addWidget(m_expression, 1);
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
    const query::QueryResult parsed = query::Query::parseFilter(text.trimmed());
    if (parsed) {
        m_expression->setStyleSheet(QStringLiteral("QLineEdit { background: #dff0d8; }"));
        m_message->setText(tr("Enter applies it"));
        m_message->setStyleSheet(QStringLiteral("color: #2e7d32;"));
    } else {
        showExpressionError(parsed.error().toString());
    }
}

void FilterBar::showExpressionError(const QString& error)
{
    m_expression->setStyleSheet(QStringLiteral("QLineEdit { background: #f8d7da; color: #58151c; }"));
    m_message->setText(error);
    m_message->setStyleSheet(QStringLiteral("color: #d13438;"));
}

void FilterBar::applyExpression(const QString& expression)
{
    m_expression->setText(expression);
    applyExpression();
}

void FilterBar::applyExpression()
{
    const QString text = m_expression->text().trimmed();
    if (text.isEmpty()) {
        return;
    }
    const query::QueryResult parsed = query::Query::parseFilter(text);
    if (!parsed) {
        showExpressionError(parsed.error().toString()); // the view does not change
        return;
    }
    m_message->setText(tr("Applied"));
    Q_EMIT expressionApplied(text);
}

} // namespace flowlens
