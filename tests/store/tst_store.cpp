#include "ingest/chunkbuilder.h"
#include "store/address.h"
#include "store/appendonlyarray.h"
#include "store/chunk.h"
#include "store/flowstore.h"

#include <QTest>
#include <random>
#include <thread>

using namespace flowlens;

namespace {

RawChunk rawWithColumn(FieldId field, const std::vector<std::int64_t>& values)
{
    RawChunk raw;
    raw.rowCount = static_cast<std::uint32_t>(values.size());
    raw.columns[index(field)] = values;
    raw.provenance.push_back({ 0, SourceId(0), 1, 0 });
    return raw;
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void appendOnlyArrayAcrossSegments()
    {
        AppendOnlyArray<std::uint32_t> array;
        // Segment sizes double from 64: boundaries at 64, 192, 448, 960 …
        for (std::uint32_t i = 0; i < 5000; ++i) {
            QCOMPARE(array.push_back(i * 3), i);
        }
        QCOMPARE(array.size(), 5000U);
        for (std::uint32_t i : { 0U, 63U, 64U, 191U, 192U, 447U, 448U, 959U, 960U, 4999U }) {
            QCOMPARE(array[i], i * 3);
        }
    }

    void dictionaryIdsAreDenseAndStable()
    {
        StringDictionary d;
        const StringId a = d.intern("eni-1");
        const StringId b = d.intern("eni-2");
        QCOMPARE(a.value, 0U);
        QCOMPARE(b.value, 1U);
        QCOMPARE(d.intern("eni-1"), a);
        const std::string_view first = d.text(a);
        for (int i = 0; i < 100000; ++i) { // arena blocks and segments grow; earlier views stay valid
            d.intern("value-" + std::to_string(i));
        }
        QCOMPARE(first.data(), d.text(a).data());
        QCOMPARE(d.text(a), std::string_view("eni-1"));
        QCOMPARE(d.find("value-99999")->value, 100001U);
        QVERIFY(!d.find("absent"));
    }

    void dictionaryReadableWhileAppending()
    {
        StringDictionary d;
        d.intern("seed");
        std::atomic<bool> done { false };
        std::atomic<int> mismatches { 0 };
        std::thread reader([&] {
            while (!done.load()) {
                const std::uint32_t n = d.size();
                for (std::uint32_t i = 1; i < n; i += 97) {
                    const std::string expected = std::string("s").append(std::to_string(i - 1));
                    if (d.text(StringId(i)) != expected) {
                        ++mismatches;
                    }
                }
            }
        });
        for (int i = 0; i < 200000; ++i) {
            d.intern(std::string("s").append(std::to_string(i)));
        }
        done = true;
        reader.join();
        QCOMPARE(mismatches.load(), 0);
    }

    void addressParseAndFormat_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("formatted");
        QTest::addColumn<bool>("ipv4");
        QTest::addRow("ipv4") << QStringLiteral("172.31.16.139") << QStringLiteral("172.31.16.139") << true;
        QTest::addRow("ipv4 zeros") << QStringLiteral("0.0.0.0") << QStringLiteral("0.0.0.0") << true;
        QTest::addRow("ipv6 compressed") << QStringLiteral("2a02:cf40::") << QStringLiteral("2a02:cf40::") << false;
        QTest::addRow("ipv6 full") << QStringLiteral("2001:0db8:0000:0000:0000:0000:0000:0001")
                                   << QStringLiteral("2001:db8::1") << false;
        QTest::addRow("ipv6 loopback") << QStringLiteral("::1") << QStringLiteral("::1") << false;
    }
    void addressParseAndFormat()
    {
        QFETCH(QString, text);
        QFETCH(QString, formatted);
        QFETCH(bool, ipv4);
        const auto a = Address::parse(text.toStdString());
        QVERIFY(a);
        QCOMPARE(QString::fromStdString(a->toString()), formatted);
        QCOMPARE(a->isIpv4(), ipv4);
    }

    void addressRejectsGarbage_data()
    {
        QTest::addColumn<QString>("text");
        for (const char* bad : { "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4 ", "a.b.c.d", "1..2.3", "1234.1.1.1",
                 "2001:db8:::1", "-", "10.0.0.1/8" }) {
            QTest::addRow("%s", bad) << QString::fromLatin1(bad);
        }
    }
    void addressRejectsGarbage()
    {
        QFETCH(QString, text);
        QVERIFY(!Address::parse(text.toStdString()));
    }

