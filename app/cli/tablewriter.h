#pragma once

#include "query/result.h"

#include <cstdio>
#include <string>

namespace flowlens::cli {

// Writes a query result as an aligned text table, CSV (RFC 4180, empty for null) or a JSON array of
// objects keyed by column name (numbers and booleans as such, null as null).
class TableWriter {
public:
    enum class Style { Table, Csv, Json };

    TableWriter(const query::Result& result, Style style, std::FILE* out);
    // Returns false when writing failed (e.g. a closed pipe or a full disk).
    bool write();

private:
    void writeTable();
    void writeCsv();
    void writeJson();
    bool flush(bool force = false);

    const query::Result& m_result;
    Style m_style;
    std::FILE* m_out;
    std::string m_buffer;
    bool m_failed = false;
};

} // namespace flowlens::cli
