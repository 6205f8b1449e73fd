#include "flowlogfilewriter.h"

#include <QDir>
#include <QFileInfo>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>
#include <zlib.h>

namespace flowlens {

namespace {

constexpr std::size_t WindowSize = 32 * 1024;

// The gzip member header: deflate, no flags, no time, no extra flags, OS Unix.
constexpr unsigned char kGzipHeader[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
// An empty final block with fixed Huffman codes: BFINAL=1, BTYPE=01, end-of-block.
constexpr unsigned char kFinalBlock[2] = { 0x03, 0x00 };

using DeflatedChunk = FlowLogFileWriter::DeflatedChunk;

DeflatedChunk deflateChunk(const std::string& text, const std::string& dictionary, int level)
{
    DeflatedChunk chunk;
    chunk.size = text.size();
    chunk.crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size())));
    z_stream z {};
    // Raw deflate (negative window bits): the gzip framing is written once for the whole file.
    if (deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        return chunk;
    }
    if (!dictionary.empty()) {
        deflateSetDictionary(
            &z, reinterpret_cast<const Bytef*>(dictionary.data()), static_cast<uInt>(dictionary.size()));
    }
    chunk.bytes.resize(deflateBound(&z, static_cast<uLong>(text.size())) + 64);
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(chunk.bytes.data());
    z.avail_out = static_cast<uInt>(chunk.bytes.size());
    // A sync flush ends the piece on a byte boundary without ending the stream, so the next
    // piece can follow it directly.
    const int status = deflate(&z, Z_SYNC_FLUSH);
    chunk.ok = status == Z_OK && z.avail_in == 0 && z.avail_out > 0;
    chunk.bytes.resize(chunk.bytes.size() - z.avail_out);
    deflateEnd(&z);
    return chunk;
}

void appendLittleEndian(std::vector<char>& out, std::uint32_t value)
{
    for (int i = 0; i < 4; ++i) {
        out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
    }
}

} // namespace

FlowLogFileWriter::FlowLogFileWriter()
{
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
}

FlowLogFileWriter::~FlowLogFileWriter()
{
    for (QFuture<DeflatedChunk>& future : m_inFlight) {
        future.waitForFinished();
    }
}

bool FlowLogFileWriter::open(const QString& path, int gzipLevel)
{
    m_error.clear();
    m_bytesWritten = 0;
    m_gzipLevel = gzipLevel;
    m_inFlight.clear();
    m_dictionary.clear();
    m_crc = 0;
    m_textSize = 0;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return fail(QStringLiteral("cannot create the folder %1").arg(QDir::toNativeSeparators(info.absolutePath())));
    }
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Unbuffered)) {
        return fail(QStringLiteral("cannot write %1: %2").arg(QDir::toNativeSeparators(path), m_file.errorString()));
    }
    if (m_gzipLevel > 0) {
        return writeToFile(reinterpret_cast<const char*>(kGzipHeader), sizeof kGzipHeader);
    }
    return true;
}

bool FlowLogFileWriter::write(std::string_view data)
{
    if (m_gzipLevel <= 0) {
        return writeToFile(data.data(), data.size());
    }
    if (data.empty()) {
        return true;
    }
    const std::string dictionary = m_dictionary;
    m_dictionary.assign(data.size() >= WindowSize ? data.substr(data.size() - WindowSize) : data);
    if (data.size() < WindowSize) {
        m_dictionary.insert(
            0, dictionary.substr(dictionary.size() - std::min(dictionary.size(), WindowSize - data.size())));
    }
    m_inFlight.push_back(QtConcurrent::run(&m_pool, deflateChunk, std::string(data), dictionary, m_gzipLevel));
    // Enough pieces in flight to keep every core busy, few enough to bound the memory.
    const auto limit = static_cast<std::size_t>(2 * m_pool.maxThreadCount() + 1);
    while (m_inFlight.size() > limit) {
        if (!writeOldestChunk()) {
            return false;
        }
    }
    return true;
}

bool FlowLogFileWriter::writeOldestChunk()
{
    const DeflatedChunk chunk = m_inFlight.front().result();
    m_inFlight.pop_front();
    if (!chunk.ok) {
        return fail(QStringLiteral("gzip compression failed for %1").arg(QDir::toNativeSeparators(m_file.fileName())));
    }
    m_crc = static_cast<std::uint32_t>(crc32_combine(m_crc, chunk.crc, static_cast<z_off_t>(chunk.size)));
    m_textSize += chunk.size;
    return writeToFile(chunk.bytes.data(), chunk.bytes.size());
}

bool FlowLogFileWriter::finish()
{
    bool ok = m_error.isEmpty();
    if (m_gzipLevel > 0) {
        while (!m_inFlight.empty()) {
            if (ok) {
                ok = writeOldestChunk();
            } else {
                m_inFlight.front().waitForFinished();
                m_inFlight.pop_front();
            }
        }
        if (ok) {
            std::vector<char> tail(std::begin(kFinalBlock), std::end(kFinalBlock));
            appendLittleEndian(tail, m_crc);
            appendLittleEndian(tail, static_cast<std::uint32_t>(m_textSize)); // ISIZE is the size mod 2^32
            ok = writeToFile(tail.data(), tail.size());
        }
    }
    if (m_file.isOpen()) {
        m_file.close();
    }
    return ok;
}

bool FlowLogFileWriter::writeToFile(const char* data, std::size_t size)
{
    while (size > 0) {
        const qint64 written = m_file.write(data, static_cast<qint64>(size));
        if (written <= 0) {
            return fail(QStringLiteral("cannot write %1: %2")
                            .arg(QDir::toNativeSeparators(m_file.fileName()), m_file.errorString()));
        }
        data += written;
        size -= static_cast<std::size_t>(written);
        m_bytesWritten += static_cast<std::uint64_t>(written);
    }
    return true;
}

bool FlowLogFileWriter::fail(const QString& reason)
{
    if (m_error.isEmpty()) {
        m_error = reason;
    }
    return false;
}

} // namespace flowlens
