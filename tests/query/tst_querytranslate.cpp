#include "query/query.h"
#include "query/sqltranslator.h"

#include <QTest>

using namespace flowlens;
using namespace flowlens::query;

namespace {

QString s(const char* utf8)
{
    return QString::fromUtf8(utf8);
}

Query mustParse(const QString& text)
{
    const QueryResult result = Query::parse(text);
    if (!result.ok()) {
        qFatal("%s", qPrintable(result.error().render(text)));
    }
    return result.query();
}

const char* const kSamples[] = {
    "stats avg(bytes), min(bytes), max(bytes) by srcAddr, dstAddr",
    "filter protocol=17 | stats count(*) by srcAddr",
    "stats sum(bytes) as bytesTransferred by srcAddr, dstAddr | sort bytesTransferred desc | limit 10",
    "filter action=\"REJECT\" | stats count(*) as numRejections by srcAddr | sort numRejections desc | limit 20",
    "stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc | limit 15",
    "filter isIpv4InSubnet(srcAddr, \"192.0.2.0/24\") | stats sum(bytes) as bytesTransferred by dstAddr | sort "
    "bytesTransferred desc | limit 15",
    "filter logStatus=\"SKIPDATA\" | stats count(*) by bin(1h) as t | sort t",
};

} // namespace

