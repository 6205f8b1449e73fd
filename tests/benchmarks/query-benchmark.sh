#!/usr/bin/env bash
# Times the query engine against DuckDB and mawk on generated v2 flow logs (not part of ctest).
#
# usage: tests/benchmarks/query-benchmark.sh [RECORDS]        (default 3,000,000)
# The data is `flowlens-cli generate --records N --seed 1 --format v2` (mawk where the CLI has no
# generate), kept under the build tree for the next run.
#   FLOWLENS_CLI  the flowlens-cli to time (default: build/release, else build/dev)
#   REPEAT        runs per query on loaded data; the fastest and the median are reported (default 5)
#   DATA          an existing v2 flow-log file to use instead of generating one (e.g. the ingest
#                 benchmark's $TMPDIR/flowlens-bench/flowlogs-v2-10000000-seed1.log)
#
# For each query: FlowLens on records already loaded (flowlens-cli query --repeat), DuckDB on an
# in-memory table and streaming with read_csv (the query's Athena SQL through the shims of
# tests/query/duckdbflows.mjs; @duckdb/node-api is npm-installed under the build tree), and for the
# three queries of the issue, mawk and FlowLens end to end from the file (load + query).
# Timings on a shared machine are noisy: compare runs made back to back.
set -euo pipefail

records=${1:-3000000}
repeat=${REPEAT:-5}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [[ -z "${FLOWLENS_CLI:-}" ]]; then
    for build in release dev; do
        if [[ -x "$root/build/$build/app/flowlens-cli" ]]; then
            FLOWLENS_CLI="$root/build/$build/app/flowlens-cli"
            break
        fi
    done
fi
[[ -x "${FLOWLENS_CLI:-}" ]] || { echo "no flowlens-cli: build it or set FLOWLENS_CLI" >&2; exit 2; }
build_dir=$(cd "$(dirname "$FLOWLENS_CLI")/.." && pwd)
work="$build_dir/query-benchmark"
mkdir -p "$work"

if [[ -n "${DATA:-}" ]]; then
    data=$DATA
    [[ -s "$data" ]] || { echo "no data in $data" >&2; exit 2; }
elif "$FLOWLENS_CLI" generate --help > /dev/null 2>&1; then
    data="$work/flows-$records.log"
    if [[ ! -s "$data" ]]; then
        echo "generating $records records in $data with flowlens-cli generate" >&2
        "$FLOWLENS_CLI" generate --records "$records" --seed 1 --format v2 --out "$data.partial" >&2
        mv "$data.partial" "$data"
    fi
else # without the generator: data of the same shape from mawk
    data="$work/flows-$records-mawk.log"
fi
if [[ ! -s "$data" ]]; then
    echo "generating $records records in $data with mawk" >&2
    mawk -v n="$records" 'BEGIN {
        srand(7)
        print "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status"
        split("22 80 443 3389 53 8080", common, " ")
        t0 = 1714521600
        for (i = 0; i < n; i++) {
            start = t0 + int(rand() * 86400)
            if (rand() < 0.005) {
                printf "2 123456789012 eni-%05d - - - - - - - %d %d - %s\n", int(rand() * 300), start, start + 60, (rand() < 0.5 ? "NODATA" : "SKIPDATA")
                continue
            }
            r = rand()
            if (r < 0.05) src = sprintf("192.0.2.%d", int(rand() * 250))
            else if (r < 0.08) src = sprintf("2001:db8::%x", int(rand() * 4000) + 1)
            else src = sprintf("10.0.%d.%d", int(rand() * 16), int(rand() * 250))
            dst = rand() < 0.1 ? sprintf("198.51.100.%d", int(rand() * 250)) : sprintf("10.1.%d.%d", int(rand() * 4), int(rand() * 250))
            port = rand() < 0.6 ? common[int(rand() * 6) + 1] : 1024 + int(rand() * 6000)
            proto = rand() < 0.1 ? 17 : (rand() < 0.02 ? 1 : 6)
            bytes = 40 + int(rand() * rand() * 2000000)
            printf "2 123456789012 eni-%05d %s %s %d %d %d %d %d %d %d %s OK\n", int(rand() * 300), src, dst, 32768 + int(rand() * 28000), port, proto, 1 + int(bytes / 1200), bytes, start, start + int(rand() * 60), (rand() < 0.08 ? "REJECT" : "ACCEPT")
        }
    }' > "$data"
fi

