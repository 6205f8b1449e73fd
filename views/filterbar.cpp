#include "filterbar.h"

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
    m_expression->setPlaceholderText(tr("Filter expression, e.g. action = \"REJECT\" and dstPort = 22 — needs the "
                                        "query engine, not in this build yet"));
    m_expression->setToolTip(tr("The filter language (Logs Insights syntax) arrives with the query engine. Until then, "
                                "filter by clicking: the REJECT pane, the facets, a timeline bar, or a right-click on "
                                "any cell (Ctrl+F focuses this box)."));
    m_expression->setClearButtonEnabled(true);
    m_expression->setMinimumWidth(200);
    m_expression->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    expressionRow->addWidget(m_expression, 1);
    m_message->setTextFormat(Qt::PlainText);
    expressionRow->addWidget(m_message);
    connect(m_expression, &QLineEdit::returnPressed, this, &FilterBar::applyExpression);
    connect(m_expression, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (text.isEmpty()) {
            m_expression->setStyleSheet({});
            m_message->clear();
        }
    });
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
    m_empty->setVisible(filter.clauses.empty());
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

void FilterBar::applyExpression()
{
    if (m_expression->text().trimmed().isEmpty()) {
        return;
    }
    // Waits for the query engine (issue: query language). The view does not change.
    m_expression->setStyleSheet(QStringLiteral("QLineEdit { background: #f8d7da; color: #58151c; }"));
    m_message->setText(tr("Not applied: the query engine is not part of this build yet"));
    m_message->setStyleSheet(QStringLiteral("color: #d13438;"));
}

} // namespace flowlens
