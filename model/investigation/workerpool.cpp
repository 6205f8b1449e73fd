#include "workerpool.h"

#include <QCoreApplication>
#include <QThreadPool>

namespace flowlens {

QThreadPool* investigationPool()
{
    // Owned by the application (its jobs end before it does); without one, lives to the end.
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool(QCoreApplication::instance());
        p->setObjectName(QStringLiteral("investigationPool"));
        p->setMaxThreadCount(4);
        return p;
    }();
    return pool;
}

} // namespace flowlens