// Golden texts are written by hand from the mapping documented in sqltranslator.h,
// sqlexpressionwriter.h and insightsprinter.h.
class TestQueryTranslate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void insights_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::addRow("sample 1") << s(kSamples[0])
                                  << s("stats avg(bytes), min(bytes), max(bytes) by srcAddr, dstAddr");
        QTest::addRow("sample 2") << s(kSamples[1]) << s("filter protocol = 17 | stats count(*) by srcAddr");
        QTest::addRow("sample 3") << s(kSamples[2])
                                  << s("stats sum(bytes) as bytesTransferred by srcAddr, dstAddr | sort "
                                       "bytesTransferred desc | limit 10");
        QTest::addRow("sample 4") << s(kSamples[3])
                                  << s("filter action = \"REJECT\" | stats count(*) as numRejections by srcAddr | "
                                       "sort numRejections desc | limit 20");
        QTest::addRow("sample 5") << s(kSamples[4])
                                  << s("stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort "
                                       "packetsTransferred desc | limit 15");
        QTest::addRow("sample 6") << s(kSamples[5])
                                  << s("filter isIpv4InSubnet(srcAddr, \"192.0.2.0/24\") | stats sum(bytes) as "
                                       "bytesTransferred by dstAddr | sort bytesTransferred desc | limit 15");
        QTest::addRow("sample 7") << s(kSamples[6])
                                  << s("filter logStatus = \"SKIPDATA\" | stats count(*) by bin(1h) as t | sort t");
        QTest::addRow("spellings, case, comments, lines")
            << s("# SSH rejects\n"
                 "FILTER `log-status` = 'OK'   # only good records\n"
                 "  AND srcaddr = \"10.0.0.1\"\n"
                 "| STATS COUNT() AS n BY bin(300s), dstport\n"
                 "| SORT n DESC\n")
            << s("filter logStatus = \"OK\" and srcAddr = \"10.0.0.1\" | stats count(*) as n by bin(5m), dstPort | "
                 "sort n desc");
        QTest::addRow("minimal parentheses")
            << s("filter ((srcPort = 22) or (dstPort = 22)) and not (action = \"ACCEPT\")")
            << s("filter (srcPort = 22 or dstPort = 22) and not action = \"ACCEPT\"");
        QTest::addRow("arithmetic") << s("fields (bytes - packets) - 1 as a, bytes - (packets - 1) as b, "
                                         "(2 ^ 3) ^ 2 as c, -(bytes + 1) as d")
                                    << s("fields bytes - packets - 1 as a, bytes - (packets - 1) as b, (2 ^ 3) ^ 2 "
                                         "as c, -(bytes + 1) as d");
        QTest::addRow("regexes and strings")
            << s("filter @message like /a\\/b/i and interfaceId like 'eni-\"x\"' and vpcId =~ \"vpc-.*\"")
            << s("filter @message like /(?i)a\\/b/ and interfaceId like \"eni-\\\"x\\\"\" and vpcId like /vpc-.*/");
        QTest::addRow("lists and literals")
            << s("filter srcAddr in [\"2001:DB8:0::1\", \"10.0.0.1\"] and dstPort not in [22, -1] and accountId = 123")
            << s("filter srcAddr in [\"2001:db8::1\", \"10.0.0.1\"] and dstPort not in [22, -1] and accountId = "
                 "\"123\"");
        QTest::addRow("where, percentile, quoted alias")
            << s("where dstPort = 443 | stats percentile(bytes, 99.5) as `p 99.5`, count_distinct(srcAddr)")
            << s("filter dstPort = 443 | stats pct(bytes, 99.5) as `p 99.5`, count_distinct(srcAddr)");
        QTest::addRow("container fields") << s("fields @timestamp, @message | sort @timestamp desc | limit 20")
                                          << s("fields @timestamp, @message | sort @timestamp desc | limit 20");
        QTest::addRow("float") << s("fields toMillis(@timestamp) as ms | filter ms > 1.5e12")
                               << s("fields toMillis(@timestamp) as ms | filter ms > 1.5e+12");
        QTest::addRow("dedup and display")
            << s("sort startTime desc | dedup srcAddr | limit 5") << s("sort startTime desc | dedup srcAddr | limit 5");
        QTest::addRow("explicit asc kept")
            << s("display srcAddr | sort srcAddr ASC") << s("display srcAddr | sort srcAddr asc");
        QTest::addRow("tests as numbers") << s("filter isempty(vpcId) = 0") << s("filter isempty(vpcId) = 0");
        QTest::addRow("empty") << s("  # nothing\n") << QString();
    }
    void insights()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        const Query parsed = mustParse(query);
        QCOMPARE(parsed.toInsights(), expected);
        // The normalised text parses again and is already normal.
        const QueryResult again = Query::parse(expected);
        QVERIFY(again.ok());
        QCOMPARE(again.query().toInsights(), expected);
    }

    void athena_data();
    void athena()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        const SqlResult result = SqlTranslator::translate(mustParse(query));
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error->render(query)));
        QCOMPARE(result.sql, expected);
    }

    void athenaRefusals_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::addRow("@message") << s("fields @message") << 8 << s("@message has no column");
        QTest::addRow("@logStream") << s("filter @logStream like \"eni\"") << 8 << s("@logStream has no column");
        QTest::addRow("two months") << s("stats count(*) by bin(2mo)") << 19 << s("bin(2mo) has no Athena translation");
        QTest::addRow("milliseconds") << s("stats count(*) by bin(1500ms)") << 19 << s("whole seconds");
    }
    void athenaRefusals()
    {
        QFETCH(QString, query);
        QFETCH(int, column);
        QFETCH(QString, message);
        const SqlResult result = SqlTranslator::translate(mustParse(query));
        QVERIFY(!result.ok());
        QVERIFY2(result.error->message().contains(message), qPrintable(result.error->message()));
        QCOMPARE(result.error->line(), 1);
        QCOMPARE(result.error->column(), column);
    }

    void everySampleTranslates()
    {
        for (const char* sample : kSamples) {
            const SqlResult result = SqlTranslator::translate(mustParse(s(sample)));
            QVERIFY2(result.ok(), sample);
            QVERIFY(result.sql.startsWith(s("SELECT ")));
        }
    }

    void tableName()
    {
        AthenaOptions options;
        options.table = s("flows_2024");
        QCOMPARE(
            SqlTranslator::translate(mustParse(s("limit 3")), options).sql, s("SELECT *\nFROM flows_2024\nLIMIT 3"));
    }

    void createTable()
    {
        QCOMPARE(SqlTranslator::createTable(s("s3://amzn-s3-demo-bucket/prefix/AWSLogs/")),
            s("CREATE EXTERNAL TABLE IF NOT EXISTS `vpc_flow_logs` (\n"
              "  version int,\n"
              "  account_id string,\n"
              "  interface_id string,\n"
              "  srcaddr string,\n"
              "  dstaddr string,\n"
              "  srcport int,\n"
              "  dstport int,\n"
              "  protocol bigint,\n"
              "  packets bigint,\n"
              "  bytes bigint,\n"
              "  start bigint,\n"
              "  `end` bigint,\n"
              "  action string,\n"
              "  log_status string,\n"
              "  vpc_id string,\n"
              "  subnet_id string,\n"
              "  instance_id string,\n"
              "  tcp_flags int,\n"
              "  type string,\n"
              "  pkt_srcaddr string,\n"
              "  pkt_dstaddr string,\n"
              "  region string,\n"
              "  az_id string,\n"
              "  sublocation_type string,\n"
              "  sublocation_id string,\n"
              "  pkt_src_aws_service string,\n"
              "  pkt_dst_aws_service string,\n"
              "  flow_direction string,\n"
              "  traffic_path int\n"
              ")\n"
              "PARTITIONED BY (`date` date)\n"
              "ROW FORMAT DELIMITED\n"
              "FIELDS TERMINATED BY ' '\n"
              "LOCATION 's3://amzn-s3-demo-bucket/prefix/AWSLogs/'\n"
              "TBLPROPERTIES (\"skip.header.line.count\"=\"1\");"));
        const FieldId custom[] = { FieldId::SrcAddr, FieldId::RejectReason, FieldId::PacketsLostNoRoute };
        AthenaOptions options;
        options.table = s("custom");
        QCOMPARE(SqlTranslator::createTable(s("s3://b/'x'/"), options, custom).section(u'\n', 0, 4),
            s("CREATE EXTERNAL TABLE IF NOT EXISTS `custom` (\n"
              "  srcaddr string,\n"
              "  reject_reason string,\n"
              "  packets_lost_no_route bigint\n"
              ")"));
        QVERIFY(SqlTranslator::createTable(s("s3://b/'x'/"), options, custom).contains(s("LOCATION 's3://b/''x''/'")));
    }
};

