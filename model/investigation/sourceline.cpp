#include "sourceline.h"

#include "ingest/bytestream.h"

#include <string>
#include <vector>

namespace flowlens {

QString readSourceLine(const QString& path, std::uint64_t line, QString& error)
{
    std::string openError;
    auto stream = openByteStream(path, openError);
    if (!stream) {
        error = QString::fromStdString(openError);
        return {};
    }
    if (line == 0) {
        error = QStringLiteral("%1: there is no line 0").arg(path);
        return {};
    }
    constexpr std::size_t kMaxLine = 1 << 20;
    std::vector<char> buffer(1 << 16);
    std::uint64_t current = 1;
    std::string text;
    for (;;) {
        const ReadResult r = stream->read(buffer.data(), buffer.size());
        for (std::size_t i = 0; i < r.size; ++i) {
            const char c = buffer[i];
            if (current == line) {
                if (c == '\n') {
                    if (!text.empty() && text.back() == '\r') {
                        text.pop_back();
                    }
                    return QString::fromUtf8(text);
                }
                if (text.size() < kMaxLine) {
                    text.push_back(c);
                }
            } else if (c == '\n') {
                ++current;
            }
        }
        if (!r.error.empty()) {
            error = QString::fromStdString(r.error);
            return {};
        }
        if (r.atEnd) {
            break;
        }
    }
    if (current == line && !text.empty()) {
        return QString::fromUtf8(text); // the last line, without a newline
    }
    error = QStringLiteral("%1 has only %2 lines, not %3").arg(path).arg(current).arg(line);
    return {};
}

} // namespace flowlens
