#include "query/ipaddress.h"
#include "query/period.h"
#include "query/query.h"

#include <QTest>

using namespace flowlens;
using namespace flowlens::query;
using namespace Qt::StringLiterals;

namespace {

QString s(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

} // namespace

// Expected trees and positions below are written from the grammar in parser.h and the printer
// format in sexpressionprinter.h, not taken from the parser's output.
class TestQueryParser : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void consoleSamples_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("tree");
        QTest::addRow("avg min max") << s("stats avg(bytes), min(bytes), max(bytes) by srcAddr, dstAddr")
                                     << s("(stats (avg bytes) (min bytes) (max bytes) (by srcAddr dstAddr))");
        QTest::addRow("udp") << s("filter protocol=17 | stats count(*) by srcAddr")
                             << s("(filter (= protocol 17)) (stats (count) (by srcAddr))");
        QTest::addRow("top bytes") << s("stats sum(bytes) as bytesTransferred by srcAddr, dstAddr | sort "
                                        "bytesTransferred desc | limit 10")
                                   << s("(stats (as (sum bytes) bytesTransferred) (by srcAddr dstAddr)) "
                                        "(sort (desc $bytesTransferred)) (limit 10)");
        QTest::addRow("rejections")
            << s("filter action=\"REJECT\" | stats count(*) as numRejections by srcAddr | sort numRejections desc | "
                 "limit 20")
            << s("(filter (= action \"REJECT\")) (stats (as (count) numRejections) (by srcAddr)) "
                 "(sort (desc $numRejections)) (limit 20)");
        QTest::addRow("top packets") << s("stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort "
                                          "packetsTransferred desc | limit 15")
                                     << s("(stats (as (sum packets) packetsTransferred) (by srcAddr dstAddr)) "
                                          "(sort (desc $packetsTransferred)) (limit 15)");
        QTest::addRow("subnet") << s("filter isIpv4InSubnet(srcAddr, \"192.0.2.0/24\") | stats sum(bytes) as "
                                     "bytesTransferred by dstAddr | sort bytesTransferred desc | limit 15")
                                << s("(filter (isIpv4InSubnet srcAddr cidr:192.0.2.0/24)) "
                                     "(stats (as (sum bytes) bytesTransferred) (by dstAddr)) "
                                     "(sort (desc $bytesTransferred)) (limit 15)");
        QTest::addRow("skipdata") << s("filter logStatus=\"SKIPDATA\" | stats count(*) by bin(1h) as t | sort t")
                                  << s("(filter (= logStatus \"SKIPDATA\")) (stats (count) (by (as (bin 1h) t))) "
                                       "(sort (asc $t))");
    }
    void consoleSamples()
    {
        QFETCH(QString, query);
        QFETCH(QString, tree);
        const QueryResult result = Query::parse(query);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().render(query)));
        QCOMPARE(result.query().toSExpression(), tree);
    }

    void trees_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("tree");
        // Precedence and associativity.
        QTest::addRow("or below and") << s("filter srcPort = 22 or dstPort = 22 and action = \"REJECT\"")
                                      << s("(filter (or (= srcPort 22) (and (= dstPort 22) (= action \"REJECT\"))))");
        QTest::addRow("not above comparison")
            << s("filter not action = \"ACCEPT\"") << s("(filter (not (= action \"ACCEPT\")))");
        QTest::addRow("parentheses") << s("filter (srcPort = 22 or dstPort = 22) and protocol = 6")
                                     << s("(filter (and (or (= srcPort 22) (= dstPort 22)) (= protocol 6)))");
        QTest::addRow("arithmetic") << s("filter bytes / packets > 1000 + 2 * 3")
                                    << s("(filter (> (/ bytes packets) (+ 1000 (* 2 3))))");
        QTest::addRow("left assoc minus")
            << s("filter bytes - packets - 1 > 0") << s("(filter (> (- (- bytes packets) 1) 0))");
        QTest::addRow("right assoc power") << s("filter 2 ^ 3 ^ 2 > bytes") << s("(filter (> (^ 2 (^ 3 2)) bytes))");
        QTest::addRow("unary minus") << s("filter -bytes < -5") << s("(filter (< (neg bytes) -5))");
        QTest::addRow("minus below power") << s("filter -2 ^ 2 < bytes") << s("(filter (< (neg (^ 2 2)) bytes))");
        QTest::addRow("modulo") << s("filter bytes % 2 = 1") << s("(filter (= (% bytes 2) 1))");
        QTest::addRow("float exponent") << s("filter bytes > 1.5e3") << s("(filter (> bytes 1500.0))");
        // Sets and matches.
        QTest::addRow("in") << s("filter dstPort in [22, 3389]") << s("(filter (in dstPort (list 22 3389)))");
        QTest::addRow("not in") << s("filter action not in [\"REJECT\"]")
                                << s("(filter (not-in action (list \"REJECT\")))");
        QTest::addRow("in addresses") << s("filter srcAddr in [\"10.0.0.1\", \"2001:DB8::1\"]")
                                      << s("(filter (in srcAddr (list ip:10.0.0.1 ip:2001:db8::1)))");
        QTest::addRow("in mixed for string field") << s("filter accountId in [123456789012, \"x\"]")
                                                   << s("(filter (in accountId (list \"123456789012\" \"x\")))");
        QTest::addRow("in numeric strings")
            << s("filter srcPort in [\"22\", 80]") << s("(filter (in srcPort (list 22 80)))");
        QTest::addRow("like string") << s("filter interfaceId like \"eni-0a\"")
                                     << s("(filter (like interfaceId \"eni-0a\"))");
        QTest::addRow("like regex") << s("filter @message like /REJECT\\s+OK/")
                                    << s("(filter (like @message re:/REJECT\\s+OK/))");
        QTest::addRow("not like regex flags")
            << s("filter action not like /^acc/i") << s("(filter (not-like action re:/^acc/i))");
        QTest::addRow("=~ string") << s("filter vpcId =~ \"vpc-[0-9a-f]+\"")
                                   << s("(filter (like vpcId re:/vpc-[0-9a-f]+/))");
        QTest::addRow("escaped slash") << s("filter @message =~ /a\\/b/") << s("(filter (like @message re:/a/b/))");
        QTest::addRow("division is not a regex")
            << s("filter bytes / 2 / packets > 1") << s("(filter (> (/ (/ bytes 2) packets) 1))");
        // Literals meet the type of what they are compared with.
        QTest::addRow("address") << s("filter srcAddr = \"10.0.0.1\"") << s("(filter (= srcAddr ip:10.0.0.1))");
        QTest::addRow("address on the left")
            << s("filter \"10.0.0.1\" != dstAddr") << s("(filter (!= ip:10.0.0.1 dstAddr))");
        QTest::addRow("ipv6 order") << s("filter pktSrcAddr >= \"2001:db8::\"")
                                    << s("(filter (>= pktSrcAddr ip:2001:db8::))");
        QTest::addRow("number from string") << s("filter protocol = \"6\"") << s("(filter (= protocol 6))");
        QTest::addRow("condition against 1 and 0")
            << s("filter isempty(vpcId) = 0 and ispresent(tcpFlags) != 1")
            << s("(filter (and (= (isempty vpcId) #f) (!= (ispresent tcpFlags) #t)))");
        QTest::addRow("string from number")
            << s("filter accountId = 123456789012") << s("(filter (= accountId \"123456789012\"))");
        QTest::addRow("string escapes") << s("filter interfaceId = 'it\\'s \"x\"\\n'")
                                        << s("(filter (= interfaceId \"it's \\\"x\\\"\\n\"))");
        // Field spellings.
        QTest::addRow("aws spellings") << s("filter srcaddr = \"10.0.0.1\" and `log-status` = \"OK\" and start > 0")
                                       << s("(filter (and (and (= srcAddr ip:10.0.0.1) (= logStatus \"OK\")) "
                                            "(> startTime 0)))");
        QTest::addRow("container fields")
            << s("fields @timestamp, @message, @logStream") << s("(fields @timestamp @message @logStream)");
        QTest::addRow("keywords any case") << s("FILTER action = \"ACCEPT\" AND srcPort > 1024 | SORT startTime DESC "
                                                "| LIMIT 5")
                                           << s("(filter (and (= action \"ACCEPT\") (> srcPort 1024))) "
                                                "(sort (desc startTime)) (limit 5)");
        QTest::addRow("where") << s("where action = \"REJECT\"") << s("(filter (= action \"REJECT\"))");
        // Names defined by earlier commands.
        QTest::addRow("fields alias") << s("fields bytes / packets as bpp | filter bpp > 1000 | sort bpp desc")
                                      << s("(fields (as (/ bytes packets) bpp)) (filter (> $bpp 1000)) "
                                           "(sort (desc $bpp))");
        QTest::addRow("alias in same fields") << s("fields bytes * 8 as bits, bits / 1000 as kbits")
                                              << s("(fields (as (* bytes 8) bits) (as (/ $bits 1000) kbits))");
        QTest::addRow("display") << s("fields bytes * 8 as bits | display srcAddr, bits")
                                 << s("(fields (as (* bytes 8) bits)) (display srcAddr $bits)");
        QTest::addRow("key by other spelling")
            << s("stats count(*) by srcaddr | sort srcAddr") << s("(stats (count) (by srcAddr)) (sort (asc $srcAddr))");
        QTest::addRow("quoted alias") << s("stats count(*) as `rejected flows` | sort `rejected flows` desc")
                                      << s("(stats (as (count) `rejected flows`)) (sort (desc $`rejected flows`))");
        QTest::addRow("dedup") << s("sort startTime desc | dedup srcAddr, dstAddr | limit 5")
                               << s("(sort (desc startTime)) (dedup srcAddr dstAddr) (limit 5)");
        QTest::addRow("several sort keys")
            << s("sort action, bytes desc, startTime asc") << s("(sort (asc action) (desc bytes) (asc startTime))");
        // Functions.
        QTest::addRow("presence") << s("filter ispresent(vpcId) and not isempty(flowDirection)")
                                  << s("(filter (and (ispresent vpcId) (not (isempty flowDirection))))");
        QTest::addRow("coalesce") << s("fields coalesce(pktSrcAddr, srcAddr) as realSrc")
                                  << s("(fields (as (coalesce pktSrcAddr srcAddr) realSrc))");
        QTest::addRow("string functions")
            << s("filter strlen(toLower(action)) = 6") << s("(filter (= (strlen (tolower action)) 6))");
        QTest::addRow("concat") << s("fields abs(srcPort - dstPort) as gap, concat(srcAddr, \":\", srcPort) as src")
                                << s("(fields (as (abs (- srcPort dstPort)) gap) (as (concat srcAddr \":\" srcPort) "
                                     "src))");
        QTest::addRow("ipv6 subnet") << s("filter isIpInSubnet(dstAddr, \"2001:db8::/32\")")
                                     << s("(filter (isIpInSubnet dstAddr cidr:2001:db8::/32))");
        QTest::addRow("time functions") << s("fields datefloor(@timestamp, 1h) as hour, toMillis(@timestamp) as ms, "
                                             "fromMillis(startTime * 1000) as st")
                                        << s("(fields (as (datefloor @timestamp 1h) hour) (as (toMillis @timestamp) "
                                             "ms) (as (fromMillis (* startTime 1000)) st))");
        QTest::addRow("aggregates") << s("stats pct(bytes, 95), percentile(bytes, 99.9), count_distinct(dstPort), "
                                         "stddev(bytes), earliest(action), latest(action), count(), count(vpcId)")
                                    << s("(stats (pct bytes 95) (pct bytes 99.9) (count_distinct dstPort) "
                                         "(stddev bytes) (earliest action) (latest action) (count) (count vpcId))");
        QTest::addRow("aggregate arithmetic") << s("stats sum(bytes) / count(*) as avgBytes by srcAddr")
                                              << s("(stats (as (/ (sum bytes) (count)) avgBytes) (by srcAddr))");
        QTest::addRow("space before call")
            << s("stats avg (bytes) by srcAddr") << s("(stats (avg bytes) (by srcAddr))");
        QTest::addRow("period in seconds") << s("stats count(*) by bin(300s)") << s("(stats (count) (by (bin 300s)))");
        QTest::addRow("period plural") << s("stats count(*) by bin(2hrs)") << s("(stats (count) (by (bin 2h)))");
        // Layout.
        QTest::addRow("comments and lines") << s("# rejected SSH\n"
                                                 "filter action = \"REJECT\"   # only rejects\n"
                                                 "  | filter dstPort = 22\n"
                                                 "# | limit 5\n"
                                                 "  | stats count(*) as n by srcAddr\n")
                                            << s("(filter (= action \"REJECT\")) (filter (= dstPort 22)) "
                                                 "(stats (as (count) n) (by srcAddr))");
        QTest::addRow("empty") << s("") << s("");
        QTest::addRow("only a comment") << s("  # nothing yet\n") << s("");
    }
    void trees()
    {
        QFETCH(QString, query);
        QFETCH(QString, tree);
        const QueryResult result = Query::parse(query);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().render(query)));
        QCOMPARE(result.query().toSExpression(), tree);
    }

    void errors_data();
    void errors()
    {
        QFETCH(QString, query);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const QueryResult result = Query::parse(query);
        QVERIFY2(!result.ok(), qPrintable(result.ok() ? result.query().toSExpression() : QString()));
        const QueryError& error = result.error();
        QVERIFY2(error.message().contains(message), qPrintable(error.message()));
        QCOMPARE(error.line(), line);
        QCOMPARE(error.column(), column);
        QVERIFY(error.length() >= 0);
    }

    void errorLength()
    {
        const QueryResult result = Query::parse(u"filter `log-statu` = \"OK\"");
        QVERIFY(!result.ok());
        QCOMPARE(result.error().offset(), 7);
        QCOMPARE(result.error().length(), 11);
        const QueryResult hyphen = Query::parse(u"filter instance-tag-2 = \"x\"");
        QVERIFY(!hyphen.ok());
        QCOMPARE(hyphen.error().length(), 14);
        QVERIFY(hyphen.error().message().contains(s("instanceTag2")));
    }

    void deepInputIsAnError()
    {
        // Neither deep parentheses nor long operator chains may exhaust the stack.
        const QString parens = QString(20000, u'(') + s("bytes");
        const QueryResult nested = Query::parse(u"filter "_s + parens);
        QVERIFY(!nested.ok());
        QVERIFY(nested.error().message().contains(s("nested too deeply")));
        QString chain = s("filter bytes");
        for (int i = 0; i < 20000; ++i) {
            chain += s(" + 1");
        }
        const QueryResult longChain = Query::parse(chain + s(" > 0"));
        QVERIFY(!longChain.ok());
        QVERIFY(longChain.error().message().contains(s("nested too deeply")));
        QVERIFY(!Query::parse(u"filter "_s + QString(20000, u'-') + u"bytes > 0"_s).ok());
        QVERIFY(!Query::parseFilter(QString(20000, u'(')).ok());
        // A realistic depth is fine.
        QVERIFY(Query::parse(u"filter "_s + QString(50, u'(') + u"bytes > 0"_s + QString(50, u')')).ok());
    }

    void utf8Input()
    {
        // Columns count UTF-16 code units of the decoded text, not bytes: é is one column.
        const QueryResult result = Query::parse(std::string_view("filter interfaceId = \"\xc3\xa9\" and x = 1"));
        QVERIFY(!result.ok());
        QCOMPARE(result.error().column(), 30);
        QVERIFY(Query::parse(std::string_view("filter srcAddr = \"10.0.0.1\"")).ok());
    }

    void renderCaret()
    {
        const QString query = s("fields srcAddr\n| filter srcadr = \"10.0.0.1\"");
        const QueryResult result = Query::parse(query);
        QVERIFY(!result.ok());
        QCOMPARE(result.error().render(query),
            s("line 2, column 10: unknown field `srcadr` — did you mean `srcAddr`?\n"
              "| filter srcadr = \"10.0.0.1\"\n"
              "         ^^^^^^"));
        // Tabs stay tabs so the carets line up in a terminal.
        const QString tabbed = s("\tfilter dstPrt = 22");
        const QueryResult second = Query::parse(tabbed);
        QVERIFY(!second.ok());
        QCOMPARE(second.error().render(tabbed).section(u'\n', 2), s("\t       ^^^^^^"));
        // An error at the end of input still gets one caret.
        const QString open = s("filter (bytes > 1");
        QCOMPARE(Query::parse(open).error().render(open).section(u'\n', 2), s("                 ^"));
    }

    void filterBar()
    {
        const QueryResult ok = Query::parseFilter(u"action = \"REJECT\" and dstPort = 22");
        QVERIFY(ok.ok());
        QCOMPARE(ok.query().toSExpression(), s("(filter (and (= action \"REJECT\") (= dstPort 22)))"));
        const QueryResult typo = Query::parseFilter(u"dstPrt = 22");
        QVERIFY(!typo.ok());
        QCOMPARE(typo.error().column(), 1);
        QVERIFY(typo.error().message().contains(s("did you mean `dstPort`?")));
        QVERIFY(Query::parseFilter(u"sum(bytes) > 1").error().message().contains(s("belongs in `stats`")));
        QVERIFY(Query::parseFilter(u"  ").error().message().contains(s("expected an expression")));
        QVERIFY(Query::parseFilter(u"bytes > 1 | limit 5").error().message().contains(s("end of the expression")));
    }

    void columnsAndTypes()
    {
        const QueryResult result
            = Query::parse(u"fields bytes / packets as bpp "
                           u"| stats sum(bytes) as total, avg(bpp), count(*) by srcAddr, bin(5m) as t"
                           u"| fields total * 8 as bits");
        QVERIFY(result.ok());
        QStringList described;
        for (const ColumnDef& c : result.query().columns()) {
            described.append(
                c.name + u':' + typeName(c.type) + u':' + QString::number(c.command) + u':' + QString::number(c.item));
        }
        QCOMPARE(described.join(u' '),
            s("bpp:number:0:0 srcAddr:address:1:0 t:timestamp:1:1 total:number:1:0 avg(bpp):number:1:1 "
              "count(*):number:1:2 bits:number:2:0"));
        const auto& columns = result.query().columns();
        QCOMPARE(columns[0].type, ValueType::Float);
        QCOMPARE(columns[3].type, ValueType::Integer);
        QCOMPARE(columns[4].type, ValueType::Float);
        QCOMPARE(columns[1].origin, ColumnDef::Origin::GroupKey);
        QCOMPARE(columns[3].origin, ColumnDef::Origin::Aggregate);
    }

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

