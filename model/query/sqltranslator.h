#pragma once

#include "query.h"
#include "queryerror.h"

#include <QString>
#include <optional>
#include <span>

namespace flowlens::query {

struct AthenaOptions {
    QString table = QStringLiteral("vpc_flow_logs");
};

// The SQL for a query, or why there is none (a position in the query and a reason).
struct SqlResult {
    QString sql;
    std::optional<QueryError> error;
    bool ok() const { return !error; }
};

// Prints a checked query as Athena (engine 3, Trino) SQL over the table AWS documents in
// "Querying Amazon VPC flow logs": version, account_id, interface_id, srcaddr, dstaddr, srcport,
// dstport, protocol, packets, bytes, start, "end", action, log_status, vpc_id … traffic_path
// (v2–v5), partitioned by `date`. Fields beyond v5 map to the same snake_case names and need
// matching columns in a custom table.
//
// Commands map to one SELECT while SQL's clause order allows it and nest as subqueries when it
// does not (a filter or sort after limit, dedup): filter -> WHERE (HAVING after stats), stats ->
// GROUP BY with keys then aggregates in the select list, sort -> ORDER BY, limit -> LIMIT,
// fields/display -> the select list (a `fields` name used later is written out in full), dedup ->
// row_number() over the dedup keys in the current sort order (start DESC when unsorted), keeping
// rows whose keys are NULL, as Insights does. count_distinct is approx_distinct (Insights calls
// its own an approximation for many values); pct is approx_percentile; earliest/latest are
// min_by/max_by over start.
class SqlTranslator {
public:
    static SqlResult translate(const Query& query, const AthenaOptions& options = {});

    // The CREATE EXTERNAL TABLE statement for `fields` (AWS's v2–v5 default set when empty),
    // space-delimited text as flow logs are delivered to S3, partitioned by `date`.
    static QString createTable(
        const QString& location, const AthenaOptions& options = {}, std::span<const FieldId> fields = {});
    // The v2–v5 columns of AWS's documented table, in order.
    static std::span<const FieldId> documentedFields();
};

} // namespace flowlens::query
