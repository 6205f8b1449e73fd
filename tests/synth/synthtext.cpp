#include "synthtext.h"

#include <QFile>
#include <QProcess>
#include <string_view>
#include <zlib.h>

namespace synthtest {

FlowText splitText(const QByteArray& bytes)
{
    FlowText text;
    const std::string_view all(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    text.endsWithNewline = all.empty() || all.back() == '\n';
    std::size_t lineStart = 0;
    while (lineStart < all.size()) {
        std::size_t lineEnd = all.find('\n', lineStart);
        if (lineEnd == std::string_view::npos) {
            lineEnd = all.size();
        }
        const std::string_view line = all.substr(lineStart, lineEnd - lineStart);
        lineStart = lineEnd + 1;
        if (line.substr(0, 8) == "version ") {
            text.headers.emplace_back(line.data(), static_cast<qsizetype>(line.size()));
            continue;
        }
        Record fields;
        std::size_t fieldStart = 0;
        for (;;) {
            const std::size_t space = line.find(' ', fieldStart);
            fields.emplace_back(line.substr(fieldStart, space == std::string_view::npos ? space : space - fieldStart));
            if (space == std::string_view::npos) {
                break;
            }
            fieldStart = space + 1;
        }
        text.records.push_back(std::move(fields));
    }
    return text;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray gunzip(const QByteArray& data, bool& ok)
{
    QByteArray out;
    z_stream z {};
    ok = inflateInit2(&z, 15 + 16) == Z_OK;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.constData()));
    z.avail_in = static_cast<uInt>(data.size());
    std::vector<char> buffer(1 << 16);
    while (ok) {
        z.next_out = reinterpret_cast<Bytef*>(buffer.data());
        z.avail_out = static_cast<uInt>(buffer.size());
        const int status = inflate(&z, Z_NO_FLUSH);
        out.append(buffer.data(), static_cast<qsizetype>(buffer.size() - z.avail_out));
        if (status == Z_STREAM_END) {
            if (z.avail_in == 0) {
                break;
            }
            inflateReset(&z);
        } else if (status != Z_OK) {
            ok = false;
        }
    }
    inflateEnd(&z);
    return out;
}

bool isInside(const std::string& address)
{
    return address.rfind("10.", 0) == 0 || address.rfind("2600:1f18:", 0) == 0;
}

bool isV6(const std::string& address)
{
    return address.find(':') != std::string::npos;
}

std::uint64_t number(const std::string& field)
{
    return std::stoull(field);
}

CliRun runCli(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral(FLOWLENS_CLI), args);
    CliRun run;
    if (!process.waitForFinished(180'000)) {
        process.kill();
        process.waitForFinished();
        run.err = "timed out";
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

CliRun runGenerate(const QStringList& args)
{
    return runCli(QStringList { QStringLiteral("generate") } + args);
}

QByteArray readText(const QString& path, bool& ok)
{
    QFile file(path);
    ok = file.open(QIODevice::ReadOnly);
    const QByteArray bytes = ok ? file.readAll() : QByteArray();
    return ok && bytes.startsWith("\x1f\x8b") ? gunzip(bytes, ok) : bytes;
}

} // namespace synthtest
