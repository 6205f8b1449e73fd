#pragma once

#include <QColor>

namespace flowlens {

// The colours of actions, the same in every chart, bar and badge.
struct FlowColors {
    static QColor accept() { return QColor(0x2e, 0x9d, 0x4a); }
    static QColor reject() { return QColor(0xd1, 0x34, 0x38); }
    static QColor other() { return QColor(0x8a, 0x8a, 0x8a); }
};

} // namespace flowlens
