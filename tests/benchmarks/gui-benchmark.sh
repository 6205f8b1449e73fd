#!/usr/bin/env bash
# GUI benchmark (not run by ctest): opens N flow-log records (default 10M) in the real FlowLens
# window, offscreen, and reports time to first rows, load time, the longest GUI-thread stall while
# loading, a filter change reaching table + chart + panes, a sort by bytes, and peak memory, next
# to the targets of issue 4. See README.md beside this file.
#
# usage: tests/benchmarks/gui-benchmark.sh [--build-dir DIR] [--data-dir DIR] [--records N] [--fresh]
#                                          [--screenshot FILE]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
bench_name=gui-benchmark
bench_help=2,8p
screenshot=
# shellcheck source=bench-common.sh source-path=SCRIPTDIR
. "$here/bench-common.sh"
bench_option() {
    case $1 in
    --screenshot) screenshot=${2:?--screenshot takes a file}; bench_taken=2 ;;
    esac
}
bench_parse_args "$@"
bench_find_build app/flowlens-cli tests/benchmarks/flowlens-gui-benchmark
driver=$build_dir/tests/benchmarks/flowlens-gui-benchmark

# The same file the ingest benchmark uses, generated once and reused.
data=$data_dir/flowlogs-v2-$records-seed1.log
bench_generate "$data"
cat "$data" >/dev/null # into the page cache: the load measures FlowLens, not the disk

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
json=$(QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$driver" ${screenshot:+--screenshot "$screenshot"} "$data")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "$json"

# A table of the figures against the targets.
get() { echo "$json" | sed -n "s/.*\"$1\":\([-0-9.e+]*\).*/\1/p"; }
verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t ? "met" : "NOT MET") }'; }
row() { printf '%-42s %11s %11s %8s  %s\n' "$1" "$2" "$3" "$4" "$5"; }
echo
echo "FlowLens window, $(get records) records ($build_type build, $(nproc) cores)"
echo "load average before: $load_before, after: $load_after"
echo "(wall: elapsed time; GUI CPU: the GUI thread's own CPU time, which other load on the machine does not inflate)"
row "figure (ms)" "wall" "GUI CPU" "target" ""
row "time to first rows shown" "$(get first_rows_ms)" "" "" ""
row "load, all records read" "$(get load_ms)" "" "" ""
row "load, panes show the full result" "$(get load_ready_ms)" "$(get load_gui_cpu_ms)" "" ""
row "load, findings shown too" "$(get load_findings_ms)" "" "" ""
row "  longest GUI stall during load" "$(get load_max_stall_ms)" "$(get load_max_stall_cpu_ms)" "50" "$(verdict "$(get load_max_stall_ms)" 50)"
row "filter REJECT only -> all panes" "$(get filter_reject_ms)" "$(get filter_reject_gui_cpu_ms)" "250" "$(verdict "$(get filter_reject_ms)" 250)"
row "  findings shown too" "$(get filter_reject_findings_ms)" "" "" ""
row "  longest stall meanwhile" "$(get filter_reject_max_stall_ms)" "$(get filter_reject_max_stall_cpu_ms)" "" ""
row "filter back to all -> all panes" "$(get filter_all_ms)" "$(get filter_all_gui_cpu_ms)" "250" "$(verdict "$(get filter_all_ms)" 250)"
row "  findings shown too" "$(get filter_all_findings_ms)" "" "" ""
row "  longest stall meanwhile" "$(get filter_all_max_stall_ms)" "$(get filter_all_max_stall_cpu_ms)" "" ""
row "sort by bytes" "$(get sort_ms)" "$(get sort_gui_cpu_ms)" "1500" "$(verdict "$(get sort_ms)" 1500)"
row "  longest stall meanwhile" "$(get sort_max_stall_ms)" "$(get sort_max_stall_cpu_ms)" "50" "$(verdict "$(get sort_max_stall_ms)" 50)"
printf '%-42s %11s\n' "peak RSS (MB)" "$(get peak_rss_mb)"
