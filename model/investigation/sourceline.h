#pragma once

#include <QString>
#include <cstdint>

namespace flowlens {

// Reads line `line` (1-based) of a source file, inflating .gz on the fly: the raw text behind a
// record, shown on demand. Returns a null string and sets `error` when the file cannot be read or
// is shorter.
QString readSourceLine(const QString& path, std::uint64_t line, QString& error);

} // namespace flowlens