void TestQueryParser::errors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("message");
    // Names.
    QTest::addRow("unknown field") << s("filter srcadr = \"10.0.0.1\"") << 1 << 8
                                   << s("unknown field `srcadr` — did you mean `srcAddr`?");
    QTest::addRow("unknown field line 2")
        << s("fields srcAddr\n| filter dstPrt = 22") << 2 << 10 << s("did you mean `dstPort`?");
    QTest::addRow("unknown quoted field") << s("filter `srcadr` = 1") << 1 << 8 << s("unknown field");
    QTest::addRow("bare hyphenated name")
        << s("filter log-status = \"OK\"") << 1 << 8 << s("a bare `-` means minus: write this field as logStatus");
    QTest::addRow("field gone after stats") << s("stats sum(bytes) by srcAddr | sort bytes desc") << 1 << 36
                                            << s("`bytes` is not a column after `stats`; the columns are srcAddr");
    QTest::addRow("alias shadows field") << s("fields bytes as srcAddr") << 1 << 17 << s("already a flow-log field");
    QTest::addRow("duplicate column") << s("stats count(*), count(*)") << 1 << 17 << s("already exists");
    QTest::addRow("sort on expression") << s("sort abs(bytes)") << 1 << 6 << s("found a function call");
    // Aggregates and stats.
    QTest::addRow("aggregate in filter") << s("filter sum(bytes) > 10") << 1 << 8 << s("belongs in `stats`");
    QTest::addRow("aggregate after by") << s("stats count(*) by sum(bytes)") << 1 << 19 << s("not allowed after `by`");
    QTest::addRow("bare field in stats") << s("stats srcAddr") << 1 << 7 << s("must be inside an aggregate function");
    QTest::addRow("nested aggregates") << s("stats sum(max(bytes))") << 1 << 11 << s("cannot be nested");
    QTest::addRow("two stats") << s("stats count(*) | stats count(*)") << 1 << 18 << s("only one `stats`");
    QTest::addRow("sum of strings") << s("stats sum(action)") << 1 << 11
                                    << s("`sum` needs a number as argument 1; `action` is a string");
    QTest::addRow("percentile range") << s("stats pct(bytes, 101)") << 1 << 18 << s("from 0 to 100");
    QTest::addRow("bin in aggregate list") << s("stats bin(5m)") << 1 << 7 << s("bin() goes after `by`");
    QTest::addRow("timestamp vs number") << s("stats count(*) by bin(1h) as t | filter t > 0") << 1 << 45
                                         << s("timestamps compare with timestamps");
    QTest::addRow("dedup then sort") << s("dedup srcAddr | sort srcAddr") << 1 << 17
                                     << s("only `limit` may follow `dedup`");
    // Functions.
    QTest::addRow("not an address") << s("filter isIpv4InSubnet(action, \"10.0.0.0/8\")") << 1 << 23
                                    << s("needs an address as argument 1; `action` is a string");
    QTest::addRow("bad prefix") << s("filter isIpv4InSubnet(srcAddr, \"10.0.0.0/33\")") << 1 << 32
                                << s("invalid prefix length");
    QTest::addRow("host bits") << s("filter isIpv4InSubnet(srcAddr, \"10.0.0.1/8\")") << 1 << 32
                               << s("host bits set; the network is \"10.0.0.0/8\"");
    QTest::addRow("v6 network for v4 test")
        << s("filter isIpv4InSubnet(srcAddr, \"2001:db8::/32\")") << 1 << 32 << s("needs an IPv4 network");
    QTest::addRow("address for network") << s("filter isIpInSubnet(srcAddr, \"10.0.0.1\")") << 1 << 30
                                         << s("add a prefix length");
    QTest::addRow("network not literal") << s("filter isIpInSubnet(srcAddr, action)") << 1 << 30
                                         << s("must be a quoted literal");
    QTest::addRow("wrong arity") << s("filter isIpInSubnet(srcAddr)") << 1 << 8 << s("takes 2 arguments, found 1");
    QTest::addRow("unsupported function") << s("filter substr(action, 1) = \"x\"") << 1 << 8 << s("does not support");
    QTest::addRow("unknown function") << s("filter ispresnt(vpcId)") << 1 << 8
                                      << s("unknown function `ispresnt` — did you mean `ispresent`?");
    QTest::addRow("ispresent of expression") << s("filter ispresent(bytes + 1)") << 1 << 18 << s("takes a field name");
    QTest::addRow("datefloor of seconds") << s("filter datefloor(startTime, 1h) > bin(1h)") << 1 << 18
                                          << s("needs a timestamp as argument 1; `startTime` is a number");
    QTest::addRow("coalesce of mixed types")
        << s("filter coalesce(srcAddr, action) = \"x\"") << 1 << 26 << s("needs arguments of one type");
    // Literals and types.
    QTest::addRow("bad address") << s("filter srcAddr = \"10.0.0.300\"") << 1 << 18 << s("is not an IP address");
    QTest::addRow("network compared") << s("filter srcAddr = \"10.0.0.0/8\"") << 1 << 18
                                      << s("is a network: use isIpInSubnet(srcAddr, \"10.0.0.0/8\")");
    QTest::addRow("unquoted address") << s("filter srcAddr = 10.0.0.1") << 1 << 18
                                      << s("addresses and networks are strings");
    QTest::addRow("address vs number") << s("filter srcAddr = 5") << 1 << 18 << s("is an address; compare it");
    QTest::addRow("number vs word") << s("filter protocol = \"tcp\"") << 1 << 19 << s("is a number; `\"tcp\"` is not");
    QTest::addRow("arithmetic on string")
        << s("filter action + 1 > 2") << 1 << 8 << s("`+` needs numbers; `action` is a string");
    QTest::addRow("filter needs condition") << s("filter bytes") << 1 << 8 << s("needs a condition");
    QTest::addRow("and of numbers") << s("filter bytes and action = \"x\"") << 1 << 8 << s("`and` needs conditions");
    QTest::addRow("period outside bin") << s("fields 5m as p") << 1 << 8 << s("only goes in bin()");
    QTest::addRow("unknown unit") << s("stats count(*) by bin(5x)") << 1 << 24 << s("unknown time unit `x`");
    QTest::addRow("fractional period") << s("stats count(*) by bin(1.5h)") << 1 << 23 << s("whole number");
    QTest::addRow("number too large") << s("filter 99999999999999999999 > bytes") << 1 << 8 << s("too large");
    QTest::addRow("compare address with port")
        << s("filter srcAddr = srcPort") << 1 << 8 << s("cannot compare an address `srcAddr` with a number `srcPort`");
    // Syntax.
    QTest::addRow("&&") << s("filter action = \"REJECT\" && dstPort = 22") << 1 << 26 << s("use `and`");
    QTest::addRow("||") << s("filter action = \"A\" || dstPort = 22") << 1 << 21 << s("use `or`");
    QTest::addRow("!") << s("filter !ispresent(vpcId)") << 1 << 8 << s("use `not`");
    QTest::addRow("==") << s("filter action == \"A\"") << 1 << 15 << s("use `=`");
    QTest::addRow("chained comparison") << s("filter srcPort = 1 = 2") << 1 << 20 << s("cannot be chained");
    QTest::addRow("not without in") << s("filter action not = \"A\"") << 1 << 19
                                    << s("expected `in` or `like` after `not`");
    QTest::addRow("dangling and") << s("filter action = \"A\" and") << 1 << 24
                                  << s("expected an expression, found the end of the query");
    QTest::addRow("missing paren") << s("filter isIpv4InSubnet(srcAddr, \"10.0.0.0/8\"") << 1 << 44
                                   << s("expected `,` or `)`");
    QTest::addRow("unknown command") << s("filtr action = \"A\"") << 1 << 1
                                     << s("unknown command `filtr` — did you mean `filter`?");
    QTest::addRow("unsupported command") << s("parse @message \"* *\" as a, b") << 1 << 1 << s("does not support");
    QTest::addRow("trailing pipe") << s("filter action = \"A\" |") << 1 << 22 << s("expected a command after `|`");
    QTest::addRow("limit zero") << s("limit 0") << 1 << 7 << s("positive whole number");
    QTest::addRow("limit negative") << s("limit -5") << 1 << 7 << s("positive whole number");
    QTest::addRow("extra tokens") << s("filter srcAddr = \"1.2.3.4\" extra") << 1 << 28
                                  << s("expected `|` or the end of the query");
    QTest::addRow("unterminated string") << s("filter action = \"REJECT") << 1 << 17 << s("unterminated string");
    QTest::addRow("unterminated regex") << s("filter @message like /abc") << 1 << 22 << s("unterminated regular");
    QTest::addRow("invalid regex") << s("filter @message like /a(b/") << 1 << 22 << s("invalid regular expression");
    QTest::addRow("unknown regex flag") << s("filter @message like /x/g") << 1 << 25 << s("flag `g`");
    QTest::addRow("like a number") << s("filter action like 5") << 1 << 20 << s("needs a quoted string or a /regex/");
    QTest::addRow("empty list") << s("filter dstPort in []") << 1 << 20 << s("is empty");
    QTest::addRow("field in list") << s("filter dstPort in [srcPort]") << 1 << 20 << s("list items must be");
    QTest::addRow("unexpected character") << s("filter action = \"A\";") << 1 << 20 << s("unexpected character `;`");
    QTest::addRow("star outside count") << s("stats sum(*)") << 1 << 11 << s("only allowed in count(*)");
    QTest::addRow("error on line 3") << s("filter action = \"REJECT\"\n| stats count(*) as n by srcAddr\n"
                                          "| sort n dsc")
                                     << 3 << 10 << s("expected `|` or the end of the query, found `dsc`");
}

QTEST_GUILESS_MAIN(TestQueryParser)
#include "tst_queryparser.moc"