    void cidrContains()
    {
        const auto net = Cidr::parse("10.1.0.0/16");
        QVERIFY(net);
        QVERIFY(net->contains(*Address::parse("10.1.255.7")));
        QVERIFY(!net->contains(*Address::parse("10.2.0.1")));
        QVERIFY(!net->contains(*Address::parse("::ffff:a02:1") /* 10.2.0.1 mapped */));
        const auto host = Cidr::parse("192.0.2.77/32");
        QVERIFY(host->contains(*Address::parse("192.0.2.77")));
        QVERIFY(!host->contains(*Address::parse("192.0.2.78")));
        const auto masked = Cidr::parse("10.1.2.3/8");
        QCOMPARE(QString::fromStdString(masked->toString()), QStringLiteral("10.0.0.0/8"));
        const auto v6 = Cidr::parse("2600:1f18::/32");
        QVERIFY(v6->contains(*Address::parse("2600:1f18:abcd::1")));
        QVERIFY(!v6->contains(*Address::parse("2600:1f19::1")));
        QVERIFY(!Cidr::parse("10.0.0.0/33"));
        QVERIFY(!Cidr::parse("10.0.0.0"));
    }

    void privateAddresses()
    {
        for (const char* a : { "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "fd00::1", "fe80::1" }) {
            QVERIFY2(Address::parse(a)->isPrivate(), a);
        }
        for (const char* a : { "8.8.8.8", "172.32.0.1", "203.0.113.9", "2600:1f18::1" }) {
            QVERIFY2(!Address::parse(a)->isPrivate(), a);
        }
    }

    void encodingRoundTrips_data()
    {
        QTest::addColumn<std::vector<std::int64_t>>("values");
        QTest::addColumn<int>("width");
        QTest::addRow("constant") << std::vector<std::int64_t>(1000, 443) << 0;
        QTest::addRow("small range") << std::vector<std::int64_t> { 1700000000, 1700000255, 1700000100 } << 1;
        QTest::addRow("ports") << std::vector<std::int64_t> { 0, 65535, 22, 443 } << 2;
        QTest::addRow("bytes") << std::vector<std::int64_t> { 40, 4000000000LL, 1500 } << 4;
        QTest::addRow("huge") << std::vector<std::int64_t> { -5, std::int64_t(1) << 40, 0 } << 8;
        QTest::addRow("nulls") << std::vector<std::int64_t> { kNull, 7, kNull, 9 } << 1;
        QTest::addRow("all null") << std::vector<std::int64_t> { kNull, kNull } << 0;
        QTest::addRow("extremes") << std::vector<std::int64_t> { INT64_MAX, INT64_MIN + 1 } << 8;
    }
    void encodingRoundTrips()
    {
        QFETCH(std::vector<std::int64_t>, values);
        QFETCH(int, width);
        const auto chunk = Chunk::encode(rawWithColumn(FieldId::Bytes, values));
        QCOMPARE(int(chunk->column(FieldId::Bytes)->width), width);
        std::vector<std::int64_t> decoded(values.size());
        chunk->decode(FieldId::Bytes, 0, static_cast<std::uint32_t>(values.size()), decoded.data());
        QCOMPARE(decoded, values);
        for (std::uint32_t i = 0; i < values.size(); ++i) {
            QCOMPARE(chunk->isNull(FieldId::Bytes, i), values[i] == kNull);
            QCOMPARE(chunk->value(FieldId::Bytes, i), values[i]);
        }
        QVERIFY(!chunk->has(FieldId::Packets));
        QCOMPARE(chunk->value(FieldId::Packets, 0), kNull);
    }

    void randomColumnsMatchAnIndependentCopy()
    {
        std::mt19937_64 rng(42);
        std::vector<std::int64_t> values(kChunkRows);
        for (auto& v : values) {
            v = (rng() % 10 == 0) ? kNull : static_cast<std::int64_t>(rng() % 100000);
        }
        const auto chunk = Chunk::encode(rawWithColumn(FieldId::Packets, values));
        std::vector<std::int64_t> window(1000);
        chunk->decode(FieldId::Packets, 30000, 1000, window.data());
        QVERIFY(std::equal(window.begin(), window.end(), values.begin() + 30000));
        // 17 bits of range need 4 bytes a row, plus one validity bit.
        QVERIFY(chunk->memoryBytes() < kChunkRows * 4 + kChunkRows / 8 + 4096);
    }

    void provenanceFindsFileAndLine()
    {
        RawChunk raw = rawWithColumn(FieldId::Version, std::vector<std::int64_t>(10, 2));
        raw.provenance = { { 0, SourceId(3), 100, 0 }, { 4, SourceId(3), 200, 1 }, { 7, SourceId(5), 1, 0 } };
        const auto chunk = Chunk::encode(raw);
        QCOMPARE(chunk->line(0), 100ULL);
        QCOMPARE(chunk->line(3), 103ULL);
        QCOMPARE(chunk->line(4), 200ULL);
        QCOMPARE(chunk->formatId(5), 1U);
        QCOMPARE(chunk->source(6), SourceId(3));
        QCOMPARE(chunk->source(9), SourceId(5));
        QCOMPARE(chunk->line(9), 3ULL);
    }

    void appendMapsLocalIdsAndKeepsNulls()
    {
        FlowStore store;
        RawChunk first;
        ChunkBuilder builder([&store](RawChunk& raw) { store.append(raw); });
        builder.activate({ FieldId::InterfaceId, FieldId::SrcAddr, FieldId::Action, FieldId::Bytes });
        const struct {
            const char* eni;
            const char* addr;
            const char* action;
            std::int64_t bytes;
        } rows[] = { { "eni-b", "10.0.0.2", "REJECT", 10 }, { "eni-a", nullptr, nullptr, kNull },
            { "eni-b", "2001:db8::1", "ACCEPT", 30 } };
        std::uint64_t line = 1;
        for (const auto& r : rows) {
            builder.cell(FieldId::InterfaceId) = builder.internString(FieldId::InterfaceId, r.eni);
            builder.cell(FieldId::SrcAddr) = r.addr ? builder.internAddress(*Address::parse(r.addr)) : kNull;
            builder.cell(FieldId::Action) = r.action ? builder.internString(FieldId::Action, r.action) : kNull;
            builder.cell(FieldId::Bytes) = r.bytes;
            builder.commitRow(SourceId(0), line++);
        }
        builder.flush();
        const auto snapshot = store.snapshot();
        QCOMPARE(snapshot.rowCount, 3ULL);
        const Chunk& c = *snapshot.chunks.front();
        QCOMPARE(store.text(c, FieldId::InterfaceId, 0), std::string("eni-b"));
        QCOMPARE(store.text(c, FieldId::InterfaceId, 1), std::string("eni-a"));
        QCOMPARE(store.text(c, FieldId::SrcAddr, 1), std::string("-"));
        QCOMPARE(store.text(c, FieldId::SrcAddr, 2), std::string("2001:db8::1"));
        // The store seeds ACCEPT = 0 and REJECT = 1 whatever order rows come in.
        QCOMPARE(c.value(FieldId::Action, 0), 1);
        QCOMPARE(c.value(FieldId::Action, 2), 0);
        QVERIFY(c.isNull(FieldId::Action, 1));
        QVERIFY(c.isNull(FieldId::Bytes, 1));
        QCOMPARE(store.dictionary(FieldId::InterfaceId).size(), 2U);
    }

    void builderFlushesFullChunksAndFillsMissingFields()
    {
        FlowStore store;
        ChunkBuilder builder([&store](RawChunk& raw) { store.append(raw); });
        builder.activate({ FieldId::Packets });
        for (std::uint32_t i = 0; i < kChunkRows + 10; ++i) {
            builder.cell(FieldId::Packets) = i;
            builder.commitRow(SourceId(0), i + 1);
        }
        // A new format without packets but with bytes: packets is null from here on.
        builder.activate({ FieldId::Bytes });
        builder.cell(FieldId::Bytes) = 99;
        builder.commitRow(SourceId(0), 1000000);
        builder.flush();
        const auto s = store.snapshot();
        QCOMPARE(s.chunks.size(), std::size_t(2));
        QCOMPARE(s.chunks[0]->rowCount(), kChunkRows);
        const Chunk& tail = *s.chunks[1];
        QCOMPARE(tail.rowCount(), 11U);
        QCOMPARE(tail.value(FieldId::Packets, 9), std::int64_t(kChunkRows + 9));
        QVERIFY(tail.isNull(FieldId::Packets, 10));
        QVERIFY(tail.isNull(FieldId::Bytes, 0));
        QCOMPARE(tail.value(FieldId::Bytes, 10), 99);
        QCOMPARE(tail.line(10), 1000000ULL);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
