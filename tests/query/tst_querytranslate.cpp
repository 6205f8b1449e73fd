#include "query/query.h"

#include <QTest>

using namespace flowlens::query;

class TestQueryTranslate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void placeholder() { }
};

QTEST_GUILESS_MAIN(TestQueryTranslate)
#include "tst_querytranslate.moc"
