#!/usr/bin/env bash
# Ingest benchmark (not run by ctest): FlowLens loading 10M v2 flow-log records, plain and gzip,
# next to DuckDB loading the same file into memory and mawk summing its bytes column. Prints the
# figures, the ratios and the targets of issue 2. See README.md beside this file.
#
# usage: tests/benchmarks/ingest-benchmark.sh [--build-dir DIR] [--data-dir DIR] [--records N] [--fresh]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bench_name=ingest-benchmark
bench_help=2,6p
duckdb_package=${DUCKDB_NODE_API:-@duckdb/node-api@1.5.6-r.1}
# shellcheck source=bench-common.sh source-path=SCRIPTDIR
. "$here/bench-common.sh"
bench_parse_args "$@"
bench_find_build app/flowlens-cli
cli=$build_dir/app/flowlens-cli

command -v node >/dev/null || bench_die "node is needed for DuckDB (apt-get install nodejs npm)"
if ! command -v mawk >/dev/null; then
    echo "installing mawk ..." >&2
    apt-get install -y mawk >/dev/null || bench_die "mawk is missing and could not be installed (apt-get install mawk)"
fi

# DuckDB's Node API, installed once into the build tree.
node_dir=$build_dir/benchmark-node
if [ ! -d "$node_dir/node_modules/@duckdb/node-api" ]; then
    echo "installing $duckdb_package into $node_dir ..." >&2
    mkdir -p "$node_dir"
    [ -f "$node_dir/package.json" ] || echo '{ "name": "flowlens-benchmark", "private": true }' >"$node_dir/package.json"
    (cd "$node_dir" && npm install --no-audit --no-fund --loglevel=error "$duckdb_package" >&2) ||
        bench_die "npm install $duckdb_package failed"
fi

# The data: generated once and reused (--fresh makes it again).
plain=$data_dir/flowlogs-v2-$records-seed1.log
gz=$plain.gz
bench_generate "$plain"
bench_generate "$gz" --gzip

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", b - a}'; }

# Everyone reads from the page cache: warm it once for the plain file.
cat "$plain" >/dev/null

echo "mawk ..." >&2
start=$(now)
mawk_sum=$(mawk '{s+=$10} END {printf "%.0f\n", s}' "$plain")
end=$(now)
printf '{"seconds": %s, "bytes_total": "%s", "rows": %s}\n' "$(elapsed "$start" "$end")" "$mawk_sum" "$records" \
    >"$results/mawk.json"

echo "FlowLens, plain ..." >&2
start=$(now)
"$cli" summary --output json "$plain" >"$results/flowlens-plain.json"
end=$(now)
elapsed "$start" "$end" >"$results/flowlens-plain.wall"

echo "FlowLens, gzip ..." >&2
start=$(now)
"$cli" summary --output json "$gz" >"$results/flowlens-gz.json"
end=$(now)
elapsed "$start" "$end" >"$results/flowlens-gz.wall"

echo "DuckDB ..." >&2
FLOWLENS_BENCH_NODE_DIR=$node_dir node "$here/duckdb-load.mjs" "$plain" >"$results/duckdb.json"

node "$here/benchmark-report.mjs" "$results" "$records" "$plain" "$gz" "$build_dir" "${build_type:-unknown}"
