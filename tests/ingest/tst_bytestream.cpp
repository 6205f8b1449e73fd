#include "ingest/bytestream.h"
#include "ingest/filebytestream.h"
#include "ingest/gzipbytestream.h"
#include "ingest/isalgzipbytestream.h"
#include "ingesttestfiles.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <memory>
#include <vector>
#include <zlib.h>

using namespace flowlens;
using namespace flowlens::testing;

namespace {

const QString DataDir = ingestDataDir();

// Realistic v2 records with varying numbers, `lines` of them.
QByteArray flowLogText(int lines, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray text = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start "
                      "end action log-status\n";
    for (int i = 0; i < lines; ++i) {
        const quint32 start = 1680674400 + static_cast<quint32>(i);
        text += "2 123456789012 eni-0a1b2c3d4e5f60718 10.0." + QByteArray::number(rng.bounded(4)) + '.'
            + QByteArray::number(rng.bounded(1, 255)) + " 172.31." + QByteArray::number(rng.bounded(32)) + '.'
            + QByteArray::number(rng.bounded(1, 255)) + ' ' + QByteArray::number(rng.bounded(1024, 65536)) + " 443 6 "
            + QByteArray::number(rng.bounded(1, 400)) + ' ' + QByteArray::number(rng.bounded(40, 600000)) + ' '
            + QByteArray::number(start) + ' ' + QByteArray::number(start + 60)
            + (rng.bounded(3) == 0 ? " REJECT OK\n" : " ACCEPT OK\n");
    }
    return text;
}

QByteArray randomBytes(int size, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char& c : bytes) {
        c = static_cast<char>(rng.bounded(256));
    }
    return bytes;
}

// One gzip member made with zlib's deflate (an encoder independent of both inflaters under test).
// `flushAt` >= 0 ends a deflate block there with Z_FULL_FLUSH and stores the compressed size so far in
// `flushOffset`, so a test can damage the next block header.
QByteArray gzipMember(const QByteArray& data, int level, gz_header* header = nullptr, qsizetype flushAt = -1,
    qsizetype* flushOffset = nullptr)
{
    z_stream zs {};
    if (deflateInit2(&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        qFatal("deflateInit2 failed");
    }
    if (header != nullptr) {
        deflateSetHeader(&zs, header);
    }
    QByteArray out;
    std::vector<unsigned char> buffer(64 * 1024);
    auto run = [&](const char* in, qsizetype size, int flush) {
        zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in));
        zs.avail_in = static_cast<uInt>(size);
        int rc = Z_OK;
        do {
            zs.next_out = buffer.data();
            zs.avail_out = static_cast<uInt>(buffer.size());
            rc = deflate(&zs, flush);
            out.append(
                reinterpret_cast<const char*>(buffer.data()), static_cast<qsizetype>(buffer.size() - zs.avail_out));
        } while (zs.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    };
    if (flushAt >= 0) {
        run(data.constData(), flushAt, Z_FULL_FLUSH);
        *flushOffset = out.size();
        run(data.constData() + flushAt, data.size() - flushAt, Z_FINISH);
    } else {
        run(data.constData(), data.size(), Z_FINISH);
    }
    deflateEnd(&zs);
    return out;
}

struct Drained {
    QByteArray bytes;
    std::string error;
    int reads = 0;
    bool sawEndFlag = false;
};

Drained drain(ByteStream& stream, std::size_t capacity)
{
    Drained result;
    std::vector<char> buffer(capacity);
    for (;;) {
        const ReadResult r = stream.read(buffer.data(), buffer.size());
        ++result.reads;
        if (r.size > capacity) {
            qFatal("read reported more bytes than asked for");
        }
        result.bytes.append(buffer.data(), static_cast<qsizetype>(r.size));
        if (!r.error.empty()) {
            result.error = r.error;
        }
        if (r.atEnd || !r.error.empty()) {
            result.sawEndFlag = r.atEnd;
            break;
        }
        if (r.size == 0) {
            qFatal("a read returned nothing without ending the stream");
        }
    }
    return result;
}

std::unique_ptr<ByteStream> openGzip(
    const QString& path, [[maybe_unused]] InflateBackend backend, std::size_t inputBufferSize, std::string& error)
{
    std::unique_ptr<FileByteStream> file = FileByteStream::open(path, error);
    if (!file) {
        return nullptr;
    }
#ifdef FLOWLENS_HAVE_ISAL
    if (backend == InflateBackend::Isal) {
        return std::make_unique<IsalGzipByteStream>(std::move(file), inputBufferSize);
    }
#endif
    return std::make_unique<GzipByteStream>(std::move(file), inputBufferSize);
}

