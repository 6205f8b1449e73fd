#include "query/ipaddress.h"
#include "query/period.h"

#include <QTest>

using namespace flowlens::query;

namespace {

QString s(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace

class TestQueryParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void addresses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical"); // empty: invalid
        QTest::addRow("v4") << s("10.0.0.1") << s("10.0.0.1");
        QTest::addRow("v4 edges") << s("255.255.255.255") << s("255.255.255.255");
        QTest::addRow("v6 full") << s("2001:DB8:0:0:0:0:0:1") << s("2001:db8::1");
        QTest::addRow("v6 any") << s("::") << s("::");
        QTest::addRow("v6 loopback") << s("::1") << s("::1");
        QTest::addRow("v6 first longest run") << s("2001:db8:0:0:1:0:0:1") << s("2001:db8::1:0:0:1");
        QTest::addRow("v6 longer later run") << s("1:0:0:2:0:0:0:3") << s("1:0:0:2::3");
        QTest::addRow("v6 single zero stays") << s("1:0:2:3:4:5:6:7") << s("1:0:2:3:4:5:6:7");
        QTest::addRow("v4 mapped") << s("::ffff:10.1.2.3") << s("10.1.2.3");
        QTest::addRow("v6 with v4 tail") << s("64:ff9b::192.0.2.33") << s("64:ff9b::c000:221");
        QTest::addRow("octet too big") << s("256.0.0.1") << QString();
        QTest::addRow("three octets") << s("1.2.3") << QString();
        QTest::addRow("leading zero") << s("01.2.3.4") << QString();
        QTest::addRow("two gaps") << s("1::2::3") << QString();
        QTest::addRow("long group") << s("12345::") << QString();
        QTest::addRow("nine groups") << s("1:2:3:4:5:6:7:8:9") << QString();
        QTest::addRow("not hex") << s("g::1") << QString();
        QTest::addRow("empty") << QString() << QString();
    }
    void addresses()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        const auto address = IpAddress::parse(text);
        QCOMPARE(address ? address->toString() : QString(), canonical);
    }

    void networks()
    {
        const auto v4 = Cidr::parse(u"192.0.2.0/24");
        QVERIFY(v4);
        QVERIFY(v4->contains(*IpAddress::parse(u"192.0.2.255")));
        QVERIFY(!v4->contains(*IpAddress::parse(u"192.0.3.0")));
        QVERIFY(!v4->contains(*IpAddress::parse(u"::ffff:c000:300")));
        QVERIFY(!v4->contains(*IpAddress::parse(u"2001:db8::1")));
        const auto all = Cidr::parse(u"0.0.0.0/0");
        QVERIFY(all && all->contains(*IpAddress::parse(u"8.8.8.8")) && !all->contains(*IpAddress::parse(u"::1")));
        const auto v6 = Cidr::parse(u"2001:db8::/32");
        QVERIFY(v6 && v6->contains(*IpAddress::parse(u"2001:db8:ffff::1")));
        QVERIFY(!v6->contains(*IpAddress::parse(u"2001:db9::1")));
        Cidr::ParseError error {};
        Cidr meant;
        QVERIFY(!Cidr::parse(u"10.1.2.3/8", &error, &meant));
        QCOMPARE(error, Cidr::ParseError::HostBitsSet);
        QCOMPARE(meant.toString(), s("10.0.0.0/8"));
        QVERIFY(!Cidr::parse(u"10.0.0.0/33", &error));
        QCOMPARE(error, Cidr::ParseError::BadPrefix);
        QVERIFY(!Cidr::parse(u"10.0.0.0", &error));
        QCOMPARE(error, Cidr::ParseError::Syntax);
        QVERIFY(!Cidr::parse(u"10.0.0.0/", &error));
        QCOMPARE(error, Cidr::ParseError::BadPrefix);
    }

    void periods_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<int>("unit"); // -1: not a unit
        QTest::addRow("ms") << s("ms") << int(Period::Unit::Millisecond);
        QTest::addRow("msecs") << s("msecs") << int(Period::Unit::Millisecond);
        QTest::addRow("s") << s("s") << int(Period::Unit::Second);
        QTest::addRow("secs") << s("secs") << int(Period::Unit::Second);
        QTest::addRow("m") << s("m") << int(Period::Unit::Minute);
        QTest::addRow("mins") << s("mins") << int(Period::Unit::Minute);
        QTest::addRow("hr") << s("hr") << int(Period::Unit::Hour);
        QTest::addRow("hours") << s("hours") << int(Period::Unit::Hour);
        QTest::addRow("d") << s("d") << int(Period::Unit::Day);
        QTest::addRow("weeks") << s("weeks") << int(Period::Unit::Week);
        QTest::addRow("mo") << s("mo") << int(Period::Unit::Month);
        QTest::addRow("mon") << s("mon") << int(Period::Unit::Month);
        QTest::addRow("qtrs") << s("qtrs") << int(Period::Unit::Quarter);
        QTest::addRow("y") << s("y") << int(Period::Unit::Year);
        QTest::addRow("hs is not plural of h") << s("hs") << -1;
        QTest::addRow("x") << s("x") << -1;
    }
    void periods()
    {
        QFETCH(QString, suffix);
        QFETCH(int, unit);
        const auto found = Period::unitFromSuffix(suffix);
        QCOMPARE(found ? int(*found) : -1, unit);
    }

    void periodLengths()
    {
        using U = Period::Unit;
        QCOMPARE(*Period(5, U::Minute).milliseconds(), std::int64_t(300'000));
        QCOMPARE(*Period(1, U::Week).milliseconds(), std::int64_t(604'800'000));
        QVERIFY(!Period(1, U::Month).milliseconds());
        QCOMPARE(*Period(2, U::Quarter).months(), std::int64_t(6));
        QCOMPARE(Period(300, U::Second).normalized().toString(), s("5m"));
        QCOMPARE(Period(90, U::Minute).normalized().toString(), s("90m"));
        QCOMPARE(Period(48, U::Hour).normalized().toString(), s("2d"));
        QCOMPARE(Period(1500, U::Millisecond).normalized().toString(), s("1500ms"));
        QCOMPARE(Period(14, U::Day).normalized().toString(), s("14d"));
    }
};

QTEST_GUILESS_MAIN(TestQueryParser)
#include "tst_queryparser.moc"