void TestQueryTranslate::athena_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("expected");
    QTest::addRow("sample 1")
        << s(kSamples[0])
        << s("SELECT srcaddr AS \"srcAddr\", dstaddr AS \"dstAddr\", avg(bytes) AS \"avg(bytes)\", "
             "min(bytes) AS \"min(bytes)\", max(bytes) AS \"max(bytes)\"\n"
             "FROM vpc_flow_logs\n"
             "GROUP BY srcaddr, dstaddr");
    QTest::addRow("sample 2") << s(kSamples[1])
                              << s("SELECT srcaddr AS \"srcAddr\", count(*) AS \"count(*)\"\n"
                                   "FROM vpc_flow_logs\n"
                                   "WHERE protocol = 17\n"
                                   "GROUP BY srcaddr");
    QTest::addRow("sample 3") << s(kSamples[2])
                              << s("SELECT srcaddr AS \"srcAddr\", dstaddr AS \"dstAddr\", sum(bytes) AS "
                                   "\"bytesTransferred\"\n"
                                   "FROM vpc_flow_logs\n"
                                   "GROUP BY srcaddr, dstaddr\n"
                                   "ORDER BY \"bytesTransferred\" DESC\n"
                                   "LIMIT 10");
    QTest::addRow("sample 4") << s(kSamples[3])
                              << s("SELECT srcaddr AS \"srcAddr\", count(*) AS \"numRejections\"\n"
                                   "FROM vpc_flow_logs\n"
                                   "WHERE action = 'REJECT'\n"
                                   "GROUP BY srcaddr\n"
                                   "ORDER BY \"numRejections\" DESC\n"
                                   "LIMIT 20");
    QTest::addRow("sample 5") << s(kSamples[4])
                              << s("SELECT srcaddr AS \"srcAddr\", dstaddr AS \"dstAddr\", sum(packets) AS "
                                   "\"packetsTransferred\"\n"
                                   "FROM vpc_flow_logs\n"
                                   "GROUP BY srcaddr, dstaddr\n"
                                   "ORDER BY \"packetsTransferred\" DESC\n"
                                   "LIMIT 15");
    QTest::addRow("sample 6") << s(kSamples[5])
                              << s("SELECT dstaddr AS \"dstAddr\", sum(bytes) AS \"bytesTransferred\"\n"
                                   "FROM vpc_flow_logs\n"
                                   "WHERE contains('192.0.2.0/24', try_cast(srcaddr AS ipaddress))\n"
                                   "GROUP BY dstaddr\n"
                                   "ORDER BY \"bytesTransferred\" DESC\n"
                                   "LIMIT 15");
    QTest::addRow("sample 7")
        << s(kSamples[6])
        << s("SELECT date_trunc('hour', from_unixtime(start)) AS \"t\", count(*) AS \"count(*)\"\n"
             "FROM vpc_flow_logs\n"
             "WHERE log_status = 'SKIPDATA'\n"
             "GROUP BY date_trunc('hour', from_unixtime(start))\n"
             "ORDER BY \"t\"");
    QTest::addRow("empty") << QString() << s("SELECT *\nFROM vpc_flow_logs");
    QTest::addRow("fields, filter, sort")
        << s("fields srcAddr, dstAddr, bytes / packets as bpp | filter bpp > 1000 and dstPort in [22, 3389] | "
             "sort bpp desc | limit 5")
        << s("SELECT srcaddr AS \"srcAddr\", dstaddr AS \"dstAddr\", CAST(bytes AS double) / packets AS \"bpp\"\n"
             "FROM vpc_flow_logs\n"
             "WHERE CAST(bytes AS double) / packets > 1000 AND dstport IN (22, 3389)\n"
             "ORDER BY \"bpp\" DESC\n"
             "LIMIT 5");
    QTest::addRow("addresses and matches")
        << s("filter srcAddr = \"10.0.0.1\" and dstAddr in [\"10.0.0.2\", \"10.0.0.3\"] and interfaceId not like "
             "\"eni-0a\" and action =~ /^rej/i and srcPort like \"44\"")
        << s("SELECT *\n"
             "FROM vpc_flow_logs\n"
             "WHERE try_cast(srcaddr AS ipaddress) = IPADDRESS '10.0.0.1' AND try_cast(dstaddr AS ipaddress) IN "
             "(IPADDRESS '10.0.0.2', IPADDRESS '10.0.0.3') AND strpos(interface_id, 'eni-0a') = 0 AND "
             "regexp_like(action, '(?i)^rej') AND strpos(CAST(srcport AS varchar), '44') > 0");
    QTest::addRow("functions")
        << s("fields coalesce(pktSrcAddr, srcAddr) as src, concat(action, \"/\", srcPort) as tag, "
             "strlen(interfaceId) as n, toupper(action) as a | filter ispresent(vpcId) and not isempty(flowDirection)")
        << s("SELECT coalesce(nullif(pkt_srcaddr, '-'), nullif(srcaddr, '-')) AS \"src\", concat(action, '/', "
             "CAST(srcport AS varchar)) AS \"tag\", length(interface_id) AS \"n\", upper(action) AS \"a\"\n"
             "FROM vpc_flow_logs\n"
             "WHERE vpc_id IS NOT NULL AND vpc_id <> '-' AND NOT (flow_direction IS NULL OR flow_direction IN "
             "('', '-'))");
    QTest::addRow("filter after stats")
        << s("filter action = \"REJECT\" | stats count(*) as n, sum(bytes) / count(*) as avgBytes by srcaddr | "
             "filter n > 10 | sort srcAddr")
        << s("SELECT srcaddr AS \"srcAddr\", count(*) AS \"n\", CAST(sum(bytes) AS double) / count(*) AS "
             "\"avgBytes\"\n"
             "FROM vpc_flow_logs\n"
             "WHERE action = 'REJECT'\n"
             "GROUP BY srcaddr\n"
             "HAVING count(*) > 10\n"
             "ORDER BY \"srcAddr\"");
    QTest::addRow("filter after limit") << s("sort bytes desc | limit 100 | filter action = \"REJECT\"")
                                        << s("SELECT *\n"
                                             "FROM (\n"
                                             "    SELECT *\n"
                                             "    FROM vpc_flow_logs\n"
                                             "    ORDER BY bytes DESC\n"
                                             "    LIMIT 100\n"
                                             ") AS t1\n"
                                             "WHERE action = 'REJECT'\n"
                                             "ORDER BY bytes DESC");
    QTest::addRow("filter after stats and limit")
        << s("stats count(*) as n by srcAddr | sort n desc | limit 10 | filter n > 5")
        << s("SELECT \"srcAddr\", \"n\"\n"
             "FROM (\n"
             "    SELECT srcaddr AS \"srcAddr\", count(*) AS \"n\"\n"
             "    FROM vpc_flow_logs\n"
             "    GROUP BY srcaddr\n"
             "    ORDER BY \"n\" DESC\n"
             "    LIMIT 10\n"
             ") AS t1\n"
             "WHERE \"n\" > 5\n"
             "ORDER BY \"n\" DESC");
    QTest::addRow("dedup") << s(
        "fields srcAddr, dstAddr, bytes | sort startTime desc | dedup srcAddr, dstAddr | limit 5")
                           << s("SELECT srcaddr AS \"srcAddr\", dstaddr AS \"dstAddr\", bytes AS \"bytes\"\n"
                                "FROM (\n"
                                "    SELECT *, row_number() OVER (PARTITION BY srcaddr, dstaddr ORDER BY start DESC) "
                                "AS \"flowlens_row\"\n"
                                "    FROM vpc_flow_logs\n"
                                ") AS t1\n"
                                "WHERE (\"flowlens_row\" = 1 OR srcaddr IS NULL OR dstaddr IS NULL)\n"
                                "ORDER BY start DESC\n"
                                "LIMIT 5");
    QTest::addRow("dedup unsorted, all columns")
        << s("filter action = \"REJECT\" | dedup interfaceId")
        << s("SELECT version, account_id, interface_id, srcaddr, dstaddr, srcport, dstport, protocol, packets, bytes, "
             "start, \"end\", action, log_status, vpc_id, subnet_id, instance_id, tcp_flags, type, pkt_srcaddr, "
             "pkt_dstaddr, region, az_id, sublocation_type, sublocation_id, pkt_src_aws_service, pkt_dst_aws_service, "
             "flow_direction, traffic_path\n"
             "FROM (\n"
             "    SELECT *, row_number() OVER (PARTITION BY interface_id ORDER BY start DESC) AS \"flowlens_row\"\n"
             "    FROM vpc_flow_logs\n"
             "    WHERE action = 'REJECT'\n"
             ") AS t1\n"
             "WHERE (\"flowlens_row\" = 1 OR interface_id IS NULL)");
    QTest::addRow("time buckets")
        << s("stats count(*) by bin(5m) as t, datefloor(@timestamp, 1d) as d")
        << s("SELECT from_unixtime(floor(start / 300.0) * 300) AS \"t\", date_trunc('day', from_unixtime(start)) AS "
             "\"d\", count(*) AS \"count(*)\"\n"
             "FROM vpc_flow_logs\n"
             "GROUP BY from_unixtime(floor(start / 300.0) * 300), date_trunc('day', from_unixtime(start))");
    QTest::addRow("weeks start on Monday")
        << s("stats count(*) as n by bin(2w) as t")
        << s("SELECT from_unixtime(floor((start + 259200) / 1209600.0) * 1209600 - 259200) AS \"t\", count(*) AS "
             "\"n\"\n"
             "FROM vpc_flow_logs\n"
             "GROUP BY from_unixtime(floor((start + 259200) / 1209600.0) * 1209600 - 259200)");
    QTest::addRow("dateceil of a computed time")
        << s("fields dateceil(fromMillis(startTime * 1000), 2h) as up")
        << s("SELECT from_unixtime(ceil(to_unixtime(from_unixtime(start * 1000 / 1000.0)) / 7200.0) * 7200) AS "
             "\"up\"\n"
             "FROM vpc_flow_logs");
    QTest::addRow("aggregates")
        << s("stats pct(bytes, 99.9) as p, count_distinct(dstPort) as d, earliest(action) as e, latest(action) as l, "
             "stddev(bytes) as s, count(vpcId) as c")
        << s("SELECT approx_percentile(bytes, 0.999) AS \"p\", approx_distinct(dstport) AS \"d\", min_by(action, "
             "start) AS \"e\", max_by(action, start) AS \"l\", stddev(bytes) AS \"s\", count(nullif(vpc_id, '-')) AS "
             "\"c\"\n"
             "FROM vpc_flow_logs");
    QTest::addRow("reserved column and @timestamp")
        << s("fields endTime - startTime as duration, @timestamp | filter duration > 60 | sort endTime desc")
        << s("SELECT \"end\" - start AS \"duration\", from_unixtime(start) AS \"@timestamp\"\n"
             "FROM vpc_flow_logs\n"
             "WHERE \"end\" - start > 60\n"
             "ORDER BY \"end\" DESC");
    QTest::addRow("precedence") << s("filter (srcPort = 22 or dstPort = 22) and not action = \"ACCEPT\"")
                                << s("SELECT *\n"
                                     "FROM vpc_flow_logs\n"
                                     "WHERE (srcport = 22 OR dstport = 22) AND NOT action = 'ACCEPT'");
    QTest::addRow("condition against 0")
        << s("filter isempty(vpcId) = 0")
        << s("SELECT *\nFROM vpc_flow_logs\nWHERE (vpc_id IS NULL OR vpc_id IN ('', '-')) = "
             "FALSE");
    QTest::addRow("quote in string") << s("filter interfaceId = \"it's\"")
                                     << s("SELECT *\nFROM vpc_flow_logs\nWHERE interface_id = 'it''s'");
}

QTEST_GUILESS_MAIN(TestQueryTranslate)
#include "tst_querytranslate.moc"
