#include "schema/field.h"

#include <QTest>

using namespace flowlens;

class TestField : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lookupBySpelling_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("expected");
        QTest::addRow("aws hyphenated") << QStringLiteral("log-status") << int(FieldId::LogStatus);
        QTest::addRow("insights camelCase") << QStringLiteral("logStatus") << int(FieldId::LogStatus);
        QTest::addRow("aws lower") << QStringLiteral("srcaddr") << int(FieldId::SrcAddr);
        QTest::addRow("insights") << QStringLiteral("srcAddr") << int(FieldId::SrcAddr);
        QTest::addRow("underscore") << QStringLiteral("pkt_src_aws_service") << int(FieldId::PktSrcAwsService);
        QTest::addRow("startTime") << QStringLiteral("startTime") << int(FieldId::Start);
        QTest::addRow("start") << QStringLiteral("start") << int(FieldId::Start);
        QTest::addRow("endTime") << QStringLiteral("endTime") << int(FieldId::End);
        QTest::addRow("timestamp") << QStringLiteral("@timestamp") << int(FieldId::EventTimestamp);
        QTest::addRow("tgw") << QStringLiteral("packets-lost-ttl-expired") << int(FieldId::PacketsLostTtlExpired);
        QTest::addRow("unknown") << QStringLiteral("srcadr") << -1;
    }
    void lookupBySpelling()
    {
        QFETCH(QString, name);
        QFETCH(int, expected);
        const auto found = fieldByAnyName(name.toStdString());
        QCOMPARE(found ? int(*found) : -1, expected);
    }
    void awsTableOrderHasFortyFields()
    {
        // AWS's full custom format (v2–v8) lists 40 fields ending in reject-reason.
        int recordFields = 0;
        for (const FieldInfo& f : allFields()) {
            if (f.version >= 2 && f.version <= 8 && f.version != 6) {
                ++recordFields;
            }
        }
        QCOMPARE(recordFields, 40);
        QCOMPARE(fieldInfo(FieldId::RejectReason).awsName, std::string_view("reject-reason"));
    }
};

QTEST_GUILESS_MAIN(TestField)
#include "tst_field.moc"