issue_queries=(
    'stats sum(bytes) as bytesTransferred by srcAddr, dstAddr | sort bytesTransferred desc | limit 10'
    'filter action="REJECT" | stats count(*) as n by srcAddr'
    'stats count(*) as n by bin(5m) as t'
)
queries=(
    'filter dstPort = 22 | stats count(*) as n'
    "${issue_queries[@]}"
    'stats avg(bytes), min(bytes), max(bytes) by srcAddr, dstAddr'
    'filter protocol=17 | stats count(*) by srcAddr'
    'filter action="REJECT" | stats count(*) as numRejections by srcAddr | sort numRejections desc | limit 20'
    'stats sum(packets) as packetsTransferred by srcAddr, dstAddr | sort packetsTransferred desc | limit 15'
    'filter isIpv4InSubnet(srcAddr, "192.0.2.0/24") | stats sum(bytes) as bytesTransferred by dstAddr | sort bytesTransferred desc | limit 15'
    'filter logStatus="SKIPDATA" | stats count(*) by bin(1h) as t | sort t'
)

seconds() { # runs "$@" and prints its wall time in seconds
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > /dev/null
    t1=$(date +%s.%N)
    printf '%.3f' "$(echo "$t1 - $t0" | bc -l)"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(wc -l < "$data") lines, $(du -h "$data" | cut -f1)" >&2
qargs=()
for q in "${queries[@]}"; do qargs+=(-q "$q"); done
"$FLOWLENS_CLI" query --repeat "$repeat" "${qargs[@]}" "$data" > "$work/flowlens.jsonl"
node "$root/tests/benchmarks/query-duckdb.mjs" "$FLOWLENS_CLI" "$build_dir/duckdb-cache" "$data" "$repeat" "${queries[@]}" > "$work/duckdb.jsonl"

: > "$work/endtoend.jsonl"
mawk_programs=(
    'NR > 1 && $10 != "-" { s[$4 " " $5] += $10 } END { for (k in s) print s[k], k }'
    'NR > 1 && $13 == "REJECT" { c[$4]++ } END { for (k in c) print k, c[k] }'
    'NR > 1 { c[int($11 / 300)]++ } END { for (k in c) print k * 300, c[k] }'
)
for i in 0 1 2; do
    q=${issue_queries[$i]}
    fl=$(seconds "$FLOWLENS_CLI" query --output csv "$q" "$data")
    if [[ $i == 0 ]]; then
        mk=$(seconds bash -c "mawk '${mawk_programs[$i]}' '$data' | sort -rn | head -10")
    else
        mk=$(seconds mawk "${mawk_programs[$i]}" "$data")
    fi
    printf '{"query": %s, "flowlens_s": %s, "mawk_s": %s}\n' "$(node -e 'console.log(JSON.stringify(process.argv[1]))' "$q")" "$fl" "$mk" >> "$work/endtoend.jsonl"
done

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
fl = [json.loads(l) for l in open(f"{work}/flowlens.jsonl")]
dk = [json.loads(l) for l in open(f"{work}/duckdb.jsonl")]
e2e = {r["query"]: r for r in map(json.loads, open(f"{work}/endtoend.jsonl"))}
head, fl = fl[0], fl[1:]
print(f"records {head['records']:,}; FlowLens load {head['load_seconds']:.2f} s; DuckDB CREATE TABLE {dk[0]['load_seconds']:.2f} s")
print(f"{'query':60} {'FlowLens min/median ms':>22} {'CPU ms':>7} {'DuckDB table min/median':>23} {'ratio':>6} {'read_csv ms':>11}")
for f, d in zip(fl, dk[1:]):
    assert f["query"] == d["query"]
    if f["rows"] != d["table"]["rows"]:
        print(f"  ! rows differ: FlowLens {f['rows']}, DuckDB {d['table']['rows']}")
    q = f["query"] if len(f["query"]) <= 60 else f["query"][:57] + "..."
    ratio = d["table"]["min_ms"] / f["min_ms"] if f["min_ms"] > 0 else float("inf")
    fls = f"{f['min_ms']:.1f} / {f['median_ms']:.1f}"
    dks = f"{d['table']['min_ms']:.1f} / {d['table']['median_ms']:.1f}"
    print(f"{q:60} {fls:>22} {f.get('cpu_min_ms', float('nan')):7.1f} {dks:>23} {ratio:5.1f}x {d['read_csv_ms']:11.0f}")
print()
print(f"{'end to end from the file':60} {'FlowLens s':>11} {'DuckDB csv s':>12} {'ratio':>6} {'mawk s':>15}")
for q, r in e2e.items():
    d = next(x for x in dk[1:] if x["query"] == q)
    ratio = d["read_csv_ms"] / 1000 / r["flowlens_s"]
    short = q if len(q) <= 60 else q[:57] + "..."
    print(f"{short:60} {r['flowlens_s']:11.2f} {d['read_csv_ms'] / 1000:12.2f} {ratio:5.1f}x {r['mawk_s']:15.2f}")
print("\nFlowLens and DuckDB table figures: fastest and median of the runs on loaded data; CPU ms: FlowLens's")
print("process CPU time (every thread) in its fastest run; ratio = DuckDB / FlowLens (fastest runs).")
PY
echo "machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