QList<InflateBackend> backends()
{
    QList<InflateBackend> list { InflateBackend::Zlib };
    if (isalAvailable()) {
        list << InflateBackend::Isal;
    }
    return list;
}

const char* backendName(InflateBackend backend)
{
    return backend == InflateBackend::Isal ? "isal" : "zlib";
}

QString writeTemp(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

// Offsets in messages are exact numbers; this pulls the one after `phrase`.
qint64 numberAfter(const std::string& text, const char* phrase)
{
    const QString s = QString::fromStdString(text);
    const QRegularExpression re(QRegularExpression::escape(QLatin1String(phrase)) + QStringLiteral("(\\d+)"));
    const QRegularExpressionMatch m = re.match(s);
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

} // namespace

Q_DECLARE_METATYPE(InflateBackend)

class TestByteStream : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void plainFile_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("capacity");
        QTest::addRow("empty") << QByteArray() << 4096;
        QTest::addRow("one byte") << QByteArray("x") << 4096;
        QTest::addRow("exactly one buffer") << QByteArray(4096, 'a') << 4096;
        QTest::addRow("flow logs, tiny reads") << flowLogText(200, 1) << 7;
        QTest::addRow("flow logs, 1 MiB reads") << flowLogText(40000, 2) << (1 << 20);
        QTest::addRow("binary, 4 MiB reads") << randomBytes(5 << 20, 3) << (4 << 20);
    }
    void plainFile()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, capacity);
        const QString path = writeTemp(m_dir, QStringLiteral("plain.log"), content);
        std::string error;
        auto stream = openByteStream(path, error);
        QVERIFY2(stream, error.c_str());
        QCOMPARE(stream->sourceBytesTotal(), quint64(content.size()));
        const Drained d = drain(*stream, static_cast<std::size_t>(capacity));
        QVERIFY2(d.error.empty(), d.error.c_str());
        QVERIFY(d.sawEndFlag);
        QCOMPARE(d.bytes.size(), content.size());
        QVERIFY(d.bytes == content);
        QCOMPARE(stream->sourceBytesRead(), quint64(content.size()));
        // Reading past the end stays at the end.
        char c = 0;
        const ReadResult again = stream->read(&c, 1);
        QCOMPARE(again.size, std::size_t(0));
        QVERIFY(again.atEnd);
    }

    void fileRange_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<int>("capacity");
        QTest::addRow("head") << qint64(0) << qint64(1000) << 300;
        QTest::addRow("middle") << qint64(12345) << qint64(54321) << 4096;
        QTest::addRow("tail") << qint64(100000 - 777) << qint64(777) << (1 << 20);
        QTest::addRow("whole") << qint64(0) << qint64(100000) << 65536;
        QTest::addRow("empty range") << qint64(500) << qint64(0) << 16;
        QTest::addRow("empty at end") << qint64(100000) << qint64(0) << 16;
    }
    void fileRange()
    {
        QFETCH(qint64, offset);
        QFETCH(qint64, length);
        QFETCH(int, capacity);
        const QByteArray content = randomBytes(100000, 4);
        const QString path = writeTemp(m_dir, QStringLiteral("range.bin"), content);
        std::string error;
        auto stream = openFileRange(path, quint64(offset), quint64(length), error);
        QVERIFY2(stream, error.c_str());
        QCOMPARE(stream->sourceBytesTotal(), quint64(length));
        const Drained d = drain(*stream, static_cast<std::size_t>(capacity));
        QVERIFY2(d.error.empty(), d.error.c_str());
        QVERIFY(d.bytes == content.mid(offset, length));
        QCOMPARE(stream->sourceBytesRead(), quint64(length));
    }

    void fileRangeOutsideFile()
    {
        const QString path = writeTemp(m_dir, QStringLiteral("small.bin"), QByteArray(100, 'z'));
        std::string error;
        QVERIFY(!openFileRange(path, 50, 51, error));
        QVERIFY2(error.find("small.bin") != std::string::npos, error.c_str());
        QVERIFY2(error.find("has only 100 bytes") != std::string::npos, error.c_str());
        error.clear();
        QVERIFY(!openFileRange(path, 101, 0, error));
        QVERIFY(!error.empty());
    }

    void openErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("reason");
        QTest::addRow("missing file") << QStringLiteral("/nonexistent/flowlens/nothing.log.gz")
                                      << QStringLiteral("cannot open");
        QTest::addRow("folder") << DataDir << QStringLiteral("is a folder");
    }
    void openErrors()
    {
        QFETCH(QString, path);
        QFETCH(QString, reason);
        std::string error;
        QVERIFY(!openByteStream(path, error));
        const QString message = QString::fromStdString(error);
        QVERIFY2(message.contains(reason), error.c_str());
        QVERIFY2(message.contains(QDir::toNativeSeparators(path)), error.c_str());
    }

    // Detection is by content: a .gz that is plain passes through, a .log that is gzip is inflated.
    void detectsGzipByMagicNotName()
    {
        const QByteArray text = flowLogText(50, 5);
        const QString fakeGz = writeTemp(m_dir, QStringLiteral("plain.log.gz"), text);
        const QString realGz = writeTemp(m_dir, QStringLiteral("hidden-gzip.log"), gzipMember(text, 6));
        const QString oneByte = writeTemp(m_dir, QStringLiteral("one.gz"), QByteArray("\x1f", 1));
        for (const QString& path : { fakeGz, realGz }) {
            std::string error;
            auto stream = openByteStream(path, error);
            QVERIFY2(stream, error.c_str());
            const Drained d = drain(*stream, 1000);
            QVERIFY2(d.error.empty(), d.error.c_str());
            QVERIFY(d.bytes == text);
        }
        std::string error;
        auto stream = openByteStream(oneByte, error);
        QVERIFY2(stream, error.c_str());
        QVERIFY(drain(*stream, 10).bytes == QByteArray("\x1f", 1));
    }

    void backendChoice()
    {
        const QString path = writeTemp(m_dir, QStringLiteral("choice.gz"), gzipMember("abc\n", 6));
        std::string error;
        auto best = openByteStream(path, error, InflateBackend::Best);
        QVERIFY2(best, error.c_str());
        auto zlib = openByteStream(path, error, InflateBackend::Zlib);
        QVERIFY(dynamic_cast<GzipByteStream*>(zlib.get()) != nullptr);
#ifdef FLOWLENS_HAVE_ISAL
        QVERIFY(isalAvailable());
        QVERIFY(dynamic_cast<IsalGzipByteStream*>(best.get()) != nullptr);
        QVERIFY(openByteStream(path, error, InflateBackend::Isal));
#else
        QVERIFY(!isalAvailable());
        QVERIFY(dynamic_cast<GzipByteStream*>(best.get()) != nullptr);
        QVERIFY(!openByteStream(path, error, InflateBackend::Isal));
        QVERIFY2(error.find("no ISA-L") != std::string::npos, error.c_str());
#endif
    }

    // Every valid stream inflates, with both backends, to exactly the bytes that were compressed.
    void gzipRoundTrip_data()
    {
        QTest::addColumn<InflateBackend>("backend");
        QTest::addColumn<QByteArray>("gz");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<int>("inputBufferSize");
        QTest::addColumn<int>("capacity");

        const QByteArray small = flowLogText(40, 10);
        const QByteArray large = flowLogText(60000, 11); // ~6 MiB
        const QByteArray noise = randomBytes(700000, 12);
        QByteArray name("flows.log");
        QByteArray comment("made by tst_bytestream");
        QByteArray extra("AB\x04\x00wxyz", 8);
        gz_header header {};
        header.text = 1;
        header.time = 1680674400;
        header.os = 3;
        header.extra = reinterpret_cast<Bytef*>(extra.data());
        header.extra_len = static_cast<uInt>(extra.size());
        header.name = reinterpret_cast<Bytef*>(name.data());
        header.comment = reinterpret_cast<Bytef*>(comment.data());
        header.hcrc = 1;
        const QByteArray fullHeader = gzipMember(small, 6, &header);

        QByteArray manyMembers;
        QByteArray manyExpected;
        for (int i = 0; i < 100; ++i) {
            const QByteArray line = flowLogText(1, 100 + i).mid(i % 7);
            manyMembers += gzipMember(line, i % 10);
            manyExpected += line;
        }
        const QByteArray parts[3] = { large.left(1000000), large.mid(1000000, 7), large.mid(1000007) };
        const QByteArray threeMembers = gzipMember(parts[0], 6) + gzipMember(parts[1], 1) + gzipMember(parts[2], 9);
        const QByteArray padded = gzipMember(parts[0], 6) + QByteArray(1000, '\0') + gzipMember(parts[1], 6)
            + QByteArray(3, '\0') + gzipMember(parts[2], 6) + QByteArray(70000, '\0');

        for (const InflateBackend b : backends()) {
            const char* n = backendName(b);
            QTest::addRow("%s, empty member", n) << b << gzipMember({}, 6) << QByteArray() << 4096 << 4096;
            QTest::addRow("%s, small", n) << b << gzipMember(small, 6) << small << 256 * 1024 << (1 << 20);
            QTest::addRow("%s, small, 1-byte input", n) << b << gzipMember(small, 6) << small << 1 << 4096;
            QTest::addRow("%s, small, 1-byte reads", n) << b << gzipMember(small, 9) << small << 5 << 1;
            QTest::addRow("%s, flow logs level 6, 1 MiB reads", n)
                << b << gzipMember(large, 6) << large << 256 * 1024 << (1 << 20);
            QTest::addRow("%s, flow logs level 1, 4 MiB reads", n)
                << b << gzipMember(large, 1) << large << (1 << 20) << (4 << 20);
            QTest::addRow("%s, stored blocks", n) << b << gzipMember(noise, 0) << noise << 65536 << 100000;
            QTest::addRow("%s, incompressible level 9", n) << b << gzipMember(noise, 9) << noise << 4093 << 8191;
            QTest::addRow("%s, header with name, comment, extra, crc", n) << b << fullHeader << small << 3 << 4096;
            QTest::addRow("%s, three members", n) << b << threeMembers << large << 512 * 1024 << (1 << 20);
            QTest::addRow("%s, three members, odd buffers", n) << b << threeMembers << large << 1021 << 65521;
            QTest::addRow("%s, zero padding between and after members", n) << b << padded << large << 777 << (1 << 20);
            QTest::addRow("%s, 100 tiny members", n) << b << manyMembers << manyExpected << 2 << 9;
        }
    }
    void gzipRoundTrip()
    {
        QFETCH(InflateBackend, backend);
        QFETCH(QByteArray, gz);
        QFETCH(QByteArray, expected);
        QFETCH(int, inputBufferSize);
        QFETCH(int, capacity);
        const QString path = writeTemp(m_dir, QStringLiteral("roundtrip.gz"), gz);
        std::string error;
        auto stream = openGzip(path, backend, static_cast<std::size_t>(inputBufferSize), error);
        QVERIFY2(stream, error.c_str());
        const Drained d = drain(*stream, static_cast<std::size_t>(capacity));
        QVERIFY2(d.error.empty(), d.error.c_str());
        QVERIFY(d.sawEndFlag);
        QCOMPARE(d.bytes.size(), expected.size());
        QVERIFY(d.bytes == expected);
        QCOMPARE(stream->sourceBytesRead(), quint64(gz.size()));
        QCOMPARE(stream->sourceBytesTotal(), quint64(gz.size()));
    }

    // Damaged streams: the good bytes first, then one error that names the class and the offset.
    void gzipDamaged_data()
    {
        QTest::addColumn<InflateBackend>("backend");
        QTest::addColumn<QByteArray>("gz");
        QTest::addColumn<QByteArray>("original");
        QTest::addColumn<QString>("phrase"); // the error's class, followed by the offset
        QTest::addColumn<qint64>("offsetLow"); // the offset must lie in [offsetLow, offsetHigh]
        QTest::addColumn<qint64>("offsetHigh");
        QTest::addColumn<qint64>("minimumDelivered"); // bytes that must come before the error

        const QByteArray text = flowLogText(3000, 20);
        const QByteArray member = gzipMember(text, 6);
        const qint64 size = member.size();
        const QString cutOff = QStringLiteral("ends early: the gzip stream is cut off after ");
        const QString corrupt = QStringLiteral("is corrupt at compressed byte ");

        qsizetype flushOffset = 0;
        const qsizetype half = text.size() / 2;
        QByteArray badBlockType = gzipMember(text, 6, nullptr, half, &flushOffset);
        badBlockType[flushOffset] = static_cast<char>(badBlockType[flushOffset] | 0x06); // BTYPE 11: reserved
        const qint64 blockHeader = flushOffset;

        qsizetype storedFlush = 0;
        QByteArray badStored = gzipMember(text, 0, nullptr, half, &storedFlush);
        badStored[storedFlush + 3] = static_cast<char>(badStored[storedFlush + 3] ^ 0x01); // NLEN != ~LEN

        QByteArray badCrc = member;
        badCrc[size - 8] = static_cast<char>(badCrc[size - 8] ^ 0x20);
        QByteArray badLength = member;
        badLength[size - 1] = static_cast<char>(badLength[size - 1] ^ 0x01);

        gz_header header {};
        QByteArray name("x.log");
        header.name = reinterpret_cast<Bytef*>(name.data());
        header.hcrc = 1;
        QByteArray badHeaderCrc = gzipMember(text, 6, &header);
        const qint64 headerCrcAt = 10 + name.size() + 1; // fixed header, name and its NUL, then CRC16
        badHeaderCrc[headerCrcAt] = static_cast<char>(badHeaderCrc[headerCrcAt] ^ 0xff);

        const QByteArray trailingGarbage = member + QByteArray("\n\nnot gzip");
        const QByteArray badSecondMagic = member + QByteArray("\x1f\x00\x08\x00", 4) + QByteArray(20, 'x');
        const QByteArray secondCut = member + gzipMember("more\n", 6).left(5);

        for (const InflateBackend b : backends()) {
            const char* n = backendName(b);
            QTest::addRow("%s, truncated in header", n)
                << b << member.left(6) << text << cutOff << qint64(6) << qint64(6) << qint64(0);
            QTest::addRow("%s, truncated mid-stream", n)
                << b << member.left(size / 2) << text << cutOff << size / 2 << size / 2 << qint64(1);
            QTest::addRow("%s, truncated after 1 byte of data", n)
                << b << member.left(11) << text << cutOff << qint64(11) << qint64(11) << qint64(0);
            QTest::addRow("%s, truncated in trailer", n)
                << b << member.left(size - 3) << text << cutOff << size - 3 << size - 3 << qint64(text.size());
            QTest::addRow("%s, second member cut in its header", n)
                << b << secondCut << text << cutOff << qint64(secondCut.size()) << qint64(secondCut.size())
                << qint64(text.size());
            QTest::addRow("%s, reserved block type", n)
                << b << badBlockType << text << corrupt << blockHeader << blockHeader << qint64(half);
            QTest::addRow("%s, stored block lengths", n)
                << b << badStored << text << corrupt << qint64(storedFlush) << qint64(storedFlush + 4) << qint64(half);
            QTest::addRow("%s, CRC-32 mismatch", n)
                << b << badCrc << text << corrupt << size - 8 << size - 8 << qint64(text.size());
            QTest::addRow("%s, length mismatch", n)
                << b << badLength << text << corrupt << size - 4 << size - 4 << qint64(text.size());
            QTest::addRow("%s, header CRC mismatch", n)
                << b << badHeaderCrc << text << corrupt << qint64(0) << headerCrcAt + 1 << qint64(0);
            QTest::addRow("%s, trailing garbage", n)
                << b << trailingGarbage << text << corrupt << size << size << qint64(text.size());
            QTest::addRow("%s, bad magic in second member", n)
                << b << badSecondMagic << text << corrupt << size << size + 3 << qint64(text.size());
        }
    }
    void gzipDamaged()
    {
        QFETCH(InflateBackend, backend);
        QFETCH(QByteArray, gz);
        QFETCH(QByteArray, original);
        QFETCH(QString, phrase);
        QFETCH(qint64, offsetLow);
        QFETCH(qint64, offsetHigh);
        QFETCH(qint64, minimumDelivered);
        const QString path = writeTemp(m_dir, QStringLiteral("damaged.log.gz"), gz);
        for (const std::size_t inputBufferSize : { std::size_t { 1 }, std::size_t { 4096 }, std::size_t { 1 } << 20 }) {
            std::string error;
            auto stream = openGzip(path, backend, inputBufferSize, error);
            QVERIFY2(stream, error.c_str());
            const Drained d = drain(*stream, 65536);
            QVERIFY2(!d.error.empty(), "a damaged stream must report an error");
            QVERIFY(d.sawEndFlag);
            QVERIFY2(
                QString::fromStdString(d.error).startsWith(QString::fromStdString(displayPath(path))), d.error.c_str());
            const qint64 offset = numberAfter(d.error, phrase.toLatin1().constData());
            QVERIFY2(offset >= offsetLow && offset <= offsetHigh, d.error.c_str());
            QVERIFY2(d.bytes.size() >= minimumDelivered,
                qPrintable(
                    QStringLiteral("only %1 bytes before: ").arg(d.bytes.size()) + QString::fromStdString(d.error)));
            QVERIFY2(d.bytes == original.left(d.bytes.size()), "bytes before the error differ from the original");
            // The error is sticky.
            char c = 0;
            const ReadResult after = stream->read(&c, 1);
            QCOMPARE(after.size, std::size_t(0));
            QVERIFY(after.atEnd);
            QCOMPARE(after.error, d.error);
        }
    }

    // Both backends give the same bytes and the same error sentence class on the same damage.
    void backendsAgree()
    {
        if (!isalAvailable()) {
            QSKIP("ISA-L is not in this build");
        }
        const QByteArray text = flowLogText(2000, 30);
        QByteArray member = gzipMember(text, 6);
        for (int cut : { 3, 100, 1000, int(member.size()) - 1 }) {
            const QString path = writeTemp(m_dir, QStringLiteral("agree.gz"), member.left(cut));
            std::string e1;
            std::string e2;
            auto z = openByteStream(path, e1, InflateBackend::Zlib);
            auto i = openByteStream(path, e2, InflateBackend::Isal);
            QVERIFY(z && i);
            const Drained dz = drain(*z, 1 << 20);
            const Drained di = drain(*i, 1 << 20);
            QCOMPARE(dz.error, di.error);
            QVERIFY(dz.bytes == text.left(dz.bytes.size()));
            QVERIFY(di.bytes == text.left(di.bytes.size()));
        }
    }

    // The committed fixtures, made with the gzip command and checked with `gzip -dc` (see
    // tests/data/ingest/README.md); flows-v2.log is what `gzip -dc` gives for the good ones.
    void committedFixtures_data()
    {
        QTest::addColumn<InflateBackend>("backend");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expectedError"); // empty: none
        QTest::addColumn<qint64>("minimumDelivered");
        for (const InflateBackend b : backends()) {
            const char* n = backendName(b);
            QTest::addRow("%s, multi-member", n)
                << b << QStringLiteral("multi-member.log.gz") << QString() << qint64(10165);
            QTest::addRow("%s, concatenated with padding", n)
                << b << QStringLiteral("padded.log.gz") << QString() << qint64(10165);
            QTest::addRow("%s, truncated", n)
                << b << QStringLiteral("truncated.log.gz")
                << QStringLiteral("ends early: the gzip stream is cut off after 1317 compressed bytes") << qint64(1);
            QTest::addRow("%s, corrupt", n) << b << QStringLiteral("corrupt.log.gz")
                                            << QStringLiteral("is corrupt at compressed byte 1215: ") << qint64(5082);
            QTest::addRow("%s, CRC mismatch", n)
                << b << QStringLiteral("badcrc.log.gz")
                << QStringLiteral("is corrupt at compressed byte 2188: incorrect data check") << qint64(10165);
        }
    }
    void committedFixtures()
    {
        QFETCH(InflateBackend, backend);
        QFETCH(QString, file);
        QFETCH(QString, expectedError);
        QFETCH(qint64, minimumDelivered);
        const QByteArray original = readWholeFile(DataDir + QStringLiteral("flows-v2.log"));
        QCOMPARE(original.size(), 10165);
        std::string error;
        auto stream = openByteStream(DataDir + file, error, backend);
        QVERIFY2(stream, error.c_str());
        const Drained d = drain(*stream, 1 << 20);
        if (expectedError.isEmpty()) {
            QVERIFY2(d.error.empty(), d.error.c_str());
            QVERIFY(d.bytes == original);
        } else {
            QVERIFY2(QString::fromStdString(d.error).contains(expectedError), d.error.c_str());
            QVERIFY(d.bytes.size() >= minimumDelivered);
            QVERIFY(d.bytes == original.left(d.bytes.size()));
        }
    }

    // The peer's S3 sample: gzip of V5_FILE.log, inflated to the very same bytes.
    void conformanceGzip()
    {
        const QString dir = conformanceFilesDir() + QStringLiteral("obsrvbl-oss_flowlogs-reader/");
        if (!QFile::exists(dir)) {
            QSKIP("the conformance corpus is not beside the repository");
        }
        const QByteArray plain = readWholeFile(dir + QStringLiteral("V5_FILE.log"));
        for (const InflateBackend b : backends()) {
            std::string error;
            auto stream = openByteStream(
                dir + QStringLiteral("123456789010_vpcflowlogs_pangaea-1_fl-102010_20150812T1200Z_h45h.log.gz"), error,
                b);
            QVERIFY2(stream, error.c_str());
            const Drained d = drain(*stream, 4096);
            QVERIFY2(d.error.empty(), d.error.c_str());
            QVERIFY(d.bytes == plain);
        }
    }
};

QTEST_GUILESS_MAIN(TestByteStream)
#include "tst_bytestream.moc"
