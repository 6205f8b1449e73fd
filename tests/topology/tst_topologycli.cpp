// flowlens-cli topology / reach end to end on the peering-lab fixtures.
#include <QColor>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList& args)
{
    QProcess p;
    p.start(QStringLiteral(FLOWLENS_CLI), args);
    p.waitForFinished(60000);
    return { p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError()) };
}

const QString kBroken = QStringLiteral(FLOWLENS_TOPOLOGY_DATA "/peering-lab-broken");
const QString kFixed = QStringLiteral(FLOWLENS_TOPOLOGY_DATA "/peering-lab-fixed");

QJsonObject json(const Run& r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

} // namespace

class TestTopologyCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void show()
    {
        const Run r = cli({ QStringLiteral("topology"), QStringLiteral("show"), kBroken });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("VPC lab-a (vpc-0a1) 10.1.0.0/16\n")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("  subnet a-public (subnet-a-public) 10.1.1.0/24 us-east-1a public, "
                                              "route table rtb-a-public, network ACL acl-a\n")));
        QVERIFY(r.out.contains(
            QStringLiteral("peering a-to-b (pcx-0ab): vpc-0a1 (10.1.0.0/16) ↔ vpc-0b2 (10.2.0.0/16) active\n")));
        QVERIFY(
            r.out.contains(QStringLiteral("route table rtb-a-main (main): 10.1.0.0/16 → local, 0.0.0.0/0 → nat-a\n")));

        const QJsonObject o = json(cli({ QStringLiteral("topology"), QStringLiteral("show"), kBroken,
            QStringLiteral("--output"), QStringLiteral("json") }));
        const QJsonArray vpcs = o.value(QLatin1String("vpcs")).toArray();
        QCOMPARE(vpcs.size(), 2);
        const QJsonArray subnets = vpcs[0].toObject().value(QLatin1String("subnets")).toArray();
        QCOMPARE(subnets.size(), 2);
        QCOMPARE(subnets[0].toObject().value(QLatin1String("public")).toBool(), true);
        QCOMPARE(subnets[1].toObject().value(QLatin1String("public")).toBool(), false);
        QCOMPARE(subnets[1].toObject().value(QLatin1String("route_table")).toString(), QStringLiteral("rtb-a-main"));
        QCOMPARE(o.value(QLatin1String("peerings")).toArray()[0].toObject().value(QLatin1String("status")).toString(),
            QStringLiteral("active"));
    }

    void badTopology()
    {
        QFile f(m_dir.filePath(QStringLiteral("subnets.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"Subnets\": [\n  {\"SubnetId\": \"subnet-1\",, }\n]}\n");
        f.close();
        const Run r = cli({ QStringLiteral("topology"), QStringLiteral("show"), m_dir.path() });
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(f.fileName() + QStringLiteral(":2:")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("invalid JSON")));
        QVERIFY(r.out.isEmpty());
    }

    void diff()
    {
        Run r = cli({ QStringLiteral("topology"), QStringLiteral("diff"), kBroken, kFixed });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out,
            QStringLiteral("+ route rtb-a-public: 10.2.0.0/16 → pcx-0ab\n+ route rtb-a-main: 10.2.0.0/16 → pcx-0ab\n"
                           "+ route rtb-b-main: 10.1.0.0/16 → pcx-0ab\n"));
        r = cli({ QStringLiteral("topology"), QStringLiteral("diff"), kFixed, kFixed });
        QCOMPARE(r.out, QStringLiteral("no differences\n"));
        r = cli({ QStringLiteral("topology"), QStringLiteral("diff"), kFixed, kBroken, QStringLiteral("--output"),
            QStringLiteral("json") });
        const QJsonArray changes = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(changes.size(), 3);
        QCOMPARE(changes[2].toObject().value(QLatin1String("change")).toString(), QStringLiteral("removed"));
        QCOMPARE(changes[2].toObject().value(QLatin1String("id")).toString(), QStringLiteral("rtb-b-main"));
    }

    void reach()
    {
        Run r = cli({ QStringLiteral("reach"), QStringLiteral("--topology"), kBroken, QStringLiteral("10.1.1.10"),
            QStringLiteral("10.2.1.30"), QStringLiteral("tcp"), QStringLiteral("5432") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("verdict      no-route at rtb-a-public\n")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("fix          add a route for 10.2.0.0/16 to pcx-0ab in rtb-a-public")));
        QVERIFY(r.out.contains(QStringLiteral("  BLOCK 10.1.0.0/16 has no route to 10.2.0.0/16")));

        // The same flow in the fixed lab, with flow logs that saw two requests and no reply.
        QFile f(m_dir.filePath(QStringLiteral("flows.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                "action log-status\n"
                "2 1 eni-a1 10.1.1.10 10.2.1.30 40001 5432 6 3 180 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a1 10.1.1.10 10.2.1.30 40002 5432 6 3 180 1700000000 1700000060 ACCEPT OK\n");
        f.close();
        r = cli({ QStringLiteral("reach"), QStringLiteral("--topology"), kFixed, QStringLiteral("10.1.1.10"),
            QStringLiteral("10.2.1.30"), QStringLiteral("tcp"), QStringLiteral("5432"), QStringLiteral("--flows"),
            f.fileName(), QStringLiteral("--output"), QStringLiteral("json") });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = json(r);
        QCOMPARE(o.value(QLatin1String("verdict")).toString(), QStringLiteral("reachable"));
        QCOMPARE(o.value(QLatin1String("steps")).toArray().size(), 10);
        const QJsonObject evidence = o.value(QLatin1String("evidence")).toObject();
        QCOMPARE(evidence.value(QLatin1String("requests")).toInt(), 2);
        QCOMPARE(evidence.value(QLatin1String("request_bytes")).toInt(), 360);
        QCOMPARE(evidence.value(QLatin1String("one_way")).toBool(), true);

        // icmp needs no port; tcp 22 into acl-b is denied by its final rule.
        r = cli({ QStringLiteral("reach"), QStringLiteral("--topology"), kFixed, QStringLiteral("10.1.2.20"),
            QStringLiteral("10.2.1.30"), QStringLiteral("icmp") });
        QVERIFY2(r.out.startsWith(QStringLiteral("verdict      reachable\n")), qPrintable(r.out + r.err));
        r = cli({ QStringLiteral("reach"), QStringLiteral("--topology"), kFixed, QStringLiteral("10.1.1.10"),
            QStringLiteral("10.2.1.30"), QStringLiteral("tcp"), QStringLiteral("22"), QStringLiteral("--output"),
            QStringLiteral("json") });
        QCOMPARE(json(r).value(QLatin1String("verdict")).toString(), QStringLiteral("network-acl-denied"));
        QCOMPARE(json(r).value(QLatin1String("blocking")).toString(), QStringLiteral("acl-b"));
    }

    void explainSpelling()
    {
        const Run r = cli({ QStringLiteral("explain"), QStringLiteral("--aws-json"), kBroken, QStringLiteral("--src"),
            QStringLiteral("10.1.1.10"), QStringLiteral("--dst"), QStringLiteral("10.2.1.30"),
            QStringLiteral("--proto"), QStringLiteral("tcp"), QStringLiteral("--port"), QStringLiteral("5432"),
            QStringLiteral("--output"), QStringLiteral("json") });
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(json(r).value(QLatin1String("verdict")).toString(), QStringLiteral("no-route"));
        QCOMPARE(json(r).value(QLatin1String("blocking")).toString(), QStringLiteral("rtb-a-public"));
        QCOMPARE(cli({ QStringLiteral("explain"), QStringLiteral("--src"), QStringLiteral("10.1.1.10") }).exitCode, 2);
    }

    void reachUsage_data()
    {
        QTest::addColumn<QString>("args");
        QTest::addColumn<QString>("message");
        QTest::addRow("no topology") << QStringLiteral("10.1.1.10 10.2.1.30 tcp 22")
                                     << QStringLiteral("--topology DIR is required");
        QTest::addRow("bad address") << QStringLiteral("--topology T 10.1.1.999 10.2.1.30 tcp 22")
                                     << QStringLiteral("'10.1.1.999' is not an IP address");
        QTest::addRow("no port") << QStringLiteral("--topology T 10.1.1.10 10.2.1.30 tcp")
                                 << QStringLiteral("tcp and udp need a PORT");
        QTest::addRow("bad port") << QStringLiteral("--topology T 10.1.1.10 10.2.1.30 udp 70000")
                                  << QStringLiteral("'70000' is not a port");
        QTest::addRow("bad protocol") << QStringLiteral("--topology T 10.1.1.10 10.2.1.30 sctp 1")
                                      << QStringLiteral("'sctp' is not a protocol");
    }
    void reachUsage()
    {
        QFETCH(QString, args);
        QFETCH(QString, message);
        QStringList list { QStringLiteral("reach") };
        for (const QString& a : args.split(QLatin1Char(' '))) {
            list << (a == QLatin1String("T") ? kFixed : a);
        }
        const Run r = cli(list);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void containAndInfer()
    {
        Run r = cli({ QStringLiteral("topology"), QStringLiteral("contain"), kFixed, QStringLiteral("198.51.100.99"),
            QStringLiteral("--acl"), QStringLiteral("acl-b") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral(
                     "aws ec2 create-network-acl-entry --network-acl-id acl-b --ingress --rule-number 119 "
                     "--protocol -1 --rule-action deny --cidr-block 198.51.100.99/32\n")),
            qPrintable(r.out));
        QVERIFY(r.out.contains(
            QStringLiteral("aws ec2 delete-network-acl-entry --network-acl-id acl-b --ingress --rule-number 119\n")));
        QVERIFY(!r.out.contains(QStringLiteral("acl-a")));

        QFile f(m_dir.filePath(QStringLiteral("v5.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                "action log-status vpc-id subnet-id\n"
                "3 1 eni-a1 10.1.1.10 10.2.1.30 40001 5432 6 3 180 1700000000 1700000060 ACCEPT OK vpc-0a1 "
                "subnet-a-public\n");
        f.close();
        r = cli({ QStringLiteral("topology"), QStringLiteral("infer"), f.fileName() });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(
            r.out.startsWith(QStringLiteral("topology inferred from flow logs\nVPC vpc-0a1 10.1.1.10/32 (inferred)\n")),
            qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("VPC inferred:10.2.0.0/16 10.2.1.30/32 (inferred)")));
    }

    void draw()
    {
        // `topology --aws-json DIR --flows LOG --out FILE`: the pane's picture offscreen, or the model.
        // Records: a1 → b1:5432 twice (600 + 400 bytes) and one reply (100); the scanner's REJECT to
        // a1's public address (60 bytes).
        QFile f(m_dir.filePath(QStringLiteral("draw.log")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                "action log-status\n"
                "2 1 eni-a1 10.1.1.10 10.2.1.30 40001 5432 6 3 600 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a1 10.1.1.10 10.2.1.30 40002 5432 6 2 400 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-b1 10.2.1.30 10.1.1.10 5432 40001 6 2 100 1700000000 1700000060 ACCEPT OK\n"
                "2 1 eni-a1 198.51.100.99 203.0.113.10 50000 22 6 1 60 1700000000 1700000060 REJECT OK\n");
        f.close();
        auto draw = [&](const QString& out) {
            return cli({ QStringLiteral("topology"), QStringLiteral("--aws-json"), kFixed, QStringLiteral("--flows"),
                f.fileName(), QStringLiteral("--out"), out });
        };

        const QString svgPath = m_dir.filePath(QStringLiteral("topo.svg"));
        Run r = draw(svgPath);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("2 VPCs, 3 subnets, 4 interfaces, 2 traffic links")), qPrintable(r.out));
        QFile svg(svgPath);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        const QByteArray svgText = svg.readAll();
        QXmlStreamReader xml(svgText);
        QStringList texts;
        while (!xml.atEnd()) {
            if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text")) {
                texts << xml.readElementText(QXmlStreamReader::IncludeChildElements);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        const QString allText = texts.join(QLatin1Char('\n'));
        QVERIFY2(
            allText.contains(QStringLiteral("lab-a (vpc-0a1)")) && allText.contains(QStringLiteral("lab-b (vpc-0b2)")),
            qPrintable(allText));
        QVERIFY(allText.contains(QStringLiteral("pcx-0ab")));

        const QString pngPath = m_dir.filePath(QStringLiteral("topo.png"));
        r = draw(pngPath);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QImage png(pngPath);
        QVERIFY(!png.isNull());
        QVERIFY(png.width() > 600 && png.height() > 300);
        QSet<QRgb> colours;
        int reddish = 0;
        for (int y = 0; y < png.height(); y += 2) {
            for (int x = 0; x < png.width(); x += 2) {
                const QColor c = png.pixelColor(x, y);
                colours.insert(c.rgb());
                reddish += c.red() > 150 && c.green() < 90 && c.blue() < 90; // the REJECT link
            }
        }
        QVERIFY2(colours.size() > 50, qPrintable(QString::number(colours.size())));
        QVERIFY(reddish > 20);

        const QString jsonPath = m_dir.filePath(QStringLiteral("topo.json"));
        r = draw(jsonPath);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile jsonFile(jsonPath);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QJsonParseError error {};
        const QJsonObject model = QJsonDocument::fromJson(jsonFile.readAll(), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray vpcs = model.value(QLatin1String("vpcs")).toArray();
        QCOMPARE(vpcs.size(), 2);
        QCOMPARE(vpcs[0].toObject().value(QLatin1String("id")).toString(), QStringLiteral("vpc-0a1"));
        QCOMPARE(model.value(QLatin1String("peerings")).toArray().size(), 1);
        const QJsonArray traffic = model.value(QLatin1String("traffic")).toArray();
        QCOMPARE(traffic.size(), 2);
        const QJsonObject peer = traffic[0].toObject(); // largest first: 1100 bytes
        QCOMPARE(peer.value(QLatin1String("a")).toString(), QStringLiteral("eni-a1"));
        QCOMPARE(peer.value(QLatin1String("b")).toString(), QStringLiteral("eni-b1"));
        QCOMPARE(peer.value(QLatin1String("bytes")).toInteger(), 1100);
        QCOMPARE(peer.value(QLatin1String("records_a_to_b")).toInteger(), 2);
        QCOMPARE(peer.value(QLatin1String("records_b_to_a")).toInteger(), 1);
        QCOMPARE(peer.value(QLatin1String("one_way")).toBool(), false);
        const QJsonObject scan = traffic[1].toObject();
        QCOMPARE(scan.value(QLatin1String("b")).toString(), QStringLiteral("internet"));
        QCOMPARE(scan.value(QLatin1String("rejects")).toInteger(), 1);
        QCOMPARE(scan.value(QLatin1String("one_way")).toBool(), true);

        // Without --flows: the configuration alone, no traffic key.
        r = cli(
            { QStringLiteral("topology"), QStringLiteral("--aws-json"), kBroken, QStringLiteral("--out"), jsonPath });
        QCOMPARE(r.exitCode, 0);
        jsonFile.close();
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QVERIFY(!QJsonDocument::fromJson(jsonFile.readAll()).object().contains(QLatin1String("traffic")));

        // Mistakes: the wrong suffix, nothing to draw, an action as well, a missing folder.
        r = draw(m_dir.filePath(QStringLiteral("topo.gif")));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--out must end in .svg, .png, .pdf or .json")), qPrintable(r.err));
        r = cli({ QStringLiteral("topology"), QStringLiteral("--out"), svgPath });
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("--out needs --aws-json DIR")));
        QCOMPARE(cli({ QStringLiteral("topology"), QStringLiteral("show"), kFixed, QStringLiteral("--out"), svgPath })
                     .exitCode,
            2);
        QCOMPARE(cli({ QStringLiteral("topology"), QStringLiteral("--aws-json"),
                         m_dir.filePath(QStringLiteral("absent")), QStringLiteral("--out"), svgPath })
                     .exitCode,
            3);
    }

    void topologyUsage()
    {
        QCOMPARE(cli({ QStringLiteral("topology") }).exitCode, 2);
        QCOMPARE(cli({ QStringLiteral("topology"), QStringLiteral("draw") }).exitCode, 2);
        QCOMPARE(cli({ QStringLiteral("topology"), QStringLiteral("diff"), kFixed }).exitCode, 2);
        QCOMPARE(cli({ QStringLiteral("topology"), QStringLiteral("show"), m_dir.filePath(QStringLiteral("absent")) })
                     .exitCode,
            3);
    }
};

QTEST_GUILESS_MAIN(TestTopologyCli)
#include "tst_topologycli.moc"
