#pragma once

#include <QLabel>

namespace flowlens {

// A label for explanations in dialogs: plain text, wrapped, selectable to copy.
inline QLabel* selectableLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace flowlens
